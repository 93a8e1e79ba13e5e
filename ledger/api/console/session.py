"""Who reads the console: a reader key entered once, kept in an HttpOnly session cookie.

The key never travels in a URL and never reaches a script: the cookie is HttpOnly,
SameSite=Strict (no other site's page can send it), Secure behind HTTPS, and scoped to
/console. With ``LEDGER_ANONYMOUS_READS=true`` the console is open to everyone.
"""

from __future__ import annotations

from typing import Annotated, Any, Final

import msgspec
from litestar import Request, Response, get, post
from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie
from litestar.di import NamedDependency
from litestar.enums import RequestEncodingType
from litestar.handlers.base import BaseRouteHandler
from litestar.params import Body
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER, HTTP_401_UNAUTHORIZED

from ledger.application.access import ApiKeyStore, Role

SESSION_COOKIE: Final = "ledger_console"
CONSOLE_PATH: Final = "/console"
_LOGIN: Final = f"{CONSOLE_PATH}/login"
_MAX_KEY_CHARACTERS: Final = 200


class LoginForm(msgspec.Struct, frozen=True, kw_only=True):
    """The login form: a reader key (or any key with more rights)."""

    key: Annotated[str, msgspec.Meta(max_length=_MAX_KEY_CHARACTERS)] = ""


class LoginRequiredError(Exception):
    """The console needs a key and the request carries no valid one."""


async def console_guard(
    connection: ASGIConnection[Any, Any, Any, Any], _handler: BaseRouteHandler
) -> None:
    """Let in a valid session, or anyone when reads are anonymous; else off to the login."""
    if connection.app.state.anonymous_reads:
        connection.state.reader = "anonymous"
        return
    key = connection.cookies.get(SESSION_COOKIE)
    keys: ApiKeyStore = connection.app.state.api_keys
    found = await keys.authenticate(key) if key else None
    if found is None or not found.role.allows(Role.READER):
        raise LoginRequiredError
    connection.state.reader = found.name


def login_redirect(_request: Request[Any, Any, Any], _exc: Exception) -> Response[Any]:
    """Send a visitor without a session to the login page."""
    return Redirect(_LOGIN, status_code=HTTP_303_SEE_OTHER)


def _session_cookie(request: Request[Any, Any, Any], value: str, max_age: int | None) -> Cookie:
    return Cookie(
        key=SESSION_COOKIE,
        value=value,
        path=CONSOLE_PATH,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        max_age=max_age,
    )


@get(_LOGIN, include_in_schema=False, name="console-login")
async def login_page() -> Template:
    """The form a reader enters their key in."""
    return Template(template_name="login.html", context={"error": None, "frame": None})


@post(_LOGIN, include_in_schema=False, status_code=HTTP_303_SEE_OTHER)
async def log_in(
    request: Request[Any, Any, Any],
    api_keys: NamedDependency[ApiKeyStore],
    data: Annotated[LoginForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Response[Any]:
    """Check the key; keep it in the session cookie, or show the form again."""
    key = data.key.strip()
    found = await api_keys.authenticate(key) if key else None
    if found is None:
        return Template(
            template_name="login.html",
            context={"error": "That key is not valid.", "frame": None},
            status_code=HTTP_401_UNAUTHORIZED,
        )
    return Redirect(
        CONSOLE_PATH,
        status_code=HTTP_303_SEE_OTHER,
        cookies=[_session_cookie(request, key, None)],
    )


@post(f"{CONSOLE_PATH}/logout", include_in_schema=False, status_code=HTTP_303_SEE_OTHER)
async def log_out(request: Request[Any, Any, Any]) -> Response[Any]:
    """Forget the session."""
    return Redirect(
        _LOGIN, status_code=HTTP_303_SEE_OTHER, cookies=[_session_cookie(request, "", 0)]
    )
