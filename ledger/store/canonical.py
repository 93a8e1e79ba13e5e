"""An event's canonical form for the Merkle tree: RFC 8785 (JCS) over a documented field set.

A verifier in any language rebuilds it from an exported event with a JCS library, so the
fields and their spelling are fixed here and in docs/audit.md, and never change for a
stored event:

    {"data", "event_id", "metadata", "position", "recorded_at", "schema_version",
     "stream_id", "stream_version", "type"}

``event_id`` is the lower-case UUID; ``recorded_at`` is UTC as
``YYYY-MM-DDTHH:MM:SS.ffffffZ``; ``data`` and ``metadata`` are the JSON as stored. The
transaction id is left out: it orders the log (the leaf's index says where the event stands)
but is not part of what was said, and an import into another database gets new ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import Any, Final

import rfc8785

_SAFE_INTEGER: Final = 2**53 - 1
"""JCS reads every number as an IEEE 754 double; integers past this lose digits there."""


def canonical_document(row: Sequence[Any]) -> dict[str, Any]:
    """The fields a leaf covers, from a row read by ``log_reads.read_log_rows``."""
    position, _transaction, event_id, stream_id, version, kind, schema, data, metadata, at = row
    return {
        "position": position,
        "event_id": str(event_id),
        "stream_id": stream_id,
        "stream_version": version,
        "type": kind,
        "schema_version": schema,
        "data": data,
        "metadata": metadata,
        "recorded_at": at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
    }


def canonical_json(document: dict[str, Any]) -> bytes:
    """``document`` in RFC 8785 form.

    An integer beyond ±(2**53 - 1) is written as the double a JCS verifier reads it as (or,
    past the largest double, as its decimal digits in a string): the form must exist for
    every stored event, or one odd value would stop sealing for good.
    """
    try:
        return rfc8785.dumps(document)
    except rfc8785.IntegerDomainError:
        return rfc8785.dumps(_as_doubles(document))  # type: ignore[arg-type]  # JSON in, JSON out


def canonical_event(row: Sequence[Any]) -> bytes:
    """The bytes a leaf hashes: the RFC 8785 form of the event's documented fields."""
    return canonical_json(canonical_document(row))


def _as_doubles(value: object) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and abs(value) > _SAFE_INTEGER:
        try:
            return float(value)
        except OverflowError:
            return str(value)
    if isinstance(value, dict):
        return {key: _as_doubles(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_doubles(item) for item in value]
    return value
