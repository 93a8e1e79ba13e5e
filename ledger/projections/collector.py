"""The cyclic garbage collector during a pass over the whole log."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

_YOUNGEST_THRESHOLD: Final = 50_000
_passes = 0
_thresholds = gc.get_threshold()


@contextmanager
def collector_for_a_pass() -> Iterator[None]:
    """Spare the collector the work that a pass over the whole log makes useless.

    A pass allocates millions of short-lived objects that reference counting frees, and
    with the default thresholds the collector took a tenth of a rebuild's Python time,
    most of it traversing the objects the process held before the pass
    (docs/performance.md). During the pass those are frozen (never traversed) and the
    youngest generation is collected after 50,000 allocations instead of 700: more than a
    batch of 8,000 events keeps alive at once. Both settings are the process's: overlapping
    passes share them, and the last one to end restores them.
    """
    global _passes, _thresholds  # noqa: PLW0603 - one setting per process
    if _passes == 0:
        gc.collect()  # what is garbage now would otherwise stay frozen until the pass ends
        gc.freeze()
        _thresholds = gc.get_threshold()
        gc.set_threshold(_YOUNGEST_THRESHOLD, *_thresholds[1:])
    _passes += 1
    try:
        yield
    finally:
        _passes -= 1
        if _passes == 0:
            gc.set_threshold(*_thresholds)
            gc.unfreeze()
