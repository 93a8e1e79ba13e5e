"""The incident list's page tokens: each names a place in the list's order, or is refused."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

import pytest

from ledger.application.page_tokens import (
    PAGE_TOKEN_PATTERN,
    decode_page_token,
    encode_page_token,
)
from ledger.store.errors import InvalidReadError


@pytest.mark.parametrize(
    "occurred",
    [
        datetime(2020, 2, 27, 18, 30, tzinfo=timezone(timedelta(hours=3))),
        datetime(1969, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC),
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC),
    ],
)
def test_a_token_names_the_place_it_was_made_for(occurred: datetime) -> None:
    token = encode_page_token(occurred, "idlib-l39-shootdown")
    assert re.fullmatch(PAGE_TOKEN_PATTERN, token)
    assert decode_page_token(token) == (occurred, "idlib-l39-shootdown")


def test_a_place_past_either_end_of_time_orders_as_that_end() -> None:
    assert decode_page_token("9999999999999999999~a")[0] == datetime.max.replace(tzinfo=UTC)
    assert decode_page_token("-9999999999999999999~a")[0] == datetime.min.replace(tzinfo=UTC)


@pytest.mark.parametrize(
    "token", ["", "12", "~idlib", "12~", "12~Idlib", "1.5~idlib", "12~idlib\n", "x12~idlib"]
)
def test_anything_else_is_refused(token: str) -> None:
    with pytest.raises(InvalidReadError, match="is not a page token"):
        decode_page_token(token)
