"""Stock and flow of cases, computed from dated transitions (pure: values in, tables out).

A *departure* is a move into ``in_transit`` or ``in_conflict_zone`` from any status that is not
one of those two (a first report, intending to leave, stopped, returned, monitored...): a person
seen in transit again on leaving the conflict zone has not departed a second time. A *return* is a
move into ``returned``; *stopped*, *deaths* (presumed deceased) and *arrests* are moves into those
statuses. The *stock* at a day is, for each case, the status of its latest transition on or before
that day (the status in force at the month's end, for a month). Counts below ``SMALL`` are shown
as ``"<5"`` where the reader may not see the cases behind them (``suppress``).
"""

from __future__ import annotations

import calendar
import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from crossroads.errors import CrossroadsError
from crossroads.service.case_lifecycle import STATUSES

Cell = int | str
DEPARTED = frozenset({"in_transit", "in_conflict_zone"})
SMALL = 5  # counts 1 to SMALL-1 are suppressed for aggregate-only readers
SUPPRESSED = f"<{SMALL}"
MAX_MONTHS = 240
UNKNOWN_PLACE = "(unknown)"


class StatisticsError(CrossroadsError):
    """Figures cannot be computed as asked (a month that is not YYYY-MM, a range backwards)."""


@dataclass(frozen=True, order=True)
class Event:
    on: date
    status: str
    agency: str | None  # the agency that reported it


@dataclass(frozen=True)
class Timeline:
    case_id: int
    municipality: str | None
    closed_on: date | None
    events: tuple[Event, ...]  # in the order they happened


@dataclass(frozen=True)
class Figures:
    """One table of figures: the first column labels each row, the others are counts."""

    name: str
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]]
    cases: int  # the cases the figures are drawn from
    suppressed: bool = False  # small counts shown as "<5"
    filters: dict[str, str | None] = field(default_factory=dict)


def month(text: str, what: str) -> date:
    """``YYYY-MM`` as the first day of that month."""
    try:
        year, _, number = text.strip().partition("-")
        return date(int(year), int(number), 1)
    except ValueError:
        raise StatisticsError(f"{what} {text!r}: a month such as 2016-03 (YYYY-MM)") from None


def month_end(first: date) -> date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def add_months(first: date, n: int) -> date:
    index = first.year * 12 + first.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def months(start: date, end: date) -> list[date]:
    """First days of every month from ``start``'s to ``end``'s, both included."""
    if end < start:
        raise StatisticsError(f"from {start:%Y-%m} is after to {end:%Y-%m}: swap them")
    out = [start.replace(day=1)]
    while out[-1] < end.replace(day=1):
        out.append(add_months(out[-1], 1))
        if len(out) > MAX_MONTHS:
            raise StatisticsError(f"more than {MAX_MONTHS} months asked: narrow --from/--to")
    return out


def span(timelines: Sequence[Timeline], start: date | None, end: date | None, today: date) -> list[date]:
    """The months asked, or from the first transition's month to the last one's."""
    days = [e.on for t in timelines for e in t.events]
    first = start or (min(days) if days else today).replace(day=1)
    last = end or (max(days) if days else today).replace(day=1)
    return months(first, last)


def moves(timeline: Timeline) -> list[tuple[str, Event]]:
    """Each flow a timeline makes: (departure / stopped / return / death / arrest, the event)."""
    found = []
    before: str | None = None
    for event in timeline.events:
        if event.status in DEPARTED and before not in DEPARTED:
            found.append(("departures", event))
        elif event.status != before:
            kind = FLOW_OF.get(event.status)
            if kind is not None:
                found.append((kind, event))
        before = event.status
    return found


FLOW_OF = {"stopped": "stopped", "returned": "returns", "presumed_deceased": "deaths", "arrested": "arrests"}
FLOWS = ("departures", "stopped", "returns", "deaths", "arrests")


def status_at(timeline: Timeline, day: date) -> str | None:
    """The status in force at the end of ``day``: that of the latest transition on or before it."""
    current = None
    for event in timeline.events:
        if event.on > day:
            break
        current = event.status
    return current


def flows(timelines: Sequence[Timeline], span_: list[date]) -> Figures:
    """Per month: departures, stopped, returns, deaths, arrests, and those in the conflict zone at
    the month's end."""
    counts: Counter[tuple[date, str]] = Counter()
    for t in timelines:
        for kind, event in moves(t):
            counts[(event.on.replace(day=1), kind)] += 1
    rows: list[tuple[Cell, ...]] = []
    for first in span_:
        there = sum(status_at(t, month_end(first)) == "in_conflict_zone" for t in timelines)
        rows.append((f"{first:%Y-%m}", *(counts[(first, k)] for k in FLOWS), there))
    return Figures("flows", ("month", *FLOWS, "in_conflict_zone_at_month_end"), rows, len(timelines))


