"""Counting each incident's losses in the facts tables: what is read, what is written."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from typing import Any, Final, NamedTuple

import psycopg

from ledger.domain.events import CasualtiesReported
from ledger.domain.figures import CasualtyClaim, counted_where, loss_figures
from ledger.domain.records import EventRecord
from ledger.projections.facts.casualties import casualty_claim, counted_report
from ledger.projections.facts.casualty_links import (
    NO_LINKS,
    CasualtyLinks,
    casualty_links,
    casualty_links_statement,
)
from ledger.projections.facts.rows import LOSS_TYPES
from ledger.projections.facts.versions import CountedVersions
from ledger.projections.statements import over_tables
from ledger.projections.temporal import made_at
from ledger.recent import Recent
from ledger.store import GlobalCursor

_REMEMBERED_CLAIMS: Final = 20_000


class LossReader:
    """Reads what counting losses needs, keeping the claims it built."""

    def __init__(self) -> None:
        # A claim version never changes, only its source's grade may: live batches that
        # count an incident's losses again read its claims again, and decoding and building
        # them was most of that. Keyed by claim, version and grade.
        self._claims: Recent[tuple[str, int, int, str | None], CasualtyClaim] = Recent(
            _REMEMBERED_CLAIMS
        )

    async def read(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        touched: Sequence[tuple[GlobalCursor, set[str]]],
        unwritten: Sequence[Unwritten] = (),
        remembered: Recent[str, RootClaims] | None = None,
    ) -> LossInputs:
        """What counting the losses of ``touched``'s roots needs, read in one round trip.

        ``touched`` lists, in log order, the end of each transaction and the roots it
        changed. ``unwritten`` holds casualty claims folded but not yet in the claims table,
        in log order and after every claim that is: they count as if read from it. The
        claims of roots ``remembered`` are taken from there, not read. Roots that links of
        casualty claims join to those take a second round trip, only when there are some.
        """
        roots: set[str] = set().union(*(dirty for _, dirty in touched))
        if not roots:
            return LossInputs(
                claims={}, counted={}, standing={}, stored=frozenset(), links=NO_LINKS
            )
        # Sent first, read last: in pipeline mode, reading it first would wait for every
        # statement before it.
        links = connection.cursor()
        await links.execute(casualty_links_statement(tables, None))
        inputs = await self._read_roots(connection, tables, sorted(roots), unwritten, remembered)
        joined = casualty_links(await links.fetchall())
        more = sorted(joined.joined_to(roots) - roots)
        if not more:
            return inputs._replace(links=joined)
        extra = await self._read_roots(connection, tables, more, (), remembered)
        return LossInputs(
            claims=inputs.claims | extra.claims,
            counted=inputs.counted | extra.counted,
            standing=inputs.standing | extra.standing,
            stored=inputs.stored | extra.stored,
            links=joined,
        )

    async def _read_roots(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        roots: list[str],
        unwritten: Sequence[Unwritten],
        remembered: Recent[str, RootClaims] | None,
    ) -> LossInputs:
        """``read`` for ``roots`` alone, whatever links join them to."""
        known = {
            root: kept
            for root in roots
            if remembered is not None and (kept := remembered.get(root)) is not None
        }
        unread = [root for root in roots if root not in known]
        # Every query is sent before any answer is read: in pipeline mode, one round trip.
        claims = connection.cursor() if unread else None
        if claims is not None:
            await claims.execute(
                over_tables(
                    """
                    SELECT i.root_id, c.from_tx, c.from_pos, c.claim_id, c.source_id, s.grade,
                           c.credibility, c.reported_at, c.position, c.document::text
                    FROM {claims} c
                    JOIN {incidents} i ON i.incident_id = c.incident_id AND i.to_pos IS NULL
                    LEFT JOIN {sources} s ON s.source_id = c.origin_id AND s.to_pos IS NULL
                    WHERE i.root_id = ANY(%s) AND c.type = 'casualties.reported'
                      AND c.to_pos IS NULL
                    ORDER BY c.from_tx, c.from_pos
                    """,
                    tables,
                ),
                (unread,),
            )
        counted = connection.cursor()
        await counted.execute(
            over_tables(
                "SELECT incident_id, occurred_start, admin1, local_day FROM {incidents}"
                " WHERE incident_id = ANY(%s) AND to_pos IS NULL AND NOT retracted",
                tables,
            ),
            (roots,),
        )
        standing = connection.cursor()
        await standing.execute(
            over_tables(
                "SELECT root_id, party, grp, measure, low, best, high, claim_ids,"
                " occurred_start, admin1, local_day FROM {losses}"
                " WHERE root_id = ANY(%s) AND to_pos IS NULL",
                tables,
            ),
            (roots,),
        )
        # Claims read from the table come with their source's grade; only new ones need it.
        grades = connection.cursor() if unwritten else None
        if grades is not None:
            await grades.execute(
                over_tables(
                    "SELECT source_id, grade FROM {sources}"
                    " WHERE source_id = ANY(%s) AND to_pos IS NULL",
                    tables,
                ),
                (sorted({claim.report.attribution.origin for claim in unwritten}),),
            )
        by_root = {root: list(known.get(root, ())) for root in roots}
        if claims is not None:
            for row in await claims.fetchall():
                by_root[row[0]].append((GlobalCursor(row[1], row[2]), self._stored_claim(row)))
        stored = frozenset(root for root, claims_of_root in by_root.items() if claims_of_root)
        grade_of = dict(await grades.fetchall()) if grades is not None else {}
        for root, record, report in unwritten:
            if root in by_root:
                attribution = report.attribution
                claim = casualty_claim(
                    record.event_id,
                    attribution.source_id,
                    grade_of.get(attribution.origin),
                    attribution.credibility,
                    attribution.reported_at,
                    record.position,
                    report,
                )
                by_root[root].append((made_at(record), claim))
        return LossInputs(
            claims=by_root,
            counted={row[0]: tuple(row[1:]) for row in await counted.fetchall()},
            standing={tuple(row[:4]): tuple(row[4:]) for row in await standing.fetchall()},
            stored=stored,
            links=NO_LINKS,
        )

    def _stored_claim(self, row: tuple[Any, ...]) -> CasualtyClaim:
        """A casualty claim read from the claims table, decoded once per version and grade."""
        version = (row[3], row[1], row[2], row[5])
        claim = self._claims.get(version)
        if claim is None:
            report = counted_report.decode(row[9])
            claim = casualty_claim(row[3], row[4], row[5], row[6], row[7], row[8], report)
            self._claims.keep(version, claim)
        return claim


RootClaims = tuple[tuple[GlobalCursor, CasualtyClaim], ...]
"""A root's current casualty claims in log order, each with the cursor it was made at."""


