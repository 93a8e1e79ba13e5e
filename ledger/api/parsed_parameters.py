"""Query parameters a handler parses itself, each described exactly in the OpenAPI document.

A cursor, an instant or a digest arrives as text and is read by the handler, which refuses
a malformed one with a problem type of its own. The document states the same shape (a
pattern, a format, or one of several), so a client, or a fuzzer, knows what is accepted.
"""

from __future__ import annotations

from typing import Final

from litestar.openapi.spec import OpenAPIFormat, OpenAPIType, Schema
from litestar.params import QueryParameter

from ledger.application.log import CURSOR_PATTERN


def text_matching(pattern: str) -> Schema:
    """Text of ``pattern``, the one its parser checks."""
    return Schema(type=OpenAPIType.STRING, pattern=pattern)


INSTANT: Final = Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.DATE_TIME)
"""An RFC 3339 instant with its offset."""
CURSOR: Final = text_matching(CURSOR_PATTERN)
"""A cursor of the global log, as the API hands them out."""


def parsed_text(description: str, *shapes: Schema) -> QueryParameter:
    """A text query parameter of one of ``shapes``, which its handler reads itself."""
    if len(shapes) > 1:
        return QueryParameter(description=description, schema_extra={"one_of": list(shapes)})
    (shape,) = shapes
    exact = {"one_of": None, "type": shape.type, "pattern": shape.pattern, "format": shape.format}
    return QueryParameter(description=description, schema_extra=exact)
