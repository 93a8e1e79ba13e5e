import gc

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.domain.errors import (
    AlreadyExistsError,
    ClaimNotFoundError,
    ClaimRetractedError,
    IncidentClosedError,
    InvalidCorrectionError,
    MergeRefusedError,
    NotFoundError,
    UnknownSourceError,
)
from ledger.domain.estimates import Estimate
from ledger.domain.events import (
    CasualtiesReported,
    ClaimCorrected,
    IncidentsMerged,
    LedgerEvent,
)
from ledger.domain.incident_rules import check_merge, check_new_incident, check_report
from ledger.domain.incident_state import IncidentState
from ledger.domain.incidents import evolve_incident, fold_incident, fold_settled
from tests.unit.builders import (
    casualties,
    correction,
    event_id,
    incident_reported,
    records,
    retraction,
)

SOURCES = {"tr-mod", "sy-army", "ap"}


def _fold(*events: LedgerEvent) -> IncidentState:
    state = fold_incident(records(*events))
    assert state is not None
    return state


def test_the_founding_report_is_the_first_claim() -> None:
    state = _fold(incident_reported())
    assert state.version == 1
    assert state.status == "active"
    assert [c.type for c in state.claims] == ["incident.reported"]
    assert not state.contested


def test_contradicting_claims_stand_side_by_side() -> None:
    state = _fold(
        incident_reported(),
        casualties(33, source_id="tr-mod"),
        casualties(20, source_id="sy-army"),
    )
    assert [c.current.killed for c in state.claims[1:]] == [  # type: ignore[union-attr]
        Estimate.exactly(33),
        Estimate.exactly(20),
    ]
    assert state.contested
    [disagreement] = state.disagreements
    assert disagreement.subject == "casualties/turkey/military"
    assert set(disagreement.claim_event_ids) == {event_id(2), event_id(3)}


def test_one_source_revising_itself_is_no_dispute() -> None:
    state = _fold(incident_reported(), casualties(1, hours=1), casualties(2, hours=2))
    assert not state.contested
    assert len(state.claims) == 3


def test_silence_on_a_measure_is_no_dispute() -> None:
    state = _fold(
        incident_reported(),
        casualties(1, source_id="tr-mod"),
        casualties(None, source_id="ap", wounded=Estimate.exactly(1)),
    )
    assert not state.contested


def test_a_correction_keeps_the_original_and_its_history() -> None:
    state = _fold(
        incident_reported(),
        casualties(1),
        correction(event_id(2), {"killed": {"low": 2, "best": 2, "high": 2}}),
    )
    claim = state.claim(event_id(2))
    assert claim is not None
    assert claim.current.killed == Estimate.exactly(2)  # type: ignore[union-attr]
    assert claim.original.killed == Estimate.exactly(1)  # type: ignore[union-attr]
    [note] = claim.corrections
    assert note.previous == {"killed": {"low": 1, "best": 1, "high": 1, "qualifier": "exact"}}
    assert note.changes == {"killed": {"low": 2, "best": 2, "high": 2}}


def test_correcting_the_founding_report_changes_the_incident() -> None:
    state = _fold(incident_reported(), correction(event_id(1), {"title": "Two jets downed"}))
    assert state.title == "Two jets downed"


def test_a_retracted_claim_leaves_the_dispute_but_not_the_history() -> None:
    state = _fold(
        incident_reported(),
        casualties(33, source_id="tr-mod"),
        casualties(20, source_id="sy-army"),
        retraction(event_id(3), source_id="sy-army"),
    )
    assert not state.contested
    claim = state.claim(event_id(3))
    assert claim is not None
    assert claim.status == "retracted"
    assert claim.retraction is not None
    assert len(state.claims) == 3


def test_retracting_the_founding_report_retracts_the_incident() -> None:
    state = _fold(incident_reported(), retraction(event_id(1)))
    assert state.status == "retracted"
    with pytest.raises(IncidentClosedError):
        check_report(state, casualties(1), SOURCES)


