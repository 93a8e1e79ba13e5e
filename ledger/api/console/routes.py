"""The console's router: its pages, its files, its guard, its error pages and headers."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

import psycopg
import structlog
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from litestar import Request, Response, Router
from litestar.exceptions import HTTPException
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Template
from litestar.static_files import create_static_files_router
from litestar.status_codes import (
    HTTP_404_NOT_FOUND,
    HTTP_500_INTERNAL_SERVER_ERROR,
    HTTP_503_SERVICE_UNAVAILABLE,
)
from litestar.template.config import TemplateConfig

from ledger.api.console.equipment_pages import ConsoleEquipment
from ledger.api.console.figure_pages import ConsoleFigures
from ledger.api.console.live import live
from ledger.api.console.pages import ConsolePages
from ledger.api.console.session import (
    CONSOLE_PATH,
    LoginRequiredError,
    console_guard,
    log_in,
    log_out,
    login_page,
    login_redirect,
)
from ledger.api.console.source_pages import ConsoleSources
from ledger.api.problem_documents import ProblemError
from ledger.api.problems import EXCEPTION_HANDLERS

logger = structlog.get_logger(__name__)

_HERE: Final = Path(__file__).parent
_SECURITY_HEADERS: Final = {
    # Every script, style, image and request stays on the ledger's own origin.
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
        " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def console_templates() -> TemplateConfig[JinjaTemplateEngine]:
    """The console's page templates: Jinja, HTML escaped.

    A name a template does not know is an error (a failed page, its cause logged), never an
    empty space on the page.
    """
    environment = Environment(
        loader=FileSystemLoader(_HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
    )
    return TemplateConfig(instance=JinjaTemplateEngine.from_environment(environment))


def _error_page(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """A readable page for what went wrong; never a stack trace."""
    if isinstance(exc, ProblemError):
        status, title, detail = exc.status, exc.title, str(exc)
    elif isinstance(exc, HTTPException):
        status, detail = exc.status_code, exc.detail
        title = "Not found" if status == HTTP_404_NOT_FOUND else "The request was refused"
    elif isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        status, title = HTTP_503_SERVICE_UNAVAILABLE, "The database does not answer"
        detail = "Nothing is lost; try again in a few seconds."
    else:
        logger.error("console page failed", path=request.url.path, exc_info=exc)
        status, title = HTTP_500_INTERNAL_SERVER_ERROR, "The ledger failed"
        detail = "The page could not be made; the failure is logged."
    return Template(
        template_name="error.html",
        context={"status": status, "title": title, "detail": detail, "frame": None},
        status_code=status,
        headers=_SECURITY_HEADERS,
    )


def console_router() -> Router:
    """Everything under /console."""
    pages = Router(
        path="/",
        route_handlers=[ConsolePages, ConsoleFigures, ConsoleEquipment, ConsoleSources, live],
        guards=[console_guard],
        response_headers=_SECURITY_HEADERS,
    )
    files = create_static_files_router(
        path=f"{CONSOLE_PATH}/static",
        directories=[_HERE / "static"],
        include_in_schema=False,
        name="console-static",
    )
    return Router(
        path="/",
        route_handlers=[pages, login_page, log_in, log_out, files],
        # Every error the API answers with a problem document, the console with a page.
        exception_handlers={
            **dict.fromkeys(EXCEPTION_HANDLERS, _error_page),
            LoginRequiredError: login_redirect,
        },
        response_headers=_SECURITY_HEADERS,
        include_in_schema=False,
    )
