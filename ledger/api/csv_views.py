"""Views as CSV: one row per item, nested fields flattened to dotted columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Annotated, Any, Literal, TypeVar, cast

import msgspec
from litestar import Response
from litestar.params import QueryParameter

from ledger.api.positions import POSITION_HEADER, positioned
from ledger.application.views import Positioned

ViewFormat = Literal["json", "csv"]
FormatParameter = Annotated[
    ViewFormat,
    QueryParameter(
        name="format",
        description="`csv` for a spreadsheet: one row per item, nested fields as dotted columns.",
    ),
]
T = TypeVar("T")


def _flatten(value: Any, prefix: str, into: dict[str, str]) -> None:  # noqa: ANN401 - JSON-like
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{prefix}.{key}" if prefix else key, into)
    elif isinstance(value, list | tuple):
        into[prefix] = ";".join(str(item) for item in value)
    else:
        into[prefix] = "" if value is None else str(value)


def csv_text(rows: Sequence[msgspec.Struct]) -> str:
    """The rows as CSV with a header; an estimate ``stated`` becomes ``stated.low`` etc."""
    flat: list[dict[str, str]] = []
    for row in rows:
        fields: dict[str, str] = {}
        _flatten(msgspec.to_builtins(row), "", fields)
        flat.append(fields)
    columns = list(dict.fromkeys(key for fields in flat for key in fields))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(flat)
    return out.getvalue()


def in_format(
    view: Positioned[T], rows: Sequence[msgspec.Struct], name: str, view_format: ViewFormat
) -> Response[T]:
    """The view as JSON, or its rows as a CSV download; both carry ``Ledger-Position``.

    The CSV response is typed as the JSON one so that one route serves both formats in the
    OpenAPI document; Litestar sends the text as it is.
    """
    if view_format == "json":
        return positioned(view)
    response = Response(
        csv_text(rows),
        media_type="text/csv; charset=utf-8",
        headers={
            POSITION_HEADER: view.position.encode(),
            "Content-Disposition": f'attachment; filename="{name}.csv"',
        },
    )
    return cast("Response[T]", response)
