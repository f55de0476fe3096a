"""What proves who a user is: passwords, API tokens and browser sessions, and the rule that slows
down guessing. Values and rules only; ``service.sign_in`` applies them to the store.

- Passwords are hashed with argon2id (``argon2-cffi``, the parameters of RFC 9106's second
  recommended profile that the library ships): a stolen store does not give them back.
- API tokens and session cookies are 256-bit random secrets; the store keeps only their SHA-256
  digest (a secret that long needs no slow hash), so a copy of the store signs nobody in.
- Each browser session has its own CSRF token, which every form and every state-changing request
  made with the session cookie must send back.
- Sign-in is refused for a while after repeated failures for one user name or from one client,
  counted in the store so that it holds across restarts and across server processes.

The user is always one registered in ``users``; an OIDC provider can later take the place of the
password check (it would name a registered user and open the same kind of session).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from crossroads.access.retention import utc
from crossroads.errors import CrossroadsError

MIN_PASSWORD = 12
MAX_PASSWORD = 1024  # argon2 takes any length; a bound keeps a request from making it work for long

#: How long a browser session lasts at most, and without a request.
SESSION_HOURS = 10
SESSION_IDLE = timedelta(minutes=60)
#: API tokens expire; a year at most.
TOKEN_DAYS, MAX_TOKEN_DAYS = 90, 365
TOKEN_PREFIX = "crt_"

#: Failed sign-ins that lock, for the rest of the window: a user name at one client address; a user
#: name everywhere (a guesser spread over many addresses); one client address for every name. A
#: name is not locked everywhere after five failures: anyone could then lock any analyst out of
#: the system by typing a wrong password five times from anywhere.
WINDOW = timedelta(minutes=15)
NAME_FAILURES = 5
NAME_FAILURES_ANYWHERE = 50
CLIENT_FAILURES = 20

_HASHER = PasswordHasher()
#: Checked against when the user name is unknown, so that a wrong name costs as long as a wrong password.
_DECOY = _HASHER.hash(secrets.token_urlsafe(16))


class CredentialError(CrossroadsError):
    """A password, token or session is missing, wrong, expired or not allowed."""

    exit_code = 5


class CredentialValueError(CrossroadsError):
    """A password or token cannot be made as asked (too weak, no label, too long a life)."""


class TooManyAttemptsError(CredentialError):
    """Sign-in is locked for a while after repeated failures."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after  # seconds


def checked_password(password: str, user: str) -> str:
    """A password good enough to set: long, not the user name, not one repeated character."""
    if len(password) < MIN_PASSWORD:
        raise CredentialValueError(f"a password needs at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise CredentialValueError(f"a password has at most {MAX_PASSWORD} characters")
    if user.lower() in password.lower() or len(set(password)) < 4:
        raise CredentialValueError("a password may not contain the user name or be a few characters repeated")
    return password


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def password_matches(hashed: str | None, password: str) -> bool:
    """Whether ``password`` is the one ``hashed`` was made from; with no hash (an unknown user, a
    user without a password) the decoy is checked, so both take as long, and the answer is no."""
    if len(password) > MAX_PASSWORD:
        return False
    try:
        return _HASHER.verify(hashed or _DECOY, password) and hashed is not None
    except (VerificationError, InvalidHashError):
        return False


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_prefix(token: str) -> str:
    """What a listing shows of a token: enough to tell one's tokens apart, useless to sign in."""
    return token[: len(TOKEN_PREFIX) + 6]


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def same_secret(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


@dataclass(frozen=True)
class Session:
    user: str
    secret: str  # the cookie's value; only its digest is stored
    csrf: str
    expires_at: datetime


def session_live(
    created_at: datetime, seen_at: datetime, expires_at: datetime, ended: bool, now: datetime
) -> bool:
    return (
        not ended and now < utc(expires_at) and now - utc(seen_at) < SESSION_IDLE and utc(created_at) <= now
    )
