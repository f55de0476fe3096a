"""Sign-in on a real store (SQLite and PostgreSQL): passwords set by an administrator and checked,
sessions opened and ended, the lock after repeated failures, API tokens issued, used and revoked,
and every step in the audit trail; no secret is kept in the store in the clear."""

from __future__ import annotations

from datetime import timedelta

import orjson
import pytest
import sqlalchemy as sa

from crossroads.access import audit, credentials
from crossroads.access.credentials import CredentialError, CredentialValueError, TooManyAttemptsError
from crossroads.access.model import NotAllowedError
from crossroads.service import admin, clock, sign_in
from crossroads.store import audit_rows
from crossroads.store.schema import api_tokens, passwords, web_sessions
from crossroads.store.store import Store
from identity_factory import ROOT, register

PASSWORD = "correct horse battery"


@pytest.fixture
def users(store: Store) -> Store:
    register(store, "ana", "analyst")
    register(store, "bob", "analyst")
    sign_in.set_password(store, ROOT, "ana", PASSWORD)
    return store


def sign_in_entries(store: Store) -> list[dict[str, object]]:
    with store.transaction() as conn:
        entries = [audit.Entry(*r) for r in audit_rows.entries(conn)]
    return [{"actor": e.actor, **orjson.loads(e.detail)} for e in entries if e.action == "sign-in"]


def test_a_session_is_opened_with_the_right_password_and_ends_at_sign_out(users: Store) -> None:
    session = sign_in.sign_in(users, "ana", PASSWORD, "10.0.0.1")
    user, csrf = sign_in.session_user(users, session.secret)
    assert user.name == "ana" and csrf == session.csrf and len(csrf) >= 40
    with users.transaction() as conn:
        stored = conn.execute(sa.select(web_sessions.c.digest, web_sessions.c.csrf)).all()
        hashed = conn.execute(sa.select(passwords.c.hash)).scalar_one()
    assert [row.digest for row in stored] == [credentials.digest(session.secret)]  # never the secret itself
    assert hashed.startswith("$argon2id$") and PASSWORD not in hashed
    sign_in.sign_out(users, session.secret)
    with pytest.raises(CredentialError, match="sign in again"):
        sign_in.session_user(users, session.secret)
    assert sign_in_entries(users)[-1] == {"actor": "ana", "outcome": "signed in", "client": "10.0.0.1"}


def test_wrong_passwords_and_unknown_names_get_one_answer_and_are_recorded_with_the_reason(
    users: Store,
) -> None:
    for name, password in (("ana", "not the password"), ("nobody", PASSWORD), ("bob", PASSWORD)):
        with pytest.raises(CredentialError) as caught:
            sign_in.sign_in(users, name, password, "10.0.0.2")
        assert str(caught.value) == "wrong user name or password"
    whys = [(e["actor"], e["why"]) for e in sign_in_entries(users)]
    assert whys == [
        ("ana", "wrong password"),
        ("nobody", "not a registered user"),
        ("bob", "no password set"),
    ]


def test_five_failures_lock_the_name_at_that_address_until_the_window_has_passed(
    users: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(credentials.NAME_FAILURES):
        with pytest.raises(CredentialError):
            sign_in.sign_in(users, "ana", "guess guess guess", "10.0.0.3")
    with pytest.raises(TooManyAttemptsError) as caught:
        sign_in.sign_in(users, "ana", PASSWORD, "10.0.0.3")  # even the right password
    assert 0 < caught.value.retry_after <= credentials.WINDOW.total_seconds() + 1
    assert sign_in_entries(users)[-1]["outcome"] == "locked"
    # Whoever typed those cannot lock the analyst out from her own desk.
    assert sign_in.sign_in(users, "ana", PASSWORD, "10.0.0.4").user == "ana"
    later = clock.now() + credentials.WINDOW + timedelta(seconds=2)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert sign_in.sign_in(users, "ana", PASSWORD, "10.0.0.3").user == "ana"


def test_a_guesser_spread_over_many_addresses_locks_the_name_everywhere(users: Store) -> None:
    per_address = credentials.NAME_FAILURES
    for k in range(credentials.NAME_FAILURES_ANYWHERE // per_address):
        for _ in range(per_address):
            with pytest.raises(CredentialError):
                sign_in.sign_in(users, "ana", "guess guess guess", f"10.1.0.{k}")
    with pytest.raises(TooManyAttemptsError) as caught:
        sign_in.sign_in(users, "ana", PASSWORD, "10.0.0.4")
    assert "for this user name in" in str(caught.value)


def test_a_session_ends_when_idle_too_long_or_when_the_user_is_deactivated(
    users: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = sign_in.sign_in(users, "ana", PASSWORD, "10.0.0.5")
    later = clock.now() + credentials.SESSION_IDLE + timedelta(seconds=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    with pytest.raises(CredentialError):
        sign_in.session_user(users, first.secret)
    second = sign_in.sign_in(users, "ana", PASSWORD, "10.0.0.5")
    admin.change_user(users, ROOT, "ana", None, None, False)
    with pytest.raises(CredentialError):
        sign_in.session_user(users, second.secret)


def test_weak_passwords_are_refused_and_only_an_administrator_sets_another_users(users: Store) -> None:
    for weak in ("short", "ana-ana-ana-ana", "aaaaaaaaaaaaaaaa"):
        with pytest.raises(CredentialValueError):
            sign_in.set_password(users, ROOT, "ana", weak)
    with pytest.raises(NotAllowedError):
        sign_in.set_password(users, "bob", "ana", "another fine passphrase")
    sign_in.change_password(users, "ana", PASSWORD, "another fine passphrase")
    with pytest.raises(CredentialError):
        sign_in.sign_in(users, "ana", PASSWORD, "10.0.0.6")
    assert sign_in.sign_in(users, "ana", "another fine passphrase", "10.0.0.6").user == "ana"


def test_an_api_token_acts_as_its_user_until_revoked_or_expired(
    users: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = sign_in.issue_token(users, "ana", "nightly export", days=2)
    assert token.startswith(credentials.TOKEN_PREFIX) and sign_in.token_user(users, token).name == "ana"
    with users.transaction() as conn:
        assert conn.execute(sa.select(api_tokens.c.digest)).scalar_one() == credentials.digest(token)
    other = sign_in.issue_token(users, "bob", "by the administrator", by=ROOT)
    with pytest.raises(NotAllowedError):
        sign_in.issue_token(users, "ana", "not an administrator", by="bob")
    sign_in.revoke_token(users, "bob", credentials.token_prefix(other))
    with pytest.raises(CredentialError, match="revoked"):
        sign_in.token_user(users, other)
    later = clock.now() + timedelta(days=3)
    monkeypatch.setattr(clock, "now", lambda: later)
    with pytest.raises(CredentialError, match="expired"):
        sign_in.token_user(users, token)
    with pytest.raises(CredentialError):
        sign_in.token_user(users, "crt_made-up")
