"""Equipment items in the facts tables: each lost object counted once, kept as a row.

An object's claims may sit in several incidents, joined by an analyst's link or by one
``subject`` named for one operator (``ledger.domain.figures``). A change to any of them is
counted again over its region: the roots it touches, and every root that links, subjects
or the stored items join to those, until no more are found.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, NamedTuple

import psycopg
from psycopg import sql

from ledger.application.views import NOW, Moment
from ledger.domain.events import EquipmentLossClaimed, IncidentReported
from ledger.domain.figures import (
    EquipmentClaim,
    EquipmentItem,
    components,
    equipment_item,
    equipment_objects,
    object_joins,
    object_key,
)
from ledger.domain.records import EventRecord
from ledger.domain.vocabulary import CrewFate, LossStatus, ReliabilityGrade
from ledger.projections.facts.live import live_claims
from ledger.projections.facts.rows import EQUIPMENT_TYPES
from ledger.projections.facts.versions import CountedVersions, Figures, Key
from ledger.projections.statements import over_tables
from ledger.projections.temporal import made_at, visible
from ledger.store import GlobalCursor

EQUIPMENT_CLAIM: Final = "equipment_loss.claimed"
ITEMS_KEPT_SINCE: Final = 8
"""The facts version whose generations hold every equipment item. An earlier version's
generation, kept current by later code until a rebuild replaces it, holds only the items
changed since the upgrade: its views count the claims instead."""
_KEY_SEPARATOR: Final = "\x1f"
"""Joins an object key's parts: below any character of an id, so keys sort as tuples."""


def equipment_claims_statement(
    tables: Mapping[str, str], moment: Moment, condition: sql.Composable
) -> sql.Composed:
    """The equipment claims standing at ``moment`` that ``condition`` keeps, in log order.

    Each row is ``equipment_claim``'s, then the cursor its version was made at. The
    document is json: each claim's is parsed once (json_to_record), not once a field.
    """
    return over_tables(
        """
        SELECT q.claim_id, q.root_id, q.source_id, q.party, q.grade, q.credibility,
               q.reported_at, q.position, q.operator, q.claimed_by, q.platform, q.model,
               d.status, d.crew_fate, d.quantity, a.relays, a.relays_claim, d.subject,
               d.actor, coalesce(k.links, '{{}}'), q.from_tx, q.from_pos
        FROM (
            SELECT c.claim_id, i.root_id, c.source_id, s.party, s.grade, c.credibility,
                   c.reported_at, c.position, c.operator, c.claimed_by, c.platform, c.model,
                   c.document, c.from_tx, c.from_pos
            {live} AND {condition}
        ) q
        CROSS JOIN LATERAL json_to_record(q.document) AS d (
            status text, crew_fate text, quantity int, attribution json, subject text,
            actor text)
        CROSS JOIN LATERAL json_to_record(d.attribution) AS a (relays text, relays_claim text)
        LEFT JOIN (SELECT k.claim_id, array_agg(k.link_id ORDER BY k.link_id) AS links
                   FROM {links} k WHERE {link_visible} GROUP BY k.claim_id) k
          ON k.claim_id = q.claim_id
        ORDER BY q.from_tx, q.from_pos
        """,
        tables,
        live=live_claims(tables, EQUIPMENT_CLAIM, moment),
        condition=condition,
        link_visible=visible("k", moment.as_of),
    )


def equipment_claim(row: Sequence[Any]) -> EquipmentClaim:
    """A row of ``equipment_claims_statement`` as the domain counts it."""
    return EquipmentClaim(
        claim_id=row[0],
        incident_id=row[1],
        source_id=row[2],
        source_party=row[3],
        grade=ReliabilityGrade(row[4]) if row[4] else None,
        credibility=row[5],
        reported_at=row[6],
        position=row[7],
        operator=row[8],
        claimed_by=row[9],
        platform=row[10],
        model=row[11],
        status=LossStatus(row[12]),
        crew_fate=CrewFate(row[13]),
        quantity=row[14],
        relays=row[15],
        relays_claim=row[16],
        subject=row[17],
        actor=row[18],
        links=tuple(row[19]),
    )


def equipment_incidents(records: Sequence[EventRecord]) -> set[str]:
    """The incidents that ``records`` add equipment claims to."""
    return {r.event.incident_id for r in records if isinstance(r.event, EquipmentLossClaimed)}


