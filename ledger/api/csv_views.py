"""Views as CSV: one row per item, nested fields flattened to dotted columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Annotated, Any, Literal, TypeVar

import msgspec
from litestar import Response
from litestar.params import QueryParameter

from ledger.api.positions import POSITION_HEADER, positioned
from ledger.application.views import Positioned
from ledger.domain.incident_state import IncidentState
from ledger.domain.values import Location, OccurredTime

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
    return csv_download(rows, name, {POSITION_HEADER: view.position.encode()})


def csv_download(
    rows: Sequence[msgspec.Struct], name: str, headers: dict[str, str] | None = None
) -> Response[Any]:
    """``rows`` as a CSV attachment named ``name``.csv."""
    return Response(
        csv_text(rows),
        # Litestar adds the charset of every text/* type itself.
        media_type="text/csv",
        headers={**(headers or {}), "Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


class IncidentRow(msgspec.Struct, frozen=True, kw_only=True):
    """An incident as one CSV row: its own fields, its claims and disagreements counted."""

    incident_id: str
    version: int
    status: str
    title: str
    category: str
    occurred: OccurredTime
    location: Location
    parties: tuple[str, ...]
    contested: bool
    merged_into: str | None
    claims: int
    disagreements: int
    reported_by: str


def incident_row(state: IncidentState) -> IncidentRow:
    """The CSV row of one incident."""
    return IncidentRow(
        incident_id=state.incident_id,
        version=state.version,
        status=state.status,
        title=state.title,
        category=state.category.value,
        occurred=state.occurred,
        location=state.location,
        parties=state.parties,
        contested=state.contested,
        merged_into=state.merged_into,
        claims=len(state.claims),
        disagreements=len(state.disagreements),
        reported_by=state.reported_by.source_id,
    )
