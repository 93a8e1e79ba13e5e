"""What Litestar cannot infer for the OpenAPI document: headers, media types, discriminators.

The service reads ``Idempotency-Key``, ``If-Match``, ``Ledger-Min-Position`` and
``Last-Event-ID`` from requests itself and answers with ``Location``, ``ETag``,
``Ledger-Position``, ``Idempotent-Replayed`` and ``Retry-After``; it streams
``text/event-stream`` and serves ``text/csv`` beside JSON. This module adds each to the
generated document, once, when the app is built; ``tests/api/test_openapi_contract.py``
checks the document against what the service sends.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from litestar.openapi.spec import (
    Discriminator,
    OpenAPIHeader,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Parameter,
    Reference,
    Schema,
)

from ledger.api.body_schemas import complete_bodies
from ledger.api.contract import PROBLEM_OPT, READS_AT_A_POSITION
from ledger.api.input_guard import USABLE_TEXT_PATTERN
from ledger.api.parsed_parameters import CURSOR, text_matching
from ledger.api.route_table import routed_operations
from ledger.api.writes import IDEMPOTENCY_KEY_PATTERN, IF_MATCH_PATTERN, MAX_IDEMPOTENCY_KEY_LENGTH

if TYPE_CHECKING:
    from litestar import Litestar
    from litestar.handlers import HTTPRouteHandler

_TEXT: Final = Schema(type=OpenAPIType.STRING)
_IDEMPOTENCY_KEY: Final = Parameter(
    name="Idempotency-Key",
    param_in="header",
    schema=text_matching(IDEMPOTENCY_KEY_PATTERN),
    description=f"A key of your choosing (1-{MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII"
    " characters): the same request sent again with it is written once and answered with the"
    " first receipt.",
)
_IF_MATCH: Final = Parameter(
    name="If-Match",
    param_in="header",
    schema=text_matching(IF_MATCH_PATTERN),
    description="The ETag of the version your write was decided on: 412 if the stream moved.",
)
_MIN_POSITION: Final = Parameter(
    name="Ledger-Min-Position",
    param_in="header",
    schema=CURSOR,
    description="A receipt's `cursor`: wait until the read shows that write (503"
    " `position-not-reached` after a few seconds).",
)
_LAST_EVENT_ID: Final = Parameter(
    name="Last-Event-ID",
    param_in="header",
    schema=CURSOR,
    description="The id of the last event received: the stream resumes after it.",
)
_WRITTEN: Final = {
    "Location": "Where the written resource is read.",
    "ETag": "The stream's version after the write, for If-Match.",
    "Idempotent-Replayed": "`true` when this answers a repeat of an earlier request.",
}
_POSITIONED: Final = {"Ledger-Position": "The log position the response reflects."}
_RETRY: Final = {"Retry-After": "Seconds to wait before trying again."}
_PATH_TYPES: Final = re.compile(r":[a-z]+}")
_SSE_EVENT: Final = Schema(
    type=OpenAPIType.OBJECT,
    description="One server-sent event: a log event (its type as `event`, its cursor as"
    " `id`, the event as JSON in `data`), or a heartbeat comment, which carries none.",
    properties={
        "id": _TEXT,
        "event": _TEXT,
        "data": Schema(
            type=OpenAPIType.STRING,
            content_media_type="application/json",
            content_schema=Reference(ref="#/components/schemas/EventView"),
        ),
        "retry": Schema(type=OpenAPIType.INTEGER),
    },
)


def complete_document(app: Litestar) -> None:
    """Add headers, media types and discriminators to ``app``'s OpenAPI document."""
    document = app.openapi_schema
    handlers = _handlers_by_operation(app)
    for path, item in (document.paths or {}).items():
        for method in ("get", "post"):
            operation: Operation | None = getattr(item, method)
            handler = handlers.get((path, method.upper()))
            if operation is None or handler is None:
                continue
            _complete(operation, handler, path)
            body = operation.request_body
            if body is not None and not isinstance(body, Reference):
                for media in body.content.values():
                    if isinstance(media.schema, Schema):
                        _discriminate(media.schema, document.components.schemas or {})
    for schema in (document.components.schemas or {}).values():
        _discriminate(schema, document.components.schemas or {})
    complete_bodies(handlers.values(), document.components.schemas or {})