def test_rules_for_a_new_incident() -> None:
    check_new_incident(None, incident_reported(), SOURCES)
    with pytest.raises(UnknownSourceError):
        check_new_incident(None, incident_reported(source_id="nobody"), SOURCES)
    with pytest.raises(AlreadyExistsError):
        check_new_incident(_fold(incident_reported()), incident_reported(), SOURCES)


def test_rules_for_reports() -> None:
    state = _fold(incident_reported(), casualties(1), retraction(event_id(2)))
    check_report(state, casualties(2), SOURCES)
    with pytest.raises(NotFoundError):
        check_report(None, casualties(2), SOURCES)
    with pytest.raises(UnknownSourceError):
        check_report(state, casualties(2, source_id="rumour-mill"), SOURCES)
    with pytest.raises(ClaimNotFoundError):
        check_report(state, correction(event_id(9), {"party": "syria"}), SOURCES)
    with pytest.raises(ClaimRetractedError):
        check_report(state, correction(event_id(2), {"party": "syria"}), SOURCES)
    with pytest.raises(ClaimRetractedError):
        check_report(state, retraction(event_id(2)), SOURCES)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"incident_id": "inc-2"}, "changes.incident_id"),
        ({"attribution": {}}, "changes.attribution"),
        ({"colour": "red"}, "changes.colour"),
        ({"killed": {"low": 5, "best": 3, "high": 9}}, "changes"),
        ({"party": "Not A Slug!"}, "changes"),
    ],
)
def test_corrections_that_cannot_apply_are_refused(changes: dict[str, object], field: str) -> None:
    state = _fold(incident_reported(), casualties(1))
    with pytest.raises(InvalidCorrectionError) as raised:
        check_report(state, correction(event_id(2), changes), SOURCES)
    assert raised.value.field == field


def test_merge_rules() -> None:
    first = _fold(incident_reported("inc-1"))
    second = fold_incident(records(incident_reported("inc-2")))
    merge = IncidentsMerged(incident_id="inc-1", merged_incident_id="inc-2", reason="same jet")
    check_merge(first, second, merge)
    with pytest.raises(MergeRefusedError):
        check_merge(
            first,
            first,
            IncidentsMerged(incident_id="inc-1", merged_incident_id="inc-1", reason="x"),
        )
    with pytest.raises(NotFoundError):
        check_merge(first, None, merge)


def test_a_merge_brings_the_absorbed_claims_and_closes_the_absorbed() -> None:
    absorbed = fold_incident(
        records(
            incident_reported("inc-2", source_id="sy-army"),
            casualties(20, source_id="sy-army", incident_id="inc-2"),
        )
    )
    assert absorbed is not None
    merge = IncidentsMerged(incident_id="inc-1", merged_incident_id="inc-2", reason="same strike")
    surviving = fold_incident(
        records(incident_reported("inc-1"), casualties(33), merge), {"inc-2": absorbed}
    )
    assert surviving is not None
    assert surviving.absorbed == ("inc-2",)
    assert [c.incident_id for c in surviving.claims] == ["inc-1", "inc-1", "inc-2", "inc-2"]
    assert surviving.contested
    closed = fold_incident(records(incident_reported("inc-2"), merge))
    assert closed is not None
    assert (closed.status, closed.merged_into) == ("merged", "inc-1")
    with pytest.raises(IncidentClosedError):
        check_report(closed, casualties(1, incident_id="inc-2"), SOURCES)


# A random schedule of reports, corrections and retractions never loses a claim, never
# counts a retracted one as disputed, and always keeps the original beside the current.
actions = st.lists(
    st.tuples(
        st.sampled_from(["report", "correct", "retract"]),
        st.sampled_from(sorted(SOURCES)),
        st.integers(0, 40),
        st.integers(0, 30),
    ),
    max_size=25,
)


