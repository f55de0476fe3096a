"""The comparisons other than the name for many pairs at once, on integer columns (pure, numpy).

``comparisons`` defines each level by a function of two profiles; called once per candidate pair
that definition cost about a third of linking time. Here every value a profile holds is numbered
once per batch (``encode``), and the levels of all pairs follow from whole-array operations: a set
comparison asks whether the two records' value numbers meet, a birth date compares year, month,
day and digits as integers. A test holds these columns to ``comparisons``' functions pair by pair
(``tests/resolve/test_level_columns.py``); those functions stay the definition and serve the
explanations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from crossroads.resolve.comparisons import (
    BIRTH_DATES_DIFFER,
    DATE_SLIP,
    NULL,
    RULES,
    SAME_DATE,
    SAME_MONTH,
    SAME_YEAR_ONLY,
    SAME_YEAR_WRITTEN,
    YEARS_APART,
    birth_date_level,
)
from crossroads.resolve.name_scores import NameIndex
from crossroads.resolve.profile import Profile

_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
#: Pairs levelled at a time (``LevelColumns.other_levels``): each comparison's temporaries hold
#: several integers per pair and value. The 2,745,961 candidate pairs of 252,255 demo records, at
#: once, took 334 MiB at the peak and 3.0-3.4 s; a million at a time, 138 MiB and 2.1 s.
PAIRS_AT_ONCE = 1_000_000


@dataclass(frozen=True)
class ValueSets:
    """Per record, its values as numbers: ``flat[starts[r]:starts[r] + counts[r]]``."""

    flat: np.ndarray
    starts: np.ndarray
    counts: np.ndarray
    width: int  # how many distinct values

    def explode(self, records: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For ``records[k]``, one row (k, value) per value it holds."""
        counts = self.counts[records]
        owners = np.repeat(np.arange(len(records), dtype=np.int64), counts)
        offset = np.arange(len(owners), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
        return owners, self.flat[np.repeat(self.starts[records], counts) + offset]


def _sets(values: Iterable[Iterable[str]], ids: dict[str, int] | None = None) -> ValueSets:
    ids = {} if ids is None else ids
    flat: list[int] = []
    counts: list[int] = []
    for group in values:
        before = len(flat)
        flat.extend(ids.setdefault(v, len(ids)) for v in group)
        counts.append(len(flat) - before)
    count = np.asarray(counts, dtype=np.int64)
    return ValueSets(np.asarray(flat, dtype=np.int64), np.cumsum(count) - count, count, max(len(ids), 1))


def _shares(sets: ValueSets, ia: np.ndarray, ib: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Whether both records of each pair hold a value, and whether they hold one in common."""
    ca, cb = sets.counts[ia], sets.counts[ib]
    known = (ca > 0) & (cb > 0)
    shared = np.zeros(len(ia), dtype=bool)
    one = known & (ca == 1) & (cb == 1)
    shared[one] = sets.flat[sets.starts[ia[one]]] == sets.flat[sets.starts[ib[one]]]
    many = np.flatnonzero(known & ~one)
    if len(many):
        # A record's values are distinct, so a (pair, value) row seen twice is a value both hold.
        owner_a, value_a = sets.explode(ia[many])
        owner_b, value_b = sets.explode(ib[many])
        rows, seen = np.unique(
            np.concatenate([owner_a * sets.width + value_a, owner_b * sets.width + value_b]),
            return_counts=True,
        )
        shared[many[np.unique(rows[seen > 1] // sets.width)]] = True
    return known, shared


def _shared_level(sets: ValueSets, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    known, shared = _shares(sets, ia, ib)
    return np.where(known, np.where(shared, 0, 1), NULL).astype(np.int8)


@dataclass(frozen=True)
class _Dates:
    """Each distinct birth date as integers: length (4, 7 or 10), year, month, day, whether it is
    the 1 January placeholder, and its eight digits."""

    length: np.ndarray
    year: np.ndarray
    month: np.ndarray
    day: np.ndarray
    placeholder: np.ndarray
    digits: np.ndarray  # (dates, 8)

    @classmethod
    def of(cls, dates: Sequence[str]) -> _Dates:
        n = len(dates)
        digits = np.zeros((n, 8), dtype=np.int8)
        length, year, month, day = (np.zeros(n, dtype=np.int64) for _ in range(4))
        for k, d in enumerate(dates):
            length[k] = len(d)
            year[k] = int(d[:4])
            month[k] = int(d[5:7]) if len(d) >= 7 else 0
            day[k] = int(d[8:10]) if len(d) == 10 else 0
            if len(d) == 10:
                digits[k] = [int(c) for c in d[:4] + d[5:7] + d[8:10]]
        placeholder = (length == 10) & (month == 1) & (day == 1)
        return cls(length, year, month, day, placeholder, digits)

    def levels(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """``comparisons._date_level`` for the date numbers ``x[k]``, ``y[k]``: each rule assigns
        its level where it holds, strongest last, so each pair keeps the first rule that holds."""
        same_year = self.year[x] == self.year[y]
        year_off = np.abs(self.year[x] - self.year[y]) == 1
        out = np.where(same_year, SAME_YEAR_ONLY, BIRTH_DATES_DIFFER).astype(np.int8)
        either_placeholder = self.placeholder[x] | self.placeholder[y]
        # A year apart, one date written to the year or month (or the 1 January placeholder), and
        # the months the same where both say one.
        partial = (self.length[x] < 10) | (self.length[y] < 10) | either_placeholder
        has_month_x = (self.length[x] >= 7) & ~self.placeholder[x]
        has_month_y = (self.length[y] >= 7) & ~self.placeholder[y]
        months_agree = ~(has_month_x & has_month_y) | (self.month[x] == self.month[y])
        out[partial & year_off & months_agree] = YEARS_APART
        both_full = (self.length[x] == 10) & (self.length[y] == 10)
        swapped = both_full & same_year & (self.month[x] == self.day[y]) & (self.day[x] == self.month[y])
        one_digit = both_full & ((self.digits[x] != self.digits[y]).sum(axis=1) == 1)
        same_day = (self.month[x] == self.month[y]) & (self.day[x] == self.day[y])
        day_off = same_year & (self.month[x] == self.month[y]) & (np.abs(self.day[x] - self.day[y]) == 1)
        one_off = both_full & ~either_placeholder & ((same_day & year_off) | day_off)
        out[swapped | one_digit | one_off] = DATE_SLIP
        shorter = np.minimum(self.length[x], self.length[y])
        as_far = (
            same_year
            & ((shorter < 7) | (self.month[x] == self.month[y]))
            & ((shorter < 10) | (self.day[x] == self.day[y]))
        )
        out[as_far] = np.where(
            shorter == 10, SAME_DATE, np.where(shorter == 7, SAME_MONTH, SAME_YEAR_WRITTEN)
        )[as_far]
        out[(self.placeholder[x] | self.placeholder[y]) & same_year] = SAME_YEAR_WRITTEN
        return out


@dataclass(frozen=True)
class LevelColumns:
    """The profiles of one batch as number columns, built once and used for every pair list."""

    profiles: Sequence[Profile]
    births: ValueSets
    dates: _Dates
    odd_births: np.ndarray  # a birth date not in ISO form: that record's pairs take the slow path
    names: np.ndarray  # how many civil names
    aliases: np.ndarray
    nrns: ValueSets
    passports: ValueSets
    gender: ValueSets
    nationalities: ValueSets
    places: ValueSets
    place_skeletons: ValueSets
    addresses: ValueSets
    postcodes: ValueSets
    phones: ValueSets
    sources: ValueSets
    name_index: NameIndex  # the names, for ``name_scores.score_names``

    @classmethod
    def encode(cls, profiles: Sequence[Profile]) -> LevelColumns:
        date_ids: dict[str, int] = {}
        births = _sets((p.births for p in profiles), date_ids)
        dates = list(date_ids)
        odd_dates = np.array([_ISO.fullmatch(d) is None for d in dates] + [False], dtype=bool)
        usable = [d if _ISO.fullmatch(d) else "0000" for d in dates]
        owners = np.repeat(np.arange(len(profiles)), births.counts)
        odd = np.zeros(len(profiles), dtype=bool)
        odd[owners[odd_dates[births.flat]]] = True
        return cls(
            profiles=profiles,
            births=births,
            dates=_Dates.of(usable),
            odd_births=odd,
            names=np.fromiter((len(p.names) for p in profiles), dtype=np.int64, count=len(profiles)),
            aliases=np.fromiter((len(p.aliases) for p in profiles), dtype=np.int64, count=len(profiles)),
            nrns=_sets(p.nrns for p in profiles),
            passports=_sets(p.passports for p in profiles),
            gender=_sets(() if p.gender is None else (p.gender,) for p in profiles),
            nationalities=_sets(p.nationalities for p in profiles),
            places=_sets(p.birth_places for p in profiles),
            place_skeletons=_sets(p.birth_place_skeletons for p in profiles),
            addresses=_sets(p.addresses for p in profiles),
            postcodes=_sets(p.postcodes for p in profiles),
            phones=_sets(p.phones for p in profiles),
            sources=_sets((p.source,) if p.source else () for p in profiles),
            name_index=NameIndex.of(profiles),
        )

    def birth_date(self, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
        """Best agreement over every birth date of one record and every one of the other."""
        out = np.full(len(ia), NULL, dtype=np.int8)
        ca, cb = self.births.counts[ia], self.births.counts[ib]
        todo = np.flatnonzero((ca > 0) & (cb > 0))
        if len(todo):
            per_pair = ca[todo] * cb[todo]
            owners = np.repeat(np.arange(len(todo), dtype=np.int64), per_pair)
            first = np.cumsum(per_pair) - per_pair
            offset = np.arange(len(owners), dtype=np.int64) - np.repeat(first, per_pair)
            width = cb[todo][owners]
            x = self.births.flat[self.births.starts[ia[todo]][owners] + offset // width]
            y = self.births.flat[self.births.starts[ib[todo]][owners] + offset % width]
            out[todo] = np.minimum.reduceat(self.dates.levels(x, y), first)
        for k in np.flatnonzero(self.odd_births[ia] | self.odd_births[ib]).tolist():
            out[k] = birth_date_level(self.profiles[int(ia[k])], self.profiles[int(ib[k])])
        return out

    def gender_level(self, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
        return _shared_level(self.gender, ia, ib)

    def birth_place(self, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
        known, same = _shares(self.places, ia, ib)
        _, alike = _shares(self.place_skeletons, ia, ib)
        return np.where(known, np.where(same, 0, np.where(alike, 1, 2)), NULL).astype(np.int8)

    def contact(self, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
        _, address = _shares(self.addresses, ia, ib)
        lines, phone = _shares(self.phones, ia, ib)
        places, postcode = _shares(self.postcodes, ia, ib)
        level = np.select([address & phone, address | phone, postcode], [0, 1, 2], default=3)
        return np.where(places | lines, level, NULL).astype(np.int8)

    def source(self, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
        known, same = _shares(self.sources, ia, ib)
        return np.where(known, np.where(same, 1, 0), NULL).astype(np.int8)

    def names_say_nothing(self, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
        """``comparisons.names_say_nothing`` for every pair."""
        one_way = (self.names[ia] == 0) & (self.aliases[ib] == 0)
        return np.asarray(one_way | ((self.names[ib] == 0) & (self.aliases[ia] == 0)), dtype=bool)

    def other_levels(self, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
        """Levels of every comparison but the name, one column per ``comparisons.RULES`` entry."""
        by_name = {
            "birth_date": self.birth_date,
            "nrn": lambda a, b: _shared_level(self.nrns, a, b),
            "passport": lambda a, b: _shared_level(self.passports, a, b),
            "gender": self.gender_level,
            "nationality": lambda a, b: _shared_level(self.nationalities, a, b),
            "birth_place": self.birth_place,
            "contact": self.contact,
            "source": self.source,
        }
        out = np.empty((len(ia), len(RULES)), dtype=np.int8)
        for at in range(0, len(ia), PAIRS_AT_ONCE):
            a, b = ia[at : at + PAIRS_AT_ONCE], ib[at : at + PAIRS_AT_ONCE]
            for column, (comparison, _) in enumerate(RULES):
                out[at : at + PAIRS_AT_ONCE, column] = by_name[comparison.name](a, b)
        return out
