"""Malformed rows, the kinds real agency exports contain, so the quarantine can be demonstrated.

Each kind breaks one rule of the interchange format (FORMAT.md) the way a faulty export does: a
truncated line, a date written the local way, a national register number with wrong check digits,
a nationality written as an adjective, a value not wrapped in a list, a line in Windows-1252...
Every defective row fails parsing or validation; the rest of the row is left as it was.
"""

from __future__ import annotations

import random
from typing import Any

import orjson

from crossroads.records import national_register

KINDS = (
    "malformed_json",
    "invalid_date",
    "impossible_date",
    "bad_nrn_checksum",
    "unknown_country",
    "invalid_gender",
    "wrong_type",
    "missing_id",
    "control_characters",
    "unknown_classification",
    "invalid_encoding",
    "no_identity",
    "source_mismatch",
)
_IDENTIFYING = ("name", "firstName", "lastName", "alias", "weakAlias", "idNumber", "passportNumber")
_NATIONALITY_WORDS = ("marocaine", "belge", "Morroco", "turque", "marokkaans", "Belgisch", "Algérienne")
_CLASSIFICATIONS = ("vertrouwelijk", "diffusion restreinte", "NATO SECRET", "beperkte verspreiding")


def corrupt(line: bytes, rng: random.Random, other_source: str) -> tuple[bytes, str]:
    """A defective version of one JSON line, and the kind of defect."""
    kind = rng.choice(KINDS)
    data: dict[str, Any] = orjson.loads(line)
    props: dict[str, Any] = data["properties"]
    if kind == "invalid_encoding":
        text = line.decode("utf-8")
        legacy = text.encode("cp1252", errors="replace")
        try:
            legacy.decode("utf-8")
        except UnicodeDecodeError:
            return legacy, kind
        kind = "malformed_json"
    if kind == "malformed_json":
        text = line.decode("utf-8")
        return text[: rng.randint(10, len(text) - 2)].encode("utf-8"), kind
    if kind == "invalid_date":
        born = (props.get("birthDate") or ["1990-05-17"])[0]
        year, month, day = [*born.split("-"), "06", "15"][:3]
        props["birthDate"] = [f"{day}/{month}/{year}"]
    elif kind == "impossible_date":
        born = (props.get("birthDate") or ["1990"])[0]
        props["birthDate"] = [
            f"{born[:4]}-02-30" if rng.random() < 0.5 else f"{born[:4]}-{rng.randint(13, 31)}-04"
        ]
    elif kind == "bad_nrn_checksum":
        props["idNumber"] = [_bad_checksum(rng)]
    elif kind == "unknown_country":
        props["nationality"] = [rng.choice(_NATIONALITY_WORDS)]
    elif kind == "invalid_gender":
        props["gender"] = [rng.choice(("E", "K", "erkek", "kadin", "?"))]
    elif kind == "wrong_type":
        field = next(
            (p for p in ("name", "alias", "birthDate", "nationality") if props.get(p)), "nationality"
        )
        props[field] = (props.get(field) or ["be"])[0]
    elif kind == "missing_id":
        del data["id"]
    elif kind == "control_characters":
        named = next((p for p in ("name", "alias", "firstName") if props.get(p)), "name")
        value = (props.get(named) or ["NOM INCONNU"])[0]
        cut = max(1, len(value) // 2)
        props[named] = [value[:cut] + rng.choice(("\t", "\x0b", "\x1f")) + value[cut:]]
    elif kind == "unknown_classification":
        data["classification"] = rng.choice(_CLASSIFICATIONS)
    elif kind == "no_identity":
        for prop in _IDENTIFYING:
            props.pop(prop, None)
        props.setdefault("birthDate", ["1990"])
    elif kind == "source_mismatch":
        data["source"] = other_source
    return orjson.dumps(data), kind


def _bad_checksum(rng: random.Random) -> str:
    """A number in the register's notation whose check digits fit neither century."""
    body = (
        f"{rng.randint(60, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(1, 997):03d}"
    )
    valid = {national_register.check_number(body, False), national_register.check_number(body, True)}
    check = next(c for c in range(rng.randint(1, 90), 100) if c not in valid)
    return f"{body[:2]}.{body[2:4]}.{body[4:6]}-{body[6:9]}.{check:02d}"
