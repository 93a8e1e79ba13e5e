"""The rules that turn claims into figures: counted once, with their range.

Losses. For one incident (merged incidents count as one), party, group and measure:
- each source's latest statement stands for that source (a later one revises an earlier).
  A relay ("the ministry said", reported by an agency) is a statement of its originator,
  made when the statement it repeats was, and graded as its originator: it never outranks
  a later statement of the originator, nor stands beside it as a second source;
- ``best`` comes from the most reliable source — best grade (A first), then the most
  credible information (1 first), then the latest statement; when that source gave no single
  figure, its lower bound;
- ``low`` and ``high`` span every source: the lowest lower bound and the highest upper bound,
  unbounded when any source left its upper bound open ("more than 90").

Stated totals. A source's figure and the ledger's are each an interval, [low, high] with
``high`` open when unbounded. They are consistent when the intervals meet; otherwise the
ledger is short of or over the stated figure by the gap between them. "Dozens" (24 or
more) and 34 recorded agree: a floor is never read as the figure itself.

Equipment. One item per incident, operator, platform kind and model, unless claims are
linked as one object (an analyst's link, or the same ``subject`` named for the same
operator): then one item for all of them, in whatever incidents and words ("an L-39", "a
warplane"). Its status, crew fate and quantity come from the most reliable source as above.
It is confirmed when a source not aligned with the claimant reports it: a source of
another party, or of none; the claimant is the party the first claim names, else its
source's. A neutral source's report alone confirms nothing: it needs a second side.
Agreement between such sources within a linked group confirms it. A relay confirms only
what its originator would: an agency repeating the claimant confirms nothing.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Final, Literal, TypeVar

import msgspec

from ledger.domain.estimates import Estimate
from ledger.domain.vocabulary import CrewFate, LossStatus, ReliabilityGrade

MEASURES: Final = ("killed", "wounded", "captured", "missing")
_UNGRADED: Final = len(ReliabilityGrade)
_GRADE_RANK: Final = {grade: rank for rank, grade in enumerate(ReliabilityGrade)}


class Interval(msgspec.Struct, frozen=True, gc=False):
    """The counts a figure allows: ``low`` to ``high`` inclusive; ``high`` None, no bound."""

    low: int
    high: int | None

    @classmethod
    def of(cls, estimate: Estimate) -> Interval:
        """The counts an estimate allows."""
        return cls(estimate.low, estimate.high)


Verdict = Literal["consistent", "ledger_short", "ledger_over"]


class Agreement(msgspec.Struct, frozen=True, kw_only=True):
    """How the ledger's figure stands against a stated one.

    ``by`` is the gap between the two intervals: the least the ledger would have to gain
    (short) or lose (over) to meet the stated figure; 0 when they are consistent.
    """

    verdict: Verdict
    by: int


def agreement(stated: Interval, ledger: Interval) -> Agreement:
    """Compare the ledger's interval with a stated one."""
    if ledger.high is not None and ledger.high < stated.low:
        return Agreement(verdict="ledger_short", by=stated.low - ledger.high)
    if stated.high is not None and ledger.low > stated.high:
        return Agreement(verdict="ledger_over", by=ledger.low - stated.high)
    return Agreement(verdict="consistent", by=0)


