"""The API's documentation page, rendered from files shipped in the package.

Swagger UI, vendored under ``static/swagger-ui`` (its README says from where and how to
update it): ``/docs`` works offline and runs no third-party script on the page where API
keys are pasted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from litestar import Router
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.static_files import create_static_files_router

SWAGGER_UI_VERSION: Final = "5.35.0"
_FILES: Final = Path(__file__).parent / "static" / "swagger-ui"
_ASSETS: Final = "/docs/assets"


def api_docs_page() -> SwaggerRenderPlugin:
    """The page at ``/docs``, its scripts, style and icon from ``api_docs_assets``."""
    return SwaggerRenderPlugin(
        version=SWAGGER_UI_VERSION,
        js_url=f"{_ASSETS}/swagger-ui-bundle.js",
        css_url=f"{_ASSETS}/swagger-ui.css",
        standalone_preset_js_url=f"{_ASSETS}/swagger-ui-standalone-preset.js",
        favicon=f"<link rel='icon' type='image/png' href='{_ASSETS}/favicon-32x32.png'>",
        path="/",
    )


def api_docs_assets() -> Router:
    """The vendored files, served as they are."""
    return create_static_files_router(
        path=_ASSETS, directories=[_FILES], include_in_schema=False, name="api-docs-assets"
    )
