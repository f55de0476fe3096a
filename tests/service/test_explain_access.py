"""An explanation passes need-to-know: evidence on fields the analyst may not read in both records is
withheld with the reason, a record they may not learn exists is refused as if it did not, and what
was shown or refused is in the audit trail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crossroads.access import audit
from crossroads.access.model import NotAllowedError
from crossroads.access.policy import PurposeError
from crossroads.errors import NotFoundError
from crossroads.service.explain import COMPARISON_FIELDS, explain_for
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store import audit_rows
from crossroads.store.store import Store
from identity_factory import agency, register, steward
from records_factory import write_jsonl


def rec(rid: str, source: str, classification: str, caveats: list[str], **props: Any) -> dict[str, Any]:
    properties = {k: [v] for k, v in props.items()}
    return {"id": rid, "source": source, "properties": properties, "classification": classification,
            "caveats": caveats}  # fmt: skip


def resolved_for_analysts(store: Store, rows: Path) -> None:
    """The rows ingested and resolved, their two agencies registered, and two threat-assessment
    analysts: low.cleared (confidential) and high.cleared (secret)."""
    ingest_file(store, rows, user=steward(store))
    resolve_store(store, steward(store))
    agency(store, "police.federal", "federal-police")
    agency(store, "intel.civil", "civil-intelligence")
    register(
        store, "low.cleared", "analyst", agency="ocam", kind="threat-assessment", clearance="confidential"
    )
    register(store, "high.cleared", "analyst", agency="ocam", kind="threat-assessment", clearance="secret")


@pytest.fixture
def stored(store: Store, tmp_path: Path) -> Store:
    person = {
        "name": "EL AMRANI Youssef",
        "birthDate": "1991-04-12",
        "gender": "male",
        "birthPlace": "Anderlecht",
    }
    rows = [
        rec("a", "police.federal", "restricted", [], **person),
        rec("b", "intel.civil", "secret", ["NOFORN"], **person),
        rec("c", "police.unregistered", "restricted", [], **person),
    ]
    resolved_for_analysts(store, write_jsonl(tmp_path / "x.jsonl", rows))
    register(store, "partner", "analyst", agency="partner.fr", kind="foreign-partner", country="FR")
    register(store, "watcher", "oversight", agency="committee.i", kind="oversight-body")
    return store


def explain_entries(store: Store) -> list[audit.Entry]:
    with store.transaction() as conn:
        return [e for e in (audit.Entry(*r) for r in audit_rows.entries(conn)) if e.action == "explain"]


def test_evidence_on_fields_above_the_clearance_is_withheld_with_the_reason(stored: Store) -> None:
    shown = explain_for(stored, "low.cleared", "investigation", "police.federal/a", "intel.civil/b")
    # Which agencies hold the two records is in the references asked about: that evidence draws on
    # no field and is shown; everything drawn from the secret record's fields is withheld.
    assert set(shown.withheld) == set(COMPARISON_FIELDS) - {"source"}
    assert all(
        "intel.civil/b: cleared confidential, the record is secret" in why for why in shown.withheld.values()
    )
    drawn_on_fields = [e for e in shown.explanation.evidence if e.comparison != "source"]
    assert all(e.level is None and e.weight == 0 for e in drawn_on_fields)
    assert "Youssef" not in shown.explanation.names and "withheld" in shown.explanation.names
    full = explain_for(stored, "high.cleared", "threat-assessment", "police.federal/a", "intel.civil/b")
    assert not full.withheld and "Youssef" in full.explanation.names
    assert any(e.says == "same full birth date" for e in full.explanation.evidence)
    entries = explain_entries(stored)
    assert [(e.actor, e.purpose) for e in entries] == [
        ("low.cleared", "investigation"),
        ("high.cleared", "threat-assessment"),
    ]
    assert '"shown":["source"]' in entries[0].detail and '"withheld":[]' in entries[1].detail


def test_a_record_the_reader_may_not_know_of_is_refused_as_if_absent(stored: Store) -> None:
    # NOFORN: a foreign partner learns nothing of it, not even that it exists.
    with pytest.raises(NotFoundError, match=r"no record 'b' from source 'intel\.civil'"):
        explain_for(stored, "partner", "investigation", "police.federal/a", "intel.civil/b")
    # An agency nobody registered: fail closed.
    with pytest.raises(NotFoundError, match="no record 'c'"):
        explain_for(stored, "high.cleared", "investigation", "police.federal/a", "police.unregistered/c")
    refused = explain_entries(stored)
    assert [e.actor for e in refused] == ["partner", "high.cleared"]
    assert '"refused":["intel.civil/b"]' in refused[0].detail


def test_explaining_needs_an_analyst_and_a_known_purpose(stored: Store) -> None:
    with pytest.raises(NotAllowedError, match="analyst role"):
        explain_for(stored, "watcher", "investigation", "police.federal/a", "intel.civil/b")
    with pytest.raises(PurposeError, match="purpose 'curiosity'"):
        explain_for(stored, "high.cleared", "curiosity", "police.federal/a", "intel.civil/b")
    assert not explain_entries(stored)


def test_the_civil_names_beside_a_shared_nom_de_guerre_are_withheld_as_the_names_are(
    store: Store, tmp_path: Path
) -> None:
    """Two men sharing a nom de guerre: the explanation names their civil names, which differ, only
    to an analyst who may read the names of both records."""
    rows = [
        rec("d", "police.federal", "restricted", [], name="ARSLAN Hakan", alias="Abu Zubair al-Faransi",
            birthDate="1992", gender="male"),
        rec("e", "intel.civil", "secret", ["NOFORN"], name="BENABDALLAH, Yousef Adil",
            alias="Abou Zoubeir al-Faransi", birthDate="1992", gender="male"),
    ]  # fmt: skip
    resolved_for_analysts(store, write_jsonl(tmp_path / "noms.jsonl", rows))
    full = explain_for(store, "high.cleared", "threat-assessment", "police.federal/d", "intel.civil/e")
    assert "BENABDALLAH" in full.explanation.civil_names and "ARSLAN" in full.explanation.civil_names
    shown = explain_for(store, "low.cleared", "investigation", "police.federal/d", "intel.civil/e")
    assert "name" in shown.withheld
    for text in (shown.explanation.civil_names, shown.explanation.names, *shown.explanation.lines()):
        assert "BENABDALLAH" not in text and "Zoubeir" not in text
    assert "withheld" in shown.explanation.civil_names
