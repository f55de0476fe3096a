"""The generated data set as the linkage work will use it: valid, complete truth, deterministic."""

from __future__ import annotations

import csv
import random
from collections import Counter
from datetime import date
from pathlib import Path

import orjson
from demo_reading import DemoSet

from crossroads.demo.generate import generate
from crossroads.demo.identity import IdentityMaker
from crossroads.demo.sources import SOURCE_CODES
from crossroads.records import national_register
from crossroads.records.readers.jsonl import read_jsonl
from crossroads.records.validate import validate

OUTPUT_FILES = [f"{s}.jsonl" for s in SOURCE_CODES] + [
    "manifest.json", "truth/truth.csv", "truth/persons.jsonl", "truth/defects.csv",
    "relationships/family.jsonl",
]  # fmt: skip


def test_same_persons_and_seed_give_byte_identical_files(tmp_path: Path) -> None:
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate(400, 99, first, defects=0.05)
    generate(400, 99, second, defects=0.05)
    generate(400, 100, other, defects=0.05)
    for name in OUTPUT_FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert (first / "truth/persons.jsonl").read_bytes() != (other / "truth/persons.jsonl").read_bytes()
    written = sorted(str(p.relative_to(first)) for p in first.rglob("*") if p.is_file())
    assert written == sorted(OUTPUT_FILES)  # no work files left behind


def test_every_generated_record_validates(demo_set: DemoSet) -> None:
    today = date.today()
    checked = 0
    for source in SOURCE_CODES:
        for row in read_jsonl(demo_set.root / f"{source}.jsonl"):
            assert row.problem is None, (source, row.line)
            result = validate(row.data, line=row.line, default_source=source, today=today)
            assert result.problems == [], (source, row.line, result.problems)
            checked += 1
    assert checked == demo_set.manifest["records"] > 8_000


def test_truth_covers_every_record_exactly_once(demo_set: DemoSet) -> None:
    truth_keys = [(row["source"], row["id"]) for row in demo_set.truth]
    assert len(truth_keys) == len(set(truth_keys))
    assert set(truth_keys) == set(demo_set.records)
    assert {row["person_id"] for row in demo_set.truth} == set(demo_set.persons)  # everyone is recorded
    per_source = Counter(source for source, _ in truth_keys)
    assert dict(per_source) == {s: n for s, n in demo_set.manifest["records_per_source"].items() if n}


def test_ids_are_unique_within_each_source_and_not_in_person_order(demo_set: DemoSet) -> None:
    for source in SOURCE_CODES:
        ids = [
            orjson.loads(line)["id"] for line in (demo_set.root / f"{source}.jsonl").read_bytes().splitlines()
        ]
        assert len(ids) == len(set(ids)), source
    owners = [row["person_id"] for row in demo_set.truth if row["source"] == "police.federal"]
    assert owners != sorted(owners)  # an agency export is not sorted by person


def test_persons_appear_in_one_to_several_sources_more_for_the_watch_list(demo_set: DemoSet) -> None:
    counts = {pid: len(keys) for pid, keys in demo_set.by_person.items()}
    sources = {pid: len({s for s, _ in keys}) for pid, keys in demo_set.by_person.items()}
    assert 2.2 <= sum(counts.values()) / len(counts) <= 2.9
    assert min(sources.values()) >= 1
    watched = [sources[p] for p, person in demo_set.persons.items() if person["watch_listed"]]
    others = [sources[p] for p, person in demo_set.persons.items() if not person["watch_listed"]]
    assert sum(watched) / len(watched) > 2 * sum(others) / len(others)
    duplicated = [k for k in demo_set.by_person.values() if len(k) > len({s for s, _ in k})]
    assert duplicated, "some agencies hold two records on the same person"


