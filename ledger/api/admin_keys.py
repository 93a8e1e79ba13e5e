"""/v1/admin/keys: issue, list and revoke API keys (admin)."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, delete, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED

from ledger.api.auth import current_principal
from ledger.api.contract import PROBLEM_OPT
from ledger.application.access import KEY_NAME_PATTERN, ApiKey, ApiKeyStore, IssuedKey, Role
from ledger.domain.errors import NotFoundError


class KeyRequest(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A key to issue."""

    name: Annotated[str, msgspec.Meta(pattern=KEY_NAME_PATTERN)]
    role: Role


class KeyList(msgspec.Struct, frozen=True, kw_only=True):
    """Every key ever issued, revoked ones included."""

    items: list[ApiKey]


class ApiKeyController(Controller):
    """Manage who may read and write the ledger.

    Issuing a key is the one POST that does not replay on a repeated Idempotency-Key: the
    secret is shown once and never stored, so a retry gets 422 for the name already taken.
    """

    path = "/v1/admin/keys"
    tags = ["admin"]  # noqa: RUF012 - Litestar's declared attribute
    opt = {"role": Role.ADMIN}  # noqa: RUF012

    @post(summary="Issue an API key", opt={PROBLEM_OPT: {422: ("invalid-api-key-request",)}})
    async def issue(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[KeyRequest],
        api_keys: NamedDependency[ApiKeyStore],
    ) -> Response[IssuedKey]:
        """Issue a key; its secret is in this response and nowhere else, ever."""
        issued = await api_keys.issue(
            data.name, data.role, created_by=current_principal(request).name
        )
        return Response(
            issued,
            status_code=HTTP_201_CREATED,
            headers={
                "Location": f"/v1/admin/keys/{issued.key.key_id}",
                "Cache-Control": "no-store",
            },
        )

    @get(summary="List API keys")
    async def list_keys(self, api_keys: NamedDependency[ApiKeyStore]) -> KeyList:
        """Every key, without secrets."""
        return KeyList(items=await api_keys.list())

    @delete("/{key_id:str}", status_code=200, summary="Revoke an API key")
    async def revoke(self, key_id: FromPath[str], api_keys: NamedDependency[ApiKeyStore]) -> ApiKey:
        """Revoke a key at once; it cannot be restored."""
        key = await api_keys.revoke(key_id)
        if key is None:
            raise NotFoundError("API key", key_id)
        return key
