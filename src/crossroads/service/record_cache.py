"""Stored records and their evidence (``Profile``) kept by a long-lived process for its searches.

A search at a million records weighs about 170 candidate records; reading their content and
profiling them again for every search was a third of its cost, and a server meets the same
candidates (the records of common names) again and again. The store stays the only truth: every
use asks it first for what each record is now (``record_rows.Head``: version, content hash,
status, person), and a kept copy serves only while it is still that version of that record.
Nothing here decides who may see what: callers pass every record through ``access.reading``.

Written by hand: a bounded least-recently-used map whose entries are checked against the store's
current version on every use; ``functools.lru_cache`` can neither validate an entry nor be
shared by the threads of a request pool under a lock of our own.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable

import sqlalchemy as sa

from crossroads.resolve.profile import Profile, profile
from crossroads.settings import load_settings
from crossroads.store import record_rows
from crossroads.store.record_rows import Head, StoredRecord
from crossroads.store.store import Store

_Version = tuple[str, str, int, str]  # source, id, version, content hash: what the content is


def _version(head: Head) -> _Version:
    return head.source, head.source_id, head.version, head.content_hash


class RecordCache:
    """Up to ``limit`` records' content and profiles of one store, least recently used first out."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._kept: OrderedDict[int, tuple[_Version, StoredRecord, Profile]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._kept)

    def stored(
        self, conn: sa.Connection, pks: Iterable[int] = (), entity_ids: Iterable[str] = ()
    ) -> list[tuple[StoredRecord, Profile]]:
        """The active records among ``pks`` and of the persons ``entity_ids`` as the store holds
        them now, with their profiles, in key order."""
        heads = record_rows.active_heads(conn, pks, entity_ids)
        found: dict[int, tuple[StoredRecord, Profile]] = {}
        with self._lock:
            for head in heads:
                kept = self._kept.get(head.pk)
                if kept is not None and kept[0] == _version(head):
                    self._kept.move_to_end(head.pk)
                    found[head.pk] = kept[1], kept[2]
            self.hits += len(found)
        missing = [head.pk for head in heads if head.pk not in found]
        loaded = {s.pk: s for s in record_rows.stored_by_pks(conn, missing)}
        fresh = {pk: (stored, profile(stored.record)) for pk, stored in loaded.items()}
        with self._lock:
            self.misses += len(fresh)
            for head in heads:
                # A record changed between the two reads is served as loaded but not kept.
                if head.pk in fresh and fresh[head.pk][0].version == head.version and self.limit:
                    self._kept[head.pk] = (_version(head), *fresh[head.pk])
                    self._kept.move_to_end(head.pk)
            while len(self._kept) > self.limit:
                self._kept.popitem(last=False)
        out = []
        for head in heads:
            if head.pk in fresh:
                out.append(fresh[head.pk])
            elif head.pk in found:
                stored, evidence = found[head.pk]
                # Where the record belongs and whether it is active change without a new version.
                now = StoredRecord(
                    stored.record, stored.version, head.status, stored.batch_id, stored.line,
                    stored.received_at, head.updated_at, head.entity_id, stored.original, stored.pk,
                )  # fmt: skip
                out.append((now, evidence))
        return out


_CACHES: weakref.WeakKeyDictionary[Store, RecordCache] = weakref.WeakKeyDictionary()
_CACHES_LOCK = threading.Lock()


def of(store: Store) -> RecordCache:
    """This process's cache of ``store`` (sized by ``CROSSROADS_SEARCH_CACHE``)."""
    with _CACHES_LOCK:
        cache = _CACHES.get(store)
        if cache is None:
            cache = _CACHES[store] = RecordCache(load_settings().search_cache)
        return cache