_JOINED_ROOTS: Final = """
    SELECT i2.root_id
    FROM {incidents} i
    JOIN {claims} c ON c.incident_id = i.incident_id AND c.to_pos IS NULL
                   AND c.type = 'equipment_loss.claimed'
    JOIN {links} k ON k.claim_id = c.claim_id AND k.to_pos IS NULL
    JOIN {links} k2 ON k2.link_id = k.link_id AND k2.to_pos IS NULL
    JOIN {claims} c2 ON c2.claim_id = k2.claim_id AND c2.to_pos IS NULL
    JOIN {incidents} i2 ON i2.incident_id = c2.incident_id AND i2.to_pos IS NULL
    WHERE i.root_id = ANY(%(roots)s) AND i.to_pos IS NULL
    UNION
    SELECT i2.root_id
    FROM {incidents} i
    JOIN {claims} c ON c.incident_id = i.incident_id AND c.to_pos IS NULL
                   AND c.type = 'equipment_loss.claimed' AND (c.document->>'subject') IS NOT NULL
    JOIN {claims} c2 ON c2.operator = c.operator
                    AND (c2.document->>'subject') = (c.document->>'subject')
                    AND (c2.document->>'subject') IS NOT NULL AND c2.to_pos IS NULL
    JOIN {incidents} i2 ON i2.incident_id = c2.incident_id AND i2.to_pos IS NULL
    WHERE i.root_id = ANY(%(roots)s) AND i.to_pos IS NULL
    UNION
    SELECT unnest(e.incidents) FROM {equipment} e
    WHERE e.incidents && %(roots)s::text[] AND e.to_pos IS NULL
"""
"""The roots that links, subjects or stored items join to ``roots``."""


async def _region(
    connection: psycopg.AsyncConnection[Any], tables: Mapping[str, str], roots: set[str]
) -> set[str]:
    """``roots`` and every root joined to them, one round trip per step away."""
    region, frontier = set(roots), set(roots)
    statement = over_tables(_JOINED_ROOTS, tables)
    while frontier:
        cursor = await connection.execute(statement, {"roots": sorted(frontier)})
        frontier = {row[0] for row in await cursor.fetchall()} - region
        region |= frontier
    return region


class _Region(NamedTuple):
    """A region's claims, in log order with the cursor each was made at, and stored items."""

    claims: dict[str, list[tuple[GlobalCursor, EquipmentClaim]]]
    standing: dict[Key, Figures]


async def _read(
    connection: psycopg.AsyncConnection[Any], tables: Mapping[str, str], region: set[str]
) -> _Region:
    roots = sorted(region)
    claims = connection.cursor()
    await claims.execute(
        equipment_claims_statement(tables, NOW, sql.SQL("i.root_id = ANY(%(roots)s)")),
        {"roots": roots},
    )
    standing = connection.cursor()
    await standing.execute(
        over_tables(
            "SELECT {columns} FROM {equipment}"
            " WHERE incidents && %(roots)s::text[] AND to_pos IS NULL",
            tables,
            columns=sql.SQL(", ").join(map(sql.Identifier, list(EQUIPMENT_TYPES)[:-4])),
        ),
        {"roots": roots},
    )
    by_root: dict[str, list[tuple[GlobalCursor, EquipmentClaim]]] = {root: [] for root in roots}
    for row in await claims.fetchall():
        by_root[row[1]].append((GlobalCursor(row[20], row[21]), equipment_claim(row)))
    return _Region(
        claims=by_root, standing={(row[0],): tuple(row[1:]) for row in await standing.fetchall()}
    )


def _made(claim: tuple[GlobalCursor, EquipmentClaim]) -> GlobalCursor:
    return claim[0]


def _item_roots(_: Key, figures: Figures) -> list[str]:
    incidents: list[str] = figures[-1]
    return incidents


def _joins(read: _Region) -> Iterable[Sequence[str]]:
    """The roots each link, subject and stored item joins."""
    joined: dict[str, set[str]] = {}
    for root, claims in read.claims.items():
        for _, claim in claims:
            for join in object_joins(claim):
                joined.setdefault(join, set()).add(root)
    yield from (sorted(roots) for roots in joined.values())
    yield from (_item_roots(key, figures) for key, figures in read.standing.items())


def _row(members: Sequence[EquipmentClaim]) -> tuple[Key, Figures]:
    item: EquipmentItem = equipment_item(members)
    key = (_KEY_SEPARATOR.join(object_key(members[0])),)
    return key, (
        item.incident_id,
        item.operator,
        item.platform,
        item.model,
        item.status.value,
        item.crew_fate.value,
        item.quantity,
        item.claimed_by,
        item.actor,
        list(item.sources),
        item.confirmed,
        list(item.claim_ids),
        list(item.incidents),
    )


