"""Under ten at a date, from full and partial birth dates (hypothesis): a full date gives the exact
age; a partial one counts as under ten when any day it allows would be; younger earlier."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crossroads.access.minors import BirthDateError, child_victim, latest_birth, possibly_under

BORN = st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31))
AT = st.dates(min_value=date(1900, 1, 1), max_value=date(2045, 12, 31))


def age(born: date, at: date) -> int:
    """Whole years, counted the way a birthday is (the reference the module is held to)."""
    return at.year - born.year - ((at.month, at.day) < (born.month, born.day))


@settings(max_examples=3000)
@given(BORN, AT)
def test_a_full_date_gives_the_exact_age(born: date, at: date) -> None:
    assert possibly_under(born.isoformat(), at) == (age(born, at) < 10)


@settings(max_examples=500)
@given(BORN, AT)
def test_a_month_counts_as_under_ten_when_any_of_its_days_would(born: date, at: date) -> None:
    days = calendar.monthrange(born.year, born.month)[1]
    completions = [date(born.year, born.month, d).isoformat() for d in range(1, days + 1)]
    assert possibly_under(f"{born:%Y-%m}", at) == any(possibly_under(c, at) for c in completions)


@settings(max_examples=300)
@given(BORN, AT)
def test_a_year_counts_as_under_ten_when_any_of_its_months_would(born: date, at: date) -> None:
    months = [f"{born.year:04d}-{m:02d}" for m in range(1, 13)]
    assert possibly_under(f"{born.year:04d}", at) == any(possibly_under(m, at) for m in months)


@settings(max_examples=1000)
@given(BORN, AT, st.integers(min_value=1, max_value=4000))
def test_under_ten_on_a_day_means_under_ten_on_every_earlier_day(born: date, at: date, back: int) -> None:
    earlier = at - timedelta(days=back)
    for text in (born.isoformat(), f"{born:%Y-%m}", f"{born.year:04d}"):
        if possibly_under(text, at):
            assert possibly_under(text, earlier)


def test_named_cases() -> None:
    assert possibly_under("2016", date(2026, 6, 1))  # may be born in December 2016: nine
    assert not possibly_under("2016-01-01", date(2026, 6, 1))
    assert possibly_under("2016-05", date(2026, 5, 30)) and not possibly_under("2016-05", date(2026, 5, 31))
    assert possibly_under("2016-02-29", date(2026, 2, 28)) and not possibly_under(
        "2016-02-29", date(2026, 3, 1)
    )
    assert latest_birth("2024-02") == date(2024, 2, 29)
    assert not child_victim([], date(2026, 1, 1))  # no birth date: age unknown, not young
    assert child_victim(["1980", "2020-04-01"], date(2026, 1, 1))  # any of its dates


@pytest.mark.parametrize("value", ["16-05-2016", "2016-13", "2015-02-29", "", "2016-5"])
def test_a_birth_date_that_is_not_iso_or_names_no_day_is_refused(value: str) -> None:
    with pytest.raises(BirthDateError, match="birthDate"):
        possibly_under(value, date(2026, 1, 1))
