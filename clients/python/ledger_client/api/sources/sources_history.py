from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.source_history import SourceHistory
from typing import cast



def _get_kwargs(
    source_id: str,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/sources/{source_id}/history".format(source_id=quote(str(source_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SourceHistory | None:
    if response.status_code == 200:
        response_200 = SourceHistory.from_dict(response.json())



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

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())



        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())



        return response_409

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | SourceHistory]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    source_id: str,
    *,
    client: AuthenticatedClient,

) -> Response[Problem | SourceHistory]:
    """ A source's history

     The source's registration and every regrading, when and by whom, with the diff.

    Args:
        source_id (str): The source's id, e.g. `tr-mod`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SourceHistory]
     """


    kwargs = _get_kwargs(
        source_id=source_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    source_id: str,
    *,
    client: AuthenticatedClient,

) -> Problem | SourceHistory | None:
    """ A source's history

     The source's registration and every regrading, when and by whom, with the diff.

    Args:
        source_id (str): The source's id, e.g. `tr-mod`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SourceHistory
     """


    return sync_detailed(
        source_id=source_id,
client=client,

    ).parsed

async def asyncio_detailed(
    source_id: str,
    *,
    client: AuthenticatedClient,

) -> Response[Problem | SourceHistory]:
    """ A source's history

     The source's registration and every regrading, when and by whom, with the diff.

    Args:
        source_id (str): The source's id, e.g. `tr-mod`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SourceHistory]
     """


    kwargs = _get_kwargs(
        source_id=source_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    source_id: str,
    *,
    client: AuthenticatedClient,

) -> Problem | SourceHistory | None:
    """ A source's history

     The source's registration and every regrading, when and by whom, with the diff.

    Args:
        source_id (str): The source's id, e.g. `tr-mod`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SourceHistory
     """


    return (await asyncio_detailed(
        source_id=source_id,
client=client,

    )).parsed
