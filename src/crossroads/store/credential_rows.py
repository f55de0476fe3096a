"""Rows of sign-in: password hashes, API tokens, browser sessions and sign-in attempts
(``access.credentials`` says what they mean; ``service.sign_in`` uses them)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from crossroads.store.schema import api_tokens, passwords, sign_in_attempts, web_sessions


def set_password(conn: sa.Connection, user: str, hashed: str, by: str, now: datetime) -> None:
    conn.execute(sa.delete(passwords).where(passwords.c.user == user))
    conn.execute(sa.insert(passwords).values(user=user, hash=hashed, set_by=by, set_at=now))


def password(conn: sa.Connection, user: str) -> str | None:
    found = conn.execute(sa.select(passwords.c.hash).where(passwords.c.user == user)).scalar()
    return str(found) if found is not None else None


def add_token(
    conn: sa.Connection, digest: str, prefix: str, user: str, label: str, now: datetime, expires: datetime
) -> None:
    conn.execute(
        sa.insert(api_tokens).values(
            digest=digest, prefix=prefix, user=user, label=label, created_at=now, expires_at=expires
        )
    )


#: Built once, as ``identity_rows``' statements of every request: every API call asks it.
_TOKEN = sa.select(api_tokens).where(api_tokens.c.digest == sa.bindparam("digest"))


def token(conn: sa.Connection, digest: str) -> sa.Row[Any] | None:
    return conn.execute(_TOKEN, {"digest": digest}).first()


def tokens_of(conn: sa.Connection, user: str) -> list[sa.Row[Any]]:
    query = sa.select(api_tokens).where(api_tokens.c.user == user).order_by(api_tokens.c.created_at.desc())
    return list(conn.execute(query).all())


def revoke_token(conn: sa.Connection, user: str, prefix: str, now: datetime) -> int:
    """Revokes ``user``'s live tokens starting with ``prefix``; how many."""
    query = (
        sa.update(api_tokens)
        .where(api_tokens.c.user == user, api_tokens.c.prefix == prefix, api_tokens.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return int(conn.execute(query).rowcount)


def add_session(
    conn: sa.Connection, digest: str, user: str, csrf: str, now: datetime, expires: datetime
) -> None:
    conn.execute(
        sa.insert(web_sessions).values(
            digest=digest, user=user, csrf=csrf, created_at=now, seen_at=now, expires_at=expires
        )
    )


def session(conn: sa.Connection, digest: str) -> sa.Row[Any] | None:
    return conn.execute(sa.select(web_sessions).where(web_sessions.c.digest == digest)).first()


def touch_session(conn: sa.Connection, digest: str, now: datetime) -> None:
    conn.execute(sa.update(web_sessions).where(web_sessions.c.digest == digest).values(seen_at=now))


def end_session(conn: sa.Connection, digest: str, now: datetime) -> None:
    conn.execute(
        sa.update(web_sessions)
        .where(web_sessions.c.digest == digest, web_sessions.c.ended_at.is_(None))
        .values(ended_at=now)
    )


def end_sessions_of(conn: sa.Connection, user: str, now: datetime) -> None:
    conn.execute(
        sa.update(web_sessions)
        .where(web_sessions.c.user == user, web_sessions.c.ended_at.is_(None))
        .values(ended_at=now)
    )


def add_attempt(conn: sa.Connection, name: str, client: str, ok: bool, now: datetime) -> None:
    conn.execute(sa.insert(sign_in_attempts).values(name=name, client=client, at=now, ok=ok))


def _matching(name: str | None, client: str | None) -> list[sa.ColumnElement[bool]]:
    """Attempts for this name, from this client, or both when both are given."""
    terms = [sign_in_attempts.c.name == name] if name is not None else []
    terms += [sign_in_attempts.c.client == client] if client is not None else []
    if not terms:
        raise ValueError("attempts of a name, a client or both")
    return terms


def failures(
    conn: sa.Connection, since: datetime, *, name: str | None = None, client: str | None = None
) -> int:
    """Failed attempts since ``since`` for a name, from a client, or for a name from a client,
    since the last success of the same."""
    which = _matching(name, client)
    last_ok = (
        sa.select(sa.func.max(sign_in_attempts.c.at))
        .where(*which, sign_in_attempts.c.ok.is_(True))
        .scalar_subquery()
    )
    query = (
        sa.select(sa.func.count())
        .select_from(sign_in_attempts)
        .where(
            *which,
            sign_in_attempts.c.ok.is_(False),
            sign_in_attempts.c.at >= since,
            sa.or_(last_ok.is_(None), sign_in_attempts.c.at > last_ok),
        )
    )
    return int(conn.execute(query).scalar_one())


def oldest_failure(
    conn: sa.Connection, since: datetime, *, name: str | None = None, client: str | None = None
) -> datetime | None:
    query = sa.select(sa.func.min(sign_in_attempts.c.at)).where(
        *_matching(name, client), sign_in_attempts.c.ok.is_(False), sign_in_attempts.c.at >= since
    )
    found = conn.execute(query).scalar()
    return found if isinstance(found, datetime) else None


def forget_attempts(conn: sa.Connection, before: datetime) -> None:
    conn.execute(sa.delete(sign_in_attempts).where(sign_in_attempts.c.at < before))
