"""Ingest on both stores: good rows stored, bad rows quarantined, idempotent, --full withdrawal."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
import sqlalchemy as sa

from crossroads.errors import InputFileError
from crossroads.service import quarantine as steward
from crossroads.service.ingest import ingest_file
from crossroads.service.status import status
from crossroads.store import quarantine_rows, record_rows
from crossroads.store.schema import quarantine, record_versions, records
from crossroads.store.store import Store
from identity_factory import STEWARD
from identity_factory import steward as data_steward
from records_factory import person, write_jsonl

SOURCE = "police.zone.brussels-west"


def _snapshot(store: Store) -> tuple[list[tuple[object, ...]], ...]:
    """Everything ingest may change, to compare before and after a replay."""
    with store.transaction() as conn:
        return tuple(
            [tuple(r) for r in conn.execute(sa.select(*cols).order_by(*cols[:2]))]
            for cols in (
                [
                    records.c.source,
                    records.c.source_id,
                    records.c.content_hash,
                    records.c.version,
                    records.c.status,
                    records.c.updated_at,
                ],
                [record_versions.c.record_pk, record_versions.c.version],
                [quarantine.c.raw_sha256, quarantine.c.line, quarantine.c.status],
            )
        )


def test_bad_rows_never_stop_good_ones(store: Store, tmp_path: Path) -> None:
    rows: list[object] = [person(n) for n in range(20)]
    rows.insert(5, b'{"id": "broken", "properties": ')
    rows.insert(9, person(99, properties={"name": ["X Y"], "birthDate": ["2999-01-01"]}))
    path = write_jsonl(tmp_path / "mixed.jsonl", rows)
    report = ingest_file(store, path, user=data_steward(store), source=SOURCE, chunk=4)
    assert report.counts.inserted == 20
    assert report.counts.quarantined == 2
    assert report.problems_by_code == {"malformed_json": 1, "future_date": 1}
    with store.transaction() as conn:
        entries = quarantine_rows.list_entries(conn)
    assert [(e.line, e.code, e.field) for e in entries] == [
        (6, "malformed_json", "(row)"),
        (10, "future_date", "properties.birthDate[0]"),
    ]
    assert entries[1].record_id == "rec-000099"
    assert entries[0].raw == '{"id": "broken", "properties": '


def test_same_file_twice_changes_nothing(store: Store, tmp_path: Path) -> None:
    rows: list[object] = [person(n) for n in range(30)] + [b"garbage", person(1)]
    path = write_jsonl(tmp_path / "export.jsonl", rows)
    first = ingest_file(store, path, user=data_steward(store), source=SOURCE, chunk=7)
    before = _snapshot(store)
    second = ingest_file(store, path, user=data_steward(store), source=SOURCE, chunk=7)
    assert _snapshot(store) == before
    assert (first.counts.inserted, first.counts.quarantined) == (30, 2)
    assert (second.counts.inserted, second.counts.updated, second.counts.unchanged) == (0, 0, 30)
    assert status(store).quarantined == 2


def test_changed_record_is_updated_with_history(store: Store, tmp_path: Path) -> None:
    ingest_file(
        store,
        write_jsonl(tmp_path / "v1.jsonl", [person(n) for n in range(3)]),
        user=data_steward(store),
        source=SOURCE,
    )
    changed = [person(0), person(1, caveats=["NOFORN"]), person(2)]
    report = ingest_file(
        store, write_jsonl(tmp_path / "v2.jsonl", changed), user=data_steward(store), source=SOURCE
    )
    with store.transaction() as conn:
        current = record_rows.get(conn, SOURCE, "rec-000001")
        history = record_rows.history(conn, SOURCE, "rec-000001")
    assert (report.counts.updated, report.counts.unchanged) == (1, 2)
    assert current.record.caveats == ["NOFORN"]
    assert current.version == 2
    assert history[0]["caveats"] == []


def test_full_export_withdraws_absent_records_but_not_refused_ones(store: Store, tmp_path: Path) -> None:
    ingest_file(
        store,
        write_jsonl(tmp_path / "all.jsonl", [person(n) for n in range(10)]),
        user=data_steward(store),
        source=SOURCE,
    )
    # The new full export lacks records 7-9 and carries record 3 in a broken form.
    rows: list[object] = [person(n) for n in range(7) if n != 3]
    rows.append(person(3, properties={"name": ["A B"], "nationality": ["Atlantis"]}))
    report = ingest_file(
        store, write_jsonl(tmp_path / "full.jsonl", rows), user=data_steward(store), source=SOURCE, full=True
    )
    with store.transaction() as conn:
        statuses = dict(conn.execute(sa.select(records.c.source_id, records.c.status)).all())
    assert report.counts.withdrawn == 3
    assert report.problems_by_code == {"unknown_country": 1}
    assert {k for k, v in statuses.items() if v == "withdrawn"} == {"rec-000007", "rec-000008", "rec-000009"}
    assert statuses["rec-000003"] == "active"
    assert status(store).withdrawn == 3


def test_full_needs_a_source(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="--full needs --source"):
        ingest_file(
            store, write_jsonl(tmp_path / "x.jsonl", [person(1)]), user=data_steward(store), full=True
        )


def test_duplicate_id_in_one_file_keeps_the_first(store: Store, tmp_path: Path) -> None:
    rows = [person(1), person(2), person(1, classification="secret")]
    report = ingest_file(
        store, write_jsonl(tmp_path / "dup.jsonl", rows), user=data_steward(store), source=SOURCE
    )
    with store.transaction() as conn:
        kept = record_rows.get(conn, SOURCE, "rec-000001")
        entry = quarantine_rows.list_entries(conn)[0]
    assert report.problems_by_code == {"duplicate_id": 1}
    assert kept.record.classification == "restricted"
    assert (entry.line, entry.field, entry.record_id) == (3, "id", "rec-000001")
    assert "already appeared at line 1" in entry.message


def test_missing_file_is_a_clear_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such file"):
        ingest_file(store, tmp_path / "absent.jsonl", user=data_steward(store), source=SOURCE)
    assert status(store).batches == 0


def test_provenance_is_kept(store: Store, tmp_path: Path) -> None:
    raw = person(4, properties={"name": ["Samira Tahiri"], "nationality": ["Marokko"]})
    path = write_jsonl(tmp_path / "p.jsonl", [person(3), raw])
    report = ingest_file(store, path, user=data_steward(store), source=SOURCE)
    with store.transaction() as conn:
        stored = record_rows.get(conn, SOURCE, "rec-000004")
    assert stored.record.properties["nationality"] == ["ma"]
    assert '"Marokko"' in stored.original
    assert (stored.batch_id, stored.line) == (report.batch_id, 2)
    assert stored.received_at is not None


def test_export_then_reingest_elsewhere_gives_the_same_records(store: Store, tmp_path: Path) -> None:
    from crossroads.service.export import export_records
    from identity_factory import register

    rows = [person(n, caveats=["NOFORN"] if n % 2 else []) for n in range(8)]
    ingest_file(store, write_jsonl(tmp_path / "in.jsonl", rows), user=data_steward(store), source=SOURCE)
    register(store, "steward", "data-steward", agency=SOURCE, kind="local-police")  # exports its own records
    for fmt in ("jsonl", "ftm"):
        exported = tmp_path / f"out.{fmt}.jsonl"
        assert export_records(store, "steward", "investigation", exported, fmt).written == 8
        copy = Store(f"sqlite:///{tmp_path / f'copy-{fmt}.sqlite'}")
        report = ingest_file(copy, exported, user=data_steward(copy), source=SOURCE)
        assert (report.counts.inserted, report.counts.quarantined) == (8, 0)
        with store.transaction() as a, copy.transaction() as b:
            assert list(record_rows.iter_active(a)) == list(record_rows.iter_active(b))
        copy.close()


def test_a_correction_that_still_fails_is_kept_with_its_new_problems(store: Store, tmp_path: Path) -> None:
    bad = person(7, properties={"name": ["Youssef Tahiri"], "birthDate": ["2999-01-01"]})
    report = ingest_file(
        store, write_jsonl(tmp_path / "bad.jsonl", [bad]), user=data_steward(store), source=SOURCE
    )
    assert report.counts.quarantined == 1
    [entry] = steward.list_entries(store, STEWARD)
    half_fixed = dict(bad, properties={"name": ["Youssef Tahiri"], "birthDate": ["1990-02-31"]})
    [outcome] = steward.retry(store, STEWARD, [entry.id], {entry.id: orjson.dumps(half_fixed).decode()})
    assert not outcome.accepted
    kept = steward.show(store, STEWARD, entry.id)
    assert kept.status == quarantine_rows.OPEN
    assert "1990-02-31" in kept.raw and "2999" not in kept.raw  # the steward's edit is not lost
    assert [p["code"] for p in kept.problems] == [outcome.problems[0].code] and kept.code != "future_date"
    [done] = steward.retry(
        store, STEWARD, [entry.id], {entry.id: kept.raw.replace("1990-02-31", "1990-02-28")}
    )
    assert done.accepted
    assert steward.show(store, STEWARD, entry.id).status == quarantine_rows.RESOLVED