def stock(timelines: Sequence[Timeline], day: date) -> Figures:
    """How many cases are in each status at the end of ``day`` (statuses in the lifecycle's order)."""
    counts = Counter(status_at(t, day) for t in timelines)
    rows: list[tuple[Cell, ...]] = [(s, counts[s]) for s in STATUSES]
    return Figures("stock", ("status", f"at {day.isoformat()}"), rows, len(timelines))


def _in(event: Event, span_: list[date]) -> bool:
    return span_[0] <= event.on <= month_end(span_[-1])


def by_municipality(timelines: Sequence[Timeline], span_: list[date]) -> Figures:
    """Per municipality (by postcode, its names in every language): cases, departures and returns
    in the months, and the stock in the conflict zone and in detention at the last month's end."""
    end = month_end(span_[-1])
    table: dict[str, Counter[str]] = {}
    names: dict[str, set[str]] = {}
    for t in timelines:
        key = place_key(t.municipality)
        names.setdefault(key, set()).add(t.municipality or UNKNOWN_PLACE)
        row = table.setdefault(key, Counter())
        row["cases"] += 1
        for kind, event in moves(t):
            if kind in ("departures", "returns") and _in(event, span_):
                row[kind] += 1
        row[status_at(t, end) or ""] += 1
    columns = ("cases", "departures", "returns", "in_conflict_zone", "detained")
    rows: list[tuple[Cell, ...]] = [
        (" / ".join(sorted(names[key])), *(c[k] for k in columns)) for key, c in sorted(table.items())
    ]
    return Figures("by-municipality", ("municipality", *columns), rows, len(timelines))


def place_key(municipality: str | None) -> str:
    """What groups a municipality's cases: its postcode when the address gave one, since one
    municipality is written in each language ("1000 Bruxelles", "1000 Brussel")."""
    if not municipality:
        return "~"  # after every postcode
    first = municipality.split()[0]
    return first if first.isdigit() else municipality.casefold()


def by_agency(timelines: Sequence[Timeline], span_: list[date]) -> Figures:
    """Per reporting agency, over the months: transitions it reported, departures and returns
    first reported through it, and the cases it reported on."""
    table: dict[str, Counter[str]] = {}
    for t in timelines:
        reported: set[str] = set()
        for event in t.events:
            if _in(event, span_):
                agency = event.agency or UNKNOWN_PLACE
                table.setdefault(agency, Counter())["transitions"] += 1
                reported.add(agency)
        for kind, event in moves(t):
            if kind in ("departures", "returns") and _in(event, span_):
                table.setdefault(event.agency or UNKNOWN_PLACE, Counter())[kind] += 1
        for agency in reported:
            table[agency]["cases"] += 1
    columns = ("cases", "transitions", "departures", "returns")
    rows: list[tuple[Cell, ...]] = [(a, *(c[k] for k in columns)) for a, c in sorted(table.items())]
    return Figures("by-agency", ("agency", *columns), rows, len(timelines))


def narrowed(timelines: Iterable[Timeline], municipality: str | None, agency: str | None) -> list[Timeline]:
    """The cases of a municipality (part of its name or postcode), and of their transitions only
    those an agency reported (its view of the flows and of the stock)."""
    out = []
    for t in timelines:
        if municipality and municipality.casefold() not in (t.municipality or "").casefold():
            continue
        if agency:
            t = replace(t, events=tuple(e for e in t.events if e.agency == agency))
            if not t.events:
                continue
        out.append(t)
    return out


def suppress(figures: Figures) -> Figures:
    """Counts from 1 to ``SMALL - 1`` replaced by ``"<5"`` (zero stays: it reveals no one)."""

    def cell(value: Cell) -> Cell:
        return SUPPRESSED if isinstance(value, int) and 0 < value < SMALL else value

    rows = [(row[0], *(cell(v) for v in row[1:])) for row in figures.rows]
    return replace(figures, rows=rows, suppressed=True)


def to_csv(figures: Figures) -> str:
    """The table as CSV (RFC 4180: a header line, values with commas or quotes quoted)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(figures.columns)
    writer.writerows(figures.rows)
    return buffer.getvalue()
