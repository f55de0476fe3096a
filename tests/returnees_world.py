"""Two persons known to the threat-assessment centre, one who left and came back and one still in
the conflict zone, resolved and with their cases seeded: the small world the statistics tests of
the CLI, the API and the web pages share."""

from __future__ import annotations

from pathlib import Path

from crossroads.service import case_seeding
from crossroads.service.ingest import ingest_file
from crossroads.service.link import resolve_store
from crossroads.store.store import Store
from identity_factory import agency, register, steward
from records_factory import write_jsonl


def two_returnees(store: Store, folder: Path) -> None:
    """The two persons' records ingested and resolved, analyst ``fusion`` registered, cases seeded."""
    agency(store, "ocam", "threat-assessment")
    rows = [
        {"id": f"o{n}", "source": "ocam", "properties": {
            "name": [name], "birthDate": [f"19{80 + n}-01-0{n}"], "status": ["x"], "notes": [notes],
            "address": [f"Rue {n}, 1080 Molenbeek-Saint-Jean"]}}
        for n, (name, notes) in enumerate([
            ("EL AMRANI Youssef", "En transit 2015-03-10; Revenu 2016-05-04"),
            ("BENALI Hamza", "En transit 2015-03-12; En zone de conflit (Syrie) 2015-04-01"),
        ], start=1)
    ]  # fmt: skip
    ingest_file(store, write_jsonl(folder / "a.jsonl", rows), user=steward(store))
    resolve_store(store, steward(store))
    register(store, "fusion", "analyst", agency="ocam", kind="threat-assessment")
    case_seeding.seed(store, "fusion")
