from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.situation_kind import SituationKind
from ...models.situations_view import SituationsView
from ...models.views_situation_figures_format import ViewsSituationFiguresFormat
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    as_of: datetime.datetime | str | Unset = UNSET,
    reported_by: datetime.datetime | Unset = UNSET,
    kind: None | SituationKind | Unset = UNSET,
    party: None | str | Unset = UNSET,
    format_: ViewsSituationFiguresFormat | Unset = ViewsSituationFiguresFormat.JSON,
    evidence: bool | Unset = False,
    ledger_min_position: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(ledger_min_position, Unset):
        headers["Ledger-Min-Position"] = ledger_min_position



    

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

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, SituationKind):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_party: None | str | Unset
    if isinstance(party, Unset):
        json_party = UNSET
    else:
        json_party = party
    params["party"] = json_party

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params["evidence"] = evidence


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/views/situations",
        "params": params,
    }


    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SituationsView | None:
    if response.status_code == 200:
        response_200 = SituationsView.from_dict(response.json())



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

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())



        return response_422

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | SituationsView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    as_of: datetime.datetime | str | Unset = UNSET,
    reported_by: datetime.datetime | Unset = UNSET,
    kind: None | SituationKind | Unset = UNSET,
    party: None | str | Unset = UNSET,
    format_: ViewsSituationFiguresFormat | Unset = ViewsSituationFiguresFormat.JSON,
    evidence: bool | Unset = False,
    ledger_min_position: str | Unset = UNSET,

) -> Response[Problem | SituationsView]:
    """ Situations: figures about a conflict, area and period

     Each situation's figure, counted once from its sources' statements.

    A toll stands beside the ledger's own sum of the same losses over its period, with
    whether the two agree; never added into it. Carries `Ledger-Position`; honours
    `Ledger-Min-Position`; `as_of` gives the view as it stood then, `reported_by` as
    its sources had told it by then.

    Args:
        as_of (datetime.datetime | str | Unset): The view as the ledger showed it then: a global
            position such as 25, or an RFC 3339 instant with its offset (the log up to the last event
            recorded by then).
        reported_by (datetime.datetime | Unset): As the sources had told it by then: an RFC 3339
            instant, compared with each statement's own `reported_at` (corrections and retractions
            included); with `as_of`, of what the ledger had recorded by that moment.
        kind (None | SituationKind | Unset):
        party (None | str | Unset):
        format_ (ViewsSituationFiguresFormat | Unset): `csv` for a spreadsheet: one row per item,
            nested fields as dotted columns. Default: ViewsSituationFiguresFormat.JSON.
        evidence (bool | Unset): With the figures, the events behind each row, each with its
            inclusion proof in the latest signed checkpoint (docs/audit.md). JSON only. Default:
            False.
        ledger_min_position (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SituationsView]
     """


    kwargs = _get_kwargs(
        as_of=as_of,
reported_by=reported_by,
kind=kind,
party=party,
format_=format_,
evidence=evidence,
ledger_min_position=ledger_min_position,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    as_of: datetime.datetime | str | Unset = UNSET,
    reported_by: datetime.datetime | Unset = UNSET,
    kind: None | SituationKind | Unset = UNSET,
    party: None | str | Unset = UNSET,
    format_: ViewsSituationFiguresFormat | Unset = ViewsSituationFiguresFormat.JSON,
    evidence: bool | Unset = False,
    ledger_min_position: str | Unset = UNSET,

) -> Problem | SituationsView | None:
    """ Situations: figures about a conflict, area and period

     Each situation's figure, counted once from its sources' statements.

    A toll stands beside the ledger's own sum of the same losses over its period, with
    whether the two agree; never added into it. Carries `Ledger-Position`; honours
    `Ledger-Min-Position`; `as_of` gives the view as it stood then, `reported_by` as
    its sources had told it by then.

    Args:
        as_of (datetime.datetime | str | Unset): The view as the ledger showed it then: a global
            position such as 25, or an RFC 3339 instant with its offset (the log up to the last event
            recorded by then).
        reported_by (datetime.datetime | Unset): As the sources had told it by then: an RFC 3339
            instant, compared with each statement's own `reported_at` (corrections and retractions
            included); with `as_of`, of what the ledger had recorded by that moment.
        kind (None | SituationKind | Unset):
        party (None | str | Unset):
        format_ (ViewsSituationFiguresFormat | Unset): `csv` for a spreadsheet: one row per item,
            nested fields as dotted columns. Default: ViewsSituationFiguresFormat.JSON.
        evidence (bool | Unset): With the figures, the events behind each row, each with its
            inclusion proof in the latest signed checkpoint (docs/audit.md). JSON only. Default:
            False.
        ledger_min_position (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SituationsView
     """


    return sync_detailed(
        client=client,
as_of=as_of,
reported_by=reported_by,
kind=kind,
party=party,
format_=format_,
evidence=evidence,
ledger_min_position=ledger_min_position,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    as_of: datetime.datetime | str | Unset = UNSET,
    reported_by: datetime.datetime | Unset = UNSET,
    kind: None | SituationKind | Unset = UNSET,
    party: None | str | Unset = UNSET,
    format_: ViewsSituationFiguresFormat | Unset = ViewsSituationFiguresFormat.JSON,
    evidence: bool | Unset = False,
    ledger_min_position: str | Unset = UNSET,

) -> Response[Problem | SituationsView]:
    """ Situations: figures about a conflict, area and period

     Each situation's figure, counted once from its sources' statements.

    A toll stands beside the ledger's own sum of the same losses over its period, with
    whether the two agree; never added into it. Carries `Ledger-Position`; honours
    `Ledger-Min-Position`; `as_of` gives the view as it stood then, `reported_by` as
    its sources had told it by then.

    Args:
        as_of (datetime.datetime | str | Unset): The view as the ledger showed it then: a global
            position such as 25, or an RFC 3339 instant with its offset (the log up to the last event
            recorded by then).
        reported_by (datetime.datetime | Unset): As the sources had told it by then: an RFC 3339
            instant, compared with each statement's own `reported_at` (corrections and retractions
            included); with `as_of`, of what the ledger had recorded by that moment.
        kind (None | SituationKind | Unset):
        party (None | str | Unset):
        format_ (ViewsSituationFiguresFormat | Unset): `csv` for a spreadsheet: one row per item,
            nested fields as dotted columns. Default: ViewsSituationFiguresFormat.JSON.
        evidence (bool | Unset): With the figures, the events behind each row, each with its
            inclusion proof in the latest signed checkpoint (docs/audit.md). JSON only. Default:
            False.
        ledger_min_position (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SituationsView]
     """


    kwargs = _get_kwargs(
        as_of=as_of,
reported_by=reported_by,
kind=kind,
party=party,
format_=format_,
evidence=evidence,
ledger_min_position=ledger_min_position,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    as_of: datetime.datetime | str | Unset = UNSET,
    reported_by: datetime.datetime | Unset = UNSET,
    kind: None | SituationKind | Unset = UNSET,
    party: None | str | Unset = UNSET,
    format_: ViewsSituationFiguresFormat | Unset = ViewsSituationFiguresFormat.JSON,
    evidence: bool | Unset = False,
    ledger_min_position: str | Unset = UNSET,

) -> Problem | SituationsView | None:
    """ Situations: figures about a conflict, area and period

     Each situation's figure, counted once from its sources' statements.

    A toll stands beside the ledger's own sum of the same losses over its period, with
    whether the two agree; never added into it. Carries `Ledger-Position`; honours
    `Ledger-Min-Position`; `as_of` gives the view as it stood then, `reported_by` as
    its sources had told it by then.

    Args:
        as_of (datetime.datetime | str | Unset): The view as the ledger showed it then: a global
            position such as 25, or an RFC 3339 instant with its offset (the log up to the last event
            recorded by then).
        reported_by (datetime.datetime | Unset): As the sources had told it by then: an RFC 3339
            instant, compared with each statement's own `reported_at` (corrections and retractions
            included); with `as_of`, of what the ledger had recorded by that moment.
        kind (None | SituationKind | Unset):
        party (None | str | Unset):
        format_ (ViewsSituationFiguresFormat | Unset): `csv` for a spreadsheet: one row per item,
            nested fields as dotted columns. Default: ViewsSituationFiguresFormat.JSON.
        evidence (bool | Unset): With the figures, the events behind each row, each with its
            inclusion proof in the latest signed checkpoint (docs/audit.md). JSON only. Default:
            False.
        ledger_min_position (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SituationsView
     """


    return (await asyncio_detailed(
        client=client,
as_of=as_of,
reported_by=reported_by,
kind=kind,
party=party,
format_=format_,
evidence=evidence,
ledger_min_position=ledger_min_position,

    )).parsed
