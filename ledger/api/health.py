"""Liveness, readiness and metrics: what operators and their probes ask the service."""

from __future__ import annotations

from litestar import Response, get
from litestar.di import NamedDependency
from litestar.status_codes import HTTP_503_SERVICE_UNAVAILABLE

from ledger.api.contract import PROBLEM_OPT
from ledger.api.metrics import LedgerMetrics
from ledger.api.problem_documents import FieldError, ProblemError
from ledger.application.health import Health, HealthCheck
from ledger.application.vitals import Readiness, VitalSigns

_RETRY_SECONDS = 5
# Prometheus' text format; Litestar adds the charset of every text/* type itself.
_EXPOSITION_TYPE = "text/plain; version=0.0.4"


@get("/health", summary="Service and database health", tags=["operations"])
async def health(health_check: NamedDependency[HealthCheck]) -> Health:
    """Answer 200 when the database answers a query, 503 problem+json otherwise."""
    return await health_check.check()


@get(
    "/ready",
    summary="Whether the service should take traffic",
    tags=["operations"],
    opt={PROBLEM_OPT: {503: ("not-ready",)}},
)
async def ready(vital_signs: NamedDependency[VitalSigns]) -> Readiness:
    """200 with the figures, or 503 problem+json naming each limit passed.

    Not ready while a projection or the sealer is further behind the log than its limit,
    or a transaction has held every reader back longer than its limit (``LEDGER_READY_*``).
    """
    readiness = await vital_signs.readiness()
    if not readiness.ready:
        raise ProblemError(
            HTTP_503_SERVICE_UNAVAILABLE,
            "not-ready",
            "The service is further behind than its limits allow",
            "; ".join(readiness.reasons),
            errors=[FieldError(message=reason) for reason in readiness.reasons],
            retry_after_seconds=_RETRY_SECONDS,
        )
    return readiness


@get("/metrics", summary="Prometheus metrics", tags=["operations"], media_type=_EXPOSITION_TYPE)
async def metrics(
    vital_signs: NamedDependency[VitalSigns], ledger_metrics: NamedDependency[LedgerMetrics]
) -> Response[bytes]:
    """Prometheus' text format: requests, appends, lags, what holds readers back, the pool.

    The lags are measured at each scrape.
    """
    exposition = ledger_metrics.exposition(await vital_signs.readiness())
    return Response(exposition, media_type=_EXPOSITION_TYPE)
