"""Writing to the ledger: each use case checks the domain's rules against current state.

Every append carries the version the rules were checked against, so a concurrent write in
between is caught by the store, and the decision is made again on the new state (or, when
the caller pinned a version with ``If-Match``, refused).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Sequence
from contextlib import AsyncExitStack
from typing import Final

from ledger.application.errors import ContentionError, PreconditionFailedError
from ledger.application.incident_states import IncidentStates
from ledger.application.ports import AppendWatcher, InlineUpdate
from ledger.application.reading import (
    claims_by_id,
    known_sources,
    load_incident,
    load_link,
    load_situation,
    load_source,
)
from ledger.application.receipts import Decision, Outcome, WriteContext, outcome_of
from ledger.application.stream_locks import StreamLocks
from ledger.domain.errors import DomainError
from ledger.domain.events import (
    ClaimsLinked,
    ClaimsUnlinked,
    IncidentReported,
    IncidentsMerged,
    LedgerEvent,
    SituationStated,
    SourceRegistered,
    SourceRegraded,
)
from ledger.domain.incident_rules import (
    check_merge,
    check_named,
    check_new_incident,
    check_report,
    named_incidents,
)
from ledger.domain.incidents import incident_stream
from ledger.domain.links import check_link, check_unlink, link_stream
from ledger.domain.records import EventRecord
from ledger.domain.situations import check_statement, situation_stream
from ledger.domain.sources import check_registration, check_regrade, source_stream
from ledger.domain.values import Attribution
from ledger.mapping import appended_records, new_event
from ledger.store import (
    AppendResult,
    EventStore,
    IdempotencyKeyReusedError,
    NewEvent,
    StoreTransaction,
    WrongExpectedVersionError,
)

MAX_ATTEMPTS: Final = 16


class Reporting:
    """The write side of the ledger.

    ``inline`` projections are also updated in each append's own transaction, so a read of
    them right after a write already shows it. ``watchers`` are told of each write that
    appended events.
    """

    def __init__(
        self,
        store: EventStore,
        inline: Sequence[InlineUpdate] = (),
        states: IncidentStates | None = None,
        watchers: Sequence[AppendWatcher] = (),
    ) -> None:
        self._store = store
        self._inline = tuple(inline)
        self._watchers = tuple(watchers)
        self._states = states or IncidentStates(store)
        self._stream_locks = StreamLocks()
        # A source's stream, once it exists, exists for good: a yes never needs asking again.
        self._registered_sources: set[str] = set()

    async def _known_sources(self, source_ids: Collection[str]) -> set[str]:
        """Which of ``source_ids`` are registered sources."""
        unseen = set(source_ids) - self._registered_sources
        if unseen:
            self._registered_sources |= await known_sources(self._store, unseen)
        return set(source_ids) & self._registered_sources

    async def _known_sources_of(self, attribution: Attribution) -> set[str]:
        """Which of the sources a statement names (its own, the one it relays) are registered."""
        return await self._known_sources([attribution.source_id, attribution.origin])

    async def register_source(self, event: SourceRegistered, context: WriteContext) -> Outcome:
        """Register a new source."""

        async def decide() -> Decision:
            check_registration(await load_source(self._store, event.source_id), event)
            return [event], 0

        return await self._write(source_stream(event.source_id), decide, context)

    async def link_claims(self, event: ClaimsLinked, context: WriteContext) -> Outcome:
        """Declare that claims describe one and the same object."""

        async def decide() -> Decision:
            existing = await load_link(self._store, event.link_id)
            check_link(existing, event, await claims_by_id(self._store, event.claim_ids))
            return [event], 0

        return await self._write(link_stream(event.link_id), decide, context)

    async def unlink_claims(self, event: ClaimsUnlinked, context: WriteContext) -> Outcome:
        """Undo a link: its claims count apart again."""

        async def decide() -> Decision:
            state = check_unlink(await load_link(self._store, event.link_id), event)
            return [event], state.version

        return await self._write(link_stream(event.link_id), decide, context)

    async def state_situation(self, event: SituationStated, context: WriteContext) -> Outcome:
        """Record a source's figure about a situation: the first one opens it."""

        async def decide() -> Decision:
            state = await load_situation(self._store, event.situation_id)
            sources = await self._known_sources_of(event.attribution)
            check_statement(state, event, sources)
            return [event], state.version if state is not None else 0

        return await self._write(situation_stream(event.situation_id), decide, context)

    async def regrade_source(self, event: SourceRegraded, context: WriteContext) -> Outcome:
        """Change a source's reliability grade."""

        async def decide() -> Decision:
            state = await load_source(self._store, event.source_id)
            check_regrade(state, event)
            assert state is not None  # noqa: S101 - check_regrade refused a missing source
            return [event], state.version

        return await self._write(source_stream(event.source_id), decide, context)

    async def report_incident(self, event: IncidentReported, context: WriteContext) -> Outcome:
        """Open a new incident with its first report."""

        async def decide() -> Decision:
            existing = await load_incident(self._store, event.incident_id)
            sources = await self._known_sources_of(event.attribution)
            check_new_incident(existing, event, sources)
            return [event], 0

        return await self._write(
            incident_stream(event.incident_id), decide, context, incident_id=event.incident_id
        )

    async def add_to_incident(self, event: LedgerEvent, context: WriteContext) -> Outcome:
        """Add a report, correction or retraction to an existing incident."""
        incident_id: str = getattr(event, "incident_id", "")
        attribution = getattr(event, "attribution", None)

        # The first attempt decides on the state this process last saw, without a read: if
        # the stream moved on, the append's version check refuses it and the retry reads.
        # A client that pinned a version is answered from the stream as it is.
        optimistic = context.expected_version is None

        async def decide() -> Decision:
            nonlocal optimistic
            state = self._states.latest(incident_id) if optimistic else None
            optimistic = False
            if state is None:
                state = await self._states.load(incident_id)
            sources = (
                await self._known_sources_of(attribution) if attribution is not None else set()
            )
            check_report(state, event, sources)
            assert state is not None  # noqa: S101 - check_report refused a missing incident
            named, _ = named_incidents(event)
            if named:
                streams = await self._store.existing_streams([incident_stream(i) for i in named])
                check_named(event, {s.removeprefix(incident_stream("")) for s in streams})
            return [event], state.version

        return await self._write(
            incident_stream(incident_id), decide, context, incident_id=incident_id
        )

    async def merge_incidents(self, event: IncidentsMerged, context: WriteContext) -> Outcome:
        """Fold ``event.merged_incident_id`` into ``event.incident_id``, in both streams."""
        return await self._once(context, lambda: self._merge(event, context))

    async def _merge(self, event: IncidentsMerged, context: WriteContext) -> Outcome:
        # Both streams' turns, always taken in one order: two merges of the same pair in
        # opposite directions wait for each other instead of each holding one. (A merge of
        # an incident into itself holds its one stream, and is refused.)
        streams = sorted(
            {incident_stream(event.incident_id), incident_stream(event.merged_incident_id)}
        )
        async with AsyncExitStack() as turns:
            for stream_id in streams:
                await turns.enter_async_context(self._stream_locks.hold(stream_id))
            for _ in range(MAX_ATTEMPTS):
                try:
                    return await self._merge_once(event, context)
                except WrongExpectedVersionError as conflict:
                    self._raise_if_pinned(context, conflict)
        raise ContentionError(f"incidents {event.incident_id!r} kept changing during the merge")

    async def _merge_once(self, event: IncidentsMerged, context: WriteContext) -> Outcome:
        """Decide the merge on both incidents as they stand and append to both at once."""
        surviving = await load_incident(self._store, event.incident_id)
        absorbed = await load_incident(self._store, event.merged_incident_id)
        check_merge(surviving, absorbed, event)
        assert surviving is not None  # noqa: S101 - check_merge refused missing incidents
        assert absorbed is not None  # noqa: S101
        self._check_precondition(context, surviving.version)
        events = [self._new_event(event, context)]
        async with self._store.transaction() as transaction:
            result = await transaction.append(
                incident_stream(event.incident_id),
                events,
                surviving.version,
                context.idempotency_key,
                request_fingerprint=context.request_fingerprint,
            )
            if result.deduplicated:
                return await outcome_of(self._store, result, events)
            marker = [self._new_event(event, context)]
            closed = await transaction.append(
                incident_stream(event.merged_incident_id), marker, absorbed.version
            )
            merged = appended_records(result, events, [event])
            marked = appended_records(closed, marker, [event])
            await self._apply_inline(transaction, [*merged, *marked])
        # As every write does: the cached states move on with what was written.
        self._states.advance(event.incident_id, merged)
        self._states.advance(event.merged_incident_id, marked)
        return await outcome_of(self._store, result, events)

    async def _write(
        self,
        stream_id: str,
        decide: Callable[[], Awaitable[Decision]],
        context: WriteContext,
        *,
        incident_id: str | None = None,
    ) -> Outcome:
        """Decide, append at the version decided on, and retry on a conflict.

        With ``incident_id`` the cached state of that incident advances by what was written.
        """
        return await self._once(
            context, lambda: self._decide_and_append(stream_id, decide, context, incident_id)
        )

    async def _decide_and_append(
        self,
        stream_id: str,
        decide: Callable[[], Awaitable[Decision]],
        context: WriteContext,
        incident_id: str | None,
    ) -> Outcome:
        async with self._stream_locks.hold(stream_id):
            for _ in range(MAX_ATTEMPTS):
                decided, version = await decide()
                self._check_precondition(context, version)
                events = [self._new_event(event, context) for event in decided]
                try:
                    result = await self._append(stream_id, events, decided, version, context)
                except WrongExpectedVersionError as conflict:
                    self._raise_if_pinned(context, conflict)
                    continue
                if incident_id is not None and not result.deduplicated:
                    self._states.advance(incident_id, appended_records(result, events, decided))
                return await outcome_of(self._store, result, events)
        raise ContentionError(f"stream {stream_id!r} kept changing; try again")

    async def _once(
        self, context: WriteContext, write: Callable[[], Awaitable[Outcome]]
    ) -> Outcome:
        """Run ``write`` once per idempotency key: a repeat gets the first request's receipt.

        A repeat is looked up before any rule is checked: a retried creation must not meet
        "already exists". A twin sent at the same moment may find the first's write made
        just after that look-up, and be refused by a rule ("already exists", a version
        that moved on): it looks again, and answers with the first's receipt. A twin that
        gets to its append first waits on the store's key until the first commits.
        """
        if (replay := await self._replay(context)) is not None:
            return replay
        try:
            outcome = await write()
        except (DomainError, PreconditionFailedError, ContentionError):
            if (replay := await self._replay(context)) is not None:
                return replay
            raise
        if not outcome.replayed:
            for watcher in self._watchers:
                watcher.appended(outcome)
        return outcome

    async def _replay(self, context: WriteContext) -> Outcome | None:
        if context.idempotency_key is None:
            return None
        prior = await self._store.find_idempotent_append(context.idempotency_key)
        if prior is None:
            return None
        if context.request_fingerprint not in (None, prior.request_fingerprint):
            raise IdempotencyKeyReusedError(context.idempotency_key)
        return await outcome_of(self._store, prior.result, None)

    async def _append(
        self,
        stream_id: str,
        events: Sequence[NewEvent],
        decided: Sequence[LedgerEvent],
        version: int,
        context: WriteContext,
    ) -> AppendResult:
        if not self._inline:
            # One autocommitted statement: the cheapest append there is.
            return await self._store.append(
                stream_id,
                events,
                version,
                context.idempotency_key,
                request_fingerprint=context.request_fingerprint,
            )
        async with self._store.transaction() as transaction:
            result = await transaction.append(
                stream_id,
                events,
                version,
                context.idempotency_key,
                request_fingerprint=context.request_fingerprint,
            )
            if not result.deduplicated:
                await self._apply_inline(transaction, appended_records(result, events, decided))
        return result

    async def _apply_inline(
        self, transaction: StoreTransaction, records: Sequence[EventRecord]
    ) -> None:
        for projection in self._inline:
            await projection.apply_inline(transaction.connection, records)

    @staticmethod
    def _check_precondition(context: WriteContext, version: int) -> None:
        if context.expected_version is not None and context.expected_version != version:
            raise PreconditionFailedError(context.expected_version, version)

    @staticmethod
    def _raise_if_pinned(context: WriteContext, conflict: WrongExpectedVersionError) -> None:
        if context.expected_version is not None:
            raise PreconditionFailedError(context.expected_version, conflict.actual) from conflict

    @staticmethod
    def _new_event(event: LedgerEvent, context: WriteContext) -> NewEvent:
        return new_event(event, principal=context.principal, correlation_id=context.correlation_id)
