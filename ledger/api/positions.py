"""Log positions over HTTP: what a view reflects, waiting for a write, as-of moments."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Final, TypeVar

from litestar import Request, Response
from litestar.params import QueryParameter
from litestar.status_codes import HTTP_400_BAD_REQUEST, HTTP_503_SERVICE_UNAVAILABLE

from ledger.api.parsed_parameters import INSTANT, parsed_text, text_matching
from ledger.api.problem_documents import ProblemError
from ledger.application.log import GlobalCursor, InvalidCursorError
from ledger.application.queries import Queries, Read
from ledger.application.reading import AsOf
from ledger.application.views import Positioned

MAX_POSITION: Final = 2**63 - 1
"""The largest position a bigint holds: a larger number names no event."""

POSITION_HEADER: Final = "Ledger-Position"
MIN_POSITION_HEADER: Final = "ledger-min-position"

T = TypeVar("T")


class PositionNotReachedError(ProblemError):
    """The view did not reach the position the client asked for in time."""

    def __init__(self, wanted: str, waited: float) -> None:
        super().__init__(
            HTTP_503_SERVICE_UNAVAILABLE,
            "position-not-reached",
            "The position asked for is not visible yet",
            f"{wanted} was not reached within {waited:g} s; retry shortly",
        )


def _min_position(request: Request[Any, Any, Any]) -> tuple[GlobalCursor, str] | None:
    token = request.headers.get(MIN_POSITION_HEADER)
    if not token:
        return None
    try:
        return GlobalCursor.decode(token.strip()), token
    except InvalidCursorError:
        raise ProblemError(
            HTTP_400_BAD_REQUEST,
            "invalid-min-position",
            "Ledger-Min-Position is not a cursor of this ledger",
            "send a cursor this API returned, such as a receipt's `cursor`",
        ) from None


async def await_min_position(request: Request[Any, Any, Any], queries: Queries, read: Read) -> None:
    """Wait until ``read`` has reached the request's Ledger-Min-Position, if it has one.

    For the log itself: a committed event shows in it once every transaction that began
    writing before it has ended (docs/architecture.md); this is how a client reads past
    its write.
    """
    if (asked := _min_position(request)) is not None:
        await _await_reaching(queries, read, *asked)


async def _await_reaching(queries: Queries, read: Read, wanted: GlobalCursor, asked: str) -> None:
    if not await queries.wait_for(read, wanted):
        raise PositionNotReachedError(asked, queries.patience)


async def view_as_of(queries: Queries, read: Read, as_of: str | None) -> GlobalCursor | None:
    """The cursor a view is asked ``as_of`` (None: now), once ``read`` has reached it."""
    if as_of is None:
        return None
    wanted = await queries.cursor_at(parse_as_of(as_of))
    await _await_reaching(queries, read, wanted, as_of)
    return wanted


def positioned(view: Positioned[T]) -> Response[T]:
    """The view's content with the position it reflects in ``Ledger-Position``."""
    return Response(view.content, headers={POSITION_HEADER: view.position.encode()})


_POSITION: Final = text_matching(r"^[0-9]{1,18}$")
"""A global position: up to 18 digits always fit a bigint, a larger number may not."""


def as_of_parameter(description: str) -> QueryParameter:
    """An ``as_of`` query parameter: a position or an instant, as ``parse_as_of`` reads it."""
    return parsed_text(description, _POSITION, INSTANT)


def reported_by_parameter(description: str) -> QueryParameter:
    """A ``reported_by`` query parameter: an instant, as ``parse_reported_by`` reads it."""
    return parsed_text(description, INSTANT)


AsOfParameter = Annotated[
    str | None,
    as_of_parameter(
        "The view as the ledger showed it then: a global position such as 25, or"
        " an RFC 3339 instant with its offset (the log up to the last event recorded by then)."
    ),
]
"""A view's ``as_of`` query parameter."""

ReportedByParameter = Annotated[
    str | None,
    reported_by_parameter(
        "As the sources had told it by then: an RFC 3339 instant, compared with"
        " each statement's own `reported_at` (corrections and retractions included); with"
        " `as_of`, of what the ledger had recorded by that moment."
    ),
]
"""A view's ``reported_by`` query parameter."""


def _instant(text: str) -> datetime | None:
    """``text`` as an RFC 3339 instant with its offset, or ``None`` if it is not one."""
    try:
        instant = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return instant if instant.tzinfo is not None else None


def parse_as_of(value: str) -> AsOf:
    """``as_of`` as a global position (digits) or an RFC 3339 instant with its offset."""
    text = value.strip()
    if text.isascii() and text.isdigit() and int(text) <= MAX_POSITION:
        return int(text)
    instant = _instant(text)
    if instant is None:
        raise ProblemError(
            HTTP_400_BAD_REQUEST,
            "invalid-as-of",
            "as_of is neither a position nor an instant",
            f"{value!r}: give a global position such as 25, or an RFC 3339 instant with"
            " its offset such as 2020-03-01T12:00:00Z",
        )
    return instant


def parse_reported_by(value: str) -> datetime:
    """``reported_by`` as an RFC 3339 instant with its offset."""
    instant = _instant(value)
    if instant is None:
        raise ProblemError(
            HTTP_400_BAD_REQUEST,
            "invalid-reported-by",
            "reported_by is not an instant",
            f"{value!r}: give an RFC 3339 instant with its offset such as 2020-03-04T00:00:00Z",
        )
    return instant
