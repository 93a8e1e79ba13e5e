from ledger.domain.history import Change, diff


def test_equal_values_have_no_changes() -> None:
    state = {"title": "x", "claims": [{"event_id": "a", "status": "active"}]}
    assert diff(state, state) == []


def test_fields_are_added_removed_and_changed_by_path() -> None:
    before = {"title": "old", "summary": "gone", "location": {"place": "A", "admin1": "Idlib"}}
    after = {"title": "new", "location": {"place": "B", "admin1": "Idlib"}, "parties": ["x"]}
    assert diff(before, after) == [
        Change(path="title", change="changed", before="old", after="new"),
        Change(path="summary", change="removed", before="gone"),
        Change(path="location/place", change="changed", before="A", after="B"),
        Change(path="parties", change="added", after=["x"]),
    ]


def test_claims_are_matched_by_event_id_not_by_place() -> None:
    before = {"claims": ({"event_id": "a", "n": 1}, {"event_id": "b", "n": 2})}
    after = {"claims": ({"event_id": "b", "n": 3}, {"event_id": "a", "n": 1})}
    assert diff(before, after) == [Change(path="claims/b/n", change="changed", before=2, after=3)]


def test_plain_lists_and_the_version_are_compared_whole_or_not_at_all() -> None:
    assert diff({"version": 1, "parties": ["a"]}, {"version": 2, "parties": ["a", "b"]}) == [
        Change(path="parties", change="changed", before=["a"], after=["a", "b"])
    ]
