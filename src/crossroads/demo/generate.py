"""Write a synthetic multi-agency data set and its ground truth to a directory.

Output (``DIR``): one JSON Lines file per agency (``<source>.jsonl``) and ``manifest.json``; the
ground truth sits apart in ``DIR/truth/`` so that ``crossroads ingest DIR/*.jsonl`` takes only what
the agencies hold: ``truth.csv`` (source, id, person_id for every record), ``persons.jsonl`` (who
each person really is, with dated status history) and ``defects.csv`` (rows made malformed on
purpose). ``relationships/family.jsonl`` holds FollowTheMoney ``Family`` records stating some of the
kinship the population has (``demo.relations``): not person records, so not in the ground truth.

Records are streamed to disk: persons are generated clan by clan and their records dropped into
a few bucket files at random; each bucket is then shuffled in memory and appended to the agency
files, which gives every agency file a uniformly random order (an agency export is not sorted by
person) while memory stays bounded by one bucket. Record ids are numbered in file order, as an
agency database would number them. One ``random.Random(seed)`` drives everything: the same
persons and seed give byte-identical files.
"""

from __future__ import annotations

import csv
import math
import random
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import orjson

from crossroads.demo import relations
from crossroads.demo.coverage import sources_for
from crossroads.demo.defects import corrupt
from crossroads.demo.ground_truth import truth
from crossroads.demo.people import Population
from crossroads.demo.render import ID_PLACEHOLDER, rendered
from crossroads.demo.sources import PROFILE_BY_CODE, SOURCE_CODES
from crossroads.demo.statuses import AS_OF

GENERATOR_VERSION = "1.0"
_RECORDS_PER_BUCKET = 40_000
_EXPECTED_RECORDS_PER_PERSON = 2.6
_BUCKETS = ".demo-buckets"
TRUTH_DIR = "truth"


@dataclass(frozen=True)
class Manifest:
    """What was generated, for the record and for checking a rerun gives the same data set."""

    seed: int
    persons: int
    records: int
    records_per_source: dict[str, int]
    defect_rate: float
    defects: int
    watch_listed: int
    categories: dict[str, int]
    as_of: str
    generator_version: str
    relationships: int = 0  # Family records in relationships/family.jsonl (not person records)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def generate(
    persons: int,
    seed: int,
    out: Path,
    defects: float = 0.0,
    progress: Callable[[int], None] | None = None,
) -> Manifest:
    """Generate ``persons`` persons and their records in ``out``; ``progress`` gets persons done."""
    if persons < 1:
        raise ValueError("persons must be at least 1")
    if not 0.0 <= defects < 1.0:
        raise ValueError("the defect rate must be at least 0 and below 1")
    rng = random.Random(seed)
    (out / TRUTH_DIR).mkdir(parents=True, exist_ok=True)
    work = out / _BUCKETS
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    bucket_count = max(1, math.ceil(persons * _EXPECTED_RECORDS_PER_PERSON / _RECORDS_PER_BUCKET))
    bucket_paths = [work / f"{i:04d}.tsv" for i in range(bucket_count)]
    categories: Counter[str] = Counter()
    kin = _Kin(relations.rng_for(seed))
    try:
        _generate_persons(persons, rng, out, bucket_paths, categories, progress, kin)
        per_source, defect_count = _write_sources(rng, out, bucket_paths, defects, kin)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    stated = relations.write(out, kin.pairs, kin.sexes, kin.held, kin.rng)
    manifest = Manifest(
        seed=seed,
        persons=persons,
        records=sum(per_source.values()),
        records_per_source=per_source,
        defect_rate=defects,
        defects=defect_count,
        watch_listed=sum(n for c, n in categories.items() if c != "child_returnee"),
        categories=dict(sorted(categories.items())),
        as_of=AS_OF.isoformat(),
        generator_version=GENERATOR_VERSION,
        relationships=stated,
    )
    (out / "manifest.json").write_bytes(orjson.dumps(manifest.to_dict(), option=orjson.OPT_INDENT_2) + b"\n")
    return manifest


