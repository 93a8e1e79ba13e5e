"""A body's shape is its type without rules: what the shape refuses is malformed."""

from typing import Any

import msgspec
import pytest

from ledger.api.body_shapes import fits_shape
from ledger.domain.events import IncidentReported, ReportEvent
from tests.api import payloads


def _without(body: dict[str, Any], field: str) -> dict[str, Any]:
    return {key: value for key, value in body.items() if key != field}


@pytest.mark.parametrize(
    "body",
    [
        payloads.casualties(killed=2**63),
        {**payloads.casualties(), "killed": {"low": 9, "best": 3, "high": 12}},
        payloads.casualties(party="Not A Slug!"),
        payloads.casualties(attribution=payloads.attribution(quote="x" * 100_000)),
    ],
    ids=["bound", "rule-after-decoding", "pattern", "length"],
)
def test_a_body_breaking_only_rules_has_its_shape(body: dict[str, Any]) -> None:
    with pytest.raises(msgspec.ValidationError):
        msgspec.convert(body, ReportEvent, strict=False)
    assert fits_shape(body, ReportEvent)


@pytest.mark.parametrize(
    "body",
    [
        {**payloads.casualties(), "killed": {"low": "nine"}},
        _without(payloads.casualties(), "party"),
        {**payloads.casualties(), "mood": "grim"},
        {**payloads.casualties(), "group": "martians"},
        {**payloads.casualties(), "type": "rumour.heard"},
        [payloads.casualties()],
    ],
    ids=["type", "missing", "unknown", "enum", "tag", "not-an-object"],
)
def test_a_malformed_body_does_not(body: Any) -> None:
    assert not fits_shape(body, ReportEvent)


def test_a_valid_body_fits_its_own_shape_and_no_other() -> None:
    incident = payloads.incident("inc-9")
    assert fits_shape(incident, IncidentReported)
    assert not fits_shape(incident, ReportEvent)
