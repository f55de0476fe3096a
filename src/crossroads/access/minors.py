"""Whether a person was a child under ten at a date, from a birth date as records give it.

Children under ten returning from conflict zones are treated as victims (BRIEF.md), so a record
made while its subject was under ten must not feed watchlist-style processing without a reviewed
decision. Birth dates may be partial (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, FORMAT.md); a partial
date is decided conservatively: if any day it allows makes the person under ten, they count as
under ten. That is the same as asking about the latest day it allows. Pure: no database, no clock.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date

from crossroads.errors import CrossroadsError

VICTIM_AGE = 10

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)


class BirthDateError(CrossroadsError):
    """A birth date is not ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or names no real day."""


def latest_birth(value: str) -> date:
    """The last day a person with this birth date may have been born on (the youngest they can be)."""
    match = _ISO.match(value.strip())
    if not match:
        raise BirthDateError(f"birthDate {value!r}: write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None:
            return date(year, 12, 31)
        if day is None:
            return date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, day)
    except ValueError:  # month 13, 30 February
        raise BirthDateError(f"birthDate {value!r} names no real day") from None


def birthday(born: date, years: int) -> date:
    """The day someone born on ``born`` turns ``years``; born on 29 February: 1 March in a common year."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 3, 1)


def possibly_under(birth: str, at: date, years: int = VICTIM_AGE) -> bool:
    """Whether someone with birth date ``birth`` may have been younger than ``years`` on ``at``
    (a date before their birth counts as younger)."""
    return at < birthday(latest_birth(birth), years)


def child_victim(birth_dates: Iterable[str], received: date) -> bool:
    """A record is of a child victim when any birth date it gives may be under ten on the day it was
    received. A record without a birth date is not: its subject's age is unknown, not young."""
    return any(possibly_under(b, received) for b in birth_dates)
