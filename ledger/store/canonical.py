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
from datetime import UTC, datetime
from typing import Any, Final

import msgspec
import rfc8785

_SAFE_INTEGER: Final = 2**53 - 1
"""JCS reads every number as an IEEE 754 double; integers past this lose digits there."""
_SUPPLEMENTARY_LEAD: Final = 0xF0
"""UTF-8 lead bytes from here on start a character beyond the BMP (a UTF-16 surrogate pair)."""
_SHAPES: Final = bytes(
    ord("0") if byte in b"0123456789"
    else ord(".") if byte == ord(".")
    else ord("e") if byte in b"eE"
    else ord("U") if byte >= _SUPPLEMENTARY_LEAD
    else ord(" ")
    for byte in range(256)
)  # fmt: skip
"""Each byte of JSON text as what matters to ``_msgspec_is_canonical``: a digit, a point, an
exponent, the lead byte of a character beyond the BMP, or anything else."""
_MAY_DIFFER: Final = (b"0.", b"0e", b"U", b"0" * 16)


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
        "recorded_at": _utc(at),
    }


def canonical_json(document: dict[str, Any]) -> bytes:
    """``document`` in RFC 8785 form, by the ``rfc8785`` package.

    An integer beyond ±(2**53 - 1) is written as the double a JCS verifier reads it as (or,
    past the largest double, as its decimal digits in a string): the form must exist for
    every stored event, or one odd value would stop sealing for good.
    """
    try:
        return rfc8785.dumps(document)
    except rfc8785.IntegerDomainError:
        return rfc8785.dumps(_as_doubles(document))  # type: ignore[arg-type]  # JSON in, JSON out


def canonical_event(row: Sequence[Any]) -> bytes:
    """The bytes a leaf hashes: the RFC 8785 form of the event's documented fields.

    Most events hold no fractional number, no long integer and no character beyond the
    Basic Multilingual Plane in their data and metadata: then msgspec's key-sorted compact
    JSON of each is byte for byte their RFC 8785 form, and the document is put together
    around them, the fields in their fixed order, at a twentieth of the cost of the
    ``rfc8785`` package (docs/performance.md). The others go through the package.
    """
    position, _transaction, event_id, stream_id, version, kind, schema, data, metadata, at = row
    data_json = msgspec.json.encode(data, order="sorted")
    metadata_json = msgspec.json.encode(metadata, order="sorted")
    small = max(position, version, schema) <= _SAFE_INTEGER
    if not (small and _msgspec_is_canonical(data_json) and _msgspec_is_canonical(metadata_json)):
        return canonical_json(canonical_document(row))
    return b"".join(
        (
            b'{"data":',
            data_json,
            b',"event_id":"',
            str(event_id).encode(),
            b'","metadata":',
            metadata_json,
            b',"position":',
            str(position).encode(),
            b',"recorded_at":"',
            _utc(at).encode(),
            b'","schema_version":',
            str(schema).encode(),
            b',"stream_id":',
            msgspec.json.encode(stream_id),
            b',"stream_version":',
            str(version).encode(),
            b',"type":',
            msgspec.json.encode(kind),
            b"}",
        )
    )


def _msgspec_is_canonical(text: bytes) -> bool:
    """Whether msgspec's JSON ``text`` is surely the RFC 8785 form of its value.

    Its escapes are RFC 8785's, and code-point order is UTF-16 order but for characters
    beyond the BMP; what else could differ is a fractional or exponent number or an integer
    past a double's precision. Text in a string that looks like one (a "2.5" in a summary)
    only sends the event the slower way.
    """
    shapes = text.translate(_SHAPES)
    return not any(shape in shapes for shape in _MAY_DIFFER)


def _utc(at: datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SS.ffffffZ``."""
    return at.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


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
