"""Property-based tests: random append schedules against a model of the store's semantics."""

from __future__ import annotations

import asyncio
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import ClassVar

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from ledger.store import (
    AppendResult,
    EventStore,
    ExpectedVersion,
    IdempotencyKeyReusedError,
    NewEvent,
    StreamState,
    WrongExpectedVersionError,
    open_pool,
)
from tests.conftest import TEST_EVENT_TYPES

STREAM_NAMES = ("a", "b", "c")
expected_versions = st.one_of(st.sampled_from(StreamState), st.integers(0, 6))


def _accepts(expected: ExpectedVersion, current: int) -> bool:
    if expected is StreamState.ANY:
        return True
    if expected is StreamState.NO_STREAM:
        return current == 0
    if expected is StreamState.STREAM_EXISTS:
        return current > 0
    return expected == current


class EventStoreMachine(RuleBasedStateMachine):
    """Drives one store through random appends and checks it against an in-memory model."""

    database_url: ClassVar[str]
    schema: ClassVar[str]

    def __init__(self) -> None:
        super().__init__()
        self.runner = asyncio.Runner()
        pool = self.runner.run(open_pool(self.database_url, schema=self.schema, min_size=1))
        self.store = EventStore(pool, TEST_EVENT_TYPES)
        self.category = f"m{uuid.uuid4().hex[:12]}"
        self.model: dict[str, list[int]] = {name: [] for name in STREAM_NAMES}
        self.next_payload = 0
        # Keys whose append succeeded: the request that consumed them and its result.
        self.used_keys: dict[str, tuple[str, list[int], ExpectedVersion, AppendResult]] = {}

    def teardown(self) -> None:
        self.runner.run(self.store.pool.close())
        self.runner.close()

    def _stream_id(self, name: str) -> str:
        return f"{self.category}-{name}"

    def _append(
        self, name: str, payloads: list[int], expected: ExpectedVersion, key: str | None
    ) -> AppendResult:
        events = [NewEvent(type="test.happened", data={"n": n}) for n in payloads]
        return self.runner.run(self.store.append(self._stream_id(name), events, expected, key))

    @rule(
        name=st.sampled_from(STREAM_NAMES),
        count=st.integers(1, 4),
        expected=expected_versions,
        keyed=st.booleans(),
    )
    def append(self, name: str, count: int, expected: ExpectedVersion, keyed: bool) -> None:  # noqa: FBT001
        payloads = list(range(self.next_payload, self.next_payload + count))
        self.next_payload += count
        key = uuid.uuid4().hex if keyed else None
        current = len(self.model[name])
        try:
            result = self._append(name, payloads, expected, key)
        except WrongExpectedVersionError as conflict:
            assert not _accepts(expected, current)
            assert conflict.actual == current
            return
        assert _accepts(expected, current)
        assert result.stream_version == current + count
        assert not result.deduplicated
        assert list(result.positions) == sorted(result.positions)
        self.model[name].extend(payloads)
        if key is not None:
            self.used_keys[key] = (name, payloads, expected, result)

    @rule(data=st.data())
    def retry_a_keyed_append(self, data: st.DataObject) -> None:
        if not self.used_keys:
            return
        key = data.draw(st.sampled_from(sorted(self.used_keys)))
        name, payloads, expected, first = self.used_keys[key]
        again = self._append(name, payloads, expected, key)
        assert again.deduplicated
        assert (again.positions, again.stream_version) == (first.positions, first.stream_version)

    @rule(data=st.data(), name=st.sampled_from(STREAM_NAMES))
    def reuse_a_key_for_another_request(self, data: st.DataObject, name: str) -> None:
        if not self.used_keys:
            return
        key = data.draw(st.sampled_from(sorted(self.used_keys)))
        try:
            self._append(name, [-1], StreamState.ANY, key)
        except IdempotencyKeyReusedError:
            return
        raise AssertionError("a reused key was accepted for another request")

    @invariant()
    def streams_match_the_model(self) -> None:
        for name, payloads in self.model.items():
            events = self.runner.run(self.store.read_stream(self._stream_id(name)))
            assert [e.data["n"] for e in events] == payloads
            assert [e.stream_version for e in events] == list(range(1, len(payloads) + 1))
            assert self.runner.run(self.store.stream_version(self._stream_id(name))) == len(
                payloads
            )

    @invariant()
    def global_log_holds_each_stream_in_order(self) -> None:
        page = self.runner.run(self.store.read_all(categories=[self.category], limit=10_000))
        assert len(page.events) == sum(len(p) for p in self.model.values())
        per_stream: dict[str, list[int]] = {}
        for event in page.events:
            per_stream.setdefault(event.stream_id, []).append(event.data["n"])
        for name, payloads in self.model.items():
            assert per_stream.get(self._stream_id(name), []) == payloads
        cursors = [event.cursor for event in page.events]
        assert cursors == sorted(cursors)
        assert len(set(cursors)) == len(cursors)


def test_append_and_read_invariants(database_url: str, schema: str) -> None:
    EventStoreMachine.database_url = database_url
    EventStoreMachine.schema = schema
    # A thread of its own, so the machine's event loop never meets the test session's.
    with ThreadPoolExecutor(max_workers=1) as executor:
        executor.submit(
            run_state_machine_as_test,
            EventStoreMachine,
            settings=settings(max_examples=30, stateful_step_count=25, deadline=None),
        ).result()
