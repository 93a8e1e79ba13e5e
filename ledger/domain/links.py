"""Links: claims an analyst found to describe one and the same object or count, until undone."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import msgspec

from ledger.domain.errors import AlreadyExistsError, NotFoundError, RuleViolationError
from ledger.domain.events import (
    CasualtiesReported,
    ClaimsLinked,
    ClaimsUnlinked,
    EquipmentLossClaimed,
    LedgerEvent,
)
from ledger.domain.records import EventRecord


def link_stream(link_id: str) -> str:
    """The stream holding one link's events."""
    return f"link-{link_id}"


class LinkState(msgspec.Struct, frozen=True, kw_only=True):
    """A link as its events leave it."""

    link_id: str
    claim_ids: tuple[str, ...]
    reason: str
    active: bool
    version: int
    undone_because: str | None = None


def evolve_link(state: LinkState | None, record: EventRecord) -> LinkState:
    """Apply one link event."""
    event = record.event
    if isinstance(event, ClaimsLinked):
        return LinkState(
            link_id=event.link_id,
            claim_ids=event.claim_ids,
            reason=event.reason,
            active=True,
            version=record.stream_version,
        )
    if state is None:
        raise ValueError(f"{type(event).__name__} before the link was made")
    if isinstance(event, ClaimsUnlinked):
        return msgspec.structs.replace(
            state, active=False, undone_because=event.reason, version=record.stream_version
        )
    raise ValueError(f"{type(event).__name__} does not belong to a link stream")


def fold_link(records: Iterable[EventRecord]) -> LinkState | None:
    """A link's state from its stream, or ``None`` if it was never made."""
    state = None
    for record in records:
        state = evolve_link(state, record)
    return state


def check_link(
    existing: LinkState | None, event: ClaimsLinked, claims: Mapping[str, LedgerEvent]
) -> None:
    """A new link joins claims the ledger holds, of one kind and one subject.

    Equipment losses of one party (one object), or casualty counts of one party's one group
    (one count). ``claims`` maps each of the link's claim ids the ledger holds to its event.
    """
    if existing is not None:
        raise AlreadyExistsError("link", event.link_id)
    missing = [claim_id for claim_id in event.claim_ids if claim_id not in claims]
    if missing:
        raise RuleViolationError(f"no claims {', '.join(missing)} in the ledger", field="claim_ids")
    joined = [claims[claim_id] for claim_id in event.claim_ids]
    subjects = {_subject(claim) for claim in joined}
    if None in subjects:
        raise RuleViolationError(
            "a link joins equipment-loss or casualty claims", field="claim_ids"
        )
    if len(subjects) > 1:
        raise RuleViolationError(
            "a link joins claims of one subject: equipment lost by one party, or one"
            f" party's one group of casualties, not {', '.join(sorted(map(str, subjects)))}",
            field="claim_ids",
        )


def _subject(claim: LedgerEvent) -> str | None:
    """What a claim is about, as far as a link is concerned; ``None`` if it cannot be linked."""
    if isinstance(claim, EquipmentLossClaimed):
        return f"equipment lost by {claim.operator}"
    if isinstance(claim, CasualtiesReported):
        return f"{claim.group.value} casualties of {claim.party}"
    return None


def check_unlink(state: LinkState | None, event: ClaimsUnlinked) -> LinkState:
    """Only a link that stands can be undone."""
    if state is None:
        raise NotFoundError("link", event.link_id)
    if not state.active:
        raise RuleViolationError(f"link {event.link_id!r} was undone already", field="link_id")
    return state
