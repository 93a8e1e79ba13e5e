"""The API's memory of encoded incident states."""

import msgspec

from ledger.api.documents import EncodedIncidents
from ledger.domain.incident_state import IncidentState
from ledger.domain.incidents import fold_incident
from tests.unit.builders import casualties, incident_reported, records


def _state(*killed: int) -> IncidentState:
    state = fold_incident(
        records(incident_reported(), *(casualties(k, source_id="ap") for k in killed))
    )
    assert state is not None
    return state


def test_a_body_is_the_states_json_and_is_reused_only_for_that_very_state() -> None:
    documents = EncodedIncidents()
    state = _state(33)
    body = documents.encoded(state)
    assert body == msgspec.json.encode(state)
    assert documents.encoded(state) is body
    # An equal state decoded elsewhere is another object: encoded again, never assumed.
    twin = msgspec.json.decode(body, type=IncidentState)
    assert documents.encoded(twin) is not body
    assert documents.encoded(twin) == body
    later = _state(33, 35)
    assert documents.encoded(later) == msgspec.json.encode(later)


def test_large_bodies_and_the_least_recent_are_not_kept() -> None:
    state, other = _state(33), _state(34)
    small = EncodedIncidents(capacity=1, largest_kept=len(msgspec.json.encode(state)) - 1)
    assert small.encoded(state) is not small.encoded(state)
    one = EncodedIncidents(capacity=1)
    first = one.encoded(state)
    one.encoded(msgspec.structs.replace(other, incident_id="inc-2"))
    assert one.encoded(state) is not first
