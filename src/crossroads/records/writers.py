"""Write records out: the interchange format (FORMAT.md) and FollowTheMoney entities.

Both outputs read back through ``readers.jsonl.read_jsonl`` and ``validate.validate`` to equal
records, so an export is also a backup an agency can re-ingest.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import IO, Any

import orjson
from followthemoney import model

from crossroads.records.model import Record

#: Top-level keys ``to_ftm`` writes itself; a record's unknown keys never override them.
FTM_KEYS = ("id", "schema", "properties", "datasets", "classification", "caveats")


def write_jsonl(records: Iterable[Record], out: IO[bytes]) -> int:
    """One interchange object per line, UTF-8, unknown top-level keys kept; returns the count."""
    count = 0
    for record in records:
        out.write(orjson.dumps(record.to_dict(), option=orjson.OPT_APPEND_NEWLINE))
        count += 1
    return count


@lru_cache(maxsize=256)
def _ftm_property(schema_name: str, prop: str) -> bool:
    schema = model.get(schema_name)
    spec = schema.get(prop) if schema is not None else None
    return spec is not None and not spec.stub


def to_ftm(record: Record) -> dict[str, Any]:
    """The record as a FollowTheMoney entity, the way OpenSanctions and Aleph export entities.

    - ``id`` is the record id unchanged and ``datasets`` is ``[source]``: the pair is the record's key,
      exactly as ``validate`` reads a FollowTheMoney file (``source`` from ``datasets[0]``). Consumers
      that merge several sources must namespace ids themselves.
    - ``properties`` holds only properties the schema knows, and no empty lists (FollowTheMoney drops
      both); a property outside the schema is lost in this format, use ``write_jsonl`` to keep it.
      Values are written as the record holds them; FollowTheMoney's cleaners accept them all, and
      only rewrite phone numbers (to E.164) when asked to clean.
    - ``classification`` and ``caveats`` travel as top-level keys. A marking that fell off on export
      would come back as the default (``restricted``, no caveats) on re-import: a NOFORN record would
      become releasable. FollowTheMoney keeps unknown top-level keys as entity context, so its tools
      accept them and pass them on. The record's other unknown top-level keys travel the same way.
    """
    entity: dict[str, Any] = {k: v for k, v in record.extra.items() if k not in FTM_KEYS}
    entity.update(
        {
            "id": record.id,
            "schema": record.schema_name,
            "properties": {
                prop: list(values)
                for prop, values in record.properties.items()
                if values and _ftm_property(record.schema_name, prop)
            },
            "datasets": [record.source],
            "classification": record.classification.value,
            "caveats": list(record.caveats),
        }
    )
    return entity


def write_ftm(records: Iterable[Record], out: IO[bytes]) -> int:
    """FollowTheMoney entities as JSON Lines (see ``to_ftm``), UTF-8; returns the count."""
    count = 0
    for record in records:
        out.write(orjson.dumps(to_ftm(record), option=orjson.OPT_APPEND_NEWLINE))
        count += 1
    return count