class CasualtyClaim(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """One active casualty report as the figures need it.

    ``grade`` is the grade of the statement's origin: the originator's, for a relay.
    """

    claim_id: str
    source_id: str
    grade: ReliabilityGrade | None
    credibility: int
    reported_at: datetime
    position: int
    party: str
    group: str
    estimates: Mapping[str, Estimate]
    relays: str | None = None
    relays_claim: str | None = None

    @property
    def origin(self) -> str:
        """The source the statement comes from."""
        return self.relays or self.source_id


class LossFigure(msgspec.Struct, frozen=True, kw_only=True):
    """One incident's count for a party, group and measure; ``high`` None means unbounded."""

    party: str
    group: str
    measure: str
    low: int
    best: int
    high: int | None
    claim_ids: tuple[str, ...]


class EquipmentClaim(msgspec.Struct, frozen=True, kw_only=True):
    """One active equipment-loss claim as the list needs it.

    ``source_party`` and ``grade`` are those of the statement's origin (``CasualtyClaim``).
    """

    claim_id: str
    incident_id: str
    source_id: str
    source_party: str | None
    grade: ReliabilityGrade | None
    credibility: int
    reported_at: datetime
    position: int
    operator: str
    claimed_by: str | None
    platform: str
    model: str | None
    status: LossStatus
    crew_fate: CrewFate
    quantity: int
    actor: str | None = None
    relays: str | None = None
    relays_claim: str | None = None
    subject: str | None = None
    links: tuple[str, ...] = ()
    """The links (``claims.linked``) that join this claim to others."""

    @property
    def origin(self) -> str:
        """The source the statement comes from."""
        return self.relays or self.source_id


class EquipmentItem(msgspec.Struct, frozen=True, kw_only=True):
    """One lost platform (or batch of them), with who claims it and who confirms it."""

    incident_id: str
    operator: str
    platform: str
    model: str | None
    status: LossStatus
    crew_fate: CrewFate
    quantity: int
    claimed_by: str | None
    """The claimant of its first claim: the party it names, else its source's; none when
    a neutral source told it first."""
    actor: str | None
    """Who destroyed or took it, as the most reliable source that says so has it."""
    sources: tuple[str, ...]
    confirmed: bool
    claim_ids: tuple[str, ...]
    incidents: tuple[str, ...]
    """Every incident its claims were reported in: more than one when links join them."""


class _Ranked(msgspec.Struct, frozen=True):
    grade: ReliabilityGrade | None
    credibility: int
    reported_at: datetime
    position: int


def _reliability(claim: _Ranked) -> tuple[int, int, float, int]:
    """Smaller is more reliable: grade, then credibility, then the latest statement."""
    grade = _GRADE_RANK[claim.grade] if claim.grade else _UNGRADED
    return (grade, claim.credibility, -claim.reported_at.timestamp(), -claim.position)


_Claim = TypeVar("_Claim", CasualtyClaim, EquipmentClaim)


SaidAt = dict[str, tuple[datetime, int, bool]]
"""When each claim's statement was made, by claim id: for a relay, the statement it repeats."""


def said_at(claims: Sequence[_Claim]) -> SaidAt | None:
    """When each statement was made, where relays make it differ from the claim; else None.

    A relay of a claim in ``claims`` was said when that claim was, and an originator's own
    statement comes after a relay of it made at the same moment.
    """
    if all(claim.relays is None for claim in claims):
        return None
    by_id = {claim.claim_id: claim for claim in claims}
    said: SaidAt = {}
    for claim in claims:
        relayed = by_id.get(claim.relays_claim) if claim.relays_claim else None
        at = relayed or claim
        said[claim.claim_id] = (at.reported_at, at.position, claim.relays is None)
    return said


def _supersedes(claim: _Claim, known: _Claim | None, said: SaidAt | None = None) -> bool:
    """Whether ``claim`` is its origin's later statement than ``known``."""
    if known is None:
        return True
    if said is not None:
        return said[claim.claim_id] > said[known.claim_id]
    # Compared field by field: a tuple of each pair cost most of counting a large incident.
    return claim.reported_at > known.reported_at or (
        claim.reported_at == known.reported_at and claim.position > known.position
    )


def _latest_per_source(claims: Sequence[_Claim]) -> list[_Claim]:
    said = said_at(claims)
    latest: dict[str, _Claim] = {}
    for claim in claims:
        if _supersedes(claim, latest.get(claim.origin), said):
            latest[claim.origin] = claim
    return list(latest.values())


def _rank(claim: CasualtyClaim | EquipmentClaim) -> tuple[int, int, float, int]:
    return _reliability(_Ranked(claim.grade, claim.credibility, claim.reported_at, claim.position))


def loss_figures(claims: Sequence[CasualtyClaim]) -> list[LossFigure]:
    """One incident's casualty claims, counted once per party, group and measure."""
    # Each source's latest statement per subject, found in one pass over the claims.
    said = said_at(claims)
    latest: dict[tuple[str, str, str], dict[str, CasualtyClaim]] = {}
    for claim in claims:
        for measure in claim.estimates:
            by_source = latest.setdefault((claim.party, claim.group, measure), {})
            if _supersedes(claim, by_source.get(claim.origin), said):
                by_source[claim.origin] = claim
    figures = []
    for (party, group, measure), by_source in sorted(latest.items()):
        stating = list(by_source.values())
        best_claim = min(stating, key=_rank)
        best_estimate = best_claim.estimates[measure]
        estimates = [c.estimates[measure] for c in stating]
        highs = [e.high for e in estimates]
        bounded = [h for h in highs if h is not None]
        figures.append(
            LossFigure(
                party=party,
                group=group,
                measure=measure,
                low=min(e.low for e in estimates),
                best=best_estimate.best if best_estimate.best is not None else best_estimate.low,
                high=max(bounded) if len(bounded) == len(highs) else None,
                claim_ids=tuple(sorted(c.claim_id for c in stating)),
            )
        )
    return figures


_GroupKey = tuple[str, str, str, str]
_Key = TypeVar("_Key", bound=Hashable)


def components(keys: Iterable[_Key], joins: Iterable[Sequence[_Key]]) -> dict[_Key, _Key]:
    """Each key's component, named by one of its keys: the keys of each join are one."""
    parent = {key: key for key in keys}

    def root(key: _Key) -> _Key:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for joined in joins:
        for key in joined[1:]:
            parent[root(key)] = root(joined[0])
    return {key: root(key) for key in parent}


def counted_where(
    claims: Mapping[str, Sequence[CasualtyClaim]], links: Iterable[Sequence[str]]
) -> dict[str, list[CasualtyClaim]]:
    """Each incident's casualty claims as its losses count them, links taken into account.

    ``claims`` maps each incident to its own claims; each link lists claims an analyst found
    to be one count (``claims.linked``), in whatever incidents. Linked claims are counted
    together, as if told of one incident: that of the group's first claim in the log, and
    nowhere else. Claims a link names but ``claims`` does not hold are left out of it.
    """
    incident_of = {claim.claim_id: incident for incident, own in claims.items() for claim in own}
    joins = [[c for c in link if c in incident_of] for link in links]
    joins = [joined for joined in joins if len(joined) > 1]
    if not joins:
        return {incident: list(own) for incident, own in claims.items()}
    by_id = {claim.claim_id: claim for own in claims.values() for claim in own}
    component = components({c for joined in joins for c in joined}, joins)
    first: dict[str, CasualtyClaim] = {}
    for claim_id, group in component.items():
        claim = by_id[claim_id]
        if group not in first or claim.position < first[group].position:
            first[group] = claim
    counted: dict[str, list[CasualtyClaim]] = {incident: [] for incident in claims}
    for incident, own in claims.items():
        for claim in own:
            linked = component.get(claim.claim_id)
            home = incident if linked is None else incident_of[first[linked].claim_id]
            counted[home].append(claim)
    return counted


def object_key(claim: EquipmentClaim) -> _GroupKey:
    """The object a claim names when nothing links it: incident, operator, platform, model."""
    return (claim.incident_id, claim.operator, claim.platform, claim.model or "")


def object_joins(claim: EquipmentClaim) -> list[str]:
    """What joins a claim to others as one object: each link it is in, the subject it names."""
    joins = [f"link/{link}" for link in claim.links]
    if claim.subject is not None:
        joins.append(f"subject/{claim.operator}/{claim.subject}")
    return joins


def equipment_objects(claims: Sequence[EquipmentClaim]) -> list[list[EquipmentClaim]]:
    """Claims grouped by ``object_key``, then joined by links and subjects: one list an object.

    The objects come in the order of their least key, and each one's claims start with
    that key's.
    """
    groups: dict[_GroupKey, list[EquipmentClaim]] = {}
    joined: dict[str, list[_GroupKey]] = {}
    for claim in claims:
        key = object_key(claim)
        groups.setdefault(key, []).append(claim)
        for join in object_joins(claim):
            joined.setdefault(join, []).append(key)
    component = components(groups, joined.values())
    # In the order of each object's first key, whichever key the union kept as its root.
    merged: dict[_GroupKey, list[EquipmentClaim]] = {}
    for key in sorted(groups):
        merged.setdefault(component[key], []).extend(groups[key])
    return list(merged.values())


def equipment_items(claims: Sequence[EquipmentClaim]) -> list[EquipmentItem]:
    """Equipment claims, one item per object (``equipment_objects``)."""
    return [equipment_item(members) for members in equipment_objects(claims)]


def equipment_item(members: Sequence[EquipmentClaim]) -> EquipmentItem:
    """The item of one object's claims."""
    stating = _latest_per_source(members)
    best = min(stating, key=_rank)
    first = min(members, key=lambda c: (c.reported_at, c.position))
    claimant = first.claimed_by or first.source_party
    ranked = sorted(members, key=_rank)
    named = [c for c in ranked if c.model is not None]
    acting = [c for c in ranked if c.actor is not None]
    return EquipmentItem(
        incident_id=first.incident_id,
        operator=best.operator,
        platform=best.platform,
        model=named[0].model if named else None,
        status=best.status,
        crew_fate=best.crew_fate,
        quantity=best.quantity,
        claimed_by=claimant,
        actor=acting[0].actor if acting else None,
        sources=tuple(sorted({c.source_id for c in members})),
        confirmed=any(c.source_party != claimant for c in stating),
        claim_ids=tuple(sorted(c.claim_id for c in members)),
        incidents=tuple(sorted({c.incident_id for c in members})),
    )
