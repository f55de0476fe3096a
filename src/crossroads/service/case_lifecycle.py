"""The foreign-fighter lifecycle (BRIEF.md) as values: the statuses a case moves through, which
move may follow which, and the checks a new dated transition must pass. Pure: no database, no
clock (``today`` is passed in), so the rules are tested over every pair of statuses.

intending to leave → stopped / in transit → in conflict zone → presumed deceased, or returned →
arrested → detained → convicted / acquitted → released → monitored; and home-grown extremists and
propagandists who never travelled. A move the lifecycle does not allow (a presumed-dead person
seen in transit) is not forbidden outright, since reports do contradict each other, but it needs an
explicit override with a reason, kept beside the transition for oversight.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from crossroads.errors import CrossroadsError

STATUSES = (
    "home_grown", "propagandist", "intending_to_leave", "stopped", "in_transit", "in_conflict_zone",
    "presumed_deceased", "returned", "arrested", "detained", "convicted", "acquitted", "released",
    "monitored",
)  # fmt: skip
CATEGORIES = ("foreign_fighter", "home_grown", "propagandist", "child_returnee")
ACTION_KINDS = ("disengagement_programme", "prison", "probation_conditions", "other")

_PROSECUTION = ("arrested", "monitored")
#: Which status may follow which without an override (a status may always be confirmed again).
NEXT: dict[str, frozenset[str]] = {
    "home_grown": frozenset({"propagandist", "intending_to_leave", *_PROSECUTION}),
    "propagandist": frozenset({"home_grown", "intending_to_leave", *_PROSECUTION}),
    "intending_to_leave": frozenset({"stopped", "in_transit", "in_conflict_zone", *_PROSECUTION}),
    "stopped": frozenset({"intending_to_leave", "in_transit", *_PROSECUTION}),
    "in_transit": frozenset({"in_conflict_zone", "returned", "stopped", "presumed_deceased", "arrested"}),
    "in_conflict_zone": frozenset({"in_transit", "presumed_deceased", "returned", "arrested"}),
    "presumed_deceased": frozenset(),  # only with an override: a presumed death is often wrong
    "returned": frozenset({"arrested", "detained", "monitored"}),
    "arrested": frozenset({"detained", "released", "monitored"}),
    "detained": frozenset({"convicted", "acquitted", "released"}),
    "convicted": frozenset({"detained", "released"}),
    "acquitted": frozenset({"released", "monitored"}),
    "released": frozenset({"monitored", "arrested"}),
    "monitored": frozenset({"arrested", "intending_to_leave", "in_transit", "home_grown", "propagandist"}),
}

#: How the agencies' own category words (the demo's and the threat-assessment centre's) map onto
#: the case statuses: radicalised persons and sympathisers are followed as home-grown.
STATUS_ALIASES = {
    "radicalised": "home_grown",
    "sympathiser": "home_grown",
    "home_grown_extremist": "home_grown",
}


class CaseError(CrossroadsError):
    """A case cannot be opened, moved or followed up as asked."""


class TransitionError(CaseError):
    """A transition breaks the lifecycle or its dates: the message names the field and the fix."""


@dataclass(frozen=True)
class Step:
    """A transition already on the case, as the check needs it."""

    status: str
    on: date
    shown: bool = True  # False: the user recording a move may not see this one (its words are withheld)


def checked_choice(value: str, allowed: tuple[str, ...], field: str) -> str:
    chosen = value.strip().lower().replace("-", "_").replace(" ", "_")
    if chosen not in allowed:
        raise CaseError(f"{field} {value!r}: one of {', '.join(allowed)}")
    return chosen


def checked_status(value: str) -> str:
    return checked_choice(STATUS_ALIASES.get(value.strip(), value), STATUSES, "status")


def allowed(previous: str | None, status: str) -> bool:
    """Whether ``status`` may follow ``previous`` (None: the first transition) without an override."""
    return previous is None or status == previous or status in NEXT[previous]


def check(timeline: list[Step], status: str, on: date, today: date, override: str | None) -> None:
    """Refuse a transition dated in the future or before the case's latest one, and a move the
    lifecycle does not allow unless ``override`` gives the reason. ``timeline`` is in date order."""
    if on > today:
        raise TransitionError(f"date {on}: in the future (today is {today}); give the day it happened")
    latest = timeline[-1] if timeline else None
    if latest is not None and on < latest.on:
        what = f"{latest.status} on {latest.on}" if latest.shown else "one you may not see"
        raise TransitionError(
            f"date {on}: before the case's latest transition ({what}); "
            "transitions are recorded in the order they happened"
        )
    previous = latest.status if latest is not None else None
    if not allowed(previous, status) and not (override or "").strip():
        if latest is not None and not latest.shown:
            raise TransitionError(
                f"status {status!r}: not a move the lifecycle allows after the case's latest transition "
                "(one you may not see); if the reports truly say so, pass an override with the reason"
            )
        nexts = ", ".join(sorted(NEXT[previous or status])) or "none without an override"
        raise TransitionError(
            f"status {status!r}: not a move the lifecycle allows after {previous!r} "
            f"(allowed: {nexts}); if the reports truly say so, pass an override with the reason"
        )


def category_of(statuses: list[str], child: bool) -> str:
    """The case category a seeded timeline suggests: a child victim's case is a returning child's;
    anyone who intended to travel or travelled is a foreign fighter; else home-grown or propagandist."""
    if child:
        return "child_returnee"
    travel = {
        "intending_to_leave",
        "stopped",
        "in_transit",
        "in_conflict_zone",
        "presumed_deceased",
        "returned",
    }
    if travel & set(statuses):
        return "foreign_fighter"
    return "propagandist" if "propagandist" in statuses else "home_grown"
