"""The event loop the commands run on: uvloop's where it is installed, as ``ledger serve``'s.

A projection worker waits on PostgreSQL for each of a live batch's statements, and uvloop
does that waiting for less CPU than asyncio's own loop (docs/performance.md).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Coroutine

_T = TypeVar("_T")


def run(main: Coroutine[Any, Any, _T]) -> _T:
    """Run ``main`` to completion on a new event loop and close it."""
    try:
        import uvloop  # noqa: PLC0415 - not installed on Windows
    except ImportError:
        return asyncio.run(main)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(main)
