"""Batch linking: records in, persons out, with every pair's evidence kept for explanations.

Steps: profile each record; candidate pairs by blocking; comparison levels for each candidate
(the name engine in batch for names, weighing name parts by how common they are among these
records, plain rules on integer columns for the rest: ``level_columns``); the model's ``u`` from
random pairs and ``m`` by EM when no model is given; a probability per pair; clusters that do not
chain. Pairs that only a name key brought together and whose birth dates differ
(``blocking.contradicted``, most of them namesakes) are not compared by name unless the best
possible names could lift them above a clear non-match: the clustering still holds them apart.
Blocking and comparisons run on DuckDB or on Spark (``spark_engine``), the rest on this machine.
Here entity ids are named after the smallest (source, id) of each person's records (the
``crossroads link`` file contract); the store keeps ids stable across runs with ``identity``.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from crossroads.names.batch import adopt, made_apart, remember
from crossroads.names.frequencies import NameFrequencies
from crossroads.names.model import default_model
from crossroads.names.parse import remembering_every_name
from crossroads.names.vectors import coded
from crossroads.records.model import Record
from crossroads.resolve import fellegi_sunter, forked, identity, name_sparing, reasons, term_frequency
from crossroads.resolve.blocking import (
    MAX_BLOCK,
    Candidates,
    KeyTable,
    birth_date_keys,
    candidate_pairs,
    contradicted,
    sample_pairs,
)
from crossroads.resolve.clusters import DISAGREE, LINK, Clustering, cluster
from crossroads.resolve.comparisons import COMPARISONS, NULL, RULES, name_levels, names_say_nothing
from crossroads.resolve.context import LinkContext
from crossroads.resolve.fellegi_sunter import LinkageModel
from crossroads.resolve.level_columns import LevelColumns
from crossroads.resolve.name_scores import (
    BestNames,
    NameIndex,
    NameScores,
    before_fork,
    best_names,
    frequencies_of,
    score_names,
)
from crossroads.resolve.profile import Profile, profile

Progress = Callable[[str], None]
RANDOM_PAIRS = 200_000
#: Pairs each EM session (same birth date, rare name) trains on: enough for the shares of level
#: patterns, and each costs a name comparison.
SESSION_PAIRS = 100_000
SAME, DIFFERENT, UNSURE = "same", "different", "unsure"
VERDICTS = (SAME, DIFFERENT, UNSURE)
#: From this many "same" judgements on, they re-estimate ``m`` beside EM (which counts as
#: ``EM_WEIGHT`` labelled pairs).
MIN_JUDGED_TO_REFIT = 20
EM_WEIGHT = 200
#: A name key held by at most this many records counts as rare (the name session of estimation).
RARE_NAME_BLOCK = 10
#: Pairs the model puts between this and the link threshold wait for an analyst.
REVIEW_FROM = 0.5
#: Up to this many pairs, comparisons run pair by pair (``comparison_levels``).
FEW_PAIRS = 500
#: Fewer records than this give too few pairs to estimate weights from; the shipped model is used.
MIN_RECORDS_TO_ESTIMATE = 2_000
#: Processes a run compares names in by default: this one and a forked child (``forked``), so
#: that a 2-core machine uses both cores where the work is largest.
PROCESSES = 2
#: The birth date's column among the levels of every comparison but the name (``RULES``).
_BIRTH_DATE = [comparison.name for comparison, _ in RULES].index("birth_date")


@dataclass(frozen=True)
class ScoredPairs:
    """Candidate pairs with their comparison levels (one column per ``COMPARISONS``), the name
    evidence and the model's probability."""

    ia: np.ndarray
    ib: np.ndarray
    levels: np.ndarray
    name_rarity: np.ndarray  # term-frequency weight added to the name level
    names: NameScores
    probability: np.ndarray
    kinds: np.ndarray  # the kinds of blocking key each pair shares (a bit per ``blocking.KINDS``)
    #: Pairs whose names were not compared (``blocking.contradicted``): the probability is the
    #: most their names could make of them (``name_sparing``), below ``clusters.REJECT``.
    name_unscored: np.ndarray


#: A record as the linker knows it after profiling: (source, id).
Ref = tuple[str, str]


@dataclass(frozen=True)
class Profiled:
    """What linking keeps of each record: what it compares (``Profile``) and which record it was.
    The records themselves are let go as they are profiled: at 1M demo records they took 4.6 GiB."""

    profiles: list[Profile]
    refs: list[Ref]


