"""Foreign-fighter categories, their magnitudes, and dated status histories.

Magnitudes follow the brief (Belgium, late 2015 to 2016), per 900 watch-listed people: about a
third radicalised or sympathisers who never travelled, about 500 who left for Syria (about 200
still there, 100 in transit, 70 killed, at least 128 returned), departures slowing to 6-8 a month
in 2016, half the rate of 2015. Every transition is dated and names the agency that learned it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

#: The data set describes the situation on this day; no transition is later.
AS_OF = date(2016, 12, 31)
#: Share of all persons in the data set who are on the watch list (900 of 10,000).
WATCH_SHARE = 0.09
#: Reference size the category counts below are given for.
REFERENCE_WATCH_LIST = 900

NEVER_TRAVELLED = {"radicalised": 120, "sympathiser": 110, "home_grown_extremist": 40, "propagandist": 25}
NOT_LEFT = {"intending_to_leave": 30, "stopped": 75}
TRAVELLED = {"in_conflict_zone": 200, "in_transit": 100, "presumed_deceased": 70, "returned": 130}
CATEGORY_COUNTS = {**NEVER_TRAVELLED, **NOT_LEFT, **TRAVELLED}
#: Children brought back from the conflict zone, per 900 watch-listed (not on the list themselves).
CHILD_RETURNEES = 20

#: Departures per month for each year (relative; 2016 is half of 2015, as reported).
DEPARTURES_PER_MONTH = {2012: 1.7, 2013: 8.0, 2014: 11.0, 2015: 14.0, 2016: 7.0}
_DEPARTURE_MONTHS = [(y, m) for y in DEPARTURES_PER_MONTH for m in range(1, 13)]
_DEPARTURE_WEIGHTS = [DEPARTURES_PER_MONTH[y] for y, _ in _DEPARTURE_MONTHS]


@dataclass(frozen=True, slots=True)
class Transition:
    status: str
    date: date
    source: str


def scaled_counts(watch_total: int) -> dict[str, int]:
    """Category counts for a watch list of ``watch_total``, summing exactly to it."""
    raw = {k: v * watch_total / REFERENCE_WATCH_LIST for k, v in CATEGORY_COUNTS.items()}
    counts = {k: int(v) for k, v in raw.items()}
    by_remainder = sorted(raw, key=lambda k: raw[k] - counts[k], reverse=True)
    for k in by_remainder[: watch_total - sum(counts.values())]:
        counts[k] += 1
    return counts


def departure_date(rng: random.Random) -> date:
    year, month = rng.choices(_DEPARTURE_MONTHS, _DEPARTURE_WEIGHTS)[0]
    return date(year, month, rng.randint(1, 28))


def _after(rng: random.Random, start: date, min_days: int, max_days: int) -> date | None:
    """A date between ``min_days`` and ``max_days`` after ``start``, or None if past ``AS_OF``."""
    earliest = start + timedelta(days=min_days)
    if earliest > AS_OF:
        return None
    latest = min(start + timedelta(days=max_days), AS_OF)
    return earliest + timedelta(days=rng.randint(0, (latest - earliest).days))


def _between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


@dataclass(frozen=True, slots=True)
class Informants:
    """Which agencies can learn about this person: their local police zone, prevention service."""

    zone: str | None
    prevention: str | None

    def local(self, rng: random.Random) -> str:
        options = [s for s in (self.zone, self.prevention) if s] or ["police.federal"]
        return rng.choice(options)

    def monitoring(self, rng: random.Random) -> str:
        return rng.choice(["ocam", "ocam", self.zone or "police.federal", self.prevention or "ocam"])


def history(category: str, rng: random.Random, who: Informants) -> list[Transition]:
    """A plausible dated path through the lifecycle for one watch-listed person of ``category``."""
    steps: list[Transition] = []

    def add(status: str, when: date | None, source: str) -> bool:
        if when is None:
            return False
        steps.append(Transition(status, when, source))
        return True

    if category in NEVER_TRAVELLED:
        start = _between(rng, date(2012, 6, 1), date(2016, 10, 31))
        first_source = rng.choice(["intel.civil", "intel.civil", who.local(rng)])
        add(category, start, first_source)
        if category in ("home_grown_extremist", "propagandist") and rng.random() < 0.35:
            _prosecution(steps, rng, start, who)
        elif rng.random() < 0.4:
            add("monitored", _after(rng, start, 30, 400), who.monitoring(rng))
        return steps

    if category in NOT_LEFT:
        start = _between(rng, date(2014, 1, 1), date(2016, 11, 30))
        add("intending_to_leave", start, rng.choice(["intel.civil", who.local(rng)]))
        if category == "stopped":
            stopper = rng.choice(["police.federal", "police.federal", "foreign.tr", "foreign.de"])
            if add("stopped", _after(rng, start, 3, 120), stopper) and rng.random() < 0.5:
                add("monitored", _after(rng, steps[-1].date, 7, 200), who.monitoring(rng))
        return steps

    left = departure_date(rng)
    if rng.random() < 0.3:
        add("intending_to_leave", left - timedelta(days=rng.randint(20, 180)), "intel.civil")
    add("in_transit", left, rng.choice(["foreign.tr", "foreign.tr", "intel.civil", "foreign.de"]))
    arrived = _after(rng, left, 4, 60)
    if category == "in_transit" and (arrived is None or rng.random() < 0.5):
        return steps
    if not add("in_conflict_zone", arrived or AS_OF, rng.choice(["intel.civil", "intel.military", "ocam"])):
        return steps
    there = steps[-1].date
    if category == "in_transit":
        add("in_transit", _after(rng, there, 60, 900), rng.choice(["foreign.tr", "intel.civil"]))
    elif category == "presumed_deceased":
        died = _after(rng, there, 60, 900) or AS_OF
        add("presumed_deceased", died, rng.choice(["intel.military", "intel.civil", "europol"]))
    elif category == "returned":
        back = _after(rng, there, 45, 800) or AS_OF
        add("returned", back, rng.choice(["foreign.tr", "police.federal", "police.federal", "foreign.fr"]))
        if rng.random() < 0.25:
            add("monitored", _after(rng, back, 3, 90), who.monitoring(rng))
        else:
            _prosecution(steps, rng, back, who)
    return steps


def _prosecution(steps: list[Transition], rng: random.Random, start: date, who: Informants) -> None:
    """Arrest, detention, trial, release and monitoring, as far as they happened by ``AS_OF``."""
    arrested = _after(rng, start, 0, 40)
    if arrested is None:
        return
    steps.append(Transition("arrested", arrested, "police.federal"))
    detained = _after(rng, arrested, 1, 4)
    if detained is None:
        return
    steps.append(Transition("detained", detained, "prison.radicalisation"))
    if rng.random() < 0.35:
        return  # awaiting trial
    verdict = "acquitted" if rng.random() < 0.12 else "convicted"
    tried = _after(rng, detained, 150, 540)
    if tried is None:
        return
    steps.append(Transition(verdict, tried, "police.federal"))
    released = (
        tried + timedelta(days=rng.randint(1, 10)) if verdict == "acquitted" else _after(rng, tried, 120, 900)
    )
    if released is None or released > AS_OF:
        return
    steps.append(Transition("released", released, "prison.radicalisation"))
    monitored = _after(rng, released, 0, 30)
    if monitored is not None:
        steps.append(Transition("monitored", monitored, who.monitoring(rng)))


def child_history(rng: random.Random, born: date, parent_left: date, who: Informants) -> list[Transition]:
    """A child taken to (or born in) the conflict zone and brought back, then followed locally."""
    there = max(born, parent_left + timedelta(days=rng.randint(5, 30)))
    there = min(there, AS_OF - timedelta(days=60))
    steps = [Transition("in_conflict_zone", there, rng.choice(["intel.civil", "ocam"]))]
    back = _after(rng, there, 30, 900) or AS_OF
    steps.append(Transition("returned", back, rng.choice(["foreign.tr", "police.federal"])))
    followed = _after(rng, back, 1, 60)
    if followed is not None:
        steps.append(Transition("monitored", followed, who.monitoring(rng)))
    return steps
