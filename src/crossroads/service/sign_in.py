"""Sign-in use cases: passwords set by an administrator or changed by their user, browser sessions
opened with a password and closed, API tokens issued and revoked, and the user a session or token
stands for. Every sign-in, failed or locked attempt, sign-out, password and token change is in the
audit trail; refused attempts count towards the lock (``access.credentials``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from crossroads.access import audit, credentials, identity
from crossroads.access.credentials import CredentialError, CredentialValueError, Session, TooManyAttemptsError
from crossroads.access.model import Role, User
from crossroads.access.retention import utc
from crossroads.errors import NotFoundError
from crossroads.service import clock
from crossroads.store import credential_rows
from crossroads.store.store import Store

#: Attempts are kept this long for the rate limit; the audit trail keeps them for good.
KEEP_ATTEMPTS = timedelta(days=1)


@dataclass(frozen=True)
class Token:
    prefix: str
    label: str
    created_at: datetime
    expires_at: datetime
    revoked: bool


def set_password(store: Store, admin: str | None, name: str, password: str) -> None:
    """An administrator sets ``name``'s password (a first one, or a reset); open sessions end."""
    now = clock.now()
    acting = identity.authorise(store, admin, Role.ADMIN, f"set the password of {name}", now)
    with store.transaction() as conn:
        target = identity.find(conn, name)
        if target is None:
            raise CredentialValueError(f"{name!r} is not a registered user")
        hashed = credentials.hash_password(credentials.checked_password(password, name))
        credential_rows.set_password(conn, name, hashed, acting.name, now)
        credential_rows.end_sessions_of(conn, name, now)
        audit.record(conn, identity.actor_of(acting), "admin", {"password set for": name}, now)


def change_password(store: Store, name: str, old: str, new: str) -> None:
    """A user changes their own password, proving the old one; every session of theirs ends
    (a stolen session must not outlive the change): they sign in again."""
    now = clock.now()
    checked = credentials.checked_password(new, name)
    with store.transaction() as conn:
        user = identity.find(conn, name)
        if user is None or not credentials.password_matches(credential_rows.password(conn, name), old):
            raise CredentialError("the current password is wrong")
        credential_rows.set_password(conn, name, credentials.hash_password(checked), name, now)
        credential_rows.end_sessions_of(conn, name, now)
        audit.record(conn, identity.actor_of(user), "sign-in", {"password changed": True}, now)


def _locked(store: Store, name: str, client: str, now: datetime) -> tuple[str, int] | None:
    """Why sign-in is locked for this name or client and for how many seconds, or None."""
    since = now - credentials.WINDOW
    with store.transaction() as conn:
        for what, limit, key in (
            ("this user name from this address", credentials.NAME_FAILURES, {"name": name, "client": client}),
            ("this user name", credentials.NAME_FAILURES_ANYWHERE, {"name": name}),
            ("this address", credentials.CLIENT_FAILURES, {"client": client}),
        ):
            if credential_rows.failures(conn, since, **key) >= limit:
                oldest = credential_rows.oldest_failure(conn, since, **key) or now
                wait = max(1, int((utc(oldest) + credentials.WINDOW - now).total_seconds()) + 1)
                return (
                    f"{limit} failed sign-ins for {what} in {credentials.WINDOW.seconds // 60} minutes",
                    wait,
                )
    return None


def sign_in(store: Store, name: str, password: str, client: str) -> Session:
    """A browser session for ``name`` if the password is right, the user active and sign-in not
    locked; otherwise one message for every kind of failure, so it tells no one which names exist."""
    now = clock.now()
    name, client = name.strip()[:100], client[:100]
    locked = _locked(store, name, client, now)
    with store.transaction() as conn:
        user = identity.find(conn, name)
        actor = identity.actor_of(user) if user is not None else audit.Actor(name or "(no name)")
        if locked is not None:
            detail = {"outcome": "locked", "why": locked[0], "client": client}
            audit.record(conn, actor, "sign-in", detail, now)
        else:
            hashed = credential_rows.password(conn, name) if user is not None else None
            ok = credentials.password_matches(hashed, password) and user is not None and user.active
            credential_rows.add_attempt(conn, name, client, ok, now)
            credential_rows.forget_attempts(conn, now - KEEP_ATTEMPTS)
            detail = {"outcome": "signed in" if ok else "refused", "client": client}
            if not ok:
                detail["why"] = (
                    "not a registered user" if user is None
                    else "deactivated" if not user.active
                    else "no password set" if hashed is None
                    else "wrong password"
                )  # fmt: skip
            audit.record(conn, actor, "sign-in", detail, now)
            if ok:
                secret, csrf = credentials.new_secret(), credentials.new_secret()
                expires = now + timedelta(hours=credentials.SESSION_HOURS)
                credential_rows.add_session(conn, credentials.digest(secret), name, csrf, now, expires)
                return Session(name, secret, csrf, expires)
    if locked is not None:
        raise TooManyAttemptsError(f"sign-in locked: {locked[0]}; try again in {locked[1]} s", locked[1])
    raise CredentialError("wrong user name or password")


