"""An example request and answer for every operation of the OpenAPI document.

Each is an exchange recorded from the Idlib scenario walked through the whole API
(``tests/api/walk_every_operation.py``), kept in ``operation_examples.json`` beside this
module and added to the document when the app is built. ``tests/api/test_operation_examples.py``
checks that each fits its schema and that the walk still reaches every operation.
"""

from __future__ import annotations

import dataclasses
from importlib.resources import files
from typing import TYPE_CHECKING, Any, Final

import msgspec
from litestar.openapi.spec import OpenAPIResponse, Parameter, RequestBody
from litestar.openapi.spec.base import BaseSchemaObject

if TYPE_CHECKING:
    from litestar.openapi.spec import OpenAPI, Operation

EXAMPLES_FILE: Final = "operation_examples.json"
_METHODS: Final = ("get", "post", "delete")


class OperationExample(msgspec.Struct, frozen=True, kw_only=True):
    """What one operation was sent (parameters, body) and answered, by media type."""

    parameters: dict[str, Any] = {}
    request: Any = None
    status: str
    responses: dict[str, Any] = {}


@dataclasses.dataclass
class _Verbatim(BaseSchemaObject):
    """A value the document renders as it is, nulls and all.

    Litestar leaves out every null of a mapping; an example's nulls are values (a key not
    revoked has ``revoked_at: null``).
    """

    value: Any

    def to_schema(self) -> Any:  # noqa: ANN401 - any JSON
        """The value itself."""
        return self.value


def recorded_examples() -> dict[str, OperationExample]:
    """The examples shipped with the package, by operation (``"GET /v1/incidents"``)."""
    text = files("ledger.api").joinpath(EXAMPLES_FILE).read_bytes()
    return msgspec.json.decode(text, type=dict[str, OperationExample])


def add_examples(document: OpenAPI, examples: dict[str, OperationExample]) -> None:
    """Put each operation's example in ``document``: parameters, request body, answers."""
    for path, item in (document.paths or {}).items():
        for method in _METHODS:
            operation: Operation | None = getattr(item, method)
            example = examples.get(f"{method.upper()} {path}")
            if operation is not None and example is not None:
                _add(operation, example)


def _add(operation: Operation, example: OperationExample) -> None:
    # Parameters may be shared by operations (the header parameters are): each gets a copy.
    operation.parameters = [
        dataclasses.replace(parameter, example=_verbatim(example.parameters.get(parameter.name)))
        if isinstance(parameter, Parameter)
        else parameter
        for parameter in operation.parameters or []
    ]
    body = operation.request_body
    if isinstance(body, RequestBody):
        for media in body.content.values():
            media.example = _verbatim(example.request)
    answer = (operation.responses or {}).get(example.status)
    if isinstance(answer, OpenAPIResponse):
        for media_type, media in (answer.content or {}).items():
            media.example = _verbatim(example.responses.get(media_type.split(";")[0]))


def _verbatim(value: Any) -> _Verbatim | None:  # noqa: ANN401 - any JSON
    return None if value is None else _Verbatim(value)