@dataclass(frozen=True)
class Linkage:
    entity_ids: list[str]
    pairs: ScoredPairs
    clustering: Clustering
    context: LinkContext
    dropped_keys: int
    profiles: list[Profile]  # what was compared of each record
    refs: list[Ref]  # which record each was, in the same order
    keys: KeyTable  # each record's blocking keys (the store indexes them for the real-time path)

    @property
    def model(self) -> LinkageModel:
        return self.context.model

    @property
    def entities(self) -> int:
        return len(set(self.entity_ids))

    def to_review(self) -> list[tuple[int, int, float, str]]:
        """Pairs an analyst should judge: those in the uncertain band that the clustering left in
        different groups, strong links it refused, links it merged over an objection, and lone
        records it joined to the only person they could be (``clusters.SOLE``);
        (record, record, probability, why)."""
        labels = self.entity_ids
        out: list[tuple[int, int, float, str]] = []
        pairs = self.pairs
        band = np.flatnonzero((pairs.probability >= REVIEW_FROM) & (pairs.probability < LINK))
        for k in band.tolist():
            a, b = int(pairs.ia[k]), int(pairs.ib[k])
            if labels[a] != labels[b]:
                out.append((a, b, float(pairs.probability[k]), reasons.uncertain(REVIEW_FROM, LINK)))
        where = {
            (int(a), int(b)): k
            for k, (a, b) in enumerate(zip(pairs.ia.tolist(), pairs.ib.tolist(), strict=True))
        }
        for a, b, why in self.clustering.refused:
            at = where.get((min(a, b), max(a, b)))
            if at is not None and labels[a] != labels[b]:
                out.append((a, b, float(pairs.probability[at]), reasons.kept_apart(why)))
        for a, b, why in [*self.clustering.overruled, *self.clustering.sole]:
            at = where.get((min(a, b), max(a, b)))
            if at is not None:
                out.append((a, b, float(pairs.probability[at]), why))
        return out


def comparison_levels(
    profiles: Sequence[Profile],
    ia: np.ndarray,
    ib: np.ndarray,
    frequencies: NameFrequencies | None = None,
    columns: LevelColumns | None = None,
    processes: int = 1,
    others: np.ndarray | None = None,
) -> tuple[np.ndarray, NameScores]:
    """Levels (one column per ``COMPARISONS``) of the pairs ``(ia[k], ib[k])`` of ``profiles``;
    ``columns`` are the profiles encoded once (``LevelColumns.encode``) when called many times;
    ``processes`` 2 compares a large batch's names on two cores (``forked``); ``others``, the
    pairs' levels of every comparison but the name (a column per ``RULES``) when the caller made
    them already."""
    if columns is None and (len(ia) <= FEW_PAIRS or others is not None):
        # A handful of pairs (one arriving record, one explanation), or pairs whose other levels
        # the caller made (a search's candidates, however many: at a million records, 44 searches
        # in 1,000 had more than 500 and numbered every value for 46 ms each): numbering every
        # value first would cost more than the comparisons' own functions.
        names = score_names(profiles, ia, ib, frequencies=frequencies)
        pairs = [(profiles[a], profiles[b]) for a, b in zip(ia.tolist(), ib.tolist(), strict=True)]
        if others is None:
            others = np.array([[rule(a, b) for _, rule in RULES] for a, b in pairs], dtype=np.int8)
        unlike = np.array([names_say_nothing(a, b) for a, b in pairs], dtype=bool)
    else:
        columns = columns or LevelColumns.encode(profiles)
        index = columns.name_index
        best, others = _names_and_others(columns, ia, ib, frequencies, processes, others)
        names = best.named(index)
        unlike = columns.names_say_nothing(ia, ib)
    levels = name_levels(names.score, names.civil, names.via_alias)
    levels[unlike] = NULL
    return np.column_stack([levels, others.reshape(len(ia), len(RULES))]).astype(np.int8), names


def _names_and_others(
    columns: LevelColumns,
    ia: np.ndarray,
    ib: np.ndarray,
    frequencies: NameFrequencies | None,
    processes: int,
    others: np.ndarray | None = None,
) -> tuple[BestNames, np.ndarray]:
    """The best names and the levels of every other comparison of many pairs (``others`` when the
    caller made them: then the names alone). A large batch uses a forked child on the second core
    for each step: the other levels (``_others_in_two``), the first time every name's vectors
    (``_vectors_in_two``), then the names' table is built here and each side scores half of the
    names."""
    index = columns.name_index

    def names(start: int, stop: int) -> BestNames:
        return best_names(index, ia[start:stop], ib[start:stop], frequencies=frequencies)

    if processes < 2 or len(ia) < forked.LEAST:
        if others is None:
            others = columns.other_levels(ia, ib)
        return names(0, len(ia)), others
    if others is None:
        others = _others_in_two(columns, ia, ib, processes)
    frequencies = frequencies or default_model().frequencies
    if not index.is_prepared(frequencies):
        _vectors_in_two(index, frequencies, processes)
    before_fork(index, frequencies=frequencies)
    return forked.in_two(names, len(ia), lambda one, two: BestNames.joined([one, two]), processes), others


