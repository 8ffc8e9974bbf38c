"""An indicator's series drawn as SVG: geometry computed here, handed to the template as numbers' text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from accord.core.drawing import svg_number
from accord.monitoring.models import Indicator, Value

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 600, 220, 56, 16, 12, 28


@dataclass(frozen=True)
class Point:
    x: str
    y: str
    value: Value
    corrected: bool  # a later value corrects it: drawn hollow


@dataclass(frozen=True)
class Series:
    member: str
    points: list[Point]
    line: str  # the polyline's points, standing values only


@dataclass(frozen=True)
class Band:
    y: str
    height: str
    kind: str  # warning or alert


@dataclass(frozen=True)
class Chart:
    width: str
    height: str
    series: list[Series]
    bands: list[Band]
    ticks: list[tuple[str, str]]  # (y, label) on the value axis
    plot_left: str
    plot_bottom: str
    first: dt.date | None
    last: dt.date | None


def chart(found: Indicator, rows: list[Value], standing: list[Value]) -> Chart:
    """The indicator's chart: one line per reporting member through its standing values, corrected values
    drawn apart, and the warning and alert levels as bands up to the top of the scale."""
    numbers = [row.value for row in rows] + [level for level in (found.warning, found.alert) if level is not None]
    low = min(numbers, default=Decimal(0))
    high = max(numbers, default=Decimal(1))
    if high == low:
        high = low + 1
    days = [row.as_of for row in rows]
    first, last = (min(days), max(days)) if days else (None, None)
    span = max(((last - first).days if first and last else 0), 1)
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: dt.date) -> float:
        return LEFT + (inner_w * (day - first).days / span if first else inner_w / 2)

    def y(number: Decimal) -> float:
        return TOP + inner_h * float((high - number) / (high - low))

    kept = {row.pk for row in standing}
    series = []
    for member in sorted({row.member_id for row in rows}):
        own = [row for row in rows if row.member_id == member]
        points = [Point(svg_number(x(row.as_of)), svg_number(y(row.value)), row, row.pk not in kept)
                  for row in own]
        line = " ".join(f"{point.x},{point.y}" for point in points if not point.corrected)
        series.append(Series(member=member, points=points, line=line))
    bands = []
    if found.warning is not None:
        top = found.alert if found.alert is not None else high
        bands.append(Band(svg_number(y(top)), svg_number(y(found.warning) - y(top)), "warning"))
    if found.alert is not None:
        bands.append(Band(svg_number(TOP), svg_number(y(found.alert) - TOP), "alert"))
    ticks = [(svg_number(y(number)), format(number.normalize(), "f")) for number in (low, high)]
    return Chart(width=str(WIDTH), height=str(HEIGHT), series=series, bands=bands, ticks=ticks,
                 plot_left=str(LEFT), plot_bottom=str(HEIGHT - BOTTOM), first=first, last=last)
