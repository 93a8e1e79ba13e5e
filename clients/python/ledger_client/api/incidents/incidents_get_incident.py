from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.incident_state import IncidentState
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    incident_id: str,
    *,
    as_of: datetime.datetime | str | Unset = UNSET,
    reported_by: datetime.datetime | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_as_of: str | Unset
    if isinstance(as_of, Unset):
        json_as_of = UNSET
    elif isinstance(as_of, datetime.datetime):
        json_as_of = as_of.isoformat()
    else:
        json_as_of = as_of
    params["as_of"] = json_as_of

    json_reported_by: str | Unset = UNSET
    if not isinstance(reported_by, Unset):
        json_reported_by = reported_by.isoformat()
    params["reported_by"] = json_reported_by


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/incidents/{incident_id}".format(incident_id=quote(str(incident_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> IncidentState | Problem | None:
    if response.status_code == 200:
        response_200 = IncidentState.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[IncidentState | Problem]:
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
    as_of: datetime.datetime | str | Unset = UNSET,
    reported_by: datetime.datetime | Unset = UNSET,

) -> Response[IncidentState | Problem]:
    """ Get an incident

     The incident's state: every claim, side by side, and where sources disagree.

    The current state carries its version as ETag. With `as_of`, the state the ledger
    showed at that position or recorded-at instant (404 if it held no such incident yet).
    With `reported_by`, only what sources had said by that instant (their `reported_at`):
    later reports, corrections and retractions are left out (404 if none had reported it).

    Args:
        incident_id (str): The incident's id, e.g. `idlib-l39-shootdown`.
        as_of (datetime.datetime | str | Unset): A global position (an event's `position`) or an
            RFC 3339 instant: the incident as the ledger showed it then.
        reported_by (datetime.datetime | Unset): An RFC 3339 instant: the incident as its sources
            had told it by then, by their own `reported_at`; with `as_of`, as the ledger knew it then.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IncidentState | Problem]
     """


    kwargs = _get_kwargs(
        incident_id=incident_id,
as_of=as_of,
reported_by=reported_by,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    incident_id: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.datetime | str | Unset = UNSET,
    reported_by: datetime.datetime | Unset = UNSET,

) -> IncidentState | Problem | None:
    """ Get an incident

     The incident's state: every claim, side by side, and where sources disagree.

    The current state carries its version as ETag. With `as_of`, the state the ledger
    showed at that position or recorded-at instant (404 if it held no such incident yet).
    With `reported_by`, only what sources had said by that instant (their `reported_at`):
    later reports, corrections and retractions are left out (404 if none had reported it).

    Args:
        incident_id (str): The incident's id, e.g. `idlib-l39-shootdown`.
        as_of (datetime.datetime | str | Unset): A global position (an event's `position`) or an
            RFC 3339 instant: the incident as the ledger showed it then.
        reported_by (datetime.datetime | Unset): An RFC 3339 instant: the incident as its sources
            had told it by then, by their own `reported_at`; with `as_of`, as the ledger knew it then.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IncidentState | Problem
     """


    return sync_detailed(
        incident_id=incident_id,
client=client,
as_of=as_of,
reported_by=reported_by,

    ).parsed

async def asyncio_detailed(
    incident_id: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.datetime | str | Unset = UNSET,
    reported_by: datetime.datetime | Unset = UNSET,

) -> Response[IncidentState | Problem]:
    """ Get an incident

     The incident's state: every claim, side by side, and where sources disagree.

    The current state carries its version as ETag. With `as_of`, the state the ledger
    showed at that position or recorded-at instant (404 if it held no such incident yet).
    With `reported_by`, only what sources had said by that instant (their `reported_at`):
    later reports, corrections and retractions are left out (404 if none had reported it).

    Args:
        incident_id (str): The incident's id, e.g. `idlib-l39-shootdown`.
        as_of (datetime.datetime | str | Unset): A global position (an event's `position`) or an
            RFC 3339 instant: the incident as the ledger showed it then.
        reported_by (datetime.datetime | Unset): An RFC 3339 instant: the incident as its sources
            had told it by then, by their own `reported_at`; with `as_of`, as the ledger knew it then.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IncidentState | Problem]
     """


    kwargs = _get_kwargs(
        incident_id=incident_id,
as_of=as_of,
reported_by=reported_by,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    incident_id: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.datetime | str | Unset = UNSET,
    reported_by: datetime.datetime | Unset = UNSET,

) -> IncidentState | Problem | None:
    """ Get an incident

     The incident's state: every claim, side by side, and where sources disagree.

    The current state carries its version as ETag. With `as_of`, the state the ledger
    showed at that position or recorded-at instant (404 if it held no such incident yet).
    With `reported_by`, only what sources had said by that instant (their `reported_at`):
    later reports, corrections and retractions are left out (404 if none had reported it).

    Args:
        incident_id (str): The incident's id, e.g. `idlib-l39-shootdown`.
        as_of (datetime.datetime | str | Unset): A global position (an event's `position`) or an
            RFC 3339 instant: the incident as the ledger showed it then.
        reported_by (datetime.datetime | Unset): An RFC 3339 instant: the incident as its sources
            had told it by then, by their own `reported_at`; with `as_of`, as the ledger knew it then.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IncidentState | Problem
     """


    return (await asyncio_detailed(
        incident_id=incident_id,
client=client,
as_of=as_of,
reported_by=reported_by,

    )).parsed
