from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.event_page import EventPage
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    after: str | Unset = UNSET,
    type_: list[str] | None | Unset = UNSET,
    limit: int | Unset = 100,
    ledger_min_position: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(ledger_min_position, Unset):
        headers["Ledger-Min-Position"] = ledger_min_position



    

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

    params["limit"] = limit


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events",
        "params": params,
    }


    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> EventPage | Problem | None:
    if response.status_code == 200:
        response_200 = EventPage.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[EventPage | Problem]:
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
    limit: int | Unset = 100,
    ledger_min_position: str | Unset = UNSET,

) -> Response[EventPage | Problem]:
    """ Read the global log

     Every event in the ledger after a cursor; no event is ever skipped or repeated.

    `Ledger-Min-Position` (e.g. a write's receipt `cursor`) waits until the log shows it.

    Args:
        after (str | Unset): `next_cursor` of the previous page; omit to start.
        type_ (list[str] | None | Unset): Keep only these event types.
        limit (int | Unset):  Default: 100.
        ledger_min_position (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventPage | Problem]
     """


    kwargs = _get_kwargs(
        after=after,
type_=type_,
limit=limit,
ledger_min_position=ledger_min_position,

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
    limit: int | Unset = 100,
    ledger_min_position: str | Unset = UNSET,

) -> EventPage | Problem | None:
    """ Read the global log

     Every event in the ledger after a cursor; no event is ever skipped or repeated.

    `Ledger-Min-Position` (e.g. a write's receipt `cursor`) waits until the log shows it.

    Args:
        after (str | Unset): `next_cursor` of the previous page; omit to start.
        type_ (list[str] | None | Unset): Keep only these event types.
        limit (int | Unset):  Default: 100.
        ledger_min_position (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventPage | Problem
     """


    return sync_detailed(
        client=client,
after=after,
type_=type_,
limit=limit,
ledger_min_position=ledger_min_position,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    type_: list[str] | None | Unset = UNSET,
    limit: int | Unset = 100,
    ledger_min_position: str | Unset = UNSET,

) -> Response[EventPage | Problem]:
    """ Read the global log

     Every event in the ledger after a cursor; no event is ever skipped or repeated.

    `Ledger-Min-Position` (e.g. a write's receipt `cursor`) waits until the log shows it.

    Args:
        after (str | Unset): `next_cursor` of the previous page; omit to start.
        type_ (list[str] | None | Unset): Keep only these event types.
        limit (int | Unset):  Default: 100.
        ledger_min_position (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventPage | Problem]
     """


    kwargs = _get_kwargs(
        after=after,
type_=type_,
limit=limit,
ledger_min_position=ledger_min_position,

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
    limit: int | Unset = 100,
    ledger_min_position: str | Unset = UNSET,

) -> EventPage | Problem | None:
    """ Read the global log

     Every event in the ledger after a cursor; no event is ever skipped or repeated.

    `Ledger-Min-Position` (e.g. a write's receipt `cursor`) waits until the log shows it.

    Args:
        after (str | Unset): `next_cursor` of the previous page; omit to start.
        type_ (list[str] | None | Unset): Keep only these event types.
        limit (int | Unset):  Default: 100.
        ledger_min_position (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventPage | Problem
     """


    return (await asyncio_detailed(
        client=client,
after=after,
type_=type_,
limit=limit,
ledger_min_position=ledger_min_position,

    )).parsed
