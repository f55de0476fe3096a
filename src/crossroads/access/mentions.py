"""Which records (SOURCE/ID) or entities an audit entry names, read from its detail.

Details differ by action: an export lists ``records``, an explanation ``a`` and ``b``, a request
``records``/``refused``/``asked``, a grant ``record``, a judgement ``a``/``b``, a purge its refs
grouped by kind and by ``entities``, a refusal says in prose what was ``asked``
("explain police.federal/a against ..."). Rather than a list of keys that a new action would
silently escape, every key and every string value anywhere in the detail is searched: a reference
is named when a key or value equals it, or is one of a value's whitespace-separated words. So
``police.federal/a`` is never found in ``police.federal/ab``. Pure: values in, values out.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from typing import Any

import orjson


def fragment(ref: str) -> str:
    """How ``ref`` appears inside the canonical JSON text of a detail (escaped as a JSON string
    escapes it, without the quotes): what a store's text search is to look for first."""
    return orjson.dumps(ref).decode()[1:-1]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def named(detail: str, refs: Set[str]) -> list[str]:
    """The references of ``refs`` that the detail (canonical JSON text) names, sorted."""
    found: set[str] = set()
    for text in _strings(orjson.loads(detail)):
        if text in refs:
            found.add(text)
        else:
            found.update(word for word in text.split() if word in refs)
    return sorted(found)
