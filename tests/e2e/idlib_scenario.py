"""The early-March 2020 Idlib clashes, told as the ledger would record them.

Facts are taken from one wire report of 3 March 2020 (see shared/reference); the wording,
ids and structure are ours. The days the sources name are Idlib's (UTC+2 then); other times
are UTC. The report was filed on Tuesday 3 March.
"""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from typing import Any, Final

from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.api.helpers import post_ok

FILED: Final = "2020-03-03T15:00:00Z"
DUPLICATE: Final = "idlib-airstrike-2020-02-27-second-entry"
"""The airstrike of 27 February, entered a second time by ``later_writes``."""
AGENCY_ENTRY: Final = "idlib-airstrike-2020-02-27-agency-count"
"""The airstrike's dead as the agency counted them a day later, entered as an incident of
their own by ``later_writes`` and linked to the ministry's count rather than merged."""


FILED_BY_AP: Final = {"source_id": "ap", "reported_at": FILED, "credibility": 2}
"""The agency's attribution in the report."""


def _by(source_id: str, credibility: int, quote: str | None = None) -> dict[str, Any]:
    attribution: dict[str, Any] = {
        "source_id": source_id,
        "reported_at": FILED,
        "credibility": credibility,
    }
    if quote:
        attribution["quote"] = quote
    return attribution


def _day(date: str, as_stated: str) -> dict[str, Any]:
    return {
        "start": f"{date}T00:00:00+02:00",
        "end": f"{date}T23:59:59+02:00",
        "precision": "day",
        "as_stated": as_stated,
    }


def _idlib(place: str | None = None, relation: str | None = None) -> dict[str, Any]:
    location: dict[str, Any] = {
        "country": "SY",
        "admin1": "Idlib",
        "precision": "near" if place else "province",
    }
    if place:
        location["place"] = place
    if relation:
        location["relation"] = relation
    return location


def _exactly(count: int) -> dict[str, Any]:
    return {"low": count, "best": count, "high": count, "qualifier": "exact"}


SOURCES: Final = [
    {
        "source_id": "tr-mod",
        "name": "Turkish Ministry of National Defence",
        "kind": "government",
        "grade": "C",
        "party": "turkey",
    },
    {
        "source_id": "sy-state-media",
        "name": "Syrian state news agency",
        "kind": "state_media",
        "grade": "D",
        "party": "syria",
    },
    {
        "source_id": "sy-army",
        "name": "Syrian army general command",
        "kind": "military",
        "grade": "D",
        "party": "syria",
    },
    {"source_id": "ap", "name": "Associated Press", "kind": "news_agency", "grade": "B"},
    {
        "source_id": "rumour-feed",
        "name": "Unverified social media channel",
        "kind": "social_media",
        "grade": "F",
    },
]

L39: Final = "idlib-l39-shootdown-2020-03-03"
DRONE: Final = "idlib-drone-shootdown-2020-03-03"
AIRSTRIKE: Final = "idlib-airstrike-2020-02-27"
MONDAY: Final = "idlib-soldier-killed-2020-03-02"
RETALIATION: Final = "idlib-turkish-retaliation-2020-02-28"
SUNDAY: Final = "idlib-jets-downed-2020-03-01"