def test_siblings_share_family_name_and_address_but_are_different_persons(demo_set: DemoSet) -> None:
    households = 0
    for pid, person in demo_set.persons.items():
        for sid in person["siblings"]:
            sibling = demo_set.persons[sid]
            assert sid != pid
            assert sibling["family_id"] == person["family_id"]
            assert sibling["family_name"] == person["family_name"]
            assert sibling["address"] == person["address"]
            assert sibling["father_given_name"] == person["father_given_name"]
            assert sibling["given_name"] != person["given_name"]
            households += 1
    assert households > 500
    close = [
        (p, demo_set.persons[s]) for p in demo_set.persons.values() for s in p["siblings"]
        if abs(int(p["birth_date"][:4]) - int(demo_set.persons[s]["birth_date"][:4])) == 1
    ]  # fmt: skip
    assert close, "some siblings are born one year apart"


def test_cousins_share_the_family_name_and_namesakes_are_other_persons(demo_set: DemoSet) -> None:
    cousins = [(p, demo_set.persons[c]) for p in demo_set.persons.values() for c in p["cousins"]]
    assert cousins
    for person, cousin in cousins:
        assert cousin["family_name"] == person["family_name"]
        assert cousin["family_id"] != person["family_id"]
    namesakes = [p for p in demo_set.persons.values() if p["namesake_of"]]
    assert namesakes
    for person in namesakes:
        original = demo_set.persons[person["namesake_of"]]
        assert person["name_key"] == original["name_key"]
        assert person["person_id"] != original["person_id"] and person["family_id"] != original["family_id"]
    common = Counter(p["name_key"] for p in demo_set.persons.values()).most_common(1)[0]
    assert common[1] >= 3, "common names are shared by several persons"


def test_national_register_numbers_are_valid_and_agree_with_birth_and_gender(demo_set: DemoSet) -> None:
    numbered = [p for p in demo_set.persons.values() if p["national_register_number"]]
    assert len(numbered) > len(demo_set.persons) / 2
    for person in numbered:
        number = person["national_register_number"]
        assert national_register.is_valid(number), number
        yy, mm, dd, serial = number[0:2], int(number[3:5]), number[6:8], int(number[9:12])
        born = person["birth_date"]
        assert (yy, dd) == (born[2:4], born[8:10])
        assert mm in (int(born[5:7]), int(born[5:7]) + 40)  # BIS numbers add 40 to the month
        assert serial % 2 == (1 if person["gender"] == "male" else 0)
    in_records = [
        value for record in demo_set.records.values() for value in record["properties"].get("idNumber", [])
        if national_register.looks_belgian(value)
    ]  # fmt: skip
    assert in_records and all(national_register.is_valid(v) for v in in_records)


def test_no_two_persons_share_a_national_register_number(demo_set: DemoSet) -> None:
    numbers = [n for p in demo_set.persons.values() if (n := p["national_register_number"])]
    assert len(set(numbers)) == len(numbers)
    # The register gives each person born on a day a serial of their own, even where 300 men are
    # born that day (drawn independently, 300 of 498 serials would repeat some).
    maker = IdentityMaker(random.Random(5))
    born = date(1990, 4, 12)
    drawn = [maker._register_number(born, "m", bis=False) for _ in range(300)]
    assert len(set(drawn)) == 300


def test_arabic_script_and_every_convention_appear(demo_set: DemoSet) -> None:
    def names(source: str) -> str:
        return " ".join(
            " ".join(r["properties"].get(p, [])) for (s, _), r in demo_set.records.items() if s == source
            for p in ("name", "firstName", "lastName", "alias")
        )  # fmt: skip

    assert any("\u0600" <= c <= "\u06ff" for c in names("foreign.ma")), "Moroccan records in Arabic script"
    assert "ou" in names("foreign.fr") and "Abou " in names("intel.civil") + names("foreign.fr")
    dutch = names("foreign.nl") + names("police.zone.antwerp")
    assert any(marker in dutch for marker in ("oe", "sj", "dzj"))
    german = names("foreign.de")
    assert "sch" in german.lower()
    turkish = names("foreign.tr")
    assert any(c in turkish for c in "şŞçÇüÜ") and "İ" in turkish
    english = names("europol") + names("intel.military")
    assert any(marker in english for marker in ("Abu ", "Yusuf", "Muhammad", "al-"))
    alias_only = [
        r for r in demo_set.records.values()
        if "alias" in r["properties"] and not {"name", "firstName"} & set(r["properties"])
    ]  # fmt: skip
    assert alias_only, "some records know a person only by nom de guerre"


