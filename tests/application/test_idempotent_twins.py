"""The same idempotency key from many writers at once: one write, every one its receipt.

Two write sides (as two server processes have), each with a dozen twins in flight.
"""

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from psycopg_pool import AsyncConnectionPool

from ledger.application.incident_states import IncidentStates
from ledger.application.receipts import Outcome, WriteContext
from ledger.application.reporting import Reporting
from ledger.domain import EVENT_SCHEMA_VERSIONS
from ledger.store import EventStore
from tests.unit.builders import casualties, incident_reported, source_registered

_TWINS = 12
_FINGERPRINT = b"the same request"


@pytest.fixture
async def processes(pool: AsyncConnectionPool) -> tuple[Reporting, Reporting]:
    store = EventStore(pool, EVENT_SCHEMA_VERSIONS)
    first, second = (Reporting(store, states=IncidentStates(store)) for _ in range(2))
    setup = WriteContext(principal="analyst")
    await first.register_source(source_registered("tr-mod"), setup)
    await first.report_incident(incident_reported("inc-1"), setup)
    return first, second


Write = Callable[[Reporting, WriteContext], Awaitable[Outcome]]

_WRITES: dict[str, tuple[Write, int | None]] = {
    "incident": (lambda side, c: side.report_incident(incident_reported("inc-2"), c), None),
    "source": (
        lambda side, c: side.register_source(source_registered("sy-army"), c),
        None,
    ),
    "report": (lambda side, c: side.add_to_incident(casualties(33, hours=1), c), None),
    "report-if-match": (lambda side, c: side.add_to_incident(casualties(33, hours=1), c), 1),
}


@pytest.mark.parametrize("kind", sorted(_WRITES))
async def test_concurrent_twins_get_one_write_and_its_receipt(
    processes: tuple[Reporting, Reporting], kind: str
) -> None:
    write, expected_version = _WRITES[kind]
    context = WriteContext(
        principal="analyst",
        idempotency_key="analyst/twin-1",
        request_fingerprint=_FINGERPRINT,
        expected_version=expected_version,
    )
    outcomes = await asyncio.gather(
        *(write(side, context) for side in processes for _ in range(_TWINS))
    )
    assert len({outcome.receipt for outcome in outcomes}) == 1
    assert [outcome.replayed for outcome in outcomes].count(False) == 1
