"""Belgian national register number (rijksregisternummer / numéro de registre national).

Format ``YY.MM.DD-SSS.CC``: birth date (month or day may be 0 when unknown; month +20 or +40 for
BIS numbers), a serial (odd for men, even for women) and a check number
``97 - (YYMMDDSSS mod 97)``; for people born from 2000 on, the nine digits are prefixed with ``2``.
No well-kept library validates it (python-stdnum covers the checksum but not our canonical
notation and BIS rules together), so it is written out here.
"""

from __future__ import annotations

import re

from stdnum.tr import tckimlik

_NOTATION = re.compile(r"^\s*(\d{2})[.\s]?(\d{2})[.\s]?(\d{2})\s?-?\s?(\d{3})[.\s]?(\d{2})\s*$", re.ASCII)
_BELGIAN_NOTATION = re.compile(r"^\s*\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}\s*$", re.ASCII)


def looks_belgian(value: str) -> bool:
    """True when a value is written in the register's own notation ``YY.MM.DD-SSS.CC``.

    Plain 11-digit values are not assumed Belgian: a Turkish identity number also has 11 digits.
    """
    return bool(_BELGIAN_NOTATION.match(value))


_PLAIN = re.compile(r"^\s*\d{11}\s*$", re.ASCII)


def reads_as_belgian(value: str) -> bool:
    """True for a number in the register's notation, and for eleven plain digits that can only be
    one: their check digits fit, they hold a possible birth date (month 0 to 12, or plus 20 or 40
    for a BIS number; day 0 to 31), and they are no valid Turkish identity number
    (``stdnum.tr.tckimlik``). Some agencies' systems drop the dots and the dash; their numbers met
    no other agency's (69 of 15,952 pairs of one person's records left apart at 252,185 demo
    records). A plain number is read so for linking only; the record keeps what was written."""
    if looks_belgian(value):
        return True
    if not _PLAIN.match(value) or tckimlik.is_valid(value.strip()):
        return False
    number = value.strip()
    month, day = int(number[2:4]), int(number[4:6])
    return month % 20 <= 12 and month < 60 and day <= 31 and is_valid(number)


def digits(value: str) -> str | None:
    match = _NOTATION.match(value)
    return "".join(match.groups()) if match else None


def check_number(first_nine: str, born_2000_or_later: bool) -> int:
    base = int(("2" if born_2000_or_later else "") + first_nine)
    return 97 - (base % 97)


def is_valid(value: str) -> bool:
    """Checksum-valid for a birth before or after 2000 (the century is not written)."""
    number = digits(value)
    if number is None:
        return False
    body, check = number[:9], int(number[9:])
    return check in (check_number(body, False), check_number(body, True))


def canonical(value: str) -> str:
    """``YY.MM.DD-SSS.CC``; the caller has checked the value parses."""
    d = digits(value)
    if d is None:
        raise ValueError(f"not a national register number: {value!r}")
    return f"{d[0:2]}.{d[2:4]}.{d[4:6]}-{d[6:9]}.{d[9:11]}"


def make(yy: int, mm: int, dd: int, serial: int, born_2000_or_later: bool) -> str:
    """Build a checksum-valid number (used by the demo-data generator and tests)."""
    body = f"{yy:02d}{mm:02d}{dd:02d}{serial:03d}"
    return canonical(body + f"{check_number(body, born_2000_or_later):02d}")
