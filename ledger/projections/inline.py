"""A projection updated in an append's transaction: the application's ``InlineUpdate``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ledger.projections.catalog import live_tables

if TYPE_CHECKING:
    import psycopg

    from ledger.domain.records import EventRecord
    from ledger.projections.definition import Projection


class InlineProjection:
    """Applies the events ``projection`` handles to its live generation, if there is one.

    Before a first generation is live there is nothing to update: the rebuild that makes
    it live reads these events from the log.
    """

    def __init__(self, projection: Projection) -> None:
        if not projection.supports_inline:
            raise ValueError(f"projection {projection.name!r} cannot be updated inline")
        self._projection = projection

    async def apply_inline(
        self, connection: psycopg.AsyncConnection[Any], records: Sequence[EventRecord]
    ) -> None:
        """Fold the appended ``records`` on ``connection``, inside the append's transaction."""
        handled = [r for r in records if r.event_type in self._projection.event_types]
        if not handled:
            return
        tables = await live_tables(connection, self._projection)
        if tables is not None:
            await self._projection.apply(connection, tables, handled)
