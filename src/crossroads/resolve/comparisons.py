"""The comparisons of the linkage model: for each kind of evidence, ordered levels of agreement.

Each comparison turns a pair of profiles into a level: 0 is the strongest agreement, the last level
is disagreement (the name has one more after it, ``ONLY_NOMS``), and ``NULL`` means one side says
nothing (no evidence either way, weight 0). The
model (``fellegi_sunter``) learns how much each level says. Levels have plain-word labels, so an
explanation reads "same full birth date" rather than a number. Pure functions, and the
definition: ``level_columns`` computes the same levels for many pairs at once (held to these by a
test), which is what the batch, the real-time path and the explanations call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from crossroads.phrase import Phrase
from crossroads.resolve.profile import Profile

NULL = -1
#: Birth-date levels. A date written to the month that agrees with a fuller one says as much as the
#: month (about 1 in 700 pairs of strangers share it), a date written to the year only as much as
#: the year (about 1 in 60): counted as one level, the month-precision agreements of many
#: agencies' records were weighed as a shared year.
#: Two dates a year apart, one of them written to the year or month only, are a level of their own:
#: a year worked out from an age is a year off as often as not, and EM weighs how often (as
#: Splink's date comparisons have a "within one year" level). Counted as different dates, one
#: person's "1985-04" and "1986-04-08" weighed as two persons' dates.
SAME_DATE, SAME_MONTH, SAME_YEAR_WRITTEN, DATE_SLIP, SAME_YEAR_ONLY = range(5)
YEARS_APART, BIRTH_DATES_DIFFER = 5, 6
_PLACEHOLDER = "-01-01"


@dataclass(frozen=True)
class Comparison:
    """One kind of evidence: what it is called, and what each level means in plain words."""

    name: str
    levels: tuple[Phrase, ...]
    null: Phrase  # why a pair has no evidence of this kind


def _date_level(x: str, y: str) -> int:
    # Many registers write an unknown day and month as 1 January: such a date says the year only.
    placeholder = x.endswith(_PLACEHOLDER) or y.endswith(_PLACEHOLDER)
    if placeholder and x[:4] == y[:4]:
        return SAME_YEAR_WRITTEN
    if not placeholder and len(x) == len(y) == 10 and x[:4] != y[:4] and x[5:] != y[5:]:
        # Most pairs a search or an arrival weighs: two full dates differing in the year and in
        # the rest, at least two characters apart, neither swapped (that keeps the year) nor a year
        # or a day off alone, and not partial. Answered first: the checks below cost a search at
        # a million records about a millisecond for its hundreds of candidates.
        return BIRTH_DATES_DIFFER
    n = min(len(x), len(y))
    if x[:n] == y[:n]:
        # "1989" and "1989-01-23" agree as far as both are written: to the day, month or year.
        return SAME_DATE if n == 10 else SAME_MONTH if n == 7 else SAME_YEAR_WRITTEN
    if len(x) == len(y) == 10:
        if x[:4] == y[:4] and x[5:7] == y[8:10] and x[8:10] == y[5:7]:
            return DATE_SLIP  # day and month swapped (a US-style date somewhere in the chain)
        if sum(c != d for c, d in zip(x, y, strict=True)) == 1:
            return DATE_SLIP  # one digit mistyped
        if not (x.endswith(_PLACEHOLDER) or y.endswith(_PLACEHOLDER)) and _numeric(x, y) and _one_off(x, y):
            return DATE_SLIP  # a year or a day off by one where that changes two digits (1989 / 1990)
    if x[:4] == y[:4]:
        return SAME_YEAR_ONLY
    partial = len(x) < 10 or len(y) < 10 or x.endswith(_PLACEHOLDER) or y.endswith(_PLACEHOLDER)
    months_agree = not (_has_month(x) and _has_month(y)) or x[5:7] == y[5:7]
    if partial and _numeric(x, y) and abs(int(x[:4]) - int(y[:4])) == 1 and months_agree:
        return YEARS_APART
    return BIRTH_DATES_DIFFER


def _numeric(*dates: str) -> bool:
    """Whether the dates are written in digits where years and days are read (a date not in ISO
    form is compared by its characters only)."""
    return all(d[:4].isdigit() and (len(d) < 10 or d[8:10].isdigit()) for d in dates)


def _has_month(d: str) -> bool:
    return len(d) >= 7 and not d.endswith(_PLACEHOLDER)


def _one_off(x: str, y: str) -> bool:
    """Two full dates one year apart on the same day, or one day apart in the same month."""
    if x[5:] == y[5:]:
        return abs(int(x[:4]) - int(y[:4])) == 1
    return x[:7] == y[:7] and abs(int(x[8:]) - int(y[8:])) == 1


def birth_date_level(a: Profile, b: Profile) -> int:
    """Best agreement between any birth date of one record and any of the other."""
    if not a.births or not b.births:
        return NULL
    if len(a.births) == 1 == len(b.births):  # most records give one
        return _date_level(a.births[0], b.births[0])
    return min(_date_level(x, y) for x in a.births for y in b.births)


def _shared(a: frozenset[str], b: frozenset[str]) -> int:
    if not a or not b:
        return NULL
    return 0 if a & b else 1


def nrn_level(a: Profile, b: Profile) -> int:
    return _shared(a.nrns, b.nrns)


def passport_level(a: Profile, b: Profile) -> int:
    return _shared(a.passports, b.passports)


def nationality_level(a: Profile, b: Profile) -> int:
    return _shared(a.nationalities, b.nationalities)


def birth_place_level(a: Profile, b: Profile) -> int:
    """Place names by their spelling, then by consonant skeleton (the name engine's keys): the
    same town in French, Dutch, English or Spanish spelling is mostly the same skeleton."""
    if not a.birth_places or not b.birth_places:
        return NULL
    if a.birth_places & b.birth_places:
        return 0
    return 1 if a.birth_place_skeletons & b.birth_place_skeletons else 2


def names_say_nothing(a: Profile, b: Profile) -> bool:
    """A nom de guerre is not expected to resemble the civil name: a record known only by one says
    nothing, for or against, about a record that gives only the civil name (name level ``NULL``)."""
    return (not a.names and not b.aliases) or (not b.names and not a.aliases)


def gender_level(a: Profile, b: Profile) -> int:
    if a.gender is None or b.gender is None:
        return NULL
    return 0 if a.gender == b.gender else 1


def contact_level(a: Profile, b: Profile) -> int:
    """Address and phone as one comparison: a household shares both, so counting them apart would
    count one piece of evidence (the same home) twice, and brothers would look like one man.

    Only like is compared with like: a record giving only an address says nothing, for or against,
    about one giving only a phone (``NULL``), as a record without either says nothing. Counted as a
    disagreement, such pairs were a third of the "different addresses and phones" level on 100,954
    demo records, and one person's records were taken to disagree on where he lives when neither
    said it the way the other did."""
    if not (a.postcodes and b.postcodes) and not (a.phones and b.phones):
        return NULL
    same_address = bool(a.addresses & b.addresses)
    same_phone = bool(a.phones & b.phones)
    if same_address and same_phone:
        return 0
    if same_address or same_phone:
        return 1
    if a.postcodes & b.postcodes:
        return 2
    return 3


def source_level(a: Profile, b: Profile) -> int:
    """Whether the two records come from two agencies (0) or from one (1). An agency keeps one file
    per person it knows, so two of its own records are seldom one person, and the records of a
    person known to several agencies come from several: how seldom and how often is learned from
    the data, as every other level's weight (on 100,954 demo records, 1.8 % of candidate pairs
    from one agency were one person, against 21 % of those from two)."""
    if not a.source or not b.source:
        return NULL
    return 1 if a.source == b.source else 0


#: Name levels from the name engine's calibrated probability (see ``names``), best first. Below
#: 0.2 two levels: names that differ, and names the engine finds nothing alike in (below 1 in
#: 1,000: no part in common even by consonant skeleton). As one level, a misspelt family name
#: beside the same given name ("RHAEANI Hafsa" / "RAZANI Hafsa") weighed as two strangers' names,
#: and those strangers' names as little as a misspelling (on 100,954 demo records, of 25,245
#: candidate pairs below 0.001 none was one person; of 82,363 between 0.001 and 0.2, 970 were).
NAME_THRESHOLDS = (0.99, 0.95, 0.8, 0.5, 0.2, 0.001)
NOTHING_ALIKE = len(NAME_THRESHOLDS)
#: A level apart, after the others: the names agree (≥ ``NOMS_AGREE``) only through a nom de guerre
#: or alias, and the civil names of the two records differ (< ``CIVIL_DIFFER``). Noms de guerre
#: recur across persons (a kunya and a nisba: Abou Hassan al-Beljiki), so the model learns how much
#: such agreement says, rather than weighing it as the same name. At the top name level, it merged
#: whole groups of two men sharing a nom de guerre and a birth year (251,344 demo records:
#: ARSLAN Hakan and BENABDALLAH Yousef Adil, "Abu Zubair al-Faransi" / "Abu Omar al-Fransi").
ONLY_NOMS = NOTHING_ALIKE + 1
NOMS_AGREE = 0.2
CIVIL_DIFFER = 0.2

NAME = Comparison(
    "name",
    (
        Phrase("names match (name engine ≥ 0.99)"),
        Phrase("names match closely (≥ 0.95)"),
        Phrase("names very alike (≥ 0.80)"),
        Phrase("names alike (≥ 0.50)"),
        Phrase("names somewhat alike (≥ 0.20)"),
        Phrase("names differ"),
        Phrase("names nothing alike (< 0.001)"),
        Phrase("names agree only through a nom de guerre or alias; the civil names differ (< 0.20)"),
    ),
    Phrase(
        "a record has no name, or one is known only by a nom de guerre and the other only by its civil name"
    ),
)

#: The other comparisons, each with the function that gives its level for one pair.
RULES: tuple[tuple[Comparison, Callable[[Profile, Profile], int]], ...] = (
    (
        Comparison(
            "birth_date",
            (
                Phrase("same full birth date"),
                Phrase("birth dates agree to the month (one gives no day)"),
                Phrase("birth dates agree on the year (one gives the year only)"),
                Phrase("birth dates one slip apart (day and month swapped, one digit, a year or a day off)"),
                Phrase("same birth year, another month or day"),
                Phrase("birth years one apart (one date written to the year or month only)"),
                Phrase("different birth dates"),
            ),
            Phrase("a record has no birth date"),
        ),
        birth_date_level,
    ),
    (
        Comparison("nrn", (Phrase("same national register number"),
                           Phrase("different national register numbers")),
                   Phrase("a record has no national register number")),
        nrn_level,
    ),
    (
        Comparison("passport", (Phrase("a passport number in common"),
                                Phrase("no passport number in common")),
                   Phrase("a record has no passport number")),
        passport_level,
    ),
    (
        Comparison("gender", (Phrase("same gender"), Phrase("different gender")),
                   Phrase("a record gives no gender")),
        gender_level,
    ),
    (
        Comparison("nationality", (Phrase("a nationality in common"), Phrase("no nationality in common")),
                   Phrase("a record gives no nationality")),
        nationality_level,
    ),
    (
        Comparison("birth_place", (Phrase("same birth place"),
                                   Phrase("birth places alike (another spelling)"),
                                   Phrase("different birth places")),
                   Phrase("a record gives no birth place")),
        birth_place_level,
    ),
    (
        Comparison("contact", (Phrase("same address and phone"), Phrase("same address or same phone"),
                               Phrase("same postcode, another address"),
                               Phrase("different addresses and phones")),
                   Phrase("no address or phone in both records to compare")),
        contact_level,
    ),
    (
        Comparison("source", (Phrase("records from two agencies"), Phrase("both records from one agency")),
                   Phrase("a record's agency is not known")),
        source_level,
    ),
)  # fmt: skip

COMPARISONS: tuple[Comparison, ...] = (NAME, *(c for c, _ in RULES))
#: Each comparison's name as an explanation says it: in English the name itself, as the command
#: line prints it; in another language the words (a name stays a plain ``str``, a dictionary key).
SAID = {
    "name": Phrase("name"), "birth_date": Phrase("birth_date"), "nrn": Phrase("nrn"),
    "passport": Phrase("passport"), "gender": Phrase("gender"), "nationality": Phrase("nationality"),
    "birth_place": Phrase("birth_place"), "contact": Phrase("contact"), "source": Phrase("source"),
}  # fmt: skip


def name_levels(scores: np.ndarray, civil: np.ndarray, via_alias: np.ndarray) -> np.ndarray:
    """Levels for many pairs at once from the name engine's best score over all names and aliases,
    the best over the civil names alone (NaN where a side has none) and whether an alias gave the
    best; a best score of NaN (a side without names) is ``NULL``."""
    levels = np.full(len(scores), NOTHING_ALIKE, dtype=np.int8)
    for level in reversed(range(len(NAME_THRESHOLDS))):
        levels[scores >= NAME_THRESHOLDS[level]] = level
    with np.errstate(invalid="ignore"):  # NaN compares false: no civil names, no such level
        levels[via_alias & (scores >= NOMS_AGREE) & (civil < CIVIL_DIFFER)] = ONLY_NOMS
    levels[np.isnan(scores)] = NULL
    return levels
