"""Numbers as sources state them: exact, bounded or vague."""

from __future__ import annotations

import enum
from typing import Annotated, Final

import msgspec

MAX_COUNT: Final = 10_000_000_000
"""The largest count an estimate may state: more people than live on Earth.

Every projection and view sums counts in 64-bit integers: a million claims of this size
still fit, with room to spare.
"""

Count = Annotated[int, msgspec.Meta(ge=0, le=MAX_COUNT)]


class Qualifier(enum.StrEnum):
    """How a source qualified a number ("55", "more than 90", "dozens")."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    APPROXIMATELY = "approximately"
    VAGUE = "vague"


class Estimate(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, gc=False):
    """A count with its bounds: ``low <= best <= high``, every value at least 0.

    ``high`` is ``None`` when the source set no upper bound ("more than 90"); ``best`` is
    ``None`` when it gave no single figure ("dozens"). An exact count has all three equal.
    """

    low: Count
    best: Count | None = None
    high: Count | None = None
    qualifier: Qualifier = Qualifier.EXACT

    def __post_init__(self) -> None:
        """Enforce the estimate's rules; msgspec reports a failure as a validation error."""
        # Every replay validates every estimate it decodes: plain comparisons, no lists.
        low, best, high = self.low, self.best, self.high
        if low < 0 or (best is not None and best < 0) or (high is not None and high < 0):
            raise ValueError("counts cannot be negative")
        below_high = best if best is not None else low
        if (best is not None and best < low) or (high is not None and high < below_high):
            raise ValueError("an estimate needs low <= best <= high")
        if self.qualifier is Qualifier.EXACT and not (self.best == self.low == self.high):
            raise ValueError("an exact count needs low, best and high equal")
        if self.qualifier is Qualifier.AT_MOST and self.high is None:
            raise ValueError("an 'at most' count needs its upper bound in high")

    @classmethod
    def exactly(cls, count: int) -> Estimate:
        """An exact count, as in "33 soldiers were killed"."""
        return cls(low=count, best=count, high=count)
