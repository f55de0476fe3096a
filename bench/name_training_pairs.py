"""Labelled name pairs mined from demo-data ground truth, for fitting (not grading) the name model.

Positives: two records of one person from different agencies (names; and aliases when both carry
one). Negatives, in equal number: siblings and cousins (same family name, different people),
namesakes, different families with near-identical family names, and random people. The
independent benchmark set (bench/name_pairs.py) grades the model.
"""

from __future__ import annotations

import csv
import itertools
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from rapidfuzz import fuzz


@dataclass(frozen=True)
class LabelledPair:
    a: str
    b: str
    same: bool
    kind: str


def record_names(properties: dict[str, list[str]]) -> list[str]:
    """The full names a record gives: its `name` values, else 'Last, First' from its parts."""
    names = list(properties.get("name", []))
    if not names and properties.get("lastName"):
        first = " ".join(properties.get("firstName", []))
        names = [f"{properties['lastName'][0]}, {first}".strip(", ")]
    return names


def load(out: Path) -> tuple[dict[str, list[dict[str, Any]]], dict[str, dict[str, Any]]]:
    """Records grouped by true person, and the persons' ground truth."""
    truth: dict[tuple[str, str], str] = {}
    with (out / "truth" / "truth.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            truth[(row["source"], row["id"])] = row["person_id"]
    manifest = orjson.loads((out / "manifest.json").read_bytes())
    by_person: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for source in manifest["records_per_source"]:
        with (out / f"{source}.jsonl").open("rb") as handle:
            for line in handle:
                record = orjson.loads(line)
                person = truth.get((record["source"], record["id"]))
                if person:
                    by_person[person].append(record["properties"])
    persons = {}
    with (out / "truth" / "persons.jsonl").open("rb") as handle:
        for line in handle:
            p = orjson.loads(line)
            persons[p["person_id"]] = p
    return by_person, persons


def mine(out: Path, seed: int, per_person: int = 3) -> list[LabelledPair]:
    rng = random.Random(seed)
    by_person, persons = load(out)
    names = {pid: [n for props in recs for n in record_names(props)] for pid, recs in by_person.items()}
    names = {pid: ns for pid, ns in names.items() if ns}
    pairs: list[LabelledPair] = []
    for records in by_person.values():
        for _ in range(min(per_person, len(records) - 1)):
            i, j = rng.sample(range(len(records)), 2)
            a, b = record_names(records[i]), record_names(records[j])
            if a and b:
                pairs.append(LabelledPair(rng.choice(a), rng.choice(b), True, "same person"))
            alias_a, alias_b = records[i].get("alias", []), records[j].get("alias", [])
            if alias_a and alias_b:
                pairs.append(LabelledPair(rng.choice(alias_a), rng.choice(alias_b), True, "same alias"))
    positives = len(pairs)
    families: dict[str, list[str]] = defaultdict(list)
    clans: dict[str, list[str]] = defaultdict(list)
    for pid, person in persons.items():
        if pid in names:
            families[person["family_id"]].append(pid)
            clans[person.get("clan_id") or pid].append(pid)
    negatives: list[LabelledPair] = []
    for groups, kind in ((families, "sibling"), (clans, "cousin")):
        for members in groups.values():
            for x, y in itertools.pairwise(members):
                negatives.append(LabelledPair(rng.choice(names[x]), rng.choice(names[y]), False, kind))
    by_given: dict[str, list[str]] = defaultdict(list)
    for pid, person in persons.items():
        if pid in names:
            by_given[person["given_name"]].append(pid)
    for members in by_given.values():  # same given name, another family: Youssef Bakkali / Youssef Bakkari
        for x, y in itertools.pairwise(members):
            if persons[x]["family_name"] != persons[y]["family_name"]:
                negatives.append(
                    LabelledPair(rng.choice(names[x]), rng.choice(names[y]), False, "same given name")
                )
    # Different families whose official family names are spelled almost alike (Bakkali / Bakkari):
    # the hard negatives a name matcher most easily gets wrong.
    by_family_name: dict[str, list[str]] = defaultdict(list)
    for pid, person in persons.items():
        if pid in names:
            by_family_name[person["family_name"]].append(pid)
    family_names = sorted(by_family_name)
    for x_name, y_name in itertools.combinations(family_names, 2):
        if x_name[:1] == y_name[:1] and fuzz.ratio(x_name.lower(), y_name.lower()) >= 80:
            x, y = rng.choice(by_family_name[x_name]), rng.choice(by_family_name[y_name])
            pair = LabelledPair(rng.choice(names[x]), rng.choice(names[y]), False, "similar family")
            negatives.append(pair)
    # Unrelated people who share a family name: common names (El Amrani) are carried by many
    # families, rare ones by few, which is what teaches the model that a shared rare name says more.
    for members in by_family_name.values():
        unrelated = {persons[pid].get("clan_id") or pid: pid for pid in members}
        for x, y in itertools.pairwise(list(unrelated.values())):
            pair = LabelledPair(rng.choice(names[x]), rng.choice(names[y]), False, "same family name")
            negatives.append(pair)
    for pid, person in persons.items():
        other = person.get("namesake_of")
        if other and pid in names and other in names:
            negatives.append(
                LabelledPair(rng.choice(names[pid]), rng.choice(names[other]), False, "namesake")
            )
    # Namesakes told apart by their second given name (often the father's): the demo population
    # has too few to learn from, so some are made from its people by giving a person's full name
    # another second given name; in this synthetic world that is by construction someone else.
    seconds = sorted({p["second_given_name"] for p in persons.values() if p.get("second_given_name")})
    for person in persons.values():
        second = person.get("second_given_name")
        if second and len(seconds) > 1 and rng.random() < 0.25:
            other = rng.choice([s for s in seconds if s != second])
            given, family = person["given_name"], person["family_name"]
            a, b = f"{given} {second} {family}", f"{family.upper()} {given} {other}"
            negatives.append(LabelledPair(a, b, False, "namesake"))
    ids = list(names)
    while len(negatives) < positives:
        x, y = rng.sample(ids, 2)
        negatives.append(LabelledPair(rng.choice(names[x]), rng.choice(names[y]), False, "random"))
    rng.shuffle(negatives)
    return pairs + negatives
