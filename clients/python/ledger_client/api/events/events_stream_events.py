from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.events_stream_events_response_200 import EventsStreamEventsResponse200
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    after: str | Unset = UNSET,
    type_: list[str] | None | Unset = UNSET,
    incident: None | str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(last_event_id, Unset):
        headers["Last-Event-ID"] = last_event_id



    

    params: dict[str, Any] = {}

    params["after"] = after

    json_type_: list[str] | None | Unset
    if isinstance(type_, Unset):
        json_type_ = UNSET
    elif isinstance(type_, list):
        json_type_ = type_


    else:
        json_type_ = type_
    params["type"] = json_type_

    json_incident: None | str | Unset
    if isinstance(incident, Unset):
        json_incident = UNSET
    else:
        json_incident = incident
    params["incident"] = json_incident


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events/stream",
        "params": params,
    }


    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> EventsStreamEventsResponse200 | Problem | None:
    if response.status_code == 200:
        response_200 = EventsStreamEventsResponse200.from_dict(response.text)



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())



        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[EventsStreamEventsResponse200 | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    type_: list[str] | None | Unset = UNSET,
    incident: None | str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,

) -> Response[EventsStreamEventsResponse200 | Problem]:
    """ Stream the global log (SSE)

     Every event after a cursor, then each new one as it commits, in the gap-free order.

    Each message's `id` is the event's cursor: a reconnecting client sends it back as
    `Last-Event-ID` and resumes with nothing lost or repeated. A comment line is sent as a
    heartbeat after each LEDGER_STREAM_HEARTBEAT_SECONDS (default 15) of quiet; the key is
    checked again as often, and the stream ends once it is revoked.

    Args:
        after (str | Unset): Start after this cursor; default: the start.
        type_ (list[str] | None | Unset): Keep only these types.
        incident (None | str | Unset): Keep only this incident's events.
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventsStreamEventsResponse200 | Problem]
     """


    kwargs = _get_kwargs(
        after=after,
type_=type_,
incident=incident,
last_event_id=last_event_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    type_: list[str] | None | Unset = UNSET,
    incident: None | str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,

) -> EventsStreamEventsResponse200 | Problem | None:
    """ Stream the global log (SSE)

     Every event after a cursor, then each new one as it commits, in the gap-free order.

    Each message's `id` is the event's cursor: a reconnecting client sends it back as
    `Last-Event-ID` and resumes with nothing lost or repeated. A comment line is sent as a
    heartbeat after each LEDGER_STREAM_HEARTBEAT_SECONDS (default 15) of quiet; the key is
    checked again as often, and the stream ends once it is revoked.

    Args:
        after (str | Unset): Start after this cursor; default: the start.
        type_ (list[str] | None | Unset): Keep only these types.
        incident (None | str | Unset): Keep only this incident's events.
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventsStreamEventsResponse200 | Problem
     """


    return sync_detailed(
        client=client,
after=after,
type_=type_,
incident=incident,
last_event_id=last_event_id,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    type_: list[str] | None | Unset = UNSET,
    incident: None | str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,

) -> Response[EventsStreamEventsResponse200 | Problem]:
    """ Stream the global log (SSE)

     Every event after a cursor, then each new one as it commits, in the gap-free order.

    Each message's `id` is the event's cursor: a reconnecting client sends it back as
    `Last-Event-ID` and resumes with nothing lost or repeated. A comment line is sent as a
    heartbeat after each LEDGER_STREAM_HEARTBEAT_SECONDS (default 15) of quiet; the key is
    checked again as often, and the stream ends once it is revoked.

    Args:
        after (str | Unset): Start after this cursor; default: the start.
        type_ (list[str] | None | Unset): Keep only these types.
        incident (None | str | Unset): Keep only this incident's events.
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventsStreamEventsResponse200 | Problem]
     """


    kwargs = _get_kwargs(
        after=after,
type_=type_,
incident=incident,
last_event_id=last_event_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    type_: list[str] | None | Unset = UNSET,
    incident: None | str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,

) -> EventsStreamEventsResponse200 | Problem | None:
    """ Stream the global log (SSE)

     Every event after a cursor, then each new one as it commits, in the gap-free order.

    Each message's `id` is the event's cursor: a reconnecting client sends it back as
    `Last-Event-ID` and resumes with nothing lost or repeated. A comment line is sent as a
    heartbeat after each LEDGER_STREAM_HEARTBEAT_SECONDS (default 15) of quiet; the key is
    checked again as often, and the stream ends once it is revoked.

    Args:
        after (str | Unset): Start after this cursor; default: the start.
        type_ (list[str] | None | Unset): Keep only these types.
        incident (None | str | Unset): Keep only this incident's events.
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventsStreamEventsResponse200 | Problem
     """


    return (await asyncio_detailed(
        client=client,
after=after,
type_=type_,
incident=incident,
last_event_id=last_event_id,

    )).parsed
