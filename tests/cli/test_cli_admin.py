"""`crossroads users` and `crossroads agencies` as an administrator uses them; a refusal exits 5."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from crossroads.cli.main import app


@pytest.fixture
def cli(store_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CROSSROADS_DATABASE_URL", store_url)
    return CliRunner()


def ok(cli: CliRunner, *args: str) -> str:
    result = cli.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


BOOT = [
    "users",
    "bootstrap",
    "root",
    "--agency",
    "ocam",
    "--agency-name",
    "OCAM",
    "--kind",
    "threat-assessment",
]


def test_bootstrap_then_agencies_units_users(cli: CliRunner) -> None:
    boot = BOOT
    assert "administrator root of ocam made" in ok(cli, *boot)
    again = cli.invoke(app, boot)
    assert again.exit_code == 2 and "users exist already" in again.output
    ok(cli, "agencies", "add", "partner.fr", "--name", "Partner service", "--kind", "foreign-partner",
       "--country", "FR", "--user", "root")  # fmt: skip
    ok(cli, "agencies", "add-unit", "ocam", "analysis", "--name", "Analysis unit", "--user", "root")
    roles = ["--role", "analyst", "--role", "oversight"]
    added = ok(cli, "users", "add", "m.janssens", "--agency", "ocam", "--unit", "analysis", "--clearance",
               "secret", *roles, "--user", "root")  # fmt: skip
    assert "analyst, oversight, cleared secret" in added
    listed = ok(cli, "users", "list", "--user", "root")
    assert "m.janssens" in listed and "analysis" in listed
    agencies = ok(cli, "agencies", "list", "--user", "root")
    assert "partner.fr" in agencies and "FR" in agencies and "analysis" in agencies
    refused = cli.invoke(app, ["users", "list", "--user", "m.janssens"])
    assert refused.exit_code == 5 and "admin role" in " ".join(refused.output.split())
    changed = ok(cli, "users", "change", "m.janssens", "--deactivate", "--user", "root")
    assert "deactivated" in changed


def test_an_administrator_sets_a_password_and_issues_a_token_that_signs_in(
    cli: CliRunner, store_url: str
) -> None:
    from crossroads.service import sign_in
    from crossroads.store.store import Store

    ok(cli, *BOOT)
    ok(
        cli,
        "users",
        "add",
        "ana",
        "--agency",
        "ocam",
        "--clearance",
        "secret",
        "--role",
        "analyst",
        "--user",
        "root",
    )
    typed = cli.invoke(
        app, ["users", "password", "ana", "--user", "root"], input="a fine long passphrase\n" * 2
    )
    assert typed.exit_code == 0 and "a fine long passphrase" not in typed.output  # asked twice, never echoed
    weak = cli.invoke(app, ["users", "password", "ana", "--user", "root"], input="short\nshort\n")
    assert weak.exit_code == 2 and "at least 12 characters" in weak.output
    refused = cli.invoke(
        app, ["users", "password", "root", "--user", "ana"], input="another long phrase\n" * 2
    )
    assert refused.exit_code == 5 and "admin" in refused.output
    token = ok(cli, "users", "token", "ana", "--label", "nightly export", "--user", "root")
    with Store(store_url) as store:
        assert sign_in.token_user(store, token).name == "ana"
        assert sign_in.sign_in(store, "ana", "a fine long passphrase", "cli-test").user == "ana"