INCIDENTS: Final = [
    {
        "incident_id": L39,
        "title": "Turkey says it downed a Syrian L-39",
        "category": "air",
        "occurred": _day("2020-03-03", "Tuesday"),
        # The analyst placed the wreck on the map: a point with the report's own vagueness.
        "location": _idlib("Maarat al-Numan", "northwest of")
        | {"latitude": 35.68, "longitude": 36.62},
        "parties": ["turkey", "syria"],
        "summary": "Turkish forces hit a Syrian government L-39 with a missile; it came down "
        "northwest of Maarat al-Numan. Third such incident in three days.",
        "attribution": _by("tr-mod", 2),
    },
    {
        "incident_id": DRONE,
        "title": "Syrian troops say they downed a Turkish drone",
        "category": "air",
        "occurred": _day("2020-03-03", "Tuesday"),
        "location": _idlib(),
        "parties": ["syria", "turkey"],
        "summary": "State media say government troops brought down a Turkish drone.",
        "attribution": _by("sy-state-media", 4),
    },
    {
        "incident_id": AIRSTRIKE,
        "title": "Airstrike kills 33 Turkish soldiers",
        "category": "strike",
        "occurred": _day("2020-02-27", "Thursday"),
        "location": _idlib(),
        "parties": ["syria", "turkey"],
        "summary": "A single Syrian airstrike killed 33 Turkish soldiers.",
        "attribution": _by("tr-mod", 1),
    },
    {
        "incident_id": MONDAY,
        "title": "Turkish soldier killed, another wounded",
        "category": "ground",
        "occurred": {
            "start": "2020-03-02T19:00:00+02:00",
            "end": "2020-03-02T23:59:59+02:00",
            "precision": "day",
            "as_stated": "Monday night",
        },
        "location": _idlib(),
        "parties": ["turkey", "syria"],
        "summary": "The Turkish defence ministry reported one soldier killed and one wounded.",
        "attribution": _by("tr-mod", 2),
    },
    {
        "incident_id": RETALIATION,
        "title": "Turkish drone strikes and shelling after the airstrike",
        "category": "shelling",
        "occurred": {
            "start": "2020-02-28T00:00:00Z",
            "end": "2020-03-03T00:00:00Z",
            "precision": "week",
            "as_stated": "after the airstrike",
        },
        "location": _idlib(),
        "parties": ["turkey", "syria"],
        "summary": "Turkey answered the airstrike with drone attacks and shelling.",
        "attribution": _by("tr-mod", 3),
    },
    {
        "incident_id": SUNDAY,
        "title": "Turkish air force downs two Syrian warplanes",
        "category": "air",
        "occurred": _day("2020-03-01", "Sunday"),
        "location": _idlib(),
        "parties": ["turkey", "syria"],
        "summary": "After Syrian air defences downed a Turkish drone, Turkish jets shot down "
        "two Syrian warplanes; the pilots ejected.",
        "attribution": _by("ap", 2),
    },
]


def _situation(
    situation_id: str, kind: str, figure: dict[str, Any], **fields: Any
) -> dict[str, Any]:
    return {
        "situation_id": situation_id,
        "kind": kind,
        "area": "Idlib province",
        "country": "SY",
        "figure": figure,
        "attribution": _by("ap", 2),
        **fields,
    }


SITUATIONS: Final = [
    # What the report says of the war rather than of one incident: no date or place of
    # its own is invented for them.
    _situation(
        "idlib-turkish-troops",
        "deployment",
        {"low": 2000, "qualifier": "vague"},
        parties=["turkey"],
        period_as_stated="has sent thousands of troops",
    ),
    _situation(
        "idlib-clashes-toll",
        "toll",
        {"low": 24, "qualifier": "vague"},
        parties=["turkey", "syria"],
        measure="killed",
        period_as_stated="increasingly frequent clashes",
    ),
    _situation(
        "idlib-civilians-fled",
        "displacement_flow",
        {"low": 900_000, "high": 999_999, "qualifier": "approximately"},
        parties=["syria"],
        period_as_stated="the government's offensive",
    ),
    _situation(
        "syrian-refugees-in-turkey",
        "displacement_stock",
        {"low": 3_500_001, "qualifier": "at_least"},
        parties=["syria"],
        area="Turkey",
        country="TR",
    ),
]


