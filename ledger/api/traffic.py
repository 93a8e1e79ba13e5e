"""How the service shares itself: rate limits, cross-origin access, compressed responses.

Rate limits count requests per minute in each process: per API key (the key itself, hashed,
so no principal lookup runs before the limit), and, where anonymous reads are allowed, per
client address for requests without a key. Over the limit, a 429 problem with
``Retry-After``. Each limit, and compression, is a middleware every request passes through:
one that is off is not installed. Browsers on the origins listed
may call the API; large responses are compressed for clients that accept gzip, the event
stream never (each event must reach its reader at once).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any, Final

from litestar.config.compression import CompressionConfig
from litestar.config.cors import CORSConfig
from litestar.middleware.rate_limit import RateLimitConfig, get_remote_address

from ledger.api.auth import presented_key

if TYPE_CHECKING:
    from litestar import Request
    from litestar.middleware import DefineMiddleware

    from ledger.config import Settings

_NEVER_COMPRESSED: Final = ["/v1/events/stream"]
_NEVER_LIMITED: Final = ["^/health$", "^/ready$", "^/metrics$"]
"""Probes and scrapers, which send no key and must always get through."""
_REQUEST_HEADERS: Final = [
    "X-API-Key",
    "Authorization",
    "Content-Type",
    "Idempotency-Key",
    "If-Match",
    "Ledger-Min-Position",
    "Last-Event-ID",
    "X-Request-ID",
]
_RESPONSE_HEADERS: Final = [
    "ETag",
    "Location",
    "Ledger-Position",
    "Idempotent-Replayed",
    "Retry-After",
    "X-Request-ID",
    "RateLimit-Policy",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
]


def _key_identity(request: Request[Any, Any, Any]) -> str:
    key = presented_key(request) or ""
    return hashlib.sha256(key.encode()).hexdigest()


async def _with_key(request: Request[Any, Any, Any]) -> bool:
    return presented_key(request) is not None


async def _without_key(request: Request[Any, Any, Any]) -> bool:
    return presented_key(request) is None


def rate_limits(settings: Settings) -> list[DefineMiddleware]:
    """The rate-limit middleware the settings ask for (a limit of 0 is none)."""
    limits = []
    if settings.rate_limit_per_key > 0:
        limits.append(
            RateLimitConfig(
                rate_limit=("minute", settings.rate_limit_per_key),
                identifier_for_request=_key_identity,
                check_throttle_handler=_with_key,
                store="rate_limit_per_key",
            )
        )
    # Without anonymous reads a request without a key is refused anyway: nothing to count.
    if settings.anonymous_reads and settings.rate_limit_anonymous > 0:
        limits.append(
            RateLimitConfig(
                rate_limit=("minute", settings.rate_limit_anonymous),
                identifier_for_request=get_remote_address,
                check_throttle_handler=_without_key,
                store="rate_limit_anonymous",
                exclude=_NEVER_LIMITED,
            )
        )
    return [limit.middleware for limit in limits]


def cross_origin(settings: Settings) -> CORSConfig | None:
    """Cross-origin access for the origins the settings list, if any."""
    origins = [origin.strip() for origin in settings.cors_origins.split(",") if origin.strip()]
    if not origins:
        return None
    return CORSConfig(
        allow_origins=origins,
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=_REQUEST_HEADERS,
        expose_headers=_RESPONSE_HEADERS,
        max_age=600,
    )


def compression(settings: Settings) -> CompressionConfig | None:
    """Gzip for responses from the size the settings give, never for the event stream."""
    if settings.compress_from_bytes == 0:
        return None
    return CompressionConfig(
        backend="gzip",
        minimum_size=settings.compress_from_bytes,
        gzip_compress_level=6,
        exclude=_NEVER_COMPRESSED,
    )
