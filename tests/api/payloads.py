"""Request bodies for the API tests."""

from __future__ import annotations

from typing import Any


def source(source_id: str = "tr-mod", **overrides: Any) -> dict[str, Any]:
    return {
        "source_id": source_id,
        "name": f"Source {source_id}",
        "kind": "government",
        "grade": "C",
        "party": "turkey",
        **overrides,
    }


def attribution(source_id: str = "tr-mod", **overrides: Any) -> dict[str, Any]:
    return {
        "source_id": source_id,
        "reported_at": "2020-03-03T12:00:00Z",
        "credibility": 3,
        **overrides,
    }


def incident(incident_id: str = "inc-1", **overrides: Any) -> dict[str, Any]:
    return {
        "incident_id": incident_id,
        "title": "Syrian warplane downed",
        "category": "air",
        "occurred": {
            "start": "2020-03-03T00:00:00Z",
            "end": "2020-03-03T23:59:59Z",
            "precision": "day",
            "as_stated": "Tuesday",
        },
        "location": {"country": "SY", "precision": "province", "admin1": "Idlib"},
        "parties": ["turkey", "syria"],
        "summary": "A warplane was downed over the province.",
        "attribution": attribution(),
        **overrides,
    }


def casualties(incident_id: str = "inc-1", killed: int = 1, **overrides: Any) -> dict[str, Any]:
    return {
        "type": "casualties.reported",
        "incident_id": incident_id,
        "party": "turkey",
        "group": "military",
        "killed": {"low": killed, "best": killed, "high": killed},
        "attribution": attribution(),
        **overrides,
    }