def _others_in_two(columns: LevelColumns, ia: np.ndarray, ib: np.ndarray, processes: int) -> np.ndarray:
    """The levels of every comparison but the name of many pairs, half on each core."""
    return forked.in_two(
        lambda start, stop: columns.other_levels(ia[start:stop], ib[start:stop]),
        len(ia),
        lambda one, two: np.concatenate([one, two]),
        processes,
    )


def _vectors_in_two(index: NameIndex, frequencies: NameFrequencies, processes: int) -> None:
    """Every name's vectors made and kept, half on each side: made here alone, they left a core
    idle for a tenth of a large run. What the child sent is let go on return."""
    middle, base, every = len(index.names) // 2, coded(), index.names
    _, made = forked.beside(
        lambda: remember(every[:middle], frequencies),
        lambda: made_apart(every[middle:], frequencies, base),
        processes,
    )
    adopt(made, frequencies)


ENGINES = ("duckdb", "spark")


def _candidates(engine: str, keys: KeyTable, max_block: int = MAX_BLOCK) -> Candidates:
    if engine == "spark":
        from crossroads.resolve import spark_engine

        return spark_engine.candidate_pairs(keys, max_block)
    return candidate_pairs(keys, max_block)


def _levels(
    engine: str,
    profiles: Sequence[Profile],
    ia: np.ndarray,
    ib: np.ndarray,
    frequencies: NameFrequencies | None,
    columns: LevelColumns,
    processes: int = 1,
    others: np.ndarray | None = None,
) -> tuple[np.ndarray, NameScores]:
    """``comparison_levels`` on the engine; Spark levels every comparison itself (``others``, the
    pairs' levels but the name's when made already, serve DuckDB's run only)."""
    if engine == "spark":
        from crossroads.resolve import spark_engine

        levels, score = spark_engine.comparison_levels(profiles, ia, ib, frequencies, columns)
        nothing: list[str | None] = [None] * len(ia)
        none = np.full(len(ia), np.nan, dtype=np.float32)
        return levels, NameScores(score, nothing, list(nothing), np.zeros(len(ia), dtype=bool), none)
    return comparison_levels(profiles, ia, ib, frequencies, columns, processes, others)


