"""Errors of the use-case layer."""

from __future__ import annotations


class PreconditionFailedError(Exception):
    """The caller's expected version (an ``If-Match``) is not the stream's current one."""

    def __init__(self, expected: int, actual: int) -> None:
        super().__init__(f"expected version {expected}, the current version is {actual}")
        self.expected = expected
        self.actual = actual


class ContentionError(Exception):
    """Concurrent writers kept changing the stream; the append gave up after retrying."""
