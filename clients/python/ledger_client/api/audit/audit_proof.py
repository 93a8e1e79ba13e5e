from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.consistency_proof import ConsistencyProof
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    from_digest: str,
    limit: int | Unset = 10000,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["from_digest"] = from_digest

    params["limit"] = limit


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/ledger/proof",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ConsistencyProof | Problem | None:
    if response.status_code == 200:
        response_200 = ConsistencyProof.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ConsistencyProof | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_digest: str,
    limit: int | Unset = 10000,

) -> Response[ConsistencyProof | Problem]:
    """ Prove the log extends a digest

     The event hashes that lead from a stored digest to the latest seal.

    Fold them: hash = SHA-256(hash || event_hash), from `from_hash`; the result must be
    `to.root_hash`. 409 `digest-mismatch` when the chain no longer holds the digest's
    hash at its sequence number: the log before it was rewritten; 409 `ledger-tampered`
    when an event the proof covers no longer matches what was sealed for it.

    Args:
        from_digest (str): A digest's `token`.
        limit (int | Unset):  Default: 10000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConsistencyProof | Problem]
     """


    kwargs = _get_kwargs(
        from_digest=from_digest,
limit=limit,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    from_digest: str,
    limit: int | Unset = 10000,

) -> ConsistencyProof | Problem | None:
    """ Prove the log extends a digest

     The event hashes that lead from a stored digest to the latest seal.

    Fold them: hash = SHA-256(hash || event_hash), from `from_hash`; the result must be
    `to.root_hash`. 409 `digest-mismatch` when the chain no longer holds the digest's
    hash at its sequence number: the log before it was rewritten; 409 `ledger-tampered`
    when an event the proof covers no longer matches what was sealed for it.

    Args:
        from_digest (str): A digest's `token`.
        limit (int | Unset):  Default: 10000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConsistencyProof | Problem
     """


    return sync_detailed(
        client=client,
from_digest=from_digest,
limit=limit,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_digest: str,
    limit: int | Unset = 10000,

) -> Response[ConsistencyProof | Problem]:
    """ Prove the log extends a digest

     The event hashes that lead from a stored digest to the latest seal.

    Fold them: hash = SHA-256(hash || event_hash), from `from_hash`; the result must be
    `to.root_hash`. 409 `digest-mismatch` when the chain no longer holds the digest's
    hash at its sequence number: the log before it was rewritten; 409 `ledger-tampered`
    when an event the proof covers no longer matches what was sealed for it.

    Args:
        from_digest (str): A digest's `token`.
        limit (int | Unset):  Default: 10000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConsistencyProof | Problem]
     """


    kwargs = _get_kwargs(
        from_digest=from_digest,
limit=limit,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    from_digest: str,
    limit: int | Unset = 10000,

) -> ConsistencyProof | Problem | None:
    """ Prove the log extends a digest

     The event hashes that lead from a stored digest to the latest seal.

    Fold them: hash = SHA-256(hash || event_hash), from `from_hash`; the result must be
    `to.root_hash`. 409 `digest-mismatch` when the chain no longer holds the digest's
    hash at its sequence number: the log before it was rewritten; 409 `ledger-tampered`
    when an event the proof covers no longer matches what was sealed for it.

    Args:
        from_digest (str): A digest's `token`.
        limit (int | Unset):  Default: 10000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConsistencyProof | Problem
     """


    return (await asyncio_detailed(
        client=client,
from_digest=from_digest,
limit=limit,

    )).parsed
