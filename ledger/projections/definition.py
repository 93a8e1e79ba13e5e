"""What a projection is: a name, a version, the events it reads, its tables and its fold."""

from __future__ import annotations

import abc
import re
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Final

import msgspec
import psycopg

from ledger.domain.records import EventRecord
from ledger.store import GlobalCursor

_NAME: Final = re.compile(r"^[a-z][a-z0-9_]{0,30}$")


class TableSpec(msgspec.Struct, frozen=True, kw_only=True):
    """One table of a projection: its column definitions and its indexes.

    ``columns`` is the body of ``CREATE TABLE (…)``; each index is what follows
    ``CREATE INDEX ON table``, e.g. ``"(party, occurred_start)"``. ``compressed`` names
    columns of large values to compress with lz4 where the server was built with it: cheaper
    to write and read than the default pglz (docs/performance.md).
    """

    columns: str
    indexes: tuple[str, ...] = ()
    compressed: tuple[str, ...] = ()


def physical_table(projection: str, table: str, generation: int) -> str:
    """The table that holds one generation of a projection's rows."""
    return f"{projection}_{table}__g{generation}"


def view_name(projection: str, table: str) -> str:
    """The view readers query: it always points at the live generation."""
    return f"{projection}_{table}"


class CheckpointMove(msgspec.Struct, frozen=True, kw_only=True):
    """How the transaction applying a batch moves its generation's checkpoint."""

    after: GlobalCursor
    """Where the checkpoint stood: the batch follows it."""
    to: GlobalCursor
    """Where the checkpoint stands if the transaction commits."""


class Projection(abc.ABC):
    """A read model: declared once, folded from the log in batches, rebuilt at will.

    ``apply`` runs inside the transaction that also moves the projection's checkpoint, from
    where it stood and nowhere else, so every event counts exactly once in each generation,
    after any crash and with runners racing. A projection that ``supports_inline`` must also
    tolerate seeing an event again without counting it twice: its runner applies the events
    an append's own transaction applied already.

    A projection may remember what it wrote for the next batch, where ``move`` proves that
    nothing else was applied in between: that batch's ``move.after`` is this one's
    ``move.to`` only if this batch's transaction committed and no other runner applied one
    since.
    """

    name: str
    version: ClassVar[int]
    event_types: ClassVar[frozenset[str]]
    tables: ClassVar[Mapping[str, TableSpec]]
    supports_inline: ClassVar[bool] = False

    def __init__(self, name: str) -> None:
        if not _NAME.match(name):
            raise ValueError(f"projection name {name!r} is not a short lower-case identifier")
        self.name = name

    def table_names(self, generation: int) -> dict[str, str]:
        """Logical table name → physical table of ``generation``."""
        return {table: physical_table(self.name, table, generation) for table in self.tables}

    def view_names(self) -> dict[str, str]:
        """Logical table name → the view readers query."""
        return {table: view_name(self.name, table) for table in self.tables}

    def cost(self, record: EventRecord) -> int:  # noqa: ARG002 - a projection may weigh by event
        """What applying ``record`` costs, in units of the cheapest event it applies.

        Sizes its transactions (``ledger.projections.chunking``), so that each stays short
        whatever the events in it.
        """
        return 1

    @abc.abstractmethod
    async def apply(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        records: Sequence[EventRecord],
        move: CheckpointMove | None = None,
    ) -> None:
        """Fold ``records`` (in log order) into the tables named by ``tables``.

        ``move`` is the checkpoint's move in the same transaction; ``None`` when applied
        inline, in an append's transaction, which moves no checkpoint.
        """