@settings(max_examples=200)
@given(actions)
def test_folding_any_schedule_keeps_every_claim(schedule: list[tuple[str, str, int, int]]) -> None:
    events: list[LedgerEvent] = [incident_reported()]
    state = _fold(*events)
    for action, source, killed, pick in schedule:
        candidates = [c for c in state.claims[1:] if c.status == "active"]
        if action == "report" or not candidates:
            event: LedgerEvent = casualties(killed, source_id=source, hours=len(events))
        else:
            target = candidates[pick % len(candidates)].event_id
            if action == "correct":
                event = correction(
                    target, {"killed": {"low": killed, "best": killed, "high": killed}}
                )
            else:
                event = retraction(target)
        check_report(state, event, SOURCES)
        events.append(event)
        state = _fold(*events)

    reports = [e for e in events if isinstance(e, CasualtiesReported)]
    assert len(state.claims) == len(reports) + 1
    retracted = {c.event_id for c in state.claims if c.status == "retracted"}
    for disagreement in state.disagreements:
        assert not set(disagreement.claim_event_ids) & retracted
    for claim in state.claims[1:]:
        assert isinstance(claim.original, CasualtiesReported)
        assert claim.original in reports
        assert len(claim.corrections) == sum(
            1
            for e in events
            if isinstance(e, ClaimCorrected) and e.target_event_id == claim.event_id
        )
    assert state.version == len(events)
    assert msgspec.json.decode(msgspec.json.encode(state), type=IncidentState) == state
    # The fold settles disagreements once, after the last event: as if after every one.
    stepwise: IncidentState | None = None
    for record in records(*events):
        stepwise = evolve_incident(stepwise, record)
    assert stepwise == state


# Reports from several sources on two subjects, with corrections and retractions among them,
# folded in chunks as a long-lived cache would see them.
chunked_schedules = st.lists(
    st.tuples(
        st.sampled_from(["report", "report", "correct", "retract"]),
        st.sampled_from(sorted(SOURCES)),
        st.sampled_from(["turkey", "syria"]),
        st.integers(0, 6),
        st.integers(0, 40),
    ),
    max_size=30,
)


@settings(max_examples=200)
@given(chunked_schedules, st.integers(1, 5))
def test_settling_only_new_claims_finds_what_a_whole_fold_finds(
    schedule: list[tuple[str, str, str, int, int]], chunk: int
) -> None:
    events: list[LedgerEvent] = [incident_reported()]
    for action, source, party, hours, killed in schedule:
        reported = [v for v, e in enumerate(events, 1) if isinstance(e, CasualtiesReported)]
        if action == "report" or not reported:
            events.append(casualties(killed, source_id=source, hours=hours, party=party))
        elif action == "correct":
            target = event_id(reported[killed % len(reported)])
            exact = {"low": killed, "best": killed, "high": killed}
            events.append(correction(target, {"killed": exact}))
        else:
            events.append(retraction(event_id(reported[killed % len(reported)])))
    folded = records(*events)
    steps = []
    settled = None
    for start in range(0, len(folded), chunk):
        settled = fold_settled(folded[start : start + chunk], since=settled)
        assert settled is not None
        steps.append(settled)
    assert settled is not None
    assert settled.state == fold_incident(folded)
    # A later step copies what it changes, never edits an earlier index: a different
    # report added to any earlier step settles as a whole fold of that history does.
    for number, step in enumerate(steps):
        branch = records(*events[: (number + 1) * chunk], casualties(99, source_id="ap", hours=9))
        again = fold_settled(branch[-1:], since=step)
        assert again is not None
        assert again.state == fold_incident(branch)


def test_folded_states_are_left_out_of_the_garbage_collectors_walks() -> None:
    state = _fold(
        incident_reported(),
        casualties(33, source_id="tr-mod"),
        casualties(2, source_id="sy-army"),
        retraction(event_id(3)),
    )
    gc.collect()  # tuples holding only untracked objects are untracked by a pass
    claims = state.claims
    held = [state, claims, *claims, *(c.current for c in claims), claims[0].current.attribution]
    assert not any(gc.is_tracked(value) for value in held)
    assert state.claims[2].retraction is not None
    assert not gc.is_tracked(state.claims[2].retraction)