def session_user(store: Store, secret: str) -> tuple[User, str]:
    """The active user a live session cookie stands for, and the session's CSRF token."""
    now = clock.now()
    key = credentials.digest(secret)
    with store.transaction() as conn:
        row = credential_rows.session(conn, key)
        user = identity.find(conn, row.user) if row is not None else None
        live = row is not None and credentials.session_live(
            row.created_at, row.seen_at, row.expires_at, row.ended_at is not None, now
        )
        if row is None or user is None or not user.active or not live:
            raise CredentialError("not signed in, or the session has ended: sign in again")
        if now - utc(row.seen_at) > timedelta(minutes=1):  # one write a minute keeps the idle clock
            credential_rows.touch_session(conn, key, now)
    return user, str(row.csrf)


def sign_out(store: Store, secret: str) -> None:
    now = clock.now()
    key = credentials.digest(secret)
    with store.transaction() as conn:
        row = credential_rows.session(conn, key)
        if row is None or row.ended_at is not None:
            return
        credential_rows.end_session(conn, key, now)
        user = identity.find(conn, row.user)
        actor = identity.actor_of(user) if user is not None else audit.Actor(row.user)
        audit.record(conn, actor, "sign-out", {}, now)


def issue_token(
    store: Store, user: str | None, label: str, days: int = credentials.TOKEN_DAYS, by: str | None = None
) -> str:
    """A new API token for ``user``, asked by that user (signed in) or issued ``by`` an administrator;
    the secret is returned once and never stored."""
    if not label.strip():
        raise CredentialValueError("a token needs a label saying what uses it (e.g. 'nightly export')")
    if not 1 <= days <= credentials.MAX_TOKEN_DAYS:
        raise CredentialValueError(f"a token lasts 1 to {credentials.MAX_TOKEN_DAYS} days")
    now = clock.now()
    issuer = identity.authorise(store, by, Role.ADMIN, f"issue an API token for {user}", now) if by else None
    with store.transaction() as conn:
        owner = identity.find(conn, user or "")
        if owner is None or not owner.active:
            raise CredentialValueError(f"{user!r} is not an active registered user")
        secret = credentials.new_token()
        prefix = credentials.token_prefix(secret)
        expires = now + timedelta(days=days)
        credential_rows.add_token(
            conn, credentials.digest(secret), prefix, owner.name, label.strip(), now, expires
        )
        detail = {"issued": prefix, "to": owner.name, "label": label.strip(), "expires": expires.isoformat()}
        audit.record(conn, identity.actor_of(issuer or owner), "token", detail, now)
    return secret


def tokens(store: Store, user: str) -> list[Token]:
    with store.transaction() as conn:
        rows = credential_rows.tokens_of(conn, user)
    return [Token(r.prefix, r.label, r.created_at, r.expires_at, r.revoked_at is not None) for r in rows]


def revoke_token(store: Store, user: str, prefix: str) -> None:
    now = clock.now()
    with store.transaction() as conn:
        owner = identity.find(conn, user)
        if owner is None or not credential_rows.revoke_token(conn, user, prefix, now):
            raise NotFoundError(f"no live token {prefix!r} of {user!r}")
        audit.record(conn, identity.actor_of(owner), "token", {"revoked": prefix}, now)


def token_user(store: Store, secret: str) -> User:
    """The active user a live API token stands for."""
    now = clock.now()
    with store.transaction() as conn:
        row = credential_rows.token(conn, credentials.digest(secret))
        user = identity.find(conn, row.user) if row is not None else None
    if (
        row is None
        or user is None
        or not user.active
        or row.revoked_at is not None
        or now >= utc(row.expires_at)
    ):
        raise CredentialError("the API token is unknown, revoked or expired")
    return user