def test_records_are_marked_as_each_agency_marks_them(demo_set: DemoSet) -> None:
    by_source: dict[str, Counter[str]] = {}
    caveats: dict[str, Counter[str]] = {}
    for (source, _), record in demo_set.records.items():
        by_source.setdefault(source, Counter())[record["classification"]] += 1
        caveats.setdefault(source, Counter()).update(record["caveats"])
    assert set(by_source["intel.civil"]) <= {"confidential", "secret"} and caveats["intel.civil"]["NOFORN"]
    assert set(by_source["intel.military"]) == {"secret"} and caveats["intel.military"]["ORCON"]
    assert caveats["prevention.molenbeek"]["PREVENTION"] == sum(by_source["prevention.molenbeek"].values())
    for partner in ("foreign.fr", "foreign.nl", "foreign.de", "foreign.tr", "foreign.ma", "europol"):
        assert set(by_source[partner]) == {"restricted"}, partner


def test_statuses_are_known_where_the_reporting_agency_holds_a_record(demo_set: DemoSet) -> None:
    checked = 0
    for pid, person in demo_set.persons.items():
        sources = {s for s, _ in demo_set.by_person[pid]}
        dates = [step["date"] for step in person["status_history"]]
        assert dates == sorted(dates) and all(d <= demo_set.manifest["as_of"] for d in dates)
        for step in person["status_history"]:
            assert step["source"] in sources
            checked += 1
    assert checked > 500
    ocam = [r for (s, _), r in demo_set.records.items() if s == "ocam" and "status" in r["properties"]]
    assert ocam and all("notes" in r["properties"] for r in ocam)


def test_defects_are_listed_and_each_fails_for_its_stated_reason(defective_set: DemoSet) -> None:
    with (defective_set.root / "truth" / "defects.csv").open(newline="", encoding="utf-8") as handle:
        listed = {(row["source"], int(row["line"])): row["kind"] for row in csv.DictReader(handle)}
    assert len(listed) == defective_set.manifest["defects"] > 100
    assert len(set(listed.values())) >= 10, "defects come in varied kinds"
    today = date.today()
    for source in SOURCE_CODES:
        for row in read_jsonl(defective_set.root / f"{source}.jsonl"):
            if row.problem is not None:
                codes = [row.problem.code]
            else:
                codes = [
                    p.code
                    for p in validate(row.data, line=row.line, default_source=source, today=today).problems
                ]
            expected = listed.get((source, row.line))
            if expected is None:
                assert codes == [], (source, row.line, codes)
            else:
                assert expected in codes, (source, row.line, expected, codes)


def test_relationship_records_state_true_kinship_between_records_and_are_no_persons(
    demo_set: DemoSet,
) -> None:
    from crossroads.records.relations import validate_relation

    truth = {(row["source"], row["id"]): row["person_id"] for row in demo_set.truth}
    lines = (demo_set.root / "relationships" / "family.jsonl").read_bytes().splitlines()
    assert len(lines) == demo_set.manifest["relationships"] > 100
    kinds: Counter[str] = Counter()
    for number, line in enumerate(lines, start=1):
        checked = validate_relation(orjson.loads(line), line=number, default_source=None, today=date.today())
        relation = checked.relation
        assert relation is not None, checked.problems
        assert relation.person[0] == relation.other[0] == relation.source  # an agency holding both
        person, relative = truth[relation.person], truth[relation.other]
        assert person != relative
        facts = demo_set.persons[person]
        expected = {"sibling": facts["siblings"], "cousin": facts["cousins"], "parent": [facts["parent_id"]]}
        assert relative in expected[relation.kind], (relation, facts)
        assert (relation.source, relation.id) not in truth  # not counted as a person record
        kinds[relation.kind] += 1
    assert {"sibling", "cousin"} <= set(kinds) <= {"sibling", "cousin", "parent"}  # few children in 4,000
