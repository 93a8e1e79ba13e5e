from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.inclusion_proof import InclusionProof
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    position: int,
    *,
    tree_size: int | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_tree_size: int | None | Unset
    if isinstance(tree_size, Unset):
        json_tree_size = UNSET
    else:
        json_tree_size = tree_size
    params["tree_size"] = json_tree_size


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/ledger/proofs/inclusion/{position}".format(position=quote(str(position), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> InclusionProof | Problem | None:
    if response.status_code == 200:
        response_200 = InclusionProof.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[InclusionProof | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    position: int,
    *,
    client: AuthenticatedClient,
    tree_size: int | None | Unset = UNSET,

) -> Response[InclusionProof | Problem]:
    """ Prove the event at a position is in a checkpoint

     The audit path of the event at `position` in a kept checkpoint.

    Against the latest checkpoint unless `tree_size` names another. The response holds
    the event and the checkpoint: `python verifier.py inclusion proof.json --key VKEY`
    checks it with nothing else. 404 `not-in-tree` when no event is there, or it was
    sealed after that checkpoint.

    Args:
        position (int):
        tree_size (int | None | Unset): A kept checkpoint's size (the latest if absent).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InclusionProof | Problem]
     """


    kwargs = _get_kwargs(
        position=position,
tree_size=tree_size,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    position: int,
    *,
    client: AuthenticatedClient,
    tree_size: int | None | Unset = UNSET,

) -> InclusionProof | Problem | None:
    """ Prove the event at a position is in a checkpoint

     The audit path of the event at `position` in a kept checkpoint.

    Against the latest checkpoint unless `tree_size` names another. The response holds
    the event and the checkpoint: `python verifier.py inclusion proof.json --key VKEY`
    checks it with nothing else. 404 `not-in-tree` when no event is there, or it was
    sealed after that checkpoint.

    Args:
        position (int):
        tree_size (int | None | Unset): A kept checkpoint's size (the latest if absent).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InclusionProof | Problem
     """


    return sync_detailed(
        position=position,
client=client,
tree_size=tree_size,

    ).parsed

async def asyncio_detailed(
    position: int,
    *,
    client: AuthenticatedClient,
    tree_size: int | None | Unset = UNSET,

) -> Response[InclusionProof | Problem]:
    """ Prove the event at a position is in a checkpoint

     The audit path of the event at `position` in a kept checkpoint.

    Against the latest checkpoint unless `tree_size` names another. The response holds
    the event and the checkpoint: `python verifier.py inclusion proof.json --key VKEY`
    checks it with nothing else. 404 `not-in-tree` when no event is there, or it was
    sealed after that checkpoint.

    Args:
        position (int):
        tree_size (int | None | Unset): A kept checkpoint's size (the latest if absent).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InclusionProof | Problem]
     """


    kwargs = _get_kwargs(
        position=position,
tree_size=tree_size,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    position: int,
    *,
    client: AuthenticatedClient,
    tree_size: int | None | Unset = UNSET,

) -> InclusionProof | Problem | None:
    """ Prove the event at a position is in a checkpoint

     The audit path of the event at `position` in a kept checkpoint.

    Against the latest checkpoint unless `tree_size` names another. The response holds
    the event and the checkpoint: `python verifier.py inclusion proof.json --key VKEY`
    checks it with nothing else. 404 `not-in-tree` when no event is there, or it was
    sealed after that checkpoint.

    Args:
        position (int):
        tree_size (int | None | Unset): A kept checkpoint's size (the latest if absent).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InclusionProof | Problem
     """


    return (await asyncio_detailed(
        position=position,
client=client,
tree_size=tree_size,

    )).parsed
