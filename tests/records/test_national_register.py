"""Belgian national register numbers: the checksum, both centuries, the canonical notation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.tr import tckimlik

from crossroads.records.national_register import (
    canonical,
    check_number,
    digits,
    is_valid,
    looks_belgian,
    make,
    reads_as_belgian,
)

years = st.integers(min_value=0, max_value=99)
#: Months as written: 0 when unknown, +20 or +40 for BIS numbers (people not in the population register).
months = st.integers(0, 12) | st.integers(20, 32) | st.integers(40, 52)
days = st.integers(min_value=0, max_value=31)
serials = st.integers(min_value=1, max_value=998)
centuries = st.booleans()


@st.composite
def valid_numbers(draw: st.DrawFn) -> tuple[str, bool]:
    born_2000_or_later = draw(centuries)
    number = make(draw(years), draw(months), draw(days), draw(serials), born_2000_or_later)
    return number, born_2000_or_later


def _check(body: str, born_2000_or_later: bool) -> int:
    """The published rule, written out independently of the module: 97 - (number mod 97)."""
    return 97 - int(("2" if born_2000_or_later else "") + body) % 97


@pytest.mark.parametrize(
    ("number", "born_2000_or_later"),
    [("85.07.30-033.28", False), ("17.07.30-033.84", True)],
)
def test_the_published_examples_are_valid_and_rebuilt_by_make(number: str, born_2000_or_later: bool) -> None:
    assert is_valid(number)
    yy, mm, dd, serial = (int(number[i : i + w]) for i, w in ((0, 2), (3, 2), (6, 2), (9, 3)))
    assert make(yy, mm, dd, serial, born_2000_or_later) == number


@given(valid_numbers())
def test_make_is_always_valid_canonical_and_looks_belgian(generated: tuple[str, bool]) -> None:
    number, born_2000_or_later = generated
    plain = digits(number)
    assert plain is not None
    body, check = plain[:9], int(plain[9:])

    assert is_valid(number)
    assert check == _check(body, born_2000_or_later)
    assert canonical(number) == number
    assert looks_belgian(number)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_the_two_centuries_never_share_a_check_number(body: str) -> None:
    """2·10⁹ is not a multiple of 97, so the century is always decidable from the check digits."""
    assert check_number(body, False) != check_number(body, True)
    assert check_number(body, False) == _check(body, False)
    assert check_number(body, True) == _check(body, True)


@given(valid_numbers(), st.integers(min_value=0, max_value=10), st.integers(min_value=1, max_value=9))
def test_changing_one_digit_is_caught_unless_it_checks_under_the_other_century(
    generated: tuple[str, bool], position: int, shift: int
) -> None:
    number, born_2000_or_later = generated
    original = digits(number)
    assert original is not None
    changed_digit = str((int(original[position]) + shift) % 10)
    mutated = original[:position] + changed_digit + original[position + 1 :]
    body, check = mutated[:9], int(mutated[9:])

    # 97 is prime and divides neither 10^k nor 1..9, so a one-digit change always breaks the
    # number's own century ...
    assert check != _check(body, born_2000_or_later)
    # ... and the number stays valid only by landing exactly on the other century's check number.
    assert is_valid(canonical(mutated)) == (check == _check(body, not born_2000_or_later))
    assert is_valid(mutated) == is_valid(canonical(mutated))


@given(valid_numbers())
def test_canonical_accepts_the_usual_spellings(generated: tuple[str, bool]) -> None:
    number, _ = generated
    plain = digits(number)
    assert plain is not None
    spaced = f"{plain[0:2]} {plain[2:4]} {plain[4:6]} {plain[6:9]} {plain[9:11]}"
    dashed = f"{plain[0:6]}-{plain[6:11]}"

    for spelling in (plain, spaced, dashed, f"  {number} "):
        assert canonical(spelling) == number
        assert is_valid(spelling)


@pytest.mark.parametrize(
    "value",
    ["", "91.04.12-123", "91.04.12-123.451", "AB.04.12-123.45", "91/04/12-123/45", "9104121234"],
)
def test_what_is_not_a_register_number_is_neither_parsed_nor_valid(value: str) -> None:
    assert digits(value) is None
    assert not is_valid(value)
    with pytest.raises(ValueError, match="not a national register number"):
        canonical(value)


@given(valid_numbers())
def test_only_the_registers_own_notation_looks_belgian(generated: tuple[str, bool]) -> None:
    """Eleven bare digits may be a Turkish identity number: only YY.MM.DD-SSS.CC is assumed Belgian."""
    number, _ = generated
    plain = digits(number)
    assert plain is not None

    assert looks_belgian(number)
    assert looks_belgian(f" {number} ")
    assert not looks_belgian(plain)
    assert not looks_belgian(number.replace("-", "."))
    assert not looks_belgian(number.replace(".", " "))


@given(valid_numbers())
def test_plain_digits_read_as_a_register_number_unless_they_are_a_turkish_identity_number(
    generated: tuple[str, bool],
) -> None:
    number, _ = generated
    plain = digits(number)
    assert plain is not None
    assert reads_as_belgian(number)
    assert reads_as_belgian(plain) == (not tckimlik.is_valid(plain))


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("85073007088", "its check digits fit, but it is a valid Turkish identity number too"),
        ("85133003370", "its check digits fit, but month 13 is no month"),
        ("85073003329", "its check digits are wrong"),
        ("8507300332", "ten digits"),
    ],
)
def test_plain_digits_that_may_be_something_else_are_not_read_as_belgian(value: str, why: str) -> None:
    assert not reads_as_belgian(value), why
