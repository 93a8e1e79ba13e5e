from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.incident_history import IncidentHistory
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    incident_id: str,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/incidents/{incident_id}/history".format(incident_id=quote(str(incident_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> IncidentHistory | Problem | None:
    if response.status_code == 200:
        response_200 = IncidentHistory.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[IncidentHistory | Problem]:
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

) -> Response[IncidentHistory | Problem]:
    """ An incident's revision history

     Every revision in order, each with a field-level diff of the incident's state.

    Each names the event, when and by whom it was recorded, its source and that
    source's grade then.

    Claims are keyed by their event id in the diff paths (`claims/<event_id>/status`).

    Args:
        incident_id (str): The incident's id, e.g. `idlib-l39-shootdown`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IncidentHistory | Problem]
     """


    kwargs = _get_kwargs(
        incident_id=incident_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    incident_id: str,
    *,
    client: AuthenticatedClient,

) -> IncidentHistory | Problem | None:
    """ An incident's revision history

     Every revision in order, each with a field-level diff of the incident's state.

    Each names the event, when and by whom it was recorded, its source and that
    source's grade then.

    Claims are keyed by their event id in the diff paths (`claims/<event_id>/status`).

    Args:
        incident_id (str): The incident's id, e.g. `idlib-l39-shootdown`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IncidentHistory | Problem
     """


    return sync_detailed(
        incident_id=incident_id,
client=client,

    ).parsed

async def asyncio_detailed(
    incident_id: str,
    *,
    client: AuthenticatedClient,

) -> Response[IncidentHistory | Problem]:
    """ An incident's revision history

     Every revision in order, each with a field-level diff of the incident's state.

    Each names the event, when and by whom it was recorded, its source and that
    source's grade then.

    Claims are keyed by their event id in the diff paths (`claims/<event_id>/status`).

    Args:
        incident_id (str): The incident's id, e.g. `idlib-l39-shootdown`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IncidentHistory | Problem]
     """


    kwargs = _get_kwargs(
        incident_id=incident_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    incident_id: str,
    *,
    client: AuthenticatedClient,

) -> IncidentHistory | Problem | None:
    """ An incident's revision history

     Every revision in order, each with a field-level diff of the incident's state.

    Each names the event, when and by whom it was recorded, its source and that
    source's grade then.

    Claims are keyed by their event id in the diff paths (`claims/<event_id>/status`).

    Args:
        incident_id (str): The incident's id, e.g. `idlib-l39-shootdown`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IncidentHistory | Problem
     """


    return (await asyncio_detailed(
        incident_id=incident_id,
client=client,

    )).parsed
