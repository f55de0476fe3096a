"""Explain use case: why two stored records are, or are not, one person, as the last resolution saw it.

An explanation is case content: ``explain_for`` shows an analyst only the evidence drawn on fields
they may read in both records (``access.reading``), says what was withheld and why, refuses a
record they may not learn exists as if it did not, and records what it showed in the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import sqlalchemy as sa

from crossroads.access import audit, identity, reading
from crossroads.access.model import Role
from crossroads.access.policy import checked_purpose
from crossroads.access.reading import Seen
from crossroads.errors import CrossroadsError, NotFoundError
from crossroads.phrase import Phrase
from crossroads.resolve.context import LinkContext
from crossroads.resolve.explain import Evidence, PairExplanation, explain
from crossroads.service import clock
from crossroads.store import record_rows, resolution_runs
from crossroads.store.store import Store


class NotResolvedError(CrossroadsError):
    """The store has never been resolved: there is no decision to explain yet."""


_CONTEXTS: dict[str, LinkContext] = {}


def stored_context(conn: sa.Connection, run_id: str) -> LinkContext:
    """The context a stored resolution used (model, every name's frequency: megabytes at 1M
    records). A run's context never changes, so it is read and parsed once per process, for the
    newest run only. One made with other comparisons (an older version's levels) cannot be reused:
    the store must be resolved again."""
    if run_id not in _CONTEXTS:
        raw = resolution_runs.context_of(conn, run_id)
        try:
            context = LinkContext.from_json(raw)
        except (ValueError, KeyError) as error:
            raise NotResolvedError(
                f"the store's last resolution ({run_id}) was made with comparisons this version no "
                f"longer has ({error}): run `crossroads resolve` again"
            ) from error
        _CONTEXTS.clear()
        _CONTEXTS[run_id] = context
    return _CONTEXTS[run_id]


def latest_context(conn: sa.Connection) -> tuple[str, LinkContext]:
    """The newest resolution's id and context; a store never resolved has none yet."""
    run_id = resolution_runs.latest_id(conn)
    if run_id is None:
        raise NotResolvedError("the store has not been resolved yet: run `crossroads resolve` first")
    return run_id, stored_context(conn, run_id)


@dataclass(frozen=True)
class StoredPairExplanation:
    explanation: PairExplanation
    run_id: str
    same_entity_now: bool  # what the store holds now (a later ingest may have changed a record)


def parse_ref(text: str) -> tuple[str, str]:
    """``SOURCE/ID`` (agency codes hold no slash; the id may)."""
    source, slash, record_id = text.partition("/")
    if not slash or not source or not record_id:
        raise NotFoundError(
            f"{text!r} is not a record reference: write SOURCE/ID, e.g. police.federal/fed-0004796"
        )
    return source, record_id


def explain_unchecked(store: Store, ref_a: str, ref_b: str) -> StoredPairExplanation:
    """The whole explanation, with no need-to-know: for the model's own use (a judgement records
    the probability it overrides), never for display (``explain_for``)."""
    (source_a, id_a), (source_b, id_b) = parse_ref(ref_a), parse_ref(ref_b)
    with store.transaction() as conn:
        a = record_rows.get(conn, source_a, id_a)
        b = record_rows.get(conn, source_b, id_b)
        run_id, context = latest_context(conn)
    same = a.entity_id is not None and a.entity_id == b.entity_id
    return StoredPairExplanation(explain(a.record, b.record, context), run_id, same)


#: The fields each comparison draws on: its evidence is shown only where all are readable in both.
COMPARISON_FIELDS = {
    "name": frozenset({"name", "firstName", "lastName", "alias", "weakAlias"}),
    "birth_date": frozenset({"birthDate", "idNumber"}),  # a register number encodes the birth date
    "nrn": frozenset({"idNumber"}),
    "passport": frozenset({"passportNumber"}),
    "gender": frozenset({"gender"}),
    "nationality": frozenset({"nationality"}),
    "birth_place": frozenset({"birthPlace"}),
    "contact": frozenset({"address", "phone", "email"}),
    "source": frozenset(),  # which agency holds a record is what discovery shows anyone authorised
}


@dataclass(frozen=True)
class ShownExplanation:
    explanation: PairExplanation  # withheld evidence replaced by the reason, weight 0
    run_id: str
    same_entity_now: bool
    withheld: dict[str, Phrase]  # comparison -> why it is not shown


def why_withheld(seen: Seen) -> Phrase:
    """The record whose fields keep evidence from being shown, and need-to-know's reason."""
    return Phrase.layout("%(ref)s: %(reason)s", ref=seen.ref, reason=seen.decision.reason)


def withheld(why: Phrase) -> Phrase:
    """What an explanation says in place of evidence it may not show."""
    return Phrase("withheld (%(why)s)", why=why)


def redacted(full: PairExplanation, a: Seen, b: Seen) -> tuple[PairExplanation, dict[str, Phrase]]:
    """``full`` with the evidence of every comparison drawing on a field not readable in both
    records replaced by the reason (weight 0); the withheld comparisons and why."""
    fields = a.decision.fields & b.decision.fields
    held_back: dict[str, Phrase] = {}
    evidence = []
    for item in full.evidence:
        if COMPARISON_FIELDS[item.comparison] <= fields:
            evidence.append(item)
            continue
        side = a if not COMPARISON_FIELDS[item.comparison] <= a.decision.fields else b
        why = why_withheld(side)
        held_back[item.comparison] = why
        evidence.append(Evidence(item.comparison, None, withheld(why), 0.0))
    if "name" not in held_back:
        return replace(full, evidence=tuple(evidence)), held_back
    names = withheld(held_back["name"])
    civil = names if full.civil_names else full.civil_names
    return replace(full, evidence=tuple(evidence), names=names, civil_names=civil), held_back


def explain_for(store: Store, user: str | None, purpose: str, ref_a: str, ref_b: str) -> ShownExplanation:
    """The explanation as ``user`` may see it, for ``purpose``; recorded in the audit trail."""
    why = checked_purpose(purpose)
    now = clock.now()
    analyst = identity.authorise(store, user, Role.ANALYST, f"explain {ref_a} against {ref_b}", now)
    (source_a, id_a), (source_b, id_b) = parse_ref(ref_a), parse_ref(ref_b)
    with store.transaction() as conn:
        lens = reading.Lens(conn, reading.reader(conn, analyst, why), now)
        found_a, found_b = lens.find(conn, source_a, id_a), lens.find(conn, source_b, id_b)
        # Absent and not to be known of are refused alike, and on the trail like any refused access.
        hidden = [ref for ref, found in ((ref_a, found_a), (ref_b, found_b)) if found is None]
        detail: dict[str, object] = {"a": ref_a, "b": ref_b}
        if hidden:
            detail["refused"] = hidden
        else:
            assert found_a is not None and found_b is not None
            (a, seen_a), (b, seen_b) = found_a, found_b
            run_id, context = latest_context(conn)
            shown, withheld = redacted(explain(a.record, b.record, context), seen_a, seen_b)
            detail["shown"] = [e.comparison for e in shown.evidence if e.comparison not in withheld]
            detail["withheld"] = sorted(withheld)
        audit.record(conn, identity.actor_of(analyst), "explain", detail, now, why.value)
    if hidden:
        raise NotFoundError(record_rows.absent(*parse_ref(hidden[0])))
    same = a.entity_id is not None and a.entity_id == b.entity_id
    return ShownExplanation(shown, run_id, same, withheld)
