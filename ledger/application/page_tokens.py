"""The incident list's page token: where the next page starts, in a form a pattern describes.

Part of the list's contract (``IncidentPage.next``): the read side writes and reads tokens,
the API states their pattern.

The list is ordered by (occurred_start, incident_id), latest first; a token names the last
incident of a page as its start in microseconds since the Unix epoch and its id, joined
by ``~``. Clients pass it back unchanged; any text of ``PAGE_TOKEN_PATTERN`` is a place in
that order, so the OpenAPI document can say exactly which tokens are accepted.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Final

from ledger.store.errors import InvalidReadError

PAGE_TOKEN_PATTERN: Final = r"^-?[0-9]{1,19}~[a-z0-9][a-z0-9_.-]{0,63}$"  # noqa: S105 - no secret
_PAGE_TOKEN: Final = re.compile(PAGE_TOKEN_PATTERN)
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND: Final = timedelta(microseconds=1)
# A place before the first or after the last instant Python holds orders as that instant.
_EARLIEST: Final = (datetime.min.replace(tzinfo=UTC) - _EPOCH) // _MICROSECOND
_LATEST: Final = (datetime.max.replace(tzinfo=UTC) - _EPOCH) // _MICROSECOND


def encode_page_token(occurred_start: datetime, incident_id: str) -> str:
    """The token of the place just after the incident ``incident_id``."""
    return f"{(occurred_start - _EPOCH) // _MICROSECOND}~{incident_id}"


def decode_page_token(token: str) -> tuple[datetime, str]:
    """The (occurred_start, incident_id) a token names; ``InvalidReadError`` if none."""
    if not _PAGE_TOKEN.fullmatch(token):
        raise InvalidReadError(f"{token!r} is not a page token of this list")
    micros, _, incident_id = token.partition("~")
    clamped = min(max(int(micros), _EARLIEST), _LATEST)
    return _EPOCH + clamped * _MICROSECOND, incident_id
