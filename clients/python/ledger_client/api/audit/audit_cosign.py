from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.cosignatures import Cosignatures
from ...models.cosigned import Cosigned
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    body: Cosignatures,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/ledger/checkpoint/cosignatures",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Cosigned | Problem | None:
    if response.status_code == 200:
        response_200 = Cosigned.from_dict(response.json())



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

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())



        return response_412

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())



        return response_413

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Cosigned | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: Cosignatures,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,

) -> Response[Cosigned | Problem]:
    """ Add witnesses' cosignatures to a checkpoint

     Keep the cosignatures a registered witness added to a checkpoint it checked.

    `note` is the checkpoint as fetched, with the witness's C2SP tlog-cosignature line
    added. Each cosignature is verified before it is kept; repeating one changes
    nothing. 409 `split-view` when the note's root is not the one the ledger signed at
    that size.

    Args:
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (Cosignatures):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Cosigned | Problem]
     """


    kwargs = _get_kwargs(
        body=body,
idempotency_key=idempotency_key,
if_match=if_match,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    body: Cosignatures,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,

) -> Cosigned | Problem | None:
    """ Add witnesses' cosignatures to a checkpoint

     Keep the cosignatures a registered witness added to a checkpoint it checked.

    `note` is the checkpoint as fetched, with the witness's C2SP tlog-cosignature line
    added. Each cosignature is verified before it is kept; repeating one changes
    nothing. 409 `split-view` when the note's root is not the one the ledger signed at
    that size.

    Args:
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (Cosignatures):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Cosigned | Problem
     """


    return sync_detailed(
        client=client,
body=body,
idempotency_key=idempotency_key,
if_match=if_match,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: Cosignatures,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,

) -> Response[Cosigned | Problem]:
    """ Add witnesses' cosignatures to a checkpoint

     Keep the cosignatures a registered witness added to a checkpoint it checked.

    `note` is the checkpoint as fetched, with the witness's C2SP tlog-cosignature line
    added. Each cosignature is verified before it is kept; repeating one changes
    nothing. 409 `split-view` when the note's root is not the one the ledger signed at
    that size.

    Args:
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (Cosignatures):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Cosigned | Problem]
     """


    kwargs = _get_kwargs(
        body=body,
idempotency_key=idempotency_key,
if_match=if_match,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    body: Cosignatures,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,

) -> Cosigned | Problem | None:
    """ Add witnesses' cosignatures to a checkpoint

     Keep the cosignatures a registered witness added to a checkpoint it checked.

    `note` is the checkpoint as fetched, with the witness's C2SP tlog-cosignature line
    added. Each cosignature is verified before it is kept; repeating one changes
    nothing. 409 `split-view` when the note's root is not the one the ledger signed at
    that size.

    Args:
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (Cosignatures):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Cosigned | Problem
     """


    return (await asyncio_detailed(
        client=client,
body=body,
idempotency_key=idempotency_key,
if_match=if_match,

    )).parsed