def reports() -> list[tuple[str, dict[str, Any]]]:
    """Every report to add, as (incident id, body)."""
    return [
        (
            L39,
            {
                "type": "equipment_loss.claimed",
                "incident_id": L39,
                "platform": "fixed_wing",
                "model": "L-39",
                "operator": "syria",
                "claimed_by": "turkey",
                "cause": "missile",
                "status": "destroyed",
                "crew_fate": "unknown",
                "attribution": _by("tr-mod", 2),
            },
        ),
        (
            L39,
            {
                # The Syrian military's own words: "a warplane", no model, hit by a Turkish
                # missile. The analyst links it to the ministry's L-39 in ``record``.
                "type": "equipment_loss.claimed",
                "incident_id": L39,
                "platform": "fixed_wing",
                "operator": "syria",
                "claimed_by": "syria",
                "actor": "turkey",
                "cause": "missile fired by Turkish forces",
                "status": "destroyed",
                "crew_fate": "unknown",
                "attribution": _by("sy-army", 2),
            },
        ),
        (
            L39,
            {
                "type": "equipment_loss.claimed",
                "incident_id": L39,
                "platform": "fixed_wing",
                "model": "L-39",
                "operator": "syria",
                "claimed_by": "turkey",
                "status": "destroyed",
                "crew_fate": "captured",
                "attribution": _by("rumour-feed", 6),
            },
        ),
        (
            DRONE,
            {
                "type": "equipment_loss.claimed",
                "incident_id": DRONE,
                "platform": "drone",
                "operator": "turkey",
                "claimed_by": "syria",
                "status": "destroyed",
                "crew_fate": "not_applicable",
                "attribution": _by("sy-state-media", 4),
            },
        ),
        (
            AIRSTRIKE,
            {
                "type": "casualties.reported",
                "incident_id": AIRSTRIKE,
                "party": "turkey",
                "group": "military",
                "killed": _exactly(33),
                "attribution": _by("tr-mod", 1),
            },
        ),
        (
            MONDAY,
            {
                "type": "casualties.reported",
                "incident_id": MONDAY,
                "party": "turkey",
                "group": "military",
                "killed": _exactly(1),
                "wounded": _exactly(1),
                "attribution": _by("tr-mod", 2),
            },
        ),
        (
            MONDAY,
            {
                "type": "running_total.stated",
                "incident_id": MONDAY,
                "party": "turkey",
                "measure": "killed",
                # "This month", said on 3 March, taken as the source wrote it; the toll, it
                # says, includes the 33 killed on Thursday 27 February.
                "period_as_stated": "this month",
                "period_start": "2020-03-01T00:00:00Z",
                "period_end": "2020-03-03T23:59:59Z",
                "covers": [AIRSTRIKE],
                "total": _exactly(55),
                "attribution": _by("tr-mod", 2, quote="55 losses this month"),
            },
        ),
        (
            L39,
            {
                "type": "incident.related",
                "incident_id": L39,
                "relation": "series",
                "related_incident_id": SUNDAY,
                "attribution": _by("ap", 2, quote="the third such incident in as many days"),
            },
        ),
        (
            RETALIATION,
            {
                "type": "incident.related",
                "incident_id": RETALIATION,
                "relation": "response_to",
                "related_incident_id": AIRSTRIKE,
                "attribution": _by("ap", 2, quote="Turkey responded with drone attacks"),
            },
        ),
        (
            RETALIATION,
            {
                "type": "casualties.reported",
                "incident_id": RETALIATION,
                "party": "syria",
                "group": "military",
                "killed": {"low": 91, "qualifier": "at_least"},
                "affiliations": ["regular", "allied_armed_group"],
                "allied_to": "syria",
                "attribution": _by("tr-mod", 4, quote="more than 90 troops and allied gunmen"),
            },
        ),
        (
            SUNDAY,
            {
                "type": "equipment_loss.claimed",
                "incident_id": SUNDAY,
                "platform": "fixed_wing",
                "operator": "syria",
                "claimed_by": "turkey",
                "status": "destroyed",
                "crew_fate": "ejected",
                "quantity": 1,
                "attribution": _by("ap", 2),
            },
        ),
        (
            SUNDAY,
            {
                "type": "equipment_loss.claimed",
                "incident_id": SUNDAY,
                "platform": "drone",
                "operator": "turkey",
                "claimed_by": "syria",
                "status": "destroyed",
                "crew_fate": "not_applicable",
                "attribution": _by("ap", 2),
            },
        ),
    ]


