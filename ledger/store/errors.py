"""Every error the event store raises; one line each says when."""

from __future__ import annotations


class EventStoreError(Exception):
    """Base of every error the event store raises."""


class InvalidAppendError(EventStoreError):
    """An append was refused before anything was written; ``field`` names the bad part."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


class InvalidStreamIdError(InvalidAppendError):
    """A stream id is empty, too long or holds control characters."""


class UnknownEventTypeError(InvalidAppendError):
    """An event's type is not in the registry the store was given."""


class EventNotEncodableError(InvalidAppendError):
    """An event's data or metadata cannot be encoded as a JSON object."""


class EventTooLargeError(InvalidAppendError):
    """An event's encoded data and metadata exceed the configured limit."""

    def __init__(self, message: str, *, field: str, size: int, limit: int) -> None:
        super().__init__(message, field=field)
        self.size = size
        self.limit = limit


class InvalidExpectedVersionError(InvalidAppendError):
    """An expected version is negative, absurdly large or not a version at all."""


class InvalidIdempotencyKeyError(InvalidAppendError):
    """An idempotency key is empty, too long or holds control characters."""


class EmptyAppendError(InvalidAppendError):
    """An append carried no events."""


class WrongExpectedVersionError(EventStoreError):
    """The stream is not at the version the caller expected; nothing was written."""

    def __init__(self, stream_id: str, expected: object, actual: int) -> None:
        super().__init__(f"stream {stream_id!r} is at version {actual}, expected {expected}")
        self.stream_id = stream_id
        self.expected = expected
        self.actual = actual


class IdempotencyKeyReusedError(EventStoreError):
    """An idempotency key already stands for a different request."""

    def __init__(self, idempotency_key: str) -> None:
        super().__init__(f"idempotency key {idempotency_key!r} was used for a different request")
        self.idempotency_key = idempotency_key


class InvalidCursorError(EventStoreError):
    """A global-log cursor is not one the store issued."""


class InvalidReadError(EventStoreError):
    """A read asked for something meaningless: a negative limit, a bad version."""


class DatabaseUnavailableError(EventStoreError):
    """The PostgreSQL server cannot be reached or refused the connection."""
