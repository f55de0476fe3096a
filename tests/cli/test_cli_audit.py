"""`crossroads audit`: exit 0 on an intact trail, 4 naming the first bad entry, anchors that catch a
rewrite, and clear errors for a bad anchors file or a missing user."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from crossroads.cli.main import app
from crossroads.store.store import Store
from identity_factory import register


@pytest.fixture
def cli(store_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CROSSROADS_DATABASE_URL", store_url)
    monkeypatch.setenv("CROSSROADS_USER", "oversight.officer")
    with Store(store_url) as store:
        register(store, "oversight.officer", "oversight", agency="committee.i", kind="oversight-body")
    return CliRunner()


def test_verify_and_anchor_record_themselves_and_pass(cli: CliRunner, tmp_path: Path, store_url: str) -> None:
    anchors = tmp_path / "anchors.jsonl"
    first = cli.invoke(app, ["audit", "verify"])
    assert first.exit_code == 0, first.output
    assert "3 entries, intact" in first.stdout  # the administrator's bootstrap, agency and user
    anchored = cli.invoke(app, ["audit", "anchor", "--out", str(anchors)])
    assert anchored.exit_code == 0, anchored.output
    line = orjson.loads(anchors.read_bytes().splitlines()[-1])
    assert line["seq"] == 5 and len(line["hash"]) == 64
    again = cli.invoke(app, ["audit", "verify", "--anchors", str(anchors)])
    assert again.exit_code == 0 and "every anchor found" in again.stdout
    with Store(store_url) as store, store.transaction() as conn:
        rows = conn.execute(
            sa.text("SELECT actor, action, purpose FROM audit_log WHERE seq > 3 ORDER BY seq")
        ).all()
    assert [tuple(r) for r in rows] == [
        ("oversight.officer", "audit-verify", "oversight"),
        ("oversight.officer", "audit-anchor", "oversight"),
        ("oversight.officer", "audit-verify", "oversight"),
    ]


def test_verify_exits_4_naming_the_entry_cut_off_after_the_anchor(
    cli: CliRunner, tmp_path: Path, store_url: str
) -> None:
    anchors = tmp_path / "anchors.jsonl"
    assert cli.invoke(app, ["audit", "verify"]).exit_code == 0
    assert cli.invoke(app, ["audit", "anchor", "--out", str(anchors)]).exit_code == 0
    with Store(store_url) as store, store.transaction() as conn:
        if store.dialect == "postgresql":
            conn.execute(sa.text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
            conn.execute(sa.text("DELETE FROM audit_log WHERE seq = 5"))
            conn.execute(sa.text("ALTER TABLE audit_log ENABLE TRIGGER USER"))
        else:
            conn.execute(sa.text("DROP TRIGGER audit_log_no_delete"))
            conn.execute(sa.text("DELETE FROM audit_log WHERE seq = 5"))
    result = cli.invoke(app, ["audit", "verify", "--anchors", str(anchors)])
    assert result.exit_code == 4
    assert "NOT intact" in result.stderr and "entry 5" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"seq": 1, "hash": "' + b"a" * 64 + b'", "at": "x"}\nnot json\n', "line 2: not JSON"),
        (b'{"seq": 1, "at": "x"}\n', "line 1: field 'hash' is missing"),
        (b'{"seq": 0, "hash": "' + b"a" * 64 + b'", "at": "x"}\n', "line 1, field 'seq'"),
    ],
)
def test_a_bad_anchors_file_names_its_line_and_field(
    cli: CliRunner, tmp_path: Path, content: bytes, message: str
) -> None:
    anchors = tmp_path / "anchors.jsonl"
    anchors.write_bytes(content)
    result = cli.invoke(app, ["audit", "verify", "--anchors", str(anchors)])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())


def test_the_trail_needs_to_know_who_acts(cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CROSSROADS_USER")
    result = cli.invoke(app, ["audit", "verify"])
    assert result.exit_code == 2 and "--user" in result.stderr


def test_only_the_oversight_role_reads_the_trail(cli: CliRunner, store_url: str) -> None:
    with Store(store_url) as store:
        register(store, "an.analyst", "analyst")
    result = cli.invoke(app, ["audit", "verify", "--user", "an.analyst"])
    assert result.exit_code == 5 and "oversight role" in " ".join(result.stderr.split())
    with Store(store_url) as store, store.transaction() as conn:
        last = conn.execute(sa.text("SELECT actor, action FROM audit_log ORDER BY seq DESC")).first()
    assert last is not None and tuple(last) == ("an.analyst", "refusal")


def test_oversight_reads_the_trail_filtered_and_the_reading_is_recorded(
    cli: CliRunner, store_url: str
) -> None:
    with Store(store_url) as store:
        register(store, "an.analyst", "analyst")
    assert cli.invoke(app, ["audit", "verify", "--user", "an.analyst"]).exit_code == 5  # a refusal
    shown = cli.invoke(app, ["audit", "show", "--action", "refusal", "--json"])
    assert shown.exit_code == 0, shown.output
    [entry] = [orjson.loads(line) for line in shown.stdout.splitlines() if line.strip()]
    assert entry["actor"] == "an.analyst" and "oversight" in entry["detail"]
    table = cli.invoke(app, ["audit", "show", "--actor", "admin.root", "--since", "2020-01-01"])
    assert table.exit_code == 0 and "admin.root" in table.stdout
    refused = cli.invoke(app, ["audit", "show", "--user", "an.analyst"])
    assert refused.exit_code == 5
    with Store(store_url) as store, store.transaction() as conn:
        reads = conn.execute(sa.text("SELECT actor FROM audit_log WHERE action = 'audit-read'")).all()
    assert [r.actor for r in reads] == ["oversight.officer", "oversight.officer"]
