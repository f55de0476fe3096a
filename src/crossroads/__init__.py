"""Crossroads: links agency records into persons, with need-to-know access, alerts and audit.

The public Python API: what users call. Internals may change between versions. Every read of case
content here is a use case that names its user and purpose, passes need-to-know and writes its
audit entry, as the CLI's commands do: the store's row modules are internals, not an API.

    from crossroads import Query, Store, search
    with Store.open() as store:
        found = search(store, "a.analyst", "investigation", Query("Youssef El Amrani", "1991"))
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from crossroads.records.model import Classification, Problem, Record

__version__ = "0.1.0"

#: Loaded on first use (PEP 562): importing ``crossroads`` stays cheap for the CLI and engines.
_LAZY = {
    "Store": ("crossroads.store.store", "Store"),
    "Query": ("crossroads.service.search", "Query"),
    "search": ("crossroads.service.search", "search"),
    "person": ("crossroads.service.person", "view"),
    "lineage": ("crossroads.service.person", "lineage"),
    "explain": ("crossroads.service.explain", "explain_for"),
    "export": ("crossroads.service.export", "export_records"),
    "file_request": ("crossroads.service.requests", "file"),
    "answer_request": ("crossroads.service.requests", "answer"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attribute = _LAZY[name]
        return getattr(import_module(module), attribute)
    raise AttributeError(f"module 'crossroads' has no attribute {name!r}")


__all__ = ["Classification", "Problem", "Record", "__version__", *_LAZY]
