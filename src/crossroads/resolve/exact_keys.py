"""The foundation's baseline linker: records sharing a strong exact key are one person.

Keys (each stands for near-certain evidence of identity):
- ``nrn``: the same checksum-valid Belgian national register number;
- ``passport``: the same passport number (upper-cased, separators removed);
- ``name+dob``: the same folded, order-free full name and the same complete birth date.

It favours precision over recall: different spellings or partial dates are NOT linked here. That
gap is what the probabilistic model (issue #4) closes; this linker remains as its plain baseline.
Grouping runs on DuckDB, connected components on scipy.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from crossroads.names.fold import sorted_tokens
from crossroads.records import national_register
from crossroads.records.model import Record

_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SEPARATORS = re.compile(r"[\s./-]+")


def record_keys(record: Record) -> list[str]:
    """The exact keys a record carries, as ``kind:value`` strings."""
    props = record.properties
    keys = [
        f"nrn:{national_register.digits(v)}"
        for v in props.get("idNumber", []) + props.get("socialSecurityNumber", [])
        if national_register.looks_belgian(v)
    ]
    keys += [f"passport:{_SEPARATORS.sub('', v).upper()}" for v in props.get("passportNumber", [])]
    births = [d for d in props.get("birthDate", []) if _FULL_DATE.match(d)]
    if births:
        names = set(props.get("name", []))
        first, last = props.get("firstName", []), props.get("lastName", [])
        names.update(f"{f} {lname}" for f in first for lname in last)
        for name in names:
            folded = sorted_tokens(name)
            if len(folded.split()) >= 2:
                keys += [f"name+dob:{folded}|{d}" for d in births]
    return keys


@dataclass(frozen=True)
class Linkage:
    """Entity id per input record (same order), and why each linked group holds together."""

    entity_ids: list[str]
    shared_keys: dict[str, list[int]]

    @property
    def entities(self) -> int:
        return len(set(self.entity_ids))


def link(records: Sequence[Record]) -> Linkage:
    index: list[int] = []
    keys: list[str] = []
    for i, record in enumerate(records):
        for key in record_keys(record):
            index.append(i)
            keys.append(key)
    con = duckdb.connect()
    con.register("record_keys", {"idx": np.array(index, dtype=np.int64), "key": np.array(keys, dtype=object)})
    groups = con.sql(
        "SELECT key, list(DISTINCT idx ORDER BY idx) FROM record_keys GROUP BY key "
        "HAVING count(DISTINCT idx) > 1"
    ).fetchall()
    con.close()
    rows: list[int] = []
    cols: list[int] = []
    for _key, members in groups:
        rows += [members[0]] * (len(members) - 1)
        cols += members[1:]
    n = len(records)
    graph = coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))
    _count, labels = connected_components(graph, directed=False)
    anchor: dict[int, str] = {}
    for i, label in enumerate(labels):
        member = f"{records[i].source}\x1f{records[i].id}"
        if label not in anchor or member < anchor[label]:
            anchor[label] = member
    entity_of = {label: "E" + hashlib.sha256(m.encode()).hexdigest()[:15] for label, m in anchor.items()}
    return Linkage([entity_of[label] for label in labels], {k: list(v) for k, v in groups})
