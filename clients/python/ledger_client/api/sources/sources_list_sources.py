from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.source_list import SourceList
from ...models.sources_list_sources_format import SourcesListSourcesFormat
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    format_: SourcesListSourcesFormat | Unset = SourcesListSourcesFormat.JSON,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/sources",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SourceList | None:
    if response.status_code == 200:
        response_200 = SourceList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | SourceList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    format_: SourcesListSourcesFormat | Unset = SourcesListSourcesFormat.JSON,

) -> Response[Problem | SourceList]:
    """ List sources

     Every registered source with its current grade; as CSV, one row per source.

    Args:
        format_ (SourcesListSourcesFormat | Unset): `csv` for a spreadsheet: one row per item,
            nested fields as dotted columns. Default: SourcesListSourcesFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SourceList]
     """


    kwargs = _get_kwargs(
        format_=format_,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    format_: SourcesListSourcesFormat | Unset = SourcesListSourcesFormat.JSON,

) -> Problem | SourceList | None:
    """ List sources

     Every registered source with its current grade; as CSV, one row per source.

    Args:
        format_ (SourcesListSourcesFormat | Unset): `csv` for a spreadsheet: one row per item,
            nested fields as dotted columns. Default: SourcesListSourcesFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SourceList
     """


    return sync_detailed(
        client=client,
format_=format_,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    format_: SourcesListSourcesFormat | Unset = SourcesListSourcesFormat.JSON,

) -> Response[Problem | SourceList]:
    """ List sources

     Every registered source with its current grade; as CSV, one row per source.

    Args:
        format_ (SourcesListSourcesFormat | Unset): `csv` for a spreadsheet: one row per item,
            nested fields as dotted columns. Default: SourcesListSourcesFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SourceList]
     """


    kwargs = _get_kwargs(
        format_=format_,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    format_: SourcesListSourcesFormat | Unset = SourcesListSourcesFormat.JSON,

) -> Problem | SourceList | None:
    """ List sources

     Every registered source with its current grade; as CSV, one row per source.

    Args:
        format_ (SourcesListSourcesFormat | Unset): `csv` for a spreadsheet: one row per item,
            nested fields as dotted columns. Default: SourcesListSourcesFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SourceList
     """


    return (await asyncio_detailed(
        client=client,
format_=format_,

    )).parsed
