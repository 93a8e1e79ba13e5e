"""The value objects events are made of, and the constrained types they use."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec

from ledger.domain.vocabulary import PlacePrecision, TimePrecision

Slug = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9_.-]{0,63}$", max_length=64)]
"""A party, source or incident identifier: lower-case letters, digits, '_', '.', '-'."""

ShortText = Annotated[str, msgspec.Meta(min_length=1, max_length=500)]
LongText = Annotated[str, msgspec.Meta(min_length=1, max_length=10_000)]
Credibility = Annotated[int, msgspec.Meta(ge=1, le=6)]
"""Credibility of the information, 1 (confirmed) to 6 (cannot be judged): the Admiralty scale."""

EventId = Annotated[
    str, msgspec.Meta(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
]
"""The id of a recorded event, a lower-case UUID."""

Instant = Annotated[datetime, msgspec.Meta(tz=True)]
"""A moment with its time zone: naive times are refused, never guessed."""


class _Value(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, gc=False):
    """Base of the value objects events are made of."""


class Attribution(_Value, frozen=True, kw_only=True):
    """Who said it, when they said it, and how credible it is."""

    source_id: Slug
    reported_at: Instant
    credibility: Credibility
    quote: Annotated[str, msgspec.Meta(max_length=2000)] | None = None
    url: Annotated[str, msgspec.Meta(pattern=r"^https?://\S+$", max_length=2000)] | None = None


class OccurredTime(_Value, frozen=True, kw_only=True):
    """When an incident happened, as a range, kept apart from when the ledger learnt of it."""

    start: Instant
    end: Instant
    precision: TimePrecision
    as_stated: ShortText | None = None  # the source's own words: "Monday night"

    def __post_init__(self) -> None:
        """An incident cannot end before it starts."""
        if self.end < self.start:
            raise ValueError("occurred end must not be before its start")


class Location(_Value, frozen=True, kw_only=True):
    """Where an incident happened, as precisely as the source said."""

    country: Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{2}$")]  # ISO 3166-1 alpha-2
    precision: PlacePrecision
    admin1: ShortText | None = None
    admin2: ShortText | None = None
    place: ShortText | None = None
    relation: ShortText | None = None  # "northwest of" the place
    latitude: Annotated[float, msgspec.Meta(ge=-90, le=90)] | None = None
    longitude: Annotated[float, msgspec.Meta(ge=-180, le=180)] | None = None

    def __post_init__(self) -> None:
        """Coordinates come in pairs."""
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("latitude and longitude go together")
