"""Watching and rebuilding projections: what an operator sees and asks, and what may fail.

The read side (``ledger.projections``) does the work behind ``ProjectionAdmin``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, runtime_checkable

import msgspec


class GenerationStatus(msgspec.Struct, frozen=True, kw_only=True):
    """One generation as the admin endpoint reports it."""

    generation: int
    version: int
    state: str
    position: str
    events_applied: int
    events_per_second: float
    lag_events: int
    lag_capped: bool
    lag_seconds: float
    """How long the first event still to apply has waited since it was recorded (0 when
    none is)."""
    poison_events: int
    """Events this generation could not apply and set aside (``/v1/admin/projections/poison``)."""
    last_error: str | None
    started_at: datetime
    updated_at: datetime


class ProjectionStatus(msgspec.Struct, frozen=True, kw_only=True):
    """A projection: its live generation and any being built."""

    name: str
    version: int
    state: str
    """``live``, ``rebuilding``, or ``empty`` before its first generation exists."""
    generations: list[GenerationStatus]


class UnknownProjectionError(LookupError):
    """No projection has that name."""


class SetAside(msgspec.Struct, frozen=True, kw_only=True):
    """A poison event as the admin API lists it."""

    projection: str
    generation: int
    position: int
    event_id: str
    event_type: str
    error: str
    recorded_at: datetime


class RebuildInProgressError(Exception):
    """Another rebuild of the same projection is running."""


# Checked at run time: Litestar checks each dependency it passes against its annotation.
@runtime_checkable
class ProjectionAdmin(Protocol):
    """The projections a service keeps: their status, what they set aside, their rebuilds."""

    @property
    def names(self) -> list[str]:
        """Every projection's name."""

    async def status(self) -> list[ProjectionStatus]:
        """Each projection's generations: position, lag, state and rate."""

    async def set_aside(self) -> list[SetAside]:
        """Every event a building or live generation could not apply, in log order."""

    def start_rebuild(self, names: Sequence[str]) -> object:
        """Rebuild ``names`` in one pass over the log in the background.

        Raises ``UnknownProjectionError`` for a name no projection has and
        ``RebuildInProgressError`` while any of them is being rebuilt.
        """
