"""Workloads (a), (b) and (c): appends through the ledger, through a peer, and the floor.

Each writer appends to its own stream, one event (about 400 bytes of JSON) per transaction
unless batched, so the figures measure the write path, not contention on one stream.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Final

import msgspec
import psycopg
from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore

from ledger.store import EventStore, NewEvent, StreamState, open_pool

if TYPE_CHECKING:
    from benchmarks.scales import Scale

EVENT_TYPE: Final = "bench.reported"
PAYLOAD: Final = {
    "incident_id": "idlib-airstrike-2020-02-27",
    "party": "turkey",
    "group": "military",
    "killed": {"low": 33, "best": 33, "high": 33, "qualifier": "exact"},
    "summary": "A single airstrike killed thirty-three soldiers in the province. " * 4,
    "attribution": {"source_id": "tr-mod", "reported_at": "2020-03-03T15:00:00Z"},
}
PAYLOAD_BYTES: Final = msgspec.json.encode(PAYLOAD)


class Throughput(msgspec.Struct, frozen=True, kw_only=True):
    """How many events a workload wrote, in how long."""

    events: int
    seconds: float
    events_per_second: float


def _throughput(events: int, seconds: float) -> Throughput:
    return Throughput(
        events=events, seconds=round(seconds, 3), events_per_second=round(events / seconds, 1)
    )


async def _timed(writers: int, write: Callable[[int], Awaitable[int]]) -> Throughput:
    started = time.perf_counter()
    counts = await asyncio.gather(*(write(w) for w in range(writers)))
    return _throughput(sum(counts), time.perf_counter() - started)


async def ledger_single_appends(url: str, schema: str, scale: Scale) -> Throughput:
    """(a) One event per append, each checked against the stream's expected version."""
    pool = await open_pool(url, schema=schema, min_size=scale.writers, max_size=scale.writers)
    store = EventStore(pool, {EVENT_TYPE: 1})

    async def write(writer: int) -> int:
        stream = f"single-{writer}"
        await store.append(stream, [NewEvent(type=EVENT_TYPE, data=PAYLOAD)], StreamState.NO_STREAM)
        for version in range(1, scale.events_per_writer):
            await store.append(stream, [NewEvent(type=EVENT_TYPE, data=PAYLOAD)], version)
        return scale.events_per_writer

    try:
        return await _timed(scale.writers, write)
    finally:
        await store.flush_notifications()
        await pool.close()


async def ledger_batched_appends(url: str, schema: str, scale: Scale) -> Throughput:
    """(c) ``batch_size`` events per append."""
    pool = await open_pool(url, schema=schema, min_size=scale.writers, max_size=scale.writers)
    store = EventStore(pool, {EVENT_TYPE: 1})
    batch = [NewEvent(type=EVENT_TYPE, data=PAYLOAD) for _ in range(scale.batch_size)]

    async def write(writer: int) -> int:
        stream = f"batched-{writer}"
        for number in range(scale.batches_per_writer):
            fresh = [NewEvent(type=e.type, data=e.data) for e in batch]  # new event ids
            await store.append(stream, fresh, number * scale.batch_size or StreamState.NO_STREAM)
        return scale.batches_per_writer * scale.batch_size

    try:
        return await _timed(scale.writers, write)
    finally:
        await store.flush_notifications()
        await pool.close()


async def raw_insert_floor(url: str, schema: str, scale: Scale) -> Throughput:
    """(b2) Plain INSERTs into a bare table with a unique (stream, version): the floor."""
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(
            f'CREATE TABLE "{schema}".bench_floor (stream text NOT NULL, version int NOT NULL,'
            " data jsonb NOT NULL, PRIMARY KEY (stream, version))"
        )
    data = PAYLOAD_BYTES.decode()

    async def write(writer: int) -> int:
        async with await psycopg.AsyncConnection.connect(url, autocommit=True) as connection:
            for version in range(1, scale.events_per_writer + 1):
                await connection.execute(
                    f'INSERT INTO "{schema}".bench_floor VALUES (%s, %s, %s::jsonb)',  # noqa: S608
                    (f"floor-{writer}", version, data),
                )
        return scale.events_per_writer

    return await _timed(scale.writers, write)


def eventsourcing_appends(url: str, schema: str, scale: Scale) -> Throughput:
    """(b1) The same appends through the eventsourcing library's PostgreSQL recorder."""
    params = psycopg.conninfo.conninfo_to_dict(url)
    datastore = PostgresDatastore(
        dbname=str(params.get("dbname", "postgres")),
        host=str(params.get("host", "localhost")),
        port=str(params.get("port", 5432)),
        user=str(params.get("user", "postgres")),
        password=str(params.get("password", "")),
        schema=schema,
        pool_size=scale.writers,
    )
    recorder = PostgresApplicationRecorder(datastore, events_table_name="es_stored_events")
    recorder.create_table()

    def write(_writer: int) -> int:
        originator = uuid.uuid4()
        for version in range(1, scale.events_per_writer + 1):
            recorder.insert_events(
                [
                    StoredEvent(
                        originator_id=originator,
                        originator_version=version,
                        topic="benchmarks:Reported",
                        state=PAYLOAD_BYTES,
                    )
                ]
            )
        return scale.events_per_writer

    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=scale.writers) as threads:
            counts = list(threads.map(write, range(scale.writers)))
        return _throughput(sum(counts), time.perf_counter() - started)
    finally:
        datastore.close()
