"""The analyst's console: read-only pages served by ``ledger serve``, rendered on the server.

Every page, style and script is in the package (no CDN, no build step), so the console
works offline; a Content-Security-Policy keeps every request on the ledger's own origin.
"""

from ledger.api.console.routes import console_router, console_templates

__all__ = ["console_router", "console_templates"]
