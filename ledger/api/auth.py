"""API keys on every /v1 route: who is calling, and may they do what they ask.

A route states the least role it needs in ``opt["role"]``; routes that state none need
``admin``, so a route added without thought is closed rather than open.
"""

from __future__ import annotations

from typing import Any, Final

import msgspec
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from ledger.application.access import ApiKeyStore, Role

API_KEY_HEADER: Final = "x-api-key"
_BEARER: Final = "bearer "
_CHALLENGE: Final = {"WWW-Authenticate": 'Bearer realm="incident-ledger"'}


class Principal(msgspec.Struct, frozen=True, kw_only=True):
    """The caller a request was authenticated as."""

    name: str
    role: Role


ANONYMOUS: Final = Principal(name="anonymous", role=Role.READER)


def presented_key(connection: ASGIConnection[Any, Any, Any, Any]) -> str | None:
    """The API key the caller sent, if any."""
    key = connection.headers.get(API_KEY_HEADER)
    if key:
        return key.strip()
    authorization = connection.headers.get("authorization", "")
    if authorization.lower().startswith(_BEARER):
        return authorization[len(_BEARER) :].strip()
    return None


def required_role(handler: BaseRouteHandler) -> Role:
    """The least role ``handler`` needs."""
    return Role(handler.opt.get("role", Role.ADMIN))


async def access_guard(
    connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler
) -> None:
    """Authenticate the caller, remember who it is, and refuse what its role does not allow."""
    needed = required_role(handler)
    presented = presented_key(connection)
    principal: Principal | None = None
    if presented:
        keys: ApiKeyStore = connection.app.state.api_keys
        key = await keys.authenticate(presented)
        if key is None:
            raise NotAuthorizedException("the API key is not valid", headers=_CHALLENGE)
        principal = Principal(name=key.name, role=key.role)
    elif needed is Role.READER and connection.app.state.anonymous_reads:
        principal = ANONYMOUS
    if principal is None:
        raise NotAuthorizedException(
            "send an API key in the X-API-Key header or as a Bearer token", headers=_CHALLENGE
        )
    connection.state.principal = principal
    connection.scope["state"]["principal_name"] = principal.name
    if not principal.role.allows(needed):
        raise PermissionDeniedException(
            f"this needs the {needed} role; the key {principal.name!r} is a {principal.role}"
        )


def current_principal(connection: ASGIConnection[Any, Any, Any, Any]) -> Principal:
    """The principal ``access_guard`` authenticated for this request."""
    principal: Principal = connection.state.principal
    return principal
