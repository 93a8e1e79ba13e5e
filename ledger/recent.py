"""A bounded memory of values worked out recently, so they need not be worked out again."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Recent(Generic[K, V]):
    """The ``capacity`` values used most recently, by key; the least recent go first.

    It never checks a value: a user reuses one only where its key identifies it for good
    (a claim version) or after checking it (a state's cursor against its row, a state
    object by identity).
    """

    def __init__(self, capacity: int) -> None:
        self._capacity = capacity
        self._values: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        """The value kept for ``key``, if any; it becomes the most recent."""
        value = self._values.get(key)
        if value is not None:
            self._values.move_to_end(key)
        return value

    def keep(self, key: K, value: V) -> None:
        """Keep ``value`` for ``key`` as the most recent, dropping the least recent if full."""
        self._values[key] = value
        self._values.move_to_end(key)
        while len(self._values) > self._capacity:
            self._values.popitem(last=False)

    def forget(self, key: K) -> None:
        """Drop the value kept for ``key``, if any."""
        self._values.pop(key, None)

    def clear(self) -> None:
        """Drop every value."""
        self._values.clear()
