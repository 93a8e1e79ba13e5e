from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    from_position: int | None | Unset = UNSET,
    to_position: int | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_from_position: int | None | Unset
    if isinstance(from_position, Unset):
        json_from_position = UNSET
    else:
        json_from_position = from_position
    params["from_position"] = json_from_position

    json_to_position: int | None | Unset
    if isinstance(to_position, Unset):
        json_to_position = UNSET
    else:
        json_to_position = to_position
    params["to_position"] = json_to_position


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events/export",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | None:
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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_position: int | None | Unset = UNSET,
    to_position: int | None | Unset = UNSET,

) -> Response[Problem]:
    """ Export the log (NDJSON)

     Every committed event (or those in a position range), one JSON object per line.

    In the gap-free order, with every stored field and the original `transaction_id`, so
    `ledger import` reproduces the same log, hash chain and projections. Streamed page by
    page: memory stays constant whatever the size of the log.

    Args:
        from_position (int | None | Unset):
        to_position (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem]
     """


    kwargs = _get_kwargs(
        from_position=from_position,
to_position=to_position,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    from_position: int | None | Unset = UNSET,
    to_position: int | None | Unset = UNSET,

) -> Problem | None:
    """ Export the log (NDJSON)

     Every committed event (or those in a position range), one JSON object per line.

    In the gap-free order, with every stored field and the original `transaction_id`, so
    `ledger import` reproduces the same log, hash chain and projections. Streamed page by
    page: memory stays constant whatever the size of the log.

    Args:
        from_position (int | None | Unset):
        to_position (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem
     """


    return sync_detailed(
        client=client,
from_position=from_position,
to_position=to_position,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_position: int | None | Unset = UNSET,
    to_position: int | None | Unset = UNSET,

) -> Response[Problem]:
    """ Export the log (NDJSON)

     Every committed event (or those in a position range), one JSON object per line.

    In the gap-free order, with every stored field and the original `transaction_id`, so
    `ledger import` reproduces the same log, hash chain and projections. Streamed page by
    page: memory stays constant whatever the size of the log.

    Args:
        from_position (int | None | Unset):
        to_position (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem]
     """


    kwargs = _get_kwargs(
        from_position=from_position,
to_position=to_position,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    from_position: int | None | Unset = UNSET,
    to_position: int | None | Unset = UNSET,

) -> Problem | None:
    """ Export the log (NDJSON)

     Every committed event (or those in a position range), one JSON object per line.

    In the gap-free order, with every stored field and the original `transaction_id`, so
    `ledger import` reproduces the same log, hash chain and projections. Streamed page by
    page: memory stays constant whatever the size of the log.

    Args:
        from_position (int | None | Unset):
        to_position (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem
     """


    return (await asyncio_detailed(
        client=client,
from_position=from_position,
to_position=to_position,

    )).parsed