def random_pairs(n: int, count: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``count`` distinct pairs of records drawn at random (fewer when there are fewer pairs)."""
    if n < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    rng = np.random.default_rng(seed)
    a = rng.integers(0, n, size=2 * count)
    b = rng.integers(0, n, size=2 * count)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    unique = np.unique(lo[lo != hi] * n + hi[lo != hi])
    chosen = rng.permutation(unique)[: min(count, n * (n - 1) // 2)]
    chosen.sort()
    return chosen // n, chosen % n


def estimate_model(
    profiles: Sequence[Profile],
    candidate_levels: np.ndarray,
    seed: int = 0,
    random_count: int = RANDOM_PAIRS,
    session_count: int = SESSION_PAIRS,
    frequencies: NameFrequencies | None = None,
    engine: str = "duckdb",
    judged_same: Sequence[tuple[int, int]] = (),
    columns: LevelColumns | None = None,
    keys: KeyTable | None = None,
    processes: int = 1,
) -> LinkageModel:
    """Parameters from the data alone, the way Splink trains: ``u`` from random pairs; ``m`` by EM in
    two sessions, each on pairs chosen by one kind of evidence and estimating the others: pairs
    sharing a full birth date give the name's ``m`` (and the rest), pairs sharing a rare family and
    given name key give the birth date's (and the rest); where both estimate a
    comparison the two are averaged. Analysts' "same" verdicts (``judged_same``), when there are at
    least ``MIN_JUDGED_TO_REFIT``, move ``m`` towards what they show. Last, the prior over all pairs
    (``fellegi_sunter.prior_over_all_pairs``). Each training set is a sample, of at most
    ``random_count`` random pairs and ``session_count`` pairs per session: EM needs the shares of
    level patterns, not every pair."""
    everything = {c.name for c in COMPARISONS}
    columns = columns or LevelColumns.encode(profiles)
    ra, rb = random_pairs(len(profiles), random_count, seed)
    random_levels, _ = _levels(engine, profiles, ra, rb, frequencies, columns, processes)
    u = fellegi_sunter.level_shares(random_levels)
    start = fellegi_sunter.initial_m()
    day_a, day_b = sample_pairs(KeyTable.of(profiles, birth_date_keys, processes), session_count, seed)
    rng = np.random.default_rng(seed)
    day_levels, _ = _levels(engine, profiles, day_a, day_b, frequencies, columns, processes)
    _, m_day, trace_day = fellegi_sunter.estimate(
        day_levels, u, start, free=everything - {"birth_date"}, ignore={"birth_date"}
    )
    # Pairs sharing a *rare* name key: common names would fill this session with namesakes, and EM
    # would learn that one person's records often disagree on the birth date (on 251,344 demo
    # records that made names alone link and precision fell to 0.58).
    keys = keys or KeyTable.of(profiles)
    rare = _candidates(engine, keys.only("n"), RARE_NAME_BLOCK)
    named = np.sort(rng.permutation(len(rare.ia))[:session_count])
    name_levels_, _ = _levels(
        engine, profiles, rare.ia[named], rare.ib[named], frequencies, columns, processes
    )
    _, m_name, trace_name = fellegi_sunter.estimate(
        name_levels_, u, start, free=everything - {"name"}, ignore={"name"}
    )
    m = {
        name: (m_day[name] if name == "name" else m_name[name] if name == "birth_date"
               else np.mean([m_day[name], m_name[name]], axis=0).tolist())
        for name in everything
    }  # fmt: skip
    labelled = 0
    if len(judged_same) >= MIN_JUDGED_TO_REFIT:
        # Analysts' "same" verdicts are labelled matches: their levels re-estimate m, weighed
        # against EM's estimate as if that were EM_WEIGHT labelled pairs.
        ja = np.array([a for a, _ in judged_same], dtype=np.int64)
        jb = np.array([b for _, b in judged_same], dtype=np.int64)
        judged_levels, _ = _levels(engine, profiles, ja, jb, frequencies, columns, processes)
        from_labels = fellegi_sunter.level_shares(judged_levels)
        labelled = len(judged_same)
        m = {
            name: (
                (labelled * np.array(from_labels[name]) + EM_WEIGHT * np.array(m[name]))
                / (labelled + EM_WEIGHT)
            ).tolist()
            for name in m
        }
    all_pairs = len(profiles) * (len(profiles) - 1) // 2
    prior = fellegi_sunter.prior_over_all_pairs(candidate_levels, u, m, all_pairs)
    provenance = {
        "records": len(profiles),
        "candidate_pairs": len(candidate_levels),
        "random_pairs": len(ra),
        "birth_date_session_pairs": len(day_levels),
        "name_session_pairs": len(name_levels_),
        "em_iterations": {"birth_date_session": len(trace_day), "name_session": len(trace_name)},
        "judged_same_pairs_used": labelled,
        "seed": seed,
    }
    return LinkageModel(prior, m, u, provenance)


@contextmanager
def _batch_run() -> Iterator[None]:
    """Linking builds millions of small objects and frees them by reference counting; the cycle
    collector would walk them all again each time enough new ones pile up (40 % of the profiling
    time at 100,954 records): it pauses for the run and resumes after, as it was. Every name is
    parsed once for the run (``parse.remembering_every_name``)."""
    was = gc.isenabled()
    gc.disable()
    try:
        with remembering_every_name():
            yield
    finally:
        if was:
            gc.enable()


@_batch_run()
def profile_all(records: Iterable[Record], progress: Progress | None = None) -> Profiled:
    """Every record's profile and reference, reading ``records`` once (a stream is never held)."""
    (progress or (lambda _message: None))("profiling records")
    profiles: list[Profile] = []
    refs: list[Ref] = []
    for record in records:
        profiles.append(profile(record))
        refs.append((record.source, record.id))
    return Profiled(profiles, refs)


@_batch_run()
def link(
    records: Iterable[Record],
    model: LinkageModel | None = None,
    progress: Progress | None = None,
    judgements: Sequence[tuple[int, int, str]] = (),
    engine: str = "duckdb",
    processes: int = PROCESSES,
) -> Linkage:
    """Persons from ``records`` (read once, in order; a stream is not held). ``judgements`` are
    analysts' verdicts on record pairs (record numbers and "same", "different" or "unsure"): they
    override the model for their pair. ``engine`` runs blocking and comparisons on DuckDB (one
    machine) or Spark (``spark_engine``); on DuckDB, ``processes`` 2 compares names on two cores."""
    if engine not in ENGINES:  # before the input is read, not after
        raise ValueError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    return link_profiled(profile_all(records, progress), model, progress, judgements, engine, processes)


@_batch_run()
def link_profiled(
    profiled: Profiled,
    model: LinkageModel | None = None,
    progress: Progress | None = None,
    judgements: Sequence[tuple[int, int, str]] = (),
    engine: str = "duckdb",
    processes: int = PROCESSES,
) -> Linkage:
    """``link`` of records already profiled (``profile_all``): a caller that must number its
    records before linking (the store, to place analysts' judgements) reads them only once."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    say = progress or (lambda _message: None)
    profiles = profiled.profiles
    say(f"finding candidate pairs among {len(profiles):,} records")
    keys = KeyTable.of(profiles, processes=processes)
    found = _candidates(engine, keys)
    # Two steps of a record at a time, each on a core: their columns, and how common each name is.
    columns, frequencies = forked.beside(
        lambda: LevelColumns.encode(profiles), lambda: frequencies_of(profiles), processes
    )
    say(f"comparing {len(found.ia):,} candidate pairs")

    def levels_of(ia: np.ndarray, ib: np.ndarray, others: np.ndarray) -> tuple[np.ndarray, NameScores]:
        return _levels(engine, profiles, ia, ib, frequencies, columns, processes, others)

    # Every pair's levels but the name's first, half on each core: the birth dates among them say
    # which pairs' names are compared at all (``contradicted``); levelled apart, the birth dates of
    # every pair took a single core 7.5 s at 1,007,819 records before the names were compared.
    others = _others_in_two(columns, found.ia, found.ib, processes)
    skip = contradicted(found.kinds, others[:, _BIRTH_DATE])
    evidence = name_sparing.compare(found.ia, found.ib, levels_of, others, skip)
    same = [(min(a, b), max(a, b)) for a, b, verdict in judgements if verdict == SAME and a != b]
    origin = "given"
    if model is None and len(profiles) >= MIN_RECORDS_TO_ESTIMATE:
        say("estimating the model (random pairs, EM)")
        model = estimate_model(
            profiles,
            evidence.levels[evidence.scored],
            frequencies=frequencies,
            engine=engine,
            judged_same=same,
            columns=columns,
            keys=keys,
            processes=processes,
        )
        origin = "estimated"
    elif model is None:
        model, origin = fellegi_sunter.default_model().for_records(len(profiles)), "shipped"
    evidence = name_sparing.lift(evidence, model, found.ia, found.ib, levels_of)
    levels, scored, waiting = evidence.levels, evidence.scored, evidence.waiting
    named = keys.only("n")
    rarity = np.zeros(len(levels))
    rarity[scored], centres, counts = term_frequency.run_adjustments(
        named.rec, named.key, len(profiles), found.ia[scored], found.ib[scored], levels[scored, 0]
    )
    probability = np.zeros(len(levels))
    probability[scored] = model.probability(levels[scored], rarity[scored])
    probability[waiting] = name_sparing.best_names(model, levels[waiting, 1:])
    unscored = np.zeros(len(levels), dtype=bool)
    unscored[waiting] = True
    say("clustering")
    different = [(min(a, b), max(a, b)) for a, b, verdict in judgements if verdict == DIFFERENT and a != b]
    dated = np.fromiter((bool(p.births) for p in profiles), dtype=bool, count=len(profiles))
    # What a pair has against one person; a pair whose names were not compared keeps its vote: its
    # birth dates differ, and its probability is the most its names could make of it.
    speaks = model.against(levels) <= DISAGREE
    speaks[waiting] = True
    clustering = cluster(
        len(profiles), found.ia, found.ib, probability, same=same, different=different, dated=dated,
        speaks=speaks,
    )  # fmt: skip
    pairs = ScoredPairs(
        found.ia, found.ib, levels, rarity, evidence.names, probability, found.kinds, unscored
    )
    context = LinkContext(model, origin, len(profiles), frequencies, counts, centres)
    entity_ids = _entity_ids(profiled.refs, clustering.labels)
    return Linkage(entity_ids, pairs, clustering, context, found.dropped_keys, profiles, profiled.refs, keys)


def _entity_ids(refs: Sequence[Ref], labels: np.ndarray) -> list[str]:
    anchor: dict[int, str] = {}
    for (source, record_id), label in zip(refs, labels.tolist(), strict=True):
        member = f"{source}/{record_id}"
        if label not in anchor or member < anchor[label]:
            anchor[label] = member
    entity_of = {label: identity.new_id(member) for label, member in anchor.items()}
    return [entity_of[label] for label in labels.tolist()]
