"""The value objects events are made of, and the constrained types they use."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Final

import msgspec

from ledger.domain.vocabulary import PlacePrecision, TimePrecision

Slug = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9_.-]{0,63}$", max_length=64)]
"""A party, source or incident identifier: lower-case letters, digits, '_', '.', '-'."""

_NO_NUL: Final = r"^[^\x00]*$"
# PostgreSQL's text and jsonb cannot hold the NUL character: a text that has one could
# never be stored, so it is refused where it is first seen.
ShortText = Annotated[str, msgspec.Meta(min_length=1, max_length=500, pattern=_NO_NUL)]
LongText = Annotated[str, msgspec.Meta(min_length=1, max_length=10_000, pattern=_NO_NUL)]
Quote = Annotated[str, msgspec.Meta(max_length=2000, pattern=_NO_NUL)]
Url = Annotated[str, msgspec.Meta(pattern=r"^https?://[^\s\x00]+$", max_length=2000)]
TimeZoneName = Annotated[
    str, msgspec.Meta(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_+\-/]+$")
]
"""An IANA time zone name: "Asia/Damascus"."""
Credibility = Annotated[int, msgspec.Meta(ge=1, le=6)]
"""Credibility of the information, 1 (confirmed) to 6 (cannot be judged): the Admiralty scale."""

EventId = Annotated[
    str, msgspec.Meta(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
]
"""The id of a recorded event, a lower-case UUID."""

Instant = Annotated[datetime, msgspec.Meta(tz=True)]
"""A moment with its time zone: naive times are refused, never guessed.

Every instant an event carries lies between ``EARLIEST_INSTANT`` and ``LATEST_INSTANT``
(``check_instants``): far enough from the ends of the calendar that any view can shift it
into any zone, a day or a week either way, and still hold it.
"""

EARLIEST_INSTANT: Final = datetime(1800, 1, 1, tzinfo=UTC)
LATEST_INSTANT: Final = datetime(2200, 1, 1, tzinfo=UTC)


def check_instants(**instants: datetime) -> None:
    """Refuse any of ``instants`` outside the ledger's calendar, naming it."""
    for name, instant in instants.items():
        if not EARLIEST_INSTANT <= instant < LATEST_INSTANT:
            raise ValueError(
                f"{name} must be from {EARLIEST_INSTANT:%Y-%m-%d} up to"
                f" {LATEST_INSTANT:%Y-%m-%d} (UTC)"
            )


class _Value(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, gc=False):
    """Base of the value objects events are made of."""


class Attribution(_Value, frozen=True, kw_only=True):
    """Who said it, when they said it, and how credible it is."""

    source_id: Slug
    reported_at: Instant
    credibility: Credibility
    quote: Quote | None = None
    url: Url | None = None
    reported_precision: TimePrecision = TimePrecision.EXACT
    """How precisely ``reported_at`` is known: ``day`` when the source gives only its date,
    and ``reported_at`` is then the start of that day in the offset given."""
    relays: Slug | None = None
    """The source whose statement this repeats (its originator): "the ministry said"."""
    relays_claim: EventId | None = None
    """That statement, where the ledger holds it: a claim of the same incident."""

    def __post_init__(self) -> None:
        """A report is dated within the ledger's calendar; a relay names someone else."""
        check_instants(reported_at=self.reported_at)
        if self.relays is None and self.relays_claim is not None:
            raise ValueError("attribution.relays_claim needs attribution.relays, its source")
        if self.relays == self.source_id:
            raise ValueError("attribution.relays names the source itself")

    @property
    def origin(self) -> str:
        """The source the statement comes from: the originator of a relay, else the source."""
        return self.relays or self.source_id


class OccurredTime(_Value, frozen=True, kw_only=True):
    """When an incident happened, as a range, kept apart from when the ledger learnt of it."""

    start: Instant
    end: Instant
    precision: TimePrecision
    as_stated: ShortText | None = None  # the source's own words: "Monday night"

    def __post_init__(self) -> None:
        """An incident lies within the ledger's calendar and cannot end before it starts."""
        check_instants(start=self.start, end=self.end)
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
