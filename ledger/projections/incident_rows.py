"""An incident's state in rows: its state row, its claims as rows, and reading them back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

import msgspec
from psycopg import sql

from ledger.domain.incident_state import Claim, IncidentState
from ledger.projections.temporal import visible
from ledger.store import GlobalCursor

_encoder: Final = msgspec.json.Encoder()
_decoder: Final = msgspec.json.Decoder(IncidentState)
_claims_decoder: Final = msgspec.json.Decoder(tuple[Claim, ...])


def claim_rows(claims_table: str, state_alias: str, as_of: GlobalCursor | None) -> sql.Composed:
    """SQL for the claims stored as rows of the state row ``state_alias``, at ``as_of``.

    A column expression: the claims' documents in order, joined by commas (null if none);
    its parameters are those of ``temporal.as_of_parameters``.
    """
    return sql.SQL(
        "(SELECT string_agg(c.document, ',' ORDER BY c.ordinal) FROM {claims} c"
        " WHERE c.incident_id = {state}.incident_id AND {visible})"
    ).format(
        claims=sql.Identifier(claims_table),
        state=sql.Identifier(state_alias),
        visible=visible("c", as_of),
    )


def stored_state(document: str, rows: str | None) -> IncidentState:
    """An incident's state from its row's document and its claims stored as rows, if any.

    A document with claims is the whole state; one without takes the claims stored as rows.
    """
    state = _decoder.decode(document)
    if state.claims or rows is None:
        return state
    return msgspec.structs.replace(state, claims=_claims_decoder.decode(f"[{rows}]"))


AddedClaim = tuple[str, int, str, int, int]
"""A claim at a place no claim held before: the claims table's columns, in order."""


# A rebuild's batch holds hundreds of whole states: sent as one JSON text, its copies on
# the way raised the rebuild's peak memory markedly (docs/performance.md).
_STATE_BYTES_PER_STATEMENT: Final = 256 * 1024


def state_row(state: IncidentState, document: msgspec.Raw, at: dict[str, int]) -> dict[str, Any]:
    """A version's row, keyed by the state table's columns, its end left open.

    The document goes as JSON and is stored as its text.
    """
    return {
        "incident_id": state.incident_id,
        "version": state.version,
        "status": state.status,
        "category": state.category.value,
        "country": state.location.country,
        "admin1": state.location.admin1,
        "parties": list(state.parties),
        "occurred_start": state.occurred.start,
        "occurred_end": state.occurred.end,
        "contested": state.contested,
        "position": at["at_pos"],
        "document": document,
        "from_tx": at["at_tx"],
        "from_pos": at["at_pos"],
        "to_tx": None,
        "to_pos": None,
    }


def statement_chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """``rows`` in runs of at most ``_STATE_BYTES_PER_STATEMENT`` of documents (at least one)."""
    chunk: list[dict[str, Any]] = []
    size = 0
    for row in rows:
        if chunk and size + len(row["document"]) > _STATE_BYTES_PER_STATEMENT:
            yield chunk
            chunk, size = [], 0
        chunk.append(row)
        size += len(row["document"])
    if chunk:
        yield chunk


def end_within_batch(rows: list[dict[str, Any]]) -> list[tuple[str, int, int, int]]:
    """End each version where the next one of its incident begins; return each first one.

    ``rows`` are in log order. Each incident's first version here is returned as (incident
    id, version, from_tx, from_pos): it ends the version stored before the batch.
    """
    following: dict[str, dict[str, Any]] = {}
    for row in reversed(rows):
        later = following.get(row["incident_id"])
        if later is not None:
            row["to_tx"], row["to_pos"] = later["from_tx"], later["from_pos"]
        following[row["incident_id"]] = row
    return [
        (incident_id, row["version"], row["from_tx"], row["from_pos"])
        for incident_id, row in following.items()
    ]


def claim_versions(
    state: IncidentState, stored: tuple[Claim, ...], at: dict[str, int], added: list[AddedClaim]
) -> list[dict[str, Any]]:
    """The claims ``state`` adds to those ``stored`` (into ``added``), and those it replaces.

    Claims are only ever added (reports, merges) or replaced where they stand (corrections,
    retractions), and a claim not replaced is usually the very same object.
    """
    assert len(state.claims) >= len(stored)  # noqa: S101 - see above
    for ordinal in range(len(stored), len(state.claims)):
        document = _encoder.encode(state.claims[ordinal]).decode()
        added.append((state.incident_id, ordinal, document, at["at_tx"], at["at_pos"]))
    replaced = []
    for ordinal, (claim, before) in enumerate(zip(state.claims, stored, strict=False)):
        if claim is before or claim == before:
            continue
        document = _encoder.encode(claim).decode()
        replaced.append(
            {"incident_id": state.incident_id, "ordinal": ordinal, "document": document, **at}
        )
    return replaced
