"""A command stopped by a signal exits normally, so that what it started stops too."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

_STOPPING_SIGNALS = (signal.SIGTERM, signal.SIGINT)


@contextmanager
def signals_end_the_process() -> Iterator[None]:
    """While inside, SIGTERM and SIGINT end the process with ``SystemExit(128 + signal)``.

    With the default handlers SIGTERM kills the process at once: the exit handlers never
    run, and the embedded PostgreSQL, which one of them stops, was left running. uvicorn
    (``ledger serve``) shuts down gracefully on either signal, puts back the handlers it
    found and raises the signal again: it then ends here. Raised here, the exit is a
    normal one: exit handlers run, and the status says which signal it was.
    """
    previous = {number: signal.signal(number, _exit) for number in _STOPPING_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _exit(number: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + number)
