"""The Litestar application: all wiring in one place."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any, Final

from litestar import Litestar, Request, Router
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Components, SecurityScheme

from ledger.api.admin_keys import ApiKeyController
from ledger.api.admin_projections import ProjectionController
from ledger.api.api_docs import api_docs_assets, api_docs_page
from ledger.api.audit import LedgerController
from ledger.api.auth import access_guard
from ledger.api.console import console_router, console_templates
from ledger.api.contract import declare_problems, operation_id
from ledger.api.document_headers import complete_document
from ledger.api.documents import IncidentDocuments
from ledger.api.events import export_log, read_log
from ledger.api.figures import FigureController
from ledger.api.health import health, metrics, ready
from ledger.api.incidents import IncidentController
from ledger.api.input_guard import InputGuard, refuse_unparseable_bodies
from ledger.api.links import LinkController
from ledger.api.metrics import LedgerMetrics
from ledger.api.operation_examples import add_examples, recorded_examples
from ledger.api.problems import EXCEPTION_HANDLERS
from ledger.api.query_parameters import learn_query_parameters, refuse_unknown_query_parameters
from ledger.api.request_logging import RequestLogging
from ledger.api.situations import SituationController
from ledger.api.sources import SourceController
from ledger.api.stream import stream_events
from ledger.api.traffic import compression, cross_origin, rate_limits
from ledger.api.transparency import TransparencyController
from ledger.application.access import ApiKeyStore
from ledger.application.evidence import Evidencer
from ledger.application.health import HealthCheck
from ledger.application.incident_states import IncidentStates
from ledger.application.queries import Queries
from ledger.application.reporting import Reporting
from ledger.application.vitals import ReadinessLimits, VitalSigns
from ledger.config import Settings
from ledger.projections.inline import InlineProjection
from ledger.projections.read_models import ProjectionReads
from ledger.projections.workers import ProjectionWorkers, default_projections
from ledger.store import EventStore, open_pool
from ledger.store.chain import Chain
from ledger.store.circuit import DatabaseCircuit
from ledger.store.long_transactions import LongTransactionWatch
from ledger.store.signing import KeyFile
from ledger.store.transparency import Transparency


def _from_state(name: str) -> Provide:
    """A dependency that is the object the lifespan kept on the app's state as ``name``."""

    def provide(state: State) -> object:
        return getattr(state, name)

    return Provide(provide, sync_to_thread=False)


_SERVICES: Final = (
    "reporting",
    "queries",
    "api_keys",
    "chain",
    "transparency",
    "evidencer",
    "health_check",
    "projections",
    "incident_documents",
    "vital_signs",
    "ledger_metrics",
)
"""What handlers are given by name: the application's services, built once per process."""


async def _check_request(request: Request[Any, Any, Any]) -> None:
    """What every request must pass before its handler: known query parameters, a usable body."""
    refuse_unknown_query_parameters(request)
    await refuse_unparseable_bodies(request)


