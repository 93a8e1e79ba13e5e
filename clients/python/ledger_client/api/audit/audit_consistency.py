from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.tree_consistency_proof import TreeConsistencyProof
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    from_size: int,
    to_size: int | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["from_size"] = from_size

    json_to_size: int | None | Unset
    if isinstance(to_size, Unset):
        json_to_size = UNSET
    else:
        json_to_size = to_size
    params["to_size"] = json_to_size


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/ledger/proofs/consistency",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | TreeConsistencyProof | None:
    if response.status_code == 200:
        response_200 = TreeConsistencyProof.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | TreeConsistencyProof]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_size: int,
    to_size: int | None | Unset = UNSET,

) -> Response[Problem | TreeConsistencyProof]:
    """ Prove a checkpoint extends an older one

     The proof that the tree at `from_size` is a prefix of a kept checkpoint's tree.

    To the latest checkpoint unless `to_size` names another. Check it with the
    checkpoint you kept at `from_size`: `python verifier.py consistency old.txt
    proof.json --key VKEY`. Nothing before `from_size` can have changed if it holds.

    Args:
        from_size (int):
        to_size (int | None | Unset): A kept checkpoint's size (the latest if absent).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TreeConsistencyProof]
     """


    kwargs = _get_kwargs(
        from_size=from_size,
to_size=to_size,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    from_size: int,
    to_size: int | None | Unset = UNSET,

) -> Problem | TreeConsistencyProof | None:
    """ Prove a checkpoint extends an older one

     The proof that the tree at `from_size` is a prefix of a kept checkpoint's tree.

    To the latest checkpoint unless `to_size` names another. Check it with the
    checkpoint you kept at `from_size`: `python verifier.py consistency old.txt
    proof.json --key VKEY`. Nothing before `from_size` can have changed if it holds.

    Args:
        from_size (int):
        to_size (int | None | Unset): A kept checkpoint's size (the latest if absent).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TreeConsistencyProof
     """


    return sync_detailed(
        client=client,
from_size=from_size,
to_size=to_size,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_size: int,
    to_size: int | None | Unset = UNSET,

) -> Response[Problem | TreeConsistencyProof]:
    """ Prove a checkpoint extends an older one

     The proof that the tree at `from_size` is a prefix of a kept checkpoint's tree.

    To the latest checkpoint unless `to_size` names another. Check it with the
    checkpoint you kept at `from_size`: `python verifier.py consistency old.txt
    proof.json --key VKEY`. Nothing before `from_size` can have changed if it holds.

    Args:
        from_size (int):
        to_size (int | None | Unset): A kept checkpoint's size (the latest if absent).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TreeConsistencyProof]
     """


    kwargs = _get_kwargs(
        from_size=from_size,
to_size=to_size,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    from_size: int,
    to_size: int | None | Unset = UNSET,

) -> Problem | TreeConsistencyProof | None:
    """ Prove a checkpoint extends an older one

     The proof that the tree at `from_size` is a prefix of a kept checkpoint's tree.

    To the latest checkpoint unless `to_size` names another. Check it with the
    checkpoint you kept at `from_size`: `python verifier.py consistency old.txt
    proof.json --key VKEY`. Nothing before `from_size` can have changed if it holds.

    Args:
        from_size (int):
        to_size (int | None | Unset): A kept checkpoint's size (the latest if absent).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TreeConsistencyProof
     """


    return (await asyncio_detailed(
        client=client,
from_size=from_size,
to_size=to_size,

    )).parsed
