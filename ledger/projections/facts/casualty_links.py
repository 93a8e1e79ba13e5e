"""Links of casualty claims: the claims an analyst found to be one count, and their roots.

One statement reads them for the fold (now) and for views at a moment (``as_of``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, NamedTuple

from psycopg import sql

from ledger.projections.statements import over_tables
from ledger.projections.temporal import visible
from ledger.store import GlobalCursor


class CasualtyLinks(NamedTuple):
    """The standing links of casualty claims: each one's claims, and the roots they join.

    A claim's root is its incident's: claims never move, but a merge moves incidents.
    """

    claims: list[list[str]]
    neighbours: dict[str, set[str]]

    def joined_to(self, roots: set[str]) -> set[str]:
        """``roots`` and every root a chain of links joins to them.

        Their losses count each other's claims.
        """
        found, frontier = set(roots), list(roots)
        while frontier:
            for neighbour in self.neighbours.get(frontier.pop(), ()):
                if neighbour not in found:
                    found.add(neighbour)
                    frontier.append(neighbour)
        return found


NO_LINKS: Final = CasualtyLinks([], {})


def casualty_links_statement(tables: Mapping[str, str], as_of: GlobalCursor | None) -> sql.Composed:
    """Every link of casualty claims standing at ``as_of`` (or now): id, each claim, its root.

    Retracted claims are kept in: the roots they joined are counted again when they go.
    Links are an analyst's findings, few beside the claims: read whole, in one query. Its
    parameters are those of ``temporal.as_of_parameters``.
    """
    return over_tables(
        """
        SELECT k.link_id, k.claim_id, i.root_id
        FROM {links} k
        CROSS JOIN LATERAL (
            SELECT c.incident_id, c.type FROM {claims} c
            WHERE c.claim_id = k.claim_id LIMIT 1
        ) c
        JOIN {incidents} i ON i.incident_id = c.incident_id AND {incident_visible}
        WHERE {link_visible} AND c.type = 'casualties.reported'
        ORDER BY k.link_id, k.claim_id
        """,
        tables,
        incident_visible=visible("i", as_of),
        link_visible=visible("k", as_of),
    )


def casualty_links(rows: list[tuple[Any, ...]]) -> CasualtyLinks:
    """The links of ``casualty_links_statement``'s rows."""
    claims: dict[str, list[str]] = {}
    roots: dict[str, set[str]] = {}
    for link_id, claim_id, root in rows:
        claims.setdefault(link_id, []).append(claim_id)
        roots.setdefault(link_id, set()).add(root)
    neighbours: dict[str, set[str]] = {}
    for joined in roots.values():
        for root in joined:
            neighbours.setdefault(root, set()).update(joined - {root})
    return CasualtyLinks(list(claims.values()), neighbours)