async def record(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> dict[str, Any]:
    """Record the scenario up to, not including, its correction and retraction.

    Returns the last write's receipt.
    """
    for source in SOURCES:
        await post_ok(client, "/v1/sources", source, admin)
    for incident in INCIDENTS:
        await post_ok(client, "/v1/incidents", incident, reporter)
    receipt: dict[str, Any] = {}
    one_jet = []
    for incident_id, body in reports():
        receipt = await post_ok(client, f"/v1/incidents/{incident_id}/reports", body, reporter)
        if incident_id == L39 and body["attribution"]["source_id"] in {"tr-mod", "sy-army"}:
            one_jet.append(receipt["events"][0]["event_id"])
    for situation in SITUATIONS:
        receipt = await post_ok(client, "/v1/situations", situation, reporter)
    link = {"link_id": L39_LINK, "claim_ids": one_jet, "reason": "one aircraft, two accounts"}
    return await post_ok(client, "/v1/links", link, reporter)


L39_LINK: Final = "idlib-l39-one-aircraft"
"""The link of the ministry's "L-39" and the Syrian army's "warplane"."""

EVENTS_RECORDED: Final = (
    len(SOURCES) + len(INCIDENTS) + len(reports()) + len(SITUATIONS) + 1  # the link
)
"""How many events ``record`` appends."""


def sunday_jets_correction(jets_claim_id: str) -> dict[str, Any]:
    """The wire report names two warplanes downed on Sunday; the claim was entered as one."""
    return {
        "incident_id": SUNDAY,
        "target_event_id": jets_claim_id,
        "changes": {"quantity": 2},
        "reason": "the report names two warplanes; one was entered",
        "attribution": _by("ap", 2),
    }


def rumour_retraction(rumour_claim_id: str) -> dict[str, Any]:
    """The channel behind the captured-crew rumour about the L-39 withdrew it."""
    return {
        "incident_id": L39,
        "target_event_id": rumour_claim_id,
        "reason": "the channel deleted the post and withdrew the claim",
        "attribution": {
            "source_id": "rumour-feed",
            "reported_at": "2020-03-04T08:00:00Z",
            "credibility": 6,
        },
    }


def airstrike_entered_again(incident_id: str) -> dict[str, Any]:
    """The 27 February airstrike opened a second time, under ``incident_id``."""
    [airstrike] = [i for i in INCIDENTS if i["incident_id"] == AIRSTRIKE]
    return copy.deepcopy(airstrike) | {"incident_id": incident_id}


def airstrike_merge(duplicate_id: str) -> dict[str, Any]:
    """The second entry of the airstrike folded into the first."""
    return {
        "incident_id": AIRSTRIKE,
        "merged_incident_id": duplicate_id,
        "reason": "the same airstrike, entered twice",
    }


def _casualties(source: str, credibility: int, incident_id: str, killed: Any) -> dict[str, Any]:
    return {
        "type": "casualties.reported",
        "incident_id": incident_id,
        "party": "turkey",
        "group": "military",
        "killed": killed,
        "attribution": {
            "source_id": source,
            "reported_at": FILED,
            "credibility": credibility,
        },
    }


async def later_writes(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> AsyncIterator[dict[str, Any]]:
    """The writes after ``record``, each changing a figure.

    A second source on an incident, a source regraded, a duplicate incident entered and
    merged, a claim corrected, a claim retracted, a count entered as another incident and
    linked as one count.

    Yields each one's receipt before the next one is written.
    """
    ap = {"low": 33, "best": 35, "high": 36, "qualifier": "approximately"}
    yield await post_ok(
        client,
        f"/v1/incidents/{AIRSTRIKE}/reports",
        _casualties("ap", 2, AIRSTRIKE, ap),
        reporter,
    )
    yield await post_ok(
        client,
        "/v1/sources/tr-mod/grades",
        {"source_id": "tr-mod", "grade": "A", "reason": "figures confirmed by funerals"},
        admin,
    )
    await post_ok(client, "/v1/incidents", airstrike_entered_again(DUPLICATE), reporter)
    at_least_40 = {"low": 40, "best": None, "high": None, "qualifier": "at_least"}
    yield await post_ok(
        client,
        f"/v1/incidents/{DUPLICATE}/reports",
        _casualties("sy-state-media", 3, DUPLICATE, at_least_40),
        reporter,
    )
    merge = airstrike_merge(DUPLICATE)
    merged = await post_ok(client, f"/v1/incidents/{AIRSTRIKE}/merges", merge, reporter)
    yield merged
    # Read past the last write: the figures' projection may not have reached it yet.
    at = {**reader, "Ledger-Min-Position": merged["cursor"]}
    equipment = (await client.get("/v1/views/equipment", headers=at)).json()
    [jets_claim] = next(
        item["claim_ids"]
        for item in equipment["items"]
        if item["incident_id"] == SUNDAY and item["platform"] == "fixed_wing"
    )
    yield await post_ok(
        client,
        f"/v1/incidents/{SUNDAY}/corrections",
        sunday_jets_correction(jets_claim),
        reporter,
    )
    l39 = (await client.get(f"/v1/incidents/{L39}", headers=reader)).json()
    [rumour] = [c["event_id"] for c in l39["claims"] if c["source_id"] == "rumour-feed"]
    yield await post_ok(
        client,
        f"/v1/incidents/{L39}/retractions",
        rumour_retraction(rumour),
        reporter,
    )
    agency_entry = airstrike_entered_again(AGENCY_ENTRY) | {
        "attribution": {"source_id": "ap", "reported_at": "2020-03-04T09:00:00Z", "credibility": 2}
    }
    await post_ok(client, "/v1/incidents", agency_entry, reporter)
    counted = _casualties("ap", 2, AGENCY_ENTRY, _exactly(34))
    counted["attribution"]["reported_at"] = "2020-03-04T09:00:00Z"
    agency_count = await post_ok(client, f"/v1/incidents/{AGENCY_ENTRY}/reports", counted, reporter)
    yield agency_count
    airstrike = (await client.get(f"/v1/incidents/{AIRSTRIKE}", headers=reader)).json()
    [ministry] = [
        c["event_id"]
        for c in airstrike["claims"]
        if c["type"] == "casualties.reported" and c["source_id"] == "tr-mod"
    ]
    link = {
        "link_id": "idlib-airstrike-dead",
        "claim_ids": [ministry, agency_count["events"][0]["event_id"]],
        "reason": "the same soldiers, counted by the agency a day later",
    }
    yield await post_ok(client, "/v1/links", link, reporter)