class _Kin:
    """The kin pairs to state as relationship records, with their own random generator, and the
    first intact record each agency holds of the persons in them."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.pairs: list[relations.Pair] = []
        self.sexes: dict[str, str] = {}
        self.held: dict[str, dict[str, str]] = {}


def _generate_persons(
    total: int,
    rng: random.Random,
    out: Path,
    bucket_paths: list[Path],
    categories: Counter[str],
    progress: Callable[[int], None] | None,
    kin: _Kin,
) -> None:
    """Persons to ``persons.jsonl``; their records, each tagged with source and person, to buckets."""
    source_index = {code: str(i).encode() for i, code in enumerate(SOURCE_CODES)}
    buckets = [path.open("wb", buffering=1 << 20) for path in bucket_paths]
    population = Population(total, rng)
    try:
        with (out / TRUTH_DIR / "persons.jsonl").open("wb", buffering=1 << 20) as persons_file:
            for clan in population.clans():
                stated = relations.pairs_of(clan, kin.rng)
                kin.pairs += stated
                for pid in {p for pair in stated for p in pair[:2]}:
                    kin.held[pid] = {}
                for person in clan:
                    if person.person_id in kin.held:
                        kin.sexes[person.person_id] = person.sex
                    persons_file.write(orjson.dumps(truth(person)) + b"\n")
                    if person.category:
                        categories[person.category] += 1
                    elif person.role == "child_returnee":
                        categories["child_returnee"] += 1
                    tag = person.person_id.encode()
                    for code in sources_for(person, rng):
                        profile = PROFILE_BY_CODE[code]
                        copies = 2 if rng.random() < profile.duplicates else 1
                        for _ in range(copies):
                            payload, slipped = rendered(person, profile, rng)
                            line = orjson.dumps(payload)
                            bucket = buckets[rng.randrange(len(buckets))]
                            flag = b"1" if slipped else b"0"
                            bucket.write(
                                source_index[code] + b"\t" + tag + b"\t" + flag + b"\t" + line + b"\n"
                            )
                if progress is not None:
                    progress(population.made)
    finally:
        for bucket in buckets:
            bucket.close()


def _write_sources(
    rng: random.Random, out: Path, bucket_paths: list[Path], defect_rate: float, kin: _Kin
) -> tuple[dict[str, int], int]:
    """Shuffle each bucket, number the records per agency and append them to the agency files."""
    placeholder = b'"' + ID_PLACEHOLDER.encode() + b'"'
    next_number = {code: rng.randint(1_000, 60_000) for code in SOURCE_CODES}
    lines_written = dict.fromkeys(SOURCE_CODES, 0)
    defect_count = 0
    files = {code: (out / f"{code}.jsonl").open("wb", buffering=1 << 20) for code in SOURCE_CODES}
    try:
        with (
            (out / TRUTH_DIR / "truth.csv").open("w", newline="", encoding="utf-8") as truth_file,
            (out / TRUTH_DIR / "defects.csv").open("w", newline="", encoding="utf-8") as defects_file,
        ):
            truth_rows = csv.writer(truth_file, lineterminator="\n")
            truth_rows.writerow(("source", "id", "person_id", "name_slip"))
            defect_rows = csv.writer(defects_file, lineterminator="\n")
            defect_rows.writerow(("source", "line", "kind", "id"))
            for path in bucket_paths:
                lines = path.read_bytes().splitlines()
                rng.shuffle(lines)
                for tagged in lines:
                    index, person_id, slipped, payload = tagged.split(b"\t", 3)
                    code = SOURCE_CODES[int(index)]
                    next_number[code] += rng.choice((1, 1, 1, 1, 2, 3))
                    record_id = PROFILE_BY_CODE[code].id_format.format(next_number[code])
                    payload = payload.replace(placeholder, orjson.dumps(record_id), 1)
                    lines_written[code] += 1
                    if defect_rate and rng.random() < defect_rate:
                        other = SOURCE_CODES[(int(index) + 1) % len(SOURCE_CODES)]
                        payload, kind = corrupt(payload, rng, other)
                        defect_rows.writerow((code, lines_written[code], kind, record_id))
                        defect_count += 1
                    elif person_id.decode() in kin.held:
                        kin.held[person_id.decode()].setdefault(code, record_id)
                    files[code].write(payload + b"\n")
                    truth_rows.writerow((code, record_id, person_id.decode(), slipped.decode()))
    finally:
        for handle in files.values():
            handle.close()
    return lines_written, defect_count
