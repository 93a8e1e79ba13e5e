"""Incidents on a map drawn on the server as SVG, over country shapes shipped in the package.

An incident goes where its coordinates say; a source that named only a province puts it at
that province's label point, one that named only a country at the country's centre. The
vaguer the place, the larger and fainter its mark: it covers the ground the report could
mean, never a point it did not give. The shapes are Natural Earth's (``map/README.md``).
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Final

import msgspec

from ledger.domain.incident_state import IncidentState
from ledger.domain.values import Location
from ledger.domain.vocabulary import PlacePrecision

_FILES: Final = Path(__file__).parent / "map"
WIDTH: Final = 640
HEIGHT: Final = 420
_KM_PER_DEGREE: Final = 111.2
_REACH_KM: Final = {
    PlacePrecision.EXACT: 0.0,
    PlacePrecision.NEAR: 8.0,
    PlacePrecision.DISTRICT: 25.0,
    PlacePrecision.PROVINCE: 60.0,
    PlacePrecision.COUNTRY: 250.0,
}
"""How far from its mark's centre a report of each precision may have happened."""
_VAGUENESS: Final = list(_REACH_KM)
_SMALLEST: Final = 0.008
"""The least radius of a mark, as a share of the map's width: an exact place stays visible."""
_MIN_SPAN: Final = 3.0
"""Degrees of latitude the map shows at the least, so that one place keeps its surroundings."""
_MARGIN: Final = 0.15
_FONT: Final = 0.022


class Area(msgspec.Struct, frozen=True, array_like=True):
    """A first-level area's label point, and its name."""

    longitude: float
    latitude: float
    name: str


class Country(msgspec.Struct, frozen=True, kw_only=True):
    """A country's shape in degrees (x = longitude, y = -latitude), bounds and centre."""

    name: str
    bounds: tuple[float, float, float, float]
    centre: tuple[float, float]
    path: str


class Mark(msgspec.Struct, frozen=True, kw_only=True):
    """Incidents placed at one spot with one precision, ready to draw."""

    x: float
    y: float
    radius: float
    precision: PlacePrecision
    placed_by: str
    """What put them there: "coordinates", a province's name, a country's."""
    incidents: list[IncidentState]


class Shape(msgspec.Struct, frozen=True, kw_only=True):
    """A country drawn on the map, and where its name goes (if inside the map)."""

    name: str
    path: str
    label: tuple[float, float] | None


class Map(msgspec.Struct, frozen=True, kw_only=True):
    """What the map page draws: the view box, the countries, the marks, the unplaced."""

    view_box: str
    x_scale: float
    """Longitudes are drawn this much narrower than latitudes (the cosine of the middle)."""
    font: float
    """The labels' size, in the view box's units."""
    countries: list[Shape]
    marks: list[Mark]
    unplaced: list[IncidentState]


def name_key(name: str) -> str:
    """A name as it is matched: no accents, no case, letters and digits only."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.casefold() if c.isalnum())


@functools.cache
def _countries() -> dict[str, Country]:
    return msgspec.json.decode((_FILES / "countries.json").read_bytes(), type=dict[str, Country])


@functools.cache
def _areas() -> dict[str, dict[str, Area]]:
    return msgspec.json.decode(
        (_FILES / "admin1.json").read_bytes(), type=dict[str, dict[str, Area]]
    )


class _Spot(msgspec.Struct, frozen=True):
    longitude: float
    latitude: float
    precision: PlacePrecision
    placed_by: str


def _vaguer(precision: PlacePrecision, than: PlacePrecision) -> PlacePrecision:
    return max(precision, than, key=_VAGUENESS.index)


def place(location: Location) -> _Spot | None:
    """Where ``location`` goes, and how precisely; ``None`` when the ledger cannot tell."""
    if location.latitude is not None and location.longitude is not None:
        return _Spot(location.longitude, location.latitude, location.precision, "coordinates")
    area = _areas().get(location.country, {}).get(name_key(location.admin1 or ""))
    if area is not None:
        vaguer = _vaguer(location.precision, PlacePrecision.PROVINCE)
        return _Spot(area.longitude, area.latitude, vaguer, area.name)
    country = _countries().get(location.country)
    if country is None:
        return None
    longitude, latitude = country.centre
    return _Spot(longitude, latitude, PlacePrecision.COUNTRY, country.name)


def _frame(spots: Sequence[_Spot]) -> tuple[float, float, float, float, float]:
    """The view every spot's reach fits in, and its longitudes' scale.

    Left, top, width and height in the map's units, then how much narrower than latitudes
    its longitudes are drawn (the cosine of its middle latitude).
    """
    reach = [_REACH_KM[s.precision] / _KM_PER_DEGREE for s in spots]
    west = min(s.longitude - r for s, r in zip(spots, reach, strict=True))
    east = max(s.longitude + r for s, r in zip(spots, reach, strict=True))
    south = min(s.latitude - r for s, r in zip(spots, reach, strict=True))
    north = max(s.latitude + r for s, r in zip(spots, reach, strict=True))
    height = max((north - south) * (1 + 2 * _MARGIN), _MIN_SPAN)
    middle = (north + south) / 2
    x_scale = math.cos(math.radians(middle))
    width = max((east - west) * x_scale * (1 + 2 * _MARGIN), height * WIDTH / HEIGHT)
    height = width * HEIGHT / WIDTH
    centre_x = (east + west) / 2 * x_scale
    return centre_x - width / 2, -middle - height / 2, width, height, x_scale


def draw(incidents: Sequence[IncidentState]) -> Map:
    """The map of ``incidents``: each placed as precisely as its sources allow."""
    spots: dict[_Spot, list[IncidentState]] = defaultdict(list)
    unplaced = []
    for incident in incidents:
        spot = place(incident.location)
        if spot is None:
            unplaced.append(incident)
        else:
            spots[spot].append(incident)
    if not spots:
        return Map(view_box="", x_scale=1.0, font=0.0, countries=[], marks=[], unplaced=unplaced)
    left, top, width, height, x_scale = _frame(list(spots))
    smallest = width * _SMALLEST
    marks = [
        Mark(
            x=round(spot.longitude * x_scale, 4),
            y=round(-spot.latitude, 4),
            radius=round(max(_REACH_KM[spot.precision] / _KM_PER_DEGREE, smallest), 4),
            precision=spot.precision,
            placed_by=spot.placed_by,
            incidents=listed,
        )
        for spot, listed in spots.items()
    ]
    # The vaguest drawn first, so that a precise mark is never hidden under a vague one.
    marks.sort(key=lambda mark: -mark.radius)
    return Map(
        view_box=f"{left:.4f} {top:.4f} {width:.4f} {height:.4f}",
        x_scale=round(x_scale, 6),
        font=round(width * _FONT, 4),
        countries=_shapes((left / x_scale, top, (left + width) / x_scale, top + height), x_scale),
        marks=marks,
        unplaced=unplaced,
    )


def _shapes(view: tuple[float, float, float, float], x_scale: float) -> list[Shape]:
    """The countries that reach into ``view`` (west, -north, east, -south, in degrees)."""
    west, top, east, bottom = view
    shown = []
    for country in _countries().values():
        c_west, c_south, c_east, c_north = country.bounds
        if c_east < west or c_west > east or -c_south < top or -c_north > bottom:
            continue
        x, y = country.centre[0], -country.centre[1]
        inside = west < x < east and top < y < bottom
        shown.append(
            Shape(
                name=country.name,
                path=country.path,
                label=(round(x * x_scale, 4), round(y, 4)) if inside else None,
            )
        )
    return shown
