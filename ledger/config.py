"""Settings, read once from the environment."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import msgspec

if TYPE_CHECKING:
    from collections.abc import Mapping

LogFormat = Literal["auto", "json", "console"]

INLINE_CAPABLE_PROJECTIONS = frozenset({"incidents"})
"""Projections that can also be updated in the append's own transaction."""


class SettingsError(ValueError):
    """An environment variable holds a value the ledger cannot use."""


PositiveSeconds = Annotated[float, msgspec.Meta(gt=0)]


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the service reads from its environment.

    ``database_url`` is ``None`` when the embedded PostgreSQL should be used.
    """

    database_url: str | None = None
    database_schema: str = "ledger"
    data_dir: str = ".ledger"
    pool_min_size: int = 2
    pool_max_size: int = 10
    pool_timeout_seconds: float = 5.0
    max_event_bytes: int = 1024 * 1024
    host: str = "127.0.0.1"
    port: int = 8000
    log_format: LogFormat = "auto"
    log_level: str = "info"
    anonymous_reads: bool = False
    api_key_cache_seconds: float = 5.0
    projection_workers: bool = True
    inline_projections: str = ""
    min_position_wait_seconds: float = 5.0
    stream_heartbeat_seconds: float = 15.0
    rate_limit_per_key: Annotated[int, msgspec.Meta(ge=0)] = 0
    rate_limit_anonymous: Annotated[int, msgspec.Meta(ge=0)] = 600
    cors_origins: str = ""
    # Smaller responses go as they are: compressing them costs more time than it saves.
    compress_from_bytes: Annotated[int, msgspec.Meta(ge=0)] = 16 * 1024
    ready_projection_lag_seconds: PositiveSeconds = 30.0
    ready_sealer_lag_seconds: PositiveSeconds = 60.0
    ready_held_back_seconds: PositiveSeconds = 30.0
    signing_key_file: str = ""
    """The log's Ed25519 key; empty means ``<data_dir>/signing-key``, made on first start."""
    checkpoint_seconds: PositiveSeconds = 1.0
    """The sealer signs a checkpoint of the tree's head at most this often."""

    @property
    def signing_key_path(self) -> Path:
        """Where the log's signing key is kept (never in the database)."""
        return Path(self.signing_key_file or Path(self.data_dir) / "signing-key")

    @property
    def inline_projection_names(self) -> frozenset[str]:
        """Projections to update in the append's own transaction as well."""
        return frozenset(n.strip() for n in self.inline_projections.split(",") if n.strip())

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Build settings from ``LEDGER_*`` variables; unset ones keep their defaults."""
        env = os.environ if environ is None else environ
        raw: dict[str, str] = {}
        for field in msgspec.structs.fields(cls):
            value = env.get(f"LEDGER_{field.name.upper()}")
            if value is not None and value != "":
                raw[field.name] = value
        try:
            return msgspec.convert(raw, cls, strict=False)
        except msgspec.ValidationError as exc:
            # msgspec names the field as `$.port`; people set LEDGER_PORT.
            message = re.sub(r"`\$\.(\w+)`", lambda m: f"LEDGER_{m[1].upper()}", str(exc))
            raise SettingsError(f"invalid setting: {message}") from None

    def __post_init__(self) -> None:
        """Reject values that would only fail later and more obscurely."""
        if not self.database_schema.isidentifier():
            raise ValueError("LEDGER_DATABASE_SCHEMA must be a plain SQL identifier")
        if self.max_event_bytes < 1024:  # noqa: PLR2004 - a smaller limit rejects ordinary reports
            raise ValueError("LEDGER_MAX_EVENT_BYTES must be at least 1024")
        if not 0 <= self.min_position_wait_seconds <= 60:  # noqa: PLR2004 - a request's patience
            raise ValueError("LEDGER_MIN_POSITION_WAIT_SECONDS must be within 0..60")
        if not 0 <= self.api_key_cache_seconds <= 300:  # noqa: PLR2004 - revocations must land
            raise ValueError("LEDGER_API_KEY_CACHE_SECONDS must be within 0..300")
        if not 0.1 <= self.stream_heartbeat_seconds <= 300:  # noqa: PLR2004 - proxies time out
            raise ValueError("LEDGER_STREAM_HEARTBEAT_SECONDS must be within 0.1..300")
        if not self.inline_projection_names <= INLINE_CAPABLE_PROJECTIONS:
            raise ValueError(
                "LEDGER_INLINE_PROJECTIONS may name only "
                f"{', '.join(sorted(INLINE_CAPABLE_PROJECTIONS))}, not {self.inline_projections!r}"
            )
        if not 0.1 <= self.pool_timeout_seconds <= 60:  # noqa: PLR2004 - a request's patience
            raise ValueError("LEDGER_POOL_TIMEOUT_SECONDS must be within 0.1..60")
        if not 1 <= self.pool_min_size <= self.pool_max_size:
            raise ValueError(
                "LEDGER_POOL_MIN_SIZE and LEDGER_POOL_MAX_SIZE must satisfy 1 <= min <= max"
            )
