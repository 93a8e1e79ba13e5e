"""What a console page of figures shows of their evidence: each row's events, proven.

A figure may rest on a thousand events: their table rows are written here, each value
escaped, rather than by the template, which took a third of the page's time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar
from urllib.parse import quote

from litestar import Response
from markupsafe import Markup, escape

from ledger.api.console.session import CONSOLE_PATH
from ledger.application.evidence import Evidence, ProvenEvent, RowEvidence
from ledger.application.views import EquipmentView, LossesView


class ProvenRows:
    """The table rows of each evidence row's events, linked at the page's moment."""

    def __init__(self, evidence: Evidence, moment_query: str) -> None:
        self._events: Mapping[int, ProvenEvent] = {
            proven.event.position: proven for proven in evidence.events
        }
        self._moment = escape(moment_query)

    def __call__(self, row: RowEvidence) -> Markup:
        """One row of the table per event ``row`` rests on, in log order."""
        counted = frozenset(row.claim_ids)
        drawn = []
        for position in row.positions:
            proven = self._events[position]
            event, data = proven.event, proven.event.data
            claim = (
                ' <span class="muted">(a claim counted)</span>'
                if (str(event.event_id) in counted)
                else ""
            )
            incident = data.get("incident_id")
            linked = (
                f'<a href="{CONSOLE_PATH}/incidents/{escape(quote(incident, safe=""))}'
                f'{self._moment}">{escape(incident)}</a>'
                if isinstance(incident, str)
                else ""
            )
            attribution = data.get("attribution")
            said = attribution if isinstance(attribution, dict) else {}
            drawn.append(
                f"<tr><td>{position}</td><td>{escape(event.type)}{claim}</td>"
                f"<td>{linked}</td><td>{escape(said.get('source_id', ''))}</td>"
                f"<td>{escape(said.get('reported_at', ''))}</td>"
                f"<td>leaf {proven.leaf_index}, {len(proven.hashes)} hashes</td></tr>"
            )
        return Markup("".join(drawn))  # noqa: S704 - each value escaped above


def shown_evidence(evidence: Evidence, moment_query: str) -> dict[str, object]:
    """What a page of figures with their evidence shows of it (``proven_events.html``)."""
    return {"evidence": evidence, "proven_rows": ProvenRows(evidence, moment_query)}


_Proven = TypeVar("_Proven", LossesView, EquipmentView)


def evidence_file(view: _Proven, figures: str) -> Response[_Proven]:
    """``view`` and its evidence as a file: ``python verifier.py evidence`` checks it."""
    name = f"{figures}-evidence-{view.evidence.tree_size if view.evidence else 0}.json"
    return Response(view, headers={"Content-Disposition": f'attachment; filename="{name}"'})
