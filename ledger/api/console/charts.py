"""Losses over time as small charts, drawn on the server as SVG: no script, no library.

One chart per party, group and measure, on a time axis: each period's low-high band as a
bar, its best figure as a dot on it, and a figure with no upper bound ("more than 90") drawn
as a floor — a mark at its low value pointing up, its band open to the top — never as a
point it is not. Periods with nothing recorded are left empty, not joined by a line.

A year of days is hundreds of marks a chart: they are written here, of numbers and dates
alone, rather than by the template, which took most of a losses page's time escaping each.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from typing import Final

import msgspec
from markupsafe import Markup

from ledger.application.views import LossRow

Link = Callable[["Chart | LossRow", date], Markup]
"""Where a figure's evidence is shown, escaped: its series and period."""

WIDTH: Final = 640
HEIGHT: Final = 180
_LEFT: Final = 44
_RIGHT: Final = 12
_TOP: Final = 12
_BOTTOM: Final = 28
_EDGE: Final = 0.15
_HEADROOM: Final = 1.25
_BAR: Final = 5
"""Half a period's bar, in the chart's units."""


class Point(msgspec.Struct, frozen=True, kw_only=True):
    """One period's figures and where they stand on the chart."""

    period: date
    low: int
    best: int
    high: int | None
    x: float
    y_low: float
    y_best: float
    y_high: float | None


class Chart(msgspec.Struct, frozen=True, kw_only=True):
    """One series, ready to draw."""

    party: str
    group: str
    measure: str
    points: list[Point]
    y_max: int
    top: int
    """Where an open-ended band reaches: the top of the plot."""
    ticks: list[tuple[float, str, str]]
    """Where the x labels go, what they say, and how they are anchored."""

    @property
    def title(self) -> str:
        """The series it draws."""
        return f"{self.party} · {self.group} · {self.measure}"


def loss_charts(rows: Sequence[LossRow]) -> list[Chart]:
    """One chart per party, group and measure, over the periods the rows give."""
    series: dict[tuple[str, str, str], list[LossRow]] = defaultdict(list)
    for row in rows:
        if row.period is not None:
            series[(row.party, row.group, row.measure)].append(row)
    periods = sorted({row.period for row in rows if row.period is not None})
    return [
        _chart((party, group, measure), sorted(listed, key=_period), periods)
        for (party, group, measure), listed in sorted(series.items())
    ]


def _period(row: LossRow) -> date:
    assert row.period is not None  # noqa: S101 - loss_charts keeps rows with one
    return row.period


def _chart(series: tuple[str, str, str], rows: list[LossRow], periods: list[date]) -> Chart:
    y_max = max(max(row.high if row.high is not None else row.best, row.best, 1) for row in rows)
    if any(row.high is None for row in rows):
        y_max = math.ceil(y_max * _HEADROOM)  # an open band shows it reaches past its floor
    span = max(len(periods) - 1, 1)
    place = {
        period: _LEFT + (WIDTH - _LEFT - _RIGHT) * n / span for n, period in enumerate(periods)
    }

    def y(value: float) -> float:
        return round(HEIGHT - _BOTTOM - (HEIGHT - _TOP - _BOTTOM) * value / y_max, 1)

    points = [
        Point(
            period=_period(row),
            low=row.low,
            best=row.best,
            high=row.high,
            x=round(place[_period(row)], 1),
            y_low=y(row.low),
            y_best=y(row.best),
            y_high=None if row.high is None else y(row.high),
        )
        for row in rows
    ]
    every = max(len(points) // 6, 1)
    shown = points[::every]
    party, group, measure = series
    return Chart(
        party=party,
        group=group,
        measure=measure,
        points=points,
        y_max=y_max,
        top=_TOP,
        ticks=[(p.x, p.period.isoformat(), _anchor(n, len(shown))) for n, p in enumerate(shown)],
    )


def _anchor(number: int, count: int) -> str:
    """Labels at the ends lean inwards, so that none runs off the chart."""
    if count > 1 and number == 0:
        return "start"
    return "end" if count > 1 and number == count - 1 else "middle"


def marks(chart: Chart, link: Link) -> Markup:
    """The chart's marks as SVG: each period's band, and its best figure or its floor."""
    drawn = []
    for p in chart.points:
        upper = p.y_high if p.y_high is not None else chart.top
        band = "band open" if p.high is None else "band"
        drawn.append(
            f'<rect class="{band}" x="{p.x - _BAR}" y="{upper}" width="{2 * _BAR}"'
            f' height="{max(p.y_low - upper, 1)}"/><a href="{link(chart, p.period)}">'
        )
        if p.high is None:
            drawn.append(
                f'<path class="floor" d="M{p.x - 6},{p.y_low + 5} L{p.x},{p.y_low - 6}'
                f' L{p.x + 6},{p.y_low + 5} Z"><title>{p.period}: at least {p.low}'
                " (its evidence)</title></path></a>"
            )
        else:
            drawn.append(
                f'<circle class="point" cx="{p.x}" cy="{p.y_best}" r="4"><title>{p.period}:'
                f" {p.best} ({p.low}\N{EN DASH}{p.high}) (its evidence)</title></circle></a>"
            )
    return Markup("".join(drawn))  # noqa: S704 - numbers, dates and an escaped link


def figure_rows(rows: Sequence[LossRow], link: Link) -> Markup:
    """The figures as table rows, each best figure linked to its evidence."""
    named: dict[tuple[str, str, str], Markup] = {}
    drawn = []
    for r in rows:
        key = (r.party, r.group, r.measure)
        if (series := named.get(key)) is None:
            series = named[key] = Markup("<td>{}</td><td>{}</td><td>{}</td>").format(*key)
        high = r.high if r.high is not None else "no upper bound"
        best = f"{r.best}"
        if r.period is not None:
            evidence = link(r, r.period)
            best = f'<a href="{evidence}" title="The events behind this figure">{r.best}</a>'
        drawn.append(
            f"<tr><td>{r.period or ''}</td>{series}<td>{r.low}</td><td>{best}</td>"
            f"<td>{high}</td><td>{r.incidents}</td></tr>"
        )
    return Markup("".join(drawn))  # noqa: S704 - numbers, dates and escaped names and links
