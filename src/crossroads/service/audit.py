"""Audit use cases: check the trail (against anchors kept outside the store), export an anchor.

Both are themselves recorded: who checked the trail, with what result, and who took an anchor.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import orjson

from crossroads.access import audit, identity
from crossroads.access.audit import AuditError
from crossroads.access.audit_chain import Anchor, Entry, Verdict
from crossroads.access.model import Role
from crossroads.errors import InputFileError
from crossroads.service import clock
from crossroads.store import audit_rows
from crossroads.store.store import Store

__all__ = ["AuditError", "anchor", "read_anchors", "read_trail", "verify"]

_ANCHOR_FIELDS = ("seq", "hash", "at")


def read_anchors(path: Path) -> list[Anchor]:
    """Anchors as ``anchor`` writes them, one JSON object a line; a bad line names itself."""
    try:
        lines = path.read_bytes().splitlines()
    except OSError as exc:
        raise InputFileError(f"cannot read the anchors file {path}: {exc.strerror}") from exc
    anchors = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            raise InputFileError(f"{path}, line {number}: not JSON ({exc})") from exc
        missing = [f for f in _ANCHOR_FIELDS if not isinstance(value, dict) or f not in value]
        if missing:
            raise InputFileError(f"{path}, line {number}: field {missing[0]!r} is missing")
        if not isinstance(value["seq"], int) or value["seq"] < 1:
            raise InputFileError(f"{path}, line {number}, field 'seq': a positive entry number is needed")
        if not isinstance(value["hash"], str) or len(value["hash"]) != 64:
            raise InputFileError(f"{path}, line {number}, field 'hash': 64 hexadecimal characters are needed")
        anchors.append(Anchor(value["seq"], value["hash"], str(value["at"])))
    return anchors


def verify(
    store: Store, user: str | None, anchors_file: Path | None = None, given: Sequence[Anchor] = ()
) -> Verdict:
    """Only the oversight role reads the trail; anchors come from a file, or as values (HTTP)."""
    anchors = [*given, *(read_anchors(anchors_file) if anchors_file is not None else [])]
    actor = identity.actor_of(
        identity.authorise(store, user, Role.OVERSIGHT, "verify the audit trail", clock.now())
    )
    with store.transaction() as conn:
        verdict = audit.check(conn, anchors)
        detail = {
            "ok": verdict.ok,
            "checked": verdict.checked,
            "first_bad": verdict.first_bad,
            "anchors": len(anchors),
        }
        audit.record(conn, actor, "audit-verify", detail, clock.now(), purpose="oversight")
    return verdict


def anchor(store: Store, user: str | None, out: Path) -> Anchor:
    """Record the anchoring, then append the head (that very entry) to ``out``."""
    actor = identity.actor_of(
        identity.authorise(store, user, Role.OVERSIGHT, "anchor the audit trail", clock.now())
    )
    with store.transaction() as conn:
        audit.record(conn, actor, "audit-anchor", {"file": str(out)}, clock.now(), purpose="oversight")
        head = audit.head(conn)
    assert head is not None  # the entry just written
    line = {"seq": head.seq, "hash": head.hash, "at": head.at, "exported_at": clock.now().isoformat()}
    try:
        with out.open("ab") as handle:
            handle.write(orjson.dumps(line) + b"\n")
    except OSError as exc:
        raise InputFileError(f"cannot write the anchor to {out}: {exc.strerror}") from exc
    return head


def read_trail(
    store: Store,
    user: str | None,
    actor: str | None = None,
    action: str | None = None,
    since: datetime | None = None,
    limit: int = 100,
) -> list[Entry]:
    """Entries of the trail, newest first, for the oversight role; the reading is itself recorded."""
    if limit < 1:
        raise InputFileError("--limit: at least one entry")
    now = clock.now()
    reader = identity.authorise(store, user, Role.OVERSIGHT, "read the audit trail", now)
    after = since.astimezone(UTC).isoformat(timespec="microseconds") if since is not None else None
    with store.transaction() as conn:
        found = [Entry(*row) for row in audit_rows.search(conn, actor, action, after, limit)]
        detail = {"actor": actor, "action": action, "since": after, "limit": limit, "returned": len(found)}
        audit.record(conn, identity.actor_of(reader), "audit-read", detail, now, purpose="oversight")
    return found
