"""IANA time zones: which names exist, and the zone of a country that has only one.

Both are read from the ``tzdata`` package, the IANA database published for Python, so every
machine agrees on them whatever its operating system's copy.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo

UTC_ZONE = "UTC"


@cache
def zone_names() -> frozenset[str]:
    """Every zone name the database knows, links included ("Europe/Kiev")."""
    text = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


@cache
def _zones_by_country() -> dict[str, tuple[str, ...]]:
    table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab")
    zones: dict[str, list[str]] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            country, _coordinates, name, *_comment = line.split("\t")
            zones.setdefault(country, []).append(name)
    return {country: tuple(sorted(names)) for country, names in zones.items()}


def country_zones(country: str) -> tuple[str, ...]:
    """The zones in use in a country (ISO 3166-1 alpha-2), in name order; () if unknown."""
    return _zones_by_country().get(country, ())


def country_zone(country: str) -> str | None:
    """The country's zone when it has exactly one, else ``None``."""
    zones = country_zones(country)
    return zones[0] if len(zones) == 1 else None


def local_date(instant: datetime, zone: str) -> date:
    """The calendar day ``instant`` falls on in ``zone``."""
    return instant.astimezone(ZoneInfo(zone)).date()
