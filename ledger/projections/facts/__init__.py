"""The facts projection: every claim as a row, and each incident's losses counted once.

The losses, equipment, deployments and reconciliation views are queries over these tables,
so they always agree with each other at one position of the log. Every table keeps each
version of its rows over the range of the global order it held (``temporal``), so each view
can also be read as it stood at any past position.

- ``rows``: the tables, and the rows each event makes;
- ``revisions``: corrections, retractions and merges, and the incidents they touch;
- ``counting``: each incident's losses counted from its claims, and their versions written;
- ``casualties``: a stored casualty report as counting reads it;
- ``memory``: what one batch leaves for the next;
- ``projection``: the fold that ties them together.
"""

from ledger.projections.facts.projection import FactsProjection

__all__ = ["FactsProjection"]