def _handlers_by_operation(app: Litestar) -> dict[tuple[str, str], HTTPRouteHandler]:
    return {
        (_PATH_TYPES.sub("}", operation.route.path), operation.method): operation.handler
        for operation in routed_operations(app)
    }


def _complete(operation: Operation, handler: HTTPRouteHandler, path: str) -> None:
    responses = operation.responses or {}
    success = next((r for s, r in responses.items() if s.startswith("2")), None)
    parameters = list(operation.parameters or [])
    if "POST" in handler.http_methods:
        parameters += [_IDEMPOTENCY_KEY, _IF_MATCH]
        _add_headers(success, _WRITTEN)
    if set(READS_AT_A_POSITION[503]) <= set(handler.opt.get(PROBLEM_OPT, {}).get(503, ())):
        parameters.append(_MIN_POSITION)
        _add_headers(success, _POSITIONED)
    if path == "/v1/events/stream":
        parameters.append(_LAST_EVENT_ID)
        if isinstance(success, OpenAPIResponse):
            success.content = {"text/event-stream": OpenAPIMediaType(schema=_SSE_EVENT)}
    if any(isinstance(p, Parameter) and p.name == "format" for p in parameters):
        _with_media_type(success, "text/csv", _TEXT)
    for parameter in parameters:
        if isinstance(parameter, Parameter) and parameter.param_in == "query":
            _refuse_nul(parameter.schema)
    operation.parameters = parameters
    for status, response in responses.items():
        if status in {"429", "503"}:
            _add_headers(response, _RETRY)


def _refuse_nul(schema: Schema | Reference | None) -> None:
    """Free text in a query says it holds no NUL, which ``InputGuard`` refuses (400)."""
    if not isinstance(schema, Schema):
        return
    for member in [*(schema.one_of or []), schema.items]:
        _refuse_nul(member)
    free = schema.pattern is None and schema.format is None and schema.enum is None
    if schema.type == OpenAPIType.STRING and free:
        schema.pattern = USABLE_TEXT_PATTERN


def _add_headers(response: OpenAPIResponse | Reference | None, headers: dict[str, str]) -> None:
    if not isinstance(response, OpenAPIResponse):
        return
    response.headers = {
        **(response.headers or {}),
        **{name: OpenAPIHeader(schema=_TEXT, description=text) for name, text in headers.items()},
    }


def _with_media_type(
    response: OpenAPIResponse | Reference | None, media_type: str, schema: Schema
) -> None:
    if isinstance(response, OpenAPIResponse):
        response.content = {**(response.content or {}), media_type: OpenAPIMediaType(schema=schema)}


def _discriminate(schema: Schema, schemas: dict[str, Schema]) -> None:
    """Each union of tagged events in ``schema`` names its tag, ``type``, and each schema."""
    for union in _unions(schema):
        mapping = {}
        for member in union.one_of or []:
            if not isinstance(member, Reference):
                continue
            target = schemas.get(member.ref.rsplit("/", 1)[-1])
            tag = (target.properties or {}).get("type") if target else None
            if isinstance(tag, Schema) and tag.const is not None:
                mapping[str(tag.const)] = member.ref
        if mapping and len(mapping) == len(union.one_of or []):
            union.discriminator = Discriminator(property_name="type", mapping=mapping)


def _unions(schema: Schema) -> list[Schema]:
    found = [schema] if schema.one_of else []
    for value in (schema.properties or {}).values():
        if isinstance(value, Schema):
            found += _unions(value)
    if isinstance(schema.items, Schema):
        found += _unions(schema.items)
    return found
