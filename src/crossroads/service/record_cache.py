"""Stored records and their evidence (``Profile``) kept by a long-lived process for its searches.

What is kept of a record is what a search weighs and shows: its marking (for need-to-know), where
it belongs, its name fields and its evidence; never its other content, which a search does not
show (the person page reads records from the store). Kept so, a record takes about a third of
the memory its whole content did, and a server keeps every record of a million-record store.

A search at a million records weighs about 200 candidate records; reading their content and
profiling them again for every search was a third of its cost, and a server meets the same
candidates (the records of common names) again and again. The store stays the only truth: a kept
copy serves only while it is still that version of that record, as the store says each time
(``record_rows.Head``: version, content hash, status, person) or, on the embedded store, as its
generation says at once for every record (``RecordCache``). Nothing here decides who may see what:
callers pass every record through ``access.reading``.

Written by hand: a bounded least-recently-used map whose entries are checked against the store's
current version before every use; ``functools.lru_cache`` can neither validate an entry nor be
shared by the threads of a request pool under a lock of our own.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

import sqlalchemy as sa

from crossroads.records.model import Record
from crossroads.resolve.profile import Profile, profile
from crossroads.settings import load_settings
from crossroads.store import key_rows, record_rows
from crossroads.store.record_rows import Head, StoredRecord
from crossroads.store.store import Store

#: The fields of a record a search shows (``search.names_of``): its names.
SHOWN_FIELDS = frozenset({"name", "firstName", "lastName", "alias", "weakAlias"})

_Version = tuple[str, str, int, str]  # source, id, version, content hash: what the content is

#: Most record numbers the maps of persons' records and of keys' records hold together; past it they
#: are emptied (they fill again from the store).
MAPPED = 2_000_000


def _version(head: Head) -> _Version:
    return head.source, head.source_id, head.version, head.content_hash


def shown(stored: StoredRecord) -> StoredRecord:
    """``stored`` as a search keeps it: its marking, provenance and name fields (``SHOWN_FIELDS``),
    without its other content or its original line."""
    record = stored.record
    names = {k: v for k, v in record.properties.items() if k in SHOWN_FIELDS}
    kept = Record.trusted(
        id=record.id, source=record.source, schema_name=record.schema_name, properties=names,
        classification=record.classification, caveats=record.caveats, extra={},
    )  # fmt: skip
    return StoredRecord(
        kept, stored.version, stored.status, stored.batch_id, stored.line, stored.received_at,
        stored.updated_at, stored.entity_id, "", stored.pk,
    )  # fmt: skip


class _Kept(NamedTuple):
    version: _Version
    stored: StoredRecord  # as ``shown``, with where it belonged and its status when last checked
    evidence: Profile
    checked: str | None  # the store's generation it was last checked under (None: never trusted)


class RecordCache:
    """Up to ``limit`` records of one store as a search keeps them (``shown``), with their profiles,
    least recently used first out.

    On the embedded store, while the store's generation (``record_rows.generation``) is the one a
    kept record was checked under, nothing about any record has changed since: the copy is served
    without asking for its head again, and so are the records of a person and of a blocking key
    looked up under that generation. A search at a million records asked for about 200 heads, 13 %
    of a server's time under load. Any change to any record ends that trust for every copy.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._kept: OrderedDict[int, _Kept] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        #: Whether this process keeps records for its searches (``search.warm`` began to fill it):
        #: its arrivals then read their candidates through it too (``service.realtime``).
        self.warmed = False
        # Looked up under the generation ``_under``: each person's active records, the record
        # numbers asked for that are not active, and the records holding each (key, limit).
        self._under: str | None = None
        self._persons: dict[str, tuple[int, ...]] = {}
        self._inactive: set[int] = set()
        self._keys: dict[tuple[str, int], tuple[int, ...] | None] = {}
        self._mapped = 0

    def __len__(self) -> int:
        return len(self._kept)

    def _maps_under(self, now: str) -> None:
        """Empty the maps unless they were made under ``now`` (call with the lock held)."""
        if self._under != now or self._mapped > MAPPED:
            self._persons, self._inactive, self._keys = {}, set(), {}
            self._under, self._mapped = now, 0

    def profiles(self) -> list[Profile]:
        """The evidence of every kept record, as kept now."""
        with self._lock:
            return [kept.evidence for kept in self._kept.values()]

    def held(
        self, conn: sa.Connection, keys: Sequence[str], limit_of: Callable[[str], int]
    ) -> dict[str, tuple[int, ...] | None]:
        """``key_rows.held_by_each``: the records holding each key (None: more than ``limit_of(key)``,
        a key too common to use), kept while the store's generation holds."""
        wanted = [(key, limit_of(key)) for key in dict.fromkeys(keys)]
        now = record_rows.generation(conn)
        if now is None:
            return key_rows.held_by_each(conn, wanted)
        with self._lock:
            self._maps_under(now)
            known = {asked: self._keys[asked] for asked in wanted if asked in self._keys}
        missing = [asked for asked in wanted if asked not in known]
        held = key_rows.held_by_each(conn, missing)
        looked = {(key, limit): held[key] for key, limit in missing}
        with self._lock:
            if self._under == now:
                self._keys.update(looked)
                self._mapped += sum(len(pks) for pks in looked.values() if pks is not None)
        return {key: pks for (key, _), pks in (known | looked).items()}

    def stored(
        self, conn: sa.Connection, pks: Iterable[int] = (), entity_ids: Iterable[str] = ()
    ) -> list[tuple[StoredRecord, Profile]]:
        """The active records among ``pks`` and of the persons ``entity_ids`` as the store holds
        them now, as a search keeps them (``shown``: no content but the names), with their
        profiles, in key order."""
        now = record_rows.generation(conn)  # first: what is read after it is at least this recent
        wanted, persons = set(pks), set(entity_ids)
        trusted: dict[int, tuple[StoredRecord, Profile]] = {}
        with self._lock:
            if now is not None:
                self._maps_under(now)
                for person in [p for p in persons if p in self._persons]:
                    wanted.update(self._persons[person])
                    persons.discard(person)
                wanted -= self._inactive
                for pk in wanted:
                    kept = self._kept.get(pk)
                    if kept is not None and kept.checked == now:
                        self._kept.move_to_end(pk)
                        trusted[pk] = kept.stored, kept.evidence
            self.hits += len(trusted)
            ask = sorted(wanted - trusted.keys())
            # A record kept in no version is read whole at once; a kept one is checked by its head.
            check = [pk for pk in ask if pk in self._kept]
        heads = record_rows.active_heads(conn, check, persons) if check or persons else []
        found: dict[int, tuple[StoredRecord, Profile]] = {}
        with self._lock:
            for head in heads:
                kept = self._kept.get(head.pk)
                if kept is not None and kept.version == _version(head):
                    # Where the record belongs and whether it is active change without a new version.
                    stored = kept.stored
                    current = StoredRecord(
                        stored.record, stored.version, head.status, stored.batch_id, stored.line,
                        stored.received_at, head.updated_at, head.entity_id, stored.original, stored.pk,
                    )  # fmt: skip
                    self._kept[head.pk] = _Kept(kept.version, current, kept.evidence, now)
                    self._kept.move_to_end(head.pk)
                    found[head.pk] = current, kept.evidence
            self.hits += len(found)
        load = sorted((set(ask) - set(check)) | {head.pk for head in heads if head.pk not in found})
        loaded = record_rows.loaded_by_pks(conn, load, original=False)  # ``shown`` drops it
        fresh = {head.pk: (shown(stored), profile(stored.record)) for head, stored in loaded}
        with self._lock:
            self.misses += len(fresh)
            if self.limit:
                for head, _ in loaded:
                    self._kept[head.pk] = _Kept(_version(head), *fresh[head.pk], now)
                    self._kept.move_to_end(head.pk)
            while len(self._kept) > self.limit:
                self._kept.popitem(last=False)
            if now is not None and self._under == now:
                for person in persons:
                    held = tuple(head.pk for head in heads if head.entity_id == person)
                    self._persons[person] = held
                    self._mapped += len(held) + 1
                self._inactive.update(set(ask) - {head.pk for head in heads} - fresh.keys())
        out = trusted | found | fresh
        return [out[pk] for pk in sorted(out)]


_CACHES: weakref.WeakKeyDictionary[Store, RecordCache] = weakref.WeakKeyDictionary()
_CACHES_LOCK = threading.Lock()


def of(store: Store) -> RecordCache:
    """This process's cache of ``store`` (sized by ``CROSSROADS_SEARCH_CACHE``)."""
    with _CACHES_LOCK:
        cache = _CACHES.get(store)
        if cache is None:
            cache = _CACHES[store] = RecordCache(load_settings().search_cache)
        return cache
