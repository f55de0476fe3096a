"""An agency's own CSV export through its mapping file, on both stores, and a CSV row's replay."""

from __future__ import annotations

from pathlib import Path

import orjson

from crossroads.service import quarantine as steward
from crossroads.service.ingest import ingest_file
from crossroads.store import record_rows
from crossroads.store.store import Store
from identity_factory import STEWARD
from identity_factory import steward as data_steward

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
MAPPING = EXAMPLES / "mappings" / "politie-nl.toml"
HEADER = (
    "dossiernummer,naam,voornaam,geboortedatum,geboorteplaats,nationaliteit,tweede_nationaliteit,"
    "geslacht,bijnaam,telefoon,straat,gemeente\n"
)


def test_shipped_examples_ingest_cleanly_and_idempotently(store: Store) -> None:
    for name in ("police-fr", "politie-nl"):
        csv_file = EXAMPLES / "csv" / f"{name}.csv"
        mapping = EXAMPLES / "mappings" / f"{name}.toml"
        first = ingest_file(store, csv_file, user=data_steward(store), mapping=mapping)
        second = ingest_file(store, csv_file, user=data_steward(store), mapping=mapping)
        assert first.counts.inserted > 0
        assert first.counts.quarantined == second.counts.quarantined
        assert (second.counts.inserted, second.counts.updated) == (0, 0)


def test_bad_csv_row_is_quarantined_then_replayed_with_a_fix(store: Store, tmp_path: Path) -> None:
    export = tmp_path / "zone.csv"
    export.write_text(
        HEADER
        + "PZN-1,Vermeulen,Jonas,07-09-1994,Mechelen,BE,,M,,,Stationsstraat 5,2800 Mechelen\n"
        + "PZN-2,Tahiri,Ilias,31-02-1990,Vilvoorde,BE,MA,M,,,Molenstraat 17,1800 Vilvoorde\n",
        encoding="utf-8",
    )
    report = ingest_file(store, export, user=data_steward(store), mapping=MAPPING)
    assert (report.counts.inserted, report.counts.quarantined) == (1, 1)
    [entry] = steward.list_entries(store, STEWARD)
    assert (entry.line, entry.field, entry.format) == (3, "column geboortedatum", "csv")
    cells = orjson.loads(entry.raw)
    assert cells["geboortedatum"] == "31-02-1990"

    cells["geboortedatum"] = "28-02-1990"
    [outcome] = steward.retry(store, STEWARD, [entry.id], {entry.id: orjson.dumps(cells).decode()})
    assert outcome.accepted, outcome.problems
    with store.transaction() as conn:
        stored = record_rows.get(conn, "police.zone.noord-demo", "PZN-2")
    assert stored.record.properties["birthDate"] == ["1990-02-28"]
    assert stored.record.caveats == ["ORCON"]
    assert steward.list_entries(store, STEWARD) == []