class Unwritten(NamedTuple):
    """A casualty claim folded but not yet written, with its incident's root."""

    root: str
    record: EventRecord
    report: CasualtiesReported


class LossInputs(NamedTuple):
    """The stored (and just folded) facts that a run's losses are counted from."""

    claims: dict[str, list[tuple[GlobalCursor, CasualtyClaim]]]
    """Each root's current casualty claims in log order, with the cursor each was made at."""
    counted: dict[str, tuple[Any, ...]]
    """Each root not retracted: its incident's occurred_start, admin1 and local day."""
    standing: dict[tuple[Any, ...], tuple[Any, ...]]
    """The roots' current loss rows: (root, party, group, measure) → figures."""
    stored: frozenset[str]
    """The roots that had casualty claims before the claims just folded."""
    links: CasualtyLinks
    """The casualty claims linked as one count, and the roots they join."""


def _made(claim: tuple[GlobalCursor, CasualtyClaim]) -> GlobalCursor:
    return claim[0]


def count(
    inputs: LossInputs, touched: Sequence[tuple[GlobalCursor, set[str]]], losses: str
) -> CountedVersions:
    """The losses of each transaction's touched roots as they stood at its end.

    A claim counts at a transaction's end when its current version was made by then. Only
    the loss rows whose figures changed get a new version, made at that transaction's end.
    """
    versions = CountedVersions(losses, LOSS_TYPES, 4, inputs.standing, _root_of_loss)
    for at, dirty in touched:
        # Roots linked to a touched one count each other's claims: counted again together.
        roots = inputs.links.joined_to(dirty)
        visible = {}
        for root in roots & inputs.counted.keys():
            # A root's claims are in log order: those made by ``at`` are a prefix.
            claims = inputs.claims[root]
            visible[root] = [claim for _, claim in claims[: bisect_right(claims, at, key=_made)]]
        counted = counted_where(visible, inputs.links.claims)
        for root in sorted(roots):
            counts = {
                (root, f.party, f.group, f.measure): (
                    f.low,
                    f.best,
                    f.high,
                    list(f.claim_ids),
                    *inputs.counted[root],
                )
                for f in loss_figures(counted.get(root, ()))
            }
            versions.count((root,), counts, at)
    return versions


def _root_of_loss(key: tuple[Any, ...], _: tuple[Any, ...]) -> tuple[str]:
    return (key[0],)
