"""The counting rules of ``ledger.domain.figures``, on their own."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ledger.domain.estimates import Estimate, Qualifier
from ledger.domain.figures import (
    Agreement,
    CasualtyClaim,
    EquipmentClaim,
    Interval,
    agreement,
    counted_where,
    equipment_items,
    loss_figures,
)
from ledger.domain.vocabulary import CrewFate, LossStatus, ReliabilityGrade

DOZENS = Estimate(low=24, qualifier=Qualifier.VAGUE)
MORE_THAN_NINETY = Estimate(low=91, qualifier=Qualifier.AT_LEAST)
AROUND_A_MILLION = Estimate(
    low=900_000, best=950_000, high=1_000_000, qualifier=Qualifier.APPROXIMATELY
)


def test_a_vague_floor_agrees_with_any_count_above_it() -> None:
    # "Killed dozens on both sides" against 34 recorded: no negative gap from the floor.
    assert agreement(Interval.of(DOZENS), Interval(34, 34)) == Agreement(verdict="consistent", by=0)
    assert agreement(Interval.of(DOZENS), Interval(20, 23)) == Agreement(
        verdict="ledger_short", by=1
    )


def test_an_exact_total_against_the_ledger() -> None:
    fifty_five = Interval.of(Estimate.exactly(55))
    assert agreement(fifty_five, Interval(34, 34)) == Agreement(verdict="ledger_short", by=21)
    assert agreement(fifty_five, Interval(55, 55)) == Agreement(verdict="consistent", by=0)
    assert agreement(fifty_five, Interval(60, 61)) == Agreement(verdict="ledger_over", by=5)
    # A ledger figure with no upper bound ("more than 90") can always still reach it.
    assert agreement(fifty_five, Interval(34, None)).verdict == "consistent"


def test_bounded_and_open_figures() -> None:
    assert agreement(Interval.of(MORE_THAN_NINETY), Interval(91, 91)).verdict == "consistent"
    assert agreement(Interval.of(MORE_THAN_NINETY), Interval(0, 90)) == Agreement(
        verdict="ledger_short", by=1
    )
    assert agreement(Interval.of(AROUND_A_MILLION), Interval(1_000_001, None)) == Agreement(
        verdict="ledger_over", by=1
    )


intervals = st.integers(0, 10**10).flatmap(
    lambda low: st.builds(Interval, st.just(low), st.one_of(st.none(), st.integers(low, 10**10)))
)


def _meet(first: Interval, second: Interval) -> bool:
    return (first.high is None or second.low <= first.high) and (
        second.high is None or first.low <= second.high
    )


@given(intervals, intervals)
def test_consistent_exactly_when_the_intervals_meet_else_the_gap_between_them(
    stated: Interval, ledger: Interval
) -> None:
    found = agreement(stated, ledger)
    assert (found.verdict == "consistent") == _meet(stated, ledger)
    assert (found.by == 0) == (found.verdict == "consistent")
    if found.verdict == "ledger_short":
        assert ledger.high is not None
        assert ledger.high + found.by == stated.low
    if found.verdict == "ledger_over":
        assert stated.high is not None
        assert ledger.low - found.by == stated.high
    # Seen from the other side, short is over by the same gap.
    mirrored = agreement(ledger, stated)
    assert mirrored.by == found.by
    assert {found.verdict, mirrored.verdict} in (
        {"consistent"},
        {"ledger_short", "ledger_over"},
    )


_START = datetime(2020, 2, 27, tzinfo=UTC)


@st.composite
def _casualty_claims(draw: st.DrawFn) -> list[CasualtyClaim]:
    claims = []
    for number in range(draw(st.integers(1, 8))):
        low = draw(st.integers(0, 100))
        high = draw(st.one_of(st.none(), st.integers(low, 200)))
        best = draw(st.one_of(st.none(), st.integers(low, high if high is not None else 200)))
        claims.append(
            CasualtyClaim(
                claim_id=f"claim-{number}",
                source_id=draw(st.sampled_from(["tr-mod", "sy-army", "ap"])),
                grade=draw(st.one_of(st.none(), st.sampled_from(ReliabilityGrade))),
                credibility=draw(st.integers(1, 6)),
                reported_at=_START + timedelta(hours=draw(st.integers(0, 96))),
                position=number + 1,
                party=draw(st.sampled_from(["turkey", "syria"])),
                group="military",
                estimates={
                    "killed": Estimate(low=low, best=best, high=high, qualifier=Qualifier.VAGUE)
                },
            )
        )
    return claims


@given(_casualty_claims(), st.randoms())
def test_figures_do_not_depend_on_the_order_claims_arrive_in(
    claims: list[CasualtyClaim], shuffler: random.Random
) -> None:
    shuffled = list(claims)
    shuffler.shuffle(shuffled)
    assert loss_figures(shuffled) == loss_figures(claims)


@given(_casualty_claims())
def test_each_source_counts_once_by_its_latest_statement(claims: list[CasualtyClaim]) -> None:
    for figure in loss_figures(claims):
        counted = [c for c in claims if c.claim_id in figure.claim_ids]
        assert len({c.source_id for c in counted}) == len(counted)
        for claim in counted:
            later = [
                c
                for c in claims
                if c.source_id == claim.source_id
                and c.party == claim.party
                and (c.reported_at, c.position) > (claim.reported_at, claim.position)
            ]
            assert later == []
        assert figure.low == min(c.estimates["killed"].low for c in counted)


@st.composite
def _relayed(draw: st.DrawFn) -> tuple[list[CasualtyClaim], list[CasualtyClaim]]:
    """Claims of originators, and relays of some of them by other sources, said at any time."""
    originals = draw(_casualty_claims())
    relays = []
    for number, relayed in enumerate(draw(st.lists(st.sampled_from(originals), max_size=6))):
        killed = draw(st.integers(0, 300))
        relays.append(
            CasualtyClaim(
                claim_id=f"relay-{number}",
                source_id=draw(st.sampled_from(["agency", "wire", "broadcaster"])),
                grade=relayed.grade,  # a relay is graded as its originator
                credibility=draw(st.integers(1, 6)),
                reported_at=_START + timedelta(hours=draw(st.integers(0, 200))),
                position=100 + number,
                party=relayed.party,
                group=relayed.group,
                estimates={"killed": Estimate.exactly(killed)},
                relays=relayed.source_id,
                relays_claim=relayed.claim_id,
            )
        )
    return originals, relays


@given(_relayed())
def test_a_relay_never_changes_a_figure_its_originators_statements_decide(
    relayed: tuple[list[CasualtyClaim], list[CasualtyClaim]],
) -> None:
    originals, relays = relayed
    assert loss_figures([*originals, *relays]) == loss_figures(originals)
    assert loss_figures([*relays, *originals]) == loss_figures(originals)


def test_a_relay_stands_for_its_originator_until_the_originator_says_more() -> None:
    at = _START + timedelta(hours=12)

    def claim(claim_id: str, source: str, killed: int, hours: int, **relay: str) -> CasualtyClaim:
        return CasualtyClaim(
            claim_id=claim_id,
            source_id=source,
            grade=ReliabilityGrade.C,  # the ministry's, for the agency's relay too
            credibility=2,
            reported_at=at + timedelta(hours=hours),
            position=hours + 10,
            party="turkey",
            group="military",
            estimates={"killed": Estimate.exactly(killed)},
            **relay,
        )

    # The agency repeats the ministry's 33 before the ministry's own statement reaches the
    # ledger: it stands for the ministry, counted once.
    relay = claim("agency-33", "agency", 33, 1, relays="tr-mod")
    [figure] = loss_figures([relay])
    assert (figure.best, figure.claim_ids) == (33, ("agency-33",))
    # The ministry then says 36: its later word replaces the relay of its earlier one.
    later = claim("tr-mod-36", "tr-mod", 36, 5)
    [figure] = loss_figures([relay, later])
    assert (figure.low, figure.best, figure.claim_ids) == (36, 36, ("tr-mod-36",))


@st.composite
def _equipment_claims(draw: st.DrawFn) -> list[EquipmentClaim]:
    """Claims of a few aircraft, told with and without models, some joined by links."""
    claims = []
    for number in range(draw(st.integers(1, 8))):
        links = draw(st.lists(st.sampled_from(["link-a", "link-b"]), max_size=2, unique=True))
        claims.append(
            EquipmentClaim(
                claim_id=f"claim-{number}",
                incident_id=draw(st.sampled_from(["inc-1", "inc-2"])),
                source_id=draw(st.sampled_from(["tr-mod", "sy-army", "ap"])),
                source_party=draw(st.sampled_from(["turkey", "syria", None])),
                grade=draw(st.one_of(st.none(), st.sampled_from(ReliabilityGrade))),
                credibility=draw(st.integers(1, 6)),
                reported_at=_START + timedelta(hours=draw(st.integers(0, 96))),
                position=number + 1,
                operator="syria",
                claimed_by="turkey",
                platform="fixed_wing",
                model=draw(st.sampled_from(["L-39", "Su-24", None])),
                status=LossStatus.DESTROYED,
                crew_fate=CrewFate.UNKNOWN,
                quantity=1,
                links=tuple(links),
            )
        )
    return claims


def _components(claims: list[EquipmentClaim]) -> int:
    """How many objects the claims describe: their groups, joined through shared links."""
    keys = {c.claim_id: (c.incident_id, c.model) for c in claims}
    objects = [{keys[c.claim_id]} | {f"link/{link}" for link in c.links} for c in claims]
    merged: list[set[object]] = []
    for found in objects:
        touching = [group for group in merged if group & found]
        joined = found.union(*touching)
        merged = [group for group in merged if group not in touching] + [joined]
    return len(merged)


@given(_equipment_claims(), st.randoms())
def test_a_linked_group_counts_once_whatever_the_order_of_its_claims(
    claims: list[EquipmentClaim], shuffler: random.Random
) -> None:
    items = equipment_items(claims)
    shuffled = list(claims)
    shuffler.shuffle(shuffled)
    assert equipment_items(shuffled) == items
    assert len(items) == _components(claims)
    assert sorted(i for item in items for i in item.claim_ids) == sorted(c.claim_id for c in claims)


@st.composite
def _linked_incidents(
    draw: st.DrawFn,
) -> tuple[dict[str, list[CasualtyClaim]], list[list[str]]]:
    """Claims spread over three incidents, and links joining some of them."""
    claims = draw(_casualty_claims())
    incidents: dict[str, list[CasualtyClaim]] = {"a": [], "b": [], "c": []}
    for claim in claims:
        incidents[draw(st.sampled_from(sorted(incidents)))].append(claim)
    ids = [c.claim_id for c in claims]
    links = draw(st.lists(st.lists(st.sampled_from(ids), min_size=2, max_size=3), max_size=3))
    return incidents, links


@given(_linked_incidents(), st.randoms())
def test_linked_claims_count_once_wherever_they_were_told_and_in_whatever_order(
    linked: tuple[dict[str, list[CasualtyClaim]], list[list[str]]], shuffler: random.Random
) -> None:
    incidents, links = linked
    counted = counted_where(incidents, links)
    # Every claim is counted in exactly one incident.
    assert sorted(c.claim_id for own in counted.values() for c in own) == sorted(
        c.claim_id for own in incidents.values() for c in own
    )
    # Linked claims are counted together, where the group's first claim was told.
    where = {c.claim_id: incident for incident, own in counted.items() for c in own}
    told = {c.claim_id: incident for incident, own in incidents.items() for c in own}
    position = {c.claim_id: c.position for own in incidents.values() for c in own}
    groups: list[set[str]] = []
    for link in links:
        touching = [group for group in groups if group & set(link)]
        groups = [group for group in groups if group not in touching]
        groups.append(set(link).union(*touching))
    for group in groups:
        first = min(group, key=position.__getitem__)
        assert {where[c] for c in group} == {told[first]}
    joined: set[str] = set().union(*groups)
    assert all(where[c] == told[c] for c in told if c not in joined)
    # The same figures whatever order the claims and links come in.
    reordered = {incident: shuffler.sample(own, len(own)) for incident, own in incidents.items()}
    relisted = [shuffler.sample(link, len(link)) for link in shuffler.sample(links, len(links))]
    again = counted_where(reordered, relisted)
    assert {i: loss_figures(own) for i, own in again.items()} == {
        i: loss_figures(own) for i, own in counted.items()
    }


def test_one_count_told_as_two_incidents_is_counted_once_when_linked() -> None:
    def thirty_three(claim_id: str, source_id: str, position: int) -> CasualtyClaim:
        return CasualtyClaim(
            claim_id=claim_id,
            source_id=source_id,
            grade=ReliabilityGrade.C,
            credibility=2,
            reported_at=_START + timedelta(hours=position),
            position=position,
            party="turkey",
            group="military",
            estimates={"killed": Estimate.exactly(33 + position - 1)},
        )

    # The ministry's 33 in the airstrike; an agency's 34 entered as an incident of its own.
    incidents = {
        "airstrike": [thirty_three("ministry", "tr-mod", 1)],
        "second-entry": [thirty_three("agency", "ap", 2)],
    }
    apart = counted_where(incidents, [])
    assert sum(f.best for own in apart.values() for f in loss_figures(own)) == 33 + 34
    together = counted_where(incidents, [["agency", "ministry"]])
    assert together["second-entry"] == []
    [figure] = loss_figures(together["airstrike"])
    assert (figure.low, figure.high, figure.claim_ids) == (33, 34, ("agency", "ministry"))
    # A link naming a claim no longer held (retracted) joins the others only.
    assert counted_where(incidents, [["ministry", "gone"]]) == apart
