"""Where sources disagree: claims of one subject whose latest values contradict each other."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

import msgspec

from ledger.domain.events import (
    CasualtiesReported,
    CiviliansDisplaced,
    EquipmentLossClaimed,
    ForcesDeployed,
    RunningTotalStated,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ledger.domain.incident_state import Claim, Claimable


class Disagreement(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """Sources whose latest claims about one subject do not agree."""

    subject: str
    claim_event_ids: tuple[str, ...]


def _subject(event: Claimable) -> tuple[str, dict[str, Any]] | None:
    """What a claim is about and the values a second source could dispute."""
    values: dict[str, Any]
    if isinstance(event, CasualtiesReported):
        values = {
            "killed": event.killed,
            "wounded": event.wounded,
            "captured": event.captured,
            "missing": event.missing,
        }
        return f"casualties/{event.party}/{event.group}", values
    if isinstance(event, EquipmentLossClaimed):
        subject = f"equipment/{event.operator}/{event.platform}/{event.model or '?'}"
        values = {"status": event.status, "crew_fate": event.crew_fate, "quantity": event.quantity}
        return subject, values
    if isinstance(event, ForcesDeployed):
        return f"deployment/{event.party}/{event.area}", {
            "size": event.size,
            "movement": event.movement,
        }
    if isinstance(event, CiviliansDisplaced):
        return f"displacement/{event.area}", {"count": event.count}
    if isinstance(event, RunningTotalStated):
        period = f"{event.period_start.isoformat()}/{event.period_end.isoformat()}"
        return f"running_total/{event.party}/{event.measure}/{period}", {"total": event.total}
    return None


def _disagrees(first: dict[str, Any], second: dict[str, Any]) -> bool:
    # Only values both sources state can contradict each other: one source's silence on the
    # wounded is not a dispute of another's count.
    shared = [k for k in first if first[k] is not None and second.get(k) is not None]
    return any(first[k] != second[k] for k in shared)


class _Stated(NamedTuple):
    """An origin's latest statement on a subject: the claim, its values, when it was said."""

    claim: Claim
    values: dict[str, Any]
    said: tuple[datetime, bool]
    """When the statement was made, and whether by its originator itself: a relay is made
    when the statement it repeats was, and loses a tie to it (``ledger.domain.figures``)."""


class _Subject(NamedTuple):
    """What the index holds of one subject."""

    latest: dict[str, _Stated]
    """Each origin's latest statement."""
    said: dict[str, datetime]
    """When each of the subject's claims was said, for the relays that repeat one."""


def _disagreement(name: str, latest: Mapping[str, _Stated]) -> Disagreement | None:
    entries = list(latest.values())
    if any(_disagrees(a.values, b.values) for i, a in enumerate(entries) for b in entries[i + 1 :]):
        return Disagreement(subject=name, claim_event_ids=tuple(e.claim.event_id for e in entries))
    return None


class DisagreementIndex:
    """Each subject's latest active statement per origin, and the subjects they disagree on.

    A relay stands for its originator (``ledger.domain.figures``): repeating the ministry's
    first figure after the ministry revised it disputes nothing. Adding claims settles only
    their subjects again: a report added to an incident with many claims costs what its own
    subject costs, not a comparison of every claim. An index never changes; ``with_claims``
    makes a new one.
    """

    __slots__ = ("_found", "_latest")

    def __init__(self, latest: dict[str, _Subject], found: dict[str, Disagreement]) -> None:
        self._latest = latest
        self._found = found

    @classmethod
    def of(cls, claims: Iterable[Claim]) -> DisagreementIndex:
        """The index of ``claims``, in the order they were made."""
        return cls({}, {}).with_claims(claims)

    def with_claims(self, claims: Iterable[Claim]) -> DisagreementIndex:
        """A new index: this one's claims, then ``claims``."""
        latest, found = dict(self._latest), dict(self._found)
        touched: set[str] = set()
        for claim in claims:
            subject = _subject(claim.current) if claim.status == "active" else None
            if subject is None:
                continue
            name, values = subject
            if name not in touched:
                # Copied on first touch: the index this one was made from keeps its own.
                kept = latest.get(name)
                latest[name] = (
                    _Subject({}, {})
                    if kept is None
                    else _Subject(dict(kept.latest), dict(kept.said))
                )
                touched.add(name)
            held = latest[name]
            attribution = claim.current.attribution
            repeated = attribution.relays_claim
            at = held.said.get(repeated, claim.reported_at) if repeated else claim.reported_at
            held.said[claim.event_id] = at
            said = (at, attribution.relays is None)
            known = held.latest.get(attribution.origin)
            if known is None or said >= known.said:
                held.latest[attribution.origin] = _Stated(claim, values, said)
        for name in touched:
            disagreement = _disagreement(name, latest[name].latest)
            if disagreement is None:
                found.pop(name, None)
            else:
                found[name] = disagreement
        return DisagreementIndex(latest, found)

    @property
    def disagreements(self) -> tuple[Disagreement, ...]:
        """Subjects on which two or more sources differ, in the order first claimed."""
        return tuple(self._found[name] for name in self._latest if name in self._found)


def find_disagreements(claims: Iterable[Claim]) -> tuple[Disagreement, ...]:
    """Subjects on which the latest active claims of two or more sources differ."""
    return DisagreementIndex.of(claims).disagreements
