from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.incident_category import IncidentCategory
from ...models.incident_page import IncidentPage
from ...models.incidents_list_incidents_format import IncidentsListIncidentsFormat
from ...models.incidents_list_incidents_status_type_1 import IncidentsListIncidentsStatusType1
from ...models.incidents_list_incidents_status_type_2_type_1 import IncidentsListIncidentsStatusType2Type1
from ...models.incidents_list_incidents_status_type_3_type_1 import IncidentsListIncidentsStatusType3Type1
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    party: None | str | Unset = UNSET,
    category: IncidentCategory | None | Unset = UNSET,
    admin1: None | str | Unset = UNSET,
    status: IncidentsListIncidentsStatusType1 | IncidentsListIncidentsStatusType2Type1 | IncidentsListIncidentsStatusType3Type1 | None | Unset = UNSET,
    occurred_from: datetime.datetime | None | Unset = UNSET,
    occurred_to: datetime.datetime | None | Unset = UNSET,
    contested: bool | None | Unset = UNSET,
    after: str | Unset = UNSET,
    limit: int | Unset = 50,
    as_of: datetime.datetime | str | Unset = UNSET,
    format_: IncidentsListIncidentsFormat | Unset = IncidentsListIncidentsFormat.JSON,
    ledger_min_position: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(ledger_min_position, Unset):
        headers["Ledger-Min-Position"] = ledger_min_position



    

    params: dict[str, Any] = {}

    json_party: None | str | Unset
    if isinstance(party, Unset):
        json_party = UNSET
    else:
        json_party = party
    params["party"] = json_party

    json_category: None | str | Unset
    if isinstance(category, Unset):
        json_category = UNSET
    elif isinstance(category, IncidentCategory):
        json_category = category.value
    else:
        json_category = category
    params["category"] = json_category

    json_admin1: None | str | Unset
    if isinstance(admin1, Unset):
        json_admin1 = UNSET
    else:
        json_admin1 = admin1
    params["admin1"] = json_admin1

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, IncidentsListIncidentsStatusType1):
        json_status = status.value
    elif isinstance(status, IncidentsListIncidentsStatusType2Type1):
        json_status = status.value
    elif isinstance(status, IncidentsListIncidentsStatusType3Type1):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_occurred_from: None | str | Unset
    if isinstance(occurred_from, Unset):
        json_occurred_from = UNSET
    elif isinstance(occurred_from, datetime.datetime):
        json_occurred_from = occurred_from.isoformat()
    else:
        json_occurred_from = occurred_from
    params["occurred_from"] = json_occurred_from

    json_occurred_to: None | str | Unset
    if isinstance(occurred_to, Unset):
        json_occurred_to = UNSET
    elif isinstance(occurred_to, datetime.datetime):
        json_occurred_to = occurred_to.isoformat()
    else:
        json_occurred_to = occurred_to
    params["occurred_to"] = json_occurred_to

    json_contested: bool | None | Unset
    if isinstance(contested, Unset):
        json_contested = UNSET
    else:
        json_contested = contested
    params["contested"] = json_contested

    params["after"] = after

    params["limit"] = limit

    json_as_of: str | Unset
    if isinstance(as_of, Unset):
        json_as_of = UNSET
    elif isinstance(as_of, datetime.datetime):
        json_as_of = as_of.isoformat()
    else:
        json_as_of = as_of
    params["as_of"] = json_as_of

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/incidents",
        "params": params,
    }


    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> IncidentPage | Problem | None:
    if response.status_code == 200:
        response_200 = IncidentPage.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[IncidentPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    party: None | str | Unset = UNSET,
    category: IncidentCategory | None | Unset = UNSET,
    admin1: None | str | Unset = UNSET,
    status: IncidentsListIncidentsStatusType1 | IncidentsListIncidentsStatusType2Type1 | IncidentsListIncidentsStatusType3Type1 | None | Unset = UNSET,
    occurred_from: datetime.datetime | None | Unset = UNSET,
    occurred_to: datetime.datetime | None | Unset = UNSET,
    contested: bool | None | Unset = UNSET,
    after: str | Unset = UNSET,
    limit: int | Unset = 50,
    as_of: datetime.datetime | str | Unset = UNSET,
    format_: IncidentsListIncidentsFormat | Unset = IncidentsListIncidentsFormat.JSON,
    ledger_min_position: str | Unset = UNSET,

) -> Response[IncidentPage | Problem]:
    """ List incidents

     Incidents from the incidents view, latest occurrence first, filtered.

    `Ledger-Position` tells the log position the list reflects; `Ledger-Min-Position`
    waits for it to reach a write of yours; `as_of` gives the list as it stood then.
    As CSV, one row per incident: its fields, with counts of its claims and
    disagreements; the page's `next` is not in it (ask for JSON to page on).

    Args:
        party (None | str | Unset):
        category (IncidentCategory | None | Unset):
        admin1 (None | str | Unset):
        status (IncidentsListIncidentsStatusType1 | IncidentsListIncidentsStatusType2Type1 |
            IncidentsListIncidentsStatusType3Type1 | None | Unset):
        occurred_from (datetime.datetime | None | Unset):
        occurred_to (datetime.datetime | None | Unset):
        contested (bool | None | Unset):
        after (str | Unset): `next` of the last page.
        limit (int | Unset):  Default: 50.
        as_of (datetime.datetime | str | Unset): The view as the ledger showed it then: a global
            position such as 25, or an RFC 3339 instant with its offset (the log up to the last event
            recorded by then).
        format_ (IncidentsListIncidentsFormat | Unset): `csv` for a spreadsheet: one row per item,
            nested fields as dotted columns. Default: IncidentsListIncidentsFormat.JSON.
        ledger_min_position (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IncidentPage | Problem]
     """


    kwargs = _get_kwargs(
        party=party,
category=category,
admin1=admin1,
status=status,
occurred_from=occurred_from,
occurred_to=occurred_to,
contested=contested,
after=after,
limit=limit,
as_of=as_of,
format_=format_,
ledger_min_position=ledger_min_position,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    party: None | str | Unset = UNSET,
    category: IncidentCategory | None | Unset = UNSET,
    admin1: None | str | Unset = UNSET,
    status: IncidentsListIncidentsStatusType1 | IncidentsListIncidentsStatusType2Type1 | IncidentsListIncidentsStatusType3Type1 | None | Unset = UNSET,
    occurred_from: datetime.datetime | None | Unset = UNSET,
    occurred_to: datetime.datetime | None | Unset = UNSET,
    contested: bool | None | Unset = UNSET,
    after: str | Unset = UNSET,
    limit: int | Unset = 50,
    as_of: datetime.datetime | str | Unset = UNSET,
    format_: IncidentsListIncidentsFormat | Unset = IncidentsListIncidentsFormat.JSON,
    ledger_min_position: str | Unset = UNSET,

) -> IncidentPage | Problem | None:
    """ List incidents

     Incidents from the incidents view, latest occurrence first, filtered.

    `Ledger-Position` tells the log position the list reflects; `Ledger-Min-Position`
    waits for it to reach a write of yours; `as_of` gives the list as it stood then.
    As CSV, one row per incident: its fields, with counts of its claims and
    disagreements; the page's `next` is not in it (ask for JSON to page on).

    Args:
        party (None | str | Unset):
        category (IncidentCategory | None | Unset):
        admin1 (None | str | Unset):
        status (IncidentsListIncidentsStatusType1 | IncidentsListIncidentsStatusType2Type1 |
            IncidentsListIncidentsStatusType3Type1 | None | Unset):
        occurred_from (datetime.datetime | None | Unset):
        occurred_to (datetime.datetime | None | Unset):
        contested (bool | None | Unset):
        after (str | Unset): `next` of the last page.
        limit (int | Unset):  Default: 50.
        as_of (datetime.datetime | str | Unset): The view as the ledger showed it then: a global
            position such as 25, or an RFC 3339 instant with its offset (the log up to the last event
            recorded by then).
        format_ (IncidentsListIncidentsFormat | Unset): `csv` for a spreadsheet: one row per item,
            nested fields as dotted columns. Default: IncidentsListIncidentsFormat.JSON.
        ledger_min_position (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IncidentPage | Problem
     """


    return sync_detailed(
        client=client,
party=party,
category=category,
admin1=admin1,
status=status,
occurred_from=occurred_from,
occurred_to=occurred_to,
contested=contested,
after=after,
limit=limit,
as_of=as_of,
format_=format_,
ledger_min_position=ledger_min_position,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    party: None | str | Unset = UNSET,
    category: IncidentCategory | None | Unset = UNSET,
    admin1: None | str | Unset = UNSET,
    status: IncidentsListIncidentsStatusType1 | IncidentsListIncidentsStatusType2Type1 | IncidentsListIncidentsStatusType3Type1 | None | Unset = UNSET,
    occurred_from: datetime.datetime | None | Unset = UNSET,
    occurred_to: datetime.datetime | None | Unset = UNSET,
    contested: bool | None | Unset = UNSET,
    after: str | Unset = UNSET,
    limit: int | Unset = 50,
    as_of: datetime.datetime | str | Unset = UNSET,
    format_: IncidentsListIncidentsFormat | Unset = IncidentsListIncidentsFormat.JSON,
    ledger_min_position: str | Unset = UNSET,

) -> Response[IncidentPage | Problem]:
    """ List incidents

     Incidents from the incidents view, latest occurrence first, filtered.

    `Ledger-Position` tells the log position the list reflects; `Ledger-Min-Position`
    waits for it to reach a write of yours; `as_of` gives the list as it stood then.
    As CSV, one row per incident: its fields, with counts of its claims and
    disagreements; the page's `next` is not in it (ask for JSON to page on).

    Args:
        party (None | str | Unset):
        category (IncidentCategory | None | Unset):
        admin1 (None | str | Unset):
        status (IncidentsListIncidentsStatusType1 | IncidentsListIncidentsStatusType2Type1 |
            IncidentsListIncidentsStatusType3Type1 | None | Unset):
        occurred_from (datetime.datetime | None | Unset):
        occurred_to (datetime.datetime | None | Unset):
        contested (bool | None | Unset):
        after (str | Unset): `next` of the last page.
        limit (int | Unset):  Default: 50.
        as_of (datetime.datetime | str | Unset): The view as the ledger showed it then: a global
            position such as 25, or an RFC 3339 instant with its offset (the log up to the last event
            recorded by then).
        format_ (IncidentsListIncidentsFormat | Unset): `csv` for a spreadsheet: one row per item,
            nested fields as dotted columns. Default: IncidentsListIncidentsFormat.JSON.
        ledger_min_position (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IncidentPage | Problem]
     """


    kwargs = _get_kwargs(
        party=party,
category=category,
admin1=admin1,
status=status,
occurred_from=occurred_from,
occurred_to=occurred_to,
contested=contested,
after=after,
limit=limit,
as_of=as_of,
format_=format_,
ledger_min_position=ledger_min_position,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    party: None | str | Unset = UNSET,
    category: IncidentCategory | None | Unset = UNSET,
    admin1: None | str | Unset = UNSET,
    status: IncidentsListIncidentsStatusType1 | IncidentsListIncidentsStatusType2Type1 | IncidentsListIncidentsStatusType3Type1 | None | Unset = UNSET,
    occurred_from: datetime.datetime | None | Unset = UNSET,
    occurred_to: datetime.datetime | None | Unset = UNSET,
    contested: bool | None | Unset = UNSET,
    after: str | Unset = UNSET,
    limit: int | Unset = 50,
    as_of: datetime.datetime | str | Unset = UNSET,
    format_: IncidentsListIncidentsFormat | Unset = IncidentsListIncidentsFormat.JSON,
    ledger_min_position: str | Unset = UNSET,

) -> IncidentPage | Problem | None:
    """ List incidents

     Incidents from the incidents view, latest occurrence first, filtered.

    `Ledger-Position` tells the log position the list reflects; `Ledger-Min-Position`
    waits for it to reach a write of yours; `as_of` gives the list as it stood then.
    As CSV, one row per incident: its fields, with counts of its claims and
    disagreements; the page's `next` is not in it (ask for JSON to page on).

    Args:
        party (None | str | Unset):
        category (IncidentCategory | None | Unset):
        admin1 (None | str | Unset):
        status (IncidentsListIncidentsStatusType1 | IncidentsListIncidentsStatusType2Type1 |
            IncidentsListIncidentsStatusType3Type1 | None | Unset):
        occurred_from (datetime.datetime | None | Unset):
        occurred_to (datetime.datetime | None | Unset):
        contested (bool | None | Unset):
        after (str | Unset): `next` of the last page.
        limit (int | Unset):  Default: 50.
        as_of (datetime.datetime | str | Unset): The view as the ledger showed it then: a global
            position such as 25, or an RFC 3339 instant with its offset (the log up to the last event
            recorded by then).
        format_ (IncidentsListIncidentsFormat | Unset): `csv` for a spreadsheet: one row per item,
            nested fields as dotted columns. Default: IncidentsListIncidentsFormat.JSON.
        ledger_min_position (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IncidentPage | Problem
     """


    return (await asyncio_detailed(
        client=client,
party=party,
category=category,
admin1=admin1,
status=status,
occurred_from=occurred_from,
occurred_to=occurred_to,
contested=contested,
after=after,
limit=limit,
as_of=as_of,
format_=format_,
ledger_min_position=ledger_min_position,

    )).parsed
