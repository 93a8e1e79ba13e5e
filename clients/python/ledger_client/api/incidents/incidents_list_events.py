from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.stream_events_page import StreamEventsPage
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    incident_id: str,
    *,
    from_version: int | Unset = 1,
    limit: int | Unset = 100,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["from_version"] = from_version

    params["limit"] = limit


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/incidents/{incident_id}/events".format(incident_id=quote(str(incident_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | StreamEventsPage | None:
    if response.status_code == 200:
        response_200 = StreamEventsPage.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | StreamEventsPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    incident_id: str,
    *,
    client: AuthenticatedClient,
    from_version: int | Unset = 1,
    limit: int | Unset = 100,

) -> Response[Problem | StreamEventsPage]:
    """ List an incident's events

     The incident's own events in order, from ``from_version``.

    Args:
        incident_id (str): The incident's id, e.g. `idlib-l39-shootdown`.
        from_version (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StreamEventsPage]
     """


    kwargs = _get_kwargs(
        incident_id=incident_id,
from_version=from_version,
limit=limit,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    incident_id: str,
    *,
    client: AuthenticatedClient,
    from_version: int | Unset = 1,
    limit: int | Unset = 100,

) -> Problem | StreamEventsPage | None:
    """ List an incident's events

     The incident's own events in order, from ``from_version``.

    Args:
        incident_id (str): The incident's id, e.g. `idlib-l39-shootdown`.
        from_version (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StreamEventsPage
     """


    return sync_detailed(
        incident_id=incident_id,
client=client,
from_version=from_version,
limit=limit,

    ).parsed

async def asyncio_detailed(
    incident_id: str,
    *,
    client: AuthenticatedClient,
    from_version: int | Unset = 1,
    limit: int | Unset = 100,

) -> Response[Problem | StreamEventsPage]:
    """ List an incident's events

     The incident's own events in order, from ``from_version``.

    Args:
        incident_id (str): The incident's id, e.g. `idlib-l39-shootdown`.
        from_version (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StreamEventsPage]
     """


    kwargs = _get_kwargs(
        incident_id=incident_id,
from_version=from_version,
limit=limit,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    incident_id: str,
    *,
    client: AuthenticatedClient,
    from_version: int | Unset = 1,
    limit: int | Unset = 100,

) -> Problem | StreamEventsPage | None:
    """ List an incident's events

     The incident's own events in order, from ``from_version``.

    Args:
        incident_id (str): The incident's id, e.g. `idlib-l39-shootdown`.
        from_version (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StreamEventsPage
     """


    return (await asyncio_detailed(
        incident_id=incident_id,
client=client,
from_version=from_version,
limit=limit,

    )).parsed
