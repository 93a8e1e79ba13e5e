import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.store import GlobalCursor, InvalidStreamIdError
from ledger.store.validation import MAX_STREAM_ID_LENGTH, check_stream_id


def _acceptable(text: str) -> bool:
    return (
        bool(text.strip())
        and len(text) <= MAX_STREAM_ID_LENGTH
        and not any(unicodedata.category(c) in {"Cc", "Cs"} for c in text)
    )


@given(st.text(max_size=260))
def test_stream_ids_are_accepted_exactly_when_valid(text: str) -> None:
    if _acceptable(text):
        assert check_stream_id(text) == text
    else:
        with pytest.raises(InvalidStreamIdError):
            check_stream_id(text)


@given(st.integers(0, 2**64 - 1), st.integers(0, 2**64 - 1))
def test_cursors_round_trip_and_keep_their_order(transaction_id: int, position: int) -> None:
    cursor = GlobalCursor(transaction_id, position)
    assert GlobalCursor.decode(cursor.encode()) == cursor


@given(st.text())
def test_arbitrary_text_never_crashes_cursor_decoding(token: str) -> None:
    try:
        GlobalCursor.decode(token)
    except Exception as exc:  # noqa: BLE001 - the point is which exception it is
        assert type(exc).__name__ == "InvalidCursorError"