async def count_equipment(
    connection: psycopg.AsyncConnection[Any],
    tables: Mapping[str, str],
    touched: Sequence[tuple[GlobalCursor, set[str]]],
    copy_at_least: int,
    fresh: Sequence[EventRecord] = (),
) -> None:
    """Count again the equipment items of each transaction's touched roots, at its end.

    ``touched`` lists, in log order, the end of each transaction and the roots it changed;
    the tables hold every change of the run. Only a run of additions has more than one
    transaction, so a region read at its end holds, at each earlier end, every claim and
    join there was then: a claim counts at an end when its version was made by then.

    ``fresh`` holds every equipment claim of incidents reported in this run of additions
    (``fresh_claims``): nothing stored joins them, so they are counted from their events,
    not read back (in a rebuild, nearly every incident).
    """
    fresh_claims = await _from_events(connection, tables, fresh)
    roots: set[str] = set().union(*(dirty for _, dirty in touched)) - fresh_claims.keys()
    read = _Region(claims={}, standing={})
    if roots:
        read = await _read(connection, tables, await _region(connection, tables, roots))
    read.claims.update(fresh_claims)
    component = components(read.claims, _joins(read))
    members: dict[str, set[str]] = {}
    for root, joined in component.items():
        members.setdefault(joined, set()).add(root)
    versions = CountedVersions(tables["equipment"], EQUIPMENT_TYPES, 1, read.standing, _item_roots)
    for at, dirty in touched:
        recounted = set().union(*(members[component[root]] for root in dirty if root in component))
        visible_claims = []
        for root in sorted(recounted):
            claims = read.claims[root]
            visible_claims += [claim for _, claim in claims[: bisect_right(claims, at, key=_made)]]
        counts = dict(map(_row, equipment_objects(visible_claims)))
        versions.count(recounted, counts, at)
    await versions.write(connection, copy_at_least)


def fresh_claims(records: Sequence[EventRecord]) -> list[EventRecord]:
    """The equipment claims of incidents reported within ``records``, a run of additions.

    Such an incident is its own root, and no stored claim, link or item can join its
    claims to others, unless one of them names a ``subject``: then it is read as any other.
    """
    reported = {r.event.incident_id for r in records if isinstance(r.event, IncidentReported)}
    claims = [(r, r.event) for r in records if isinstance(r.event, EquipmentLossClaimed)]
    named = {event.incident_id for _, event in claims if event.subject is not None}
    return [r for r, event in claims if event.incident_id in reported - named]


async def _from_events(
    connection: psycopg.AsyncConnection[Any],
    tables: Mapping[str, str],
    records: Sequence[EventRecord],
) -> dict[str, list[tuple[GlobalCursor, EquipmentClaim]]]:
    """Each fresh incident's claims in log order, built from their events."""
    if not records:
        return {}
    events = [r.event for r in records if isinstance(r.event, EquipmentLossClaimed)]
    cursor = await connection.execute(
        over_tables(
            "SELECT source_id, party, grade FROM {sources}"
            " WHERE source_id = ANY(%s) AND to_pos IS NULL",
            tables,
        ),
        (sorted({event.attribution.origin for event in events}),),
    )
    origin = {row[0]: row[1:] for row in await cursor.fetchall()}
    claims: dict[str, list[tuple[GlobalCursor, EquipmentClaim]]] = {}
    for record, event in zip(records, events, strict=True):
        attribution = event.attribution
        party, grade = origin.get(attribution.origin, (None, None))
        claims.setdefault(event.incident_id, []).append(
            (
                made_at(record),
                EquipmentClaim(
                    claim_id=record.event_id,
                    incident_id=event.incident_id,
                    source_id=attribution.source_id,
                    source_party=party,
                    grade=ReliabilityGrade(grade) if grade else None,
                    credibility=attribution.credibility,
                    reported_at=attribution.reported_at,
                    position=record.position,
                    operator=event.operator,
                    claimed_by=event.claimed_by,
                    platform=event.platform.value,
                    model=event.model,
                    status=event.status,
                    crew_fate=event.crew_fate,
                    quantity=event.quantity,
                    actor=event.actor,
                    relays=attribution.relays,
                    relays_claim=attribution.relays_claim,
                ),
            )
        )
    return claims