def create_app(
    settings: Settings, database_url: str, event_schema_versions: Mapping[str, int]
) -> Litestar:
    """Build the service for an already migrated database at ``database_url``."""
    ledger_metrics = LedgerMetrics()

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        pool = await open_pool(
            database_url,
            schema=settings.database_schema,
            min_size=settings.pool_min_size,
            max_size=settings.pool_max_size,
            wait_seconds=settings.pool_timeout_seconds,
        )
        store = EventStore(pool, event_schema_versions, max_event_bytes=settings.max_event_bytes)
        app.state.circuit = circuit = DatabaseCircuit(pool)
        long_transactions = LongTransactionWatch(pool)
        long_transactions.start()
        listener = store.listener()
        await listener.start()
        projections = default_projections(store)
        by_name = {p.name: p for p in projections}
        chain = Chain(pool, KeyFile(settings.signing_key_path), settings.checkpoint_seconds)
        workers = ProjectionWorkers(store, projections, listener, chain)
        inline = [
            InlineProjection(p) for p in projections if p.name in settings.inline_projection_names
        ]
        incident_states = IncidentStates(store)
        app.state.reporting = Reporting(store, inline, incident_states, [ledger_metrics])
        app.state.queries = Queries(
            store,
            ProjectionReads(pool, by_name["incidents"], by_name["facts"]),
            incident_states,
            listener,
            patience=settings.min_position_wait_seconds,
        )
        app.state.api_keys = ApiKeyStore(pool, cache_seconds=settings.api_key_cache_seconds)
        app.state.chain = chain
        app.state.transparency = transparency = Transparency(pool)
        app.state.evidencer = Evidencer(app.state.queries.read_models, transparency)
        app.state.health_check = HealthCheck(pool, long_transactions, chain, circuit)
        app.state.projections = workers
        app.state.vital_signs = VitalSigns(
            pool,
            workers,
            chain,
            ReadinessLimits(
                projection_lag_seconds=settings.ready_projection_lag_seconds,
                sealer_lag_seconds=settings.ready_sealer_lag_seconds,
                held_back_seconds=settings.ready_held_back_seconds,
            ),
        )
        app.state.incident_documents = IncidentDocuments(app.state.queries)
        app.state.anonymous_reads = settings.anonymous_reads
        app.state.heartbeat_seconds = settings.stream_heartbeat_seconds
        try:
            if settings.projection_workers:
                await workers.start()
            else:
                await workers.prepare()
            yield
        finally:
            await workers.stop()
            await circuit.close()
            await long_transactions.stop()
            await store.flush_notifications()
            await listener.stop()
            await pool.close()

    v1 = Router(
        path="/",
        guards=[access_guard],
        route_handlers=[
            SourceController,
            LinkController,
            SituationController,
            IncidentController,
            FigureController,
            read_log,
            export_log,
            stream_events,
            ApiKeyController,
            ProjectionController,
            LedgerController,
            TransparencyController,
        ],
        security=[{"apiKey": []}, {"bearer": []}],
    )
    app = Litestar(
        route_handlers=[health, ready, metrics, v1, api_docs_assets(), console_router()],
        template_config=console_templates(),
        lifespan=[lifespan],
        before_request=_check_request,
        middleware=rate_limits(settings),
        cors_config=cross_origin(settings),
        compression_config=compression(settings),
        dependencies={name: _from_state(name) for name in _SERVICES},
        exception_handlers=EXCEPTION_HANDLERS,  # type: ignore[arg-type]
        openapi_config=OpenAPIConfig(
            title="Incident Ledger",
            version="1",
            description=(
                "An immutable, auditable record of armed-conflict reports. Errors are RFC 9457"
                " problem documents with a stable `type`. Every POST takes an Idempotency-Key."
            ),
            path="/docs",
            use_handler_docstrings=True,
            operation_id_creator=operation_id,
            render_plugins=[api_docs_page()],
            components=Components(
                security_schemes={
                    "apiKey": SecurityScheme(
                        type="apiKey", name="X-API-Key", security_scheme_in="header"
                    ),
                    "bearer": SecurityScheme(
                        type="http",
                        scheme="bearer",
                        description="The same API key as a bearer token.",
                    ),
                }
            ),
        ),
        # A report's events are bounded by max_event_bytes; the body around them is similar.
        request_max_body_size=settings.max_event_bytes,
        logging_config=None,  # ledger.logging configures every logger
        debug=False,
    )
    learn_query_parameters(app)
    declare_problems(app)
    complete_document(app)
    add_examples(app.openapi_schema, recorded_examples())
    # Outside routing and error handling, so every request is logged with its final status.
    app.state.ledger_metrics = ledger_metrics
    app.asgi_handler = RequestLogging(
        InputGuard(app.asgi_handler), observe=ledger_metrics.observe_request
    )
    return app
