"""An indicator's series drawn as SVG: geometry computed here, handed to the template as numbers' text.

A series is one path through its standing values and one path of round dots on them (zero-length segments
drawn with round caps), so that 240 values are two elements, not 240; a corrected value is drawn apart, a
hollow circle with its title. The numbers are written by `svg_number` ("." before decimals in every
language); the table under the chart gives each value in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from accord.core.drawing import svg_number
from accord.monitoring.models import Indicator
from accord.monitoring.queries import Reported

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 600, 220, 56, 16, 12, 28


@dataclass(frozen=True)
class Point:
    x: str
    y: str
    value: Reported
    corrected: bool  # a later value corrects it: drawn hollow


@dataclass(frozen=True)
class Series:
    member: str
    corrected: list[Point]  # values a later report corrected, each drawn hollow with its title
    line: str  # the path through the standing values ("M x,y L x,y …")
    dots: str  # the path of the standing values' dots ("M x,y h0 …")
    last_x: str  # where the member's label hangs: its last value
    last_y: str


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


def chart(found: Indicator, rows: list[Reported], standing: list[Reported]) -> Chart:
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

    ceiling, scale = float(high), inner_h / float(high - low)  # the values in floats: enough for a drawing

    def y(number: Decimal) -> float:
        return TOP + (ceiling - float(number)) * scale

    kept = {row.pk for row in standing}
    own: dict[str, list[Reported]] = {}
    for row in rows:
        own.setdefault(row.member_id, []).append(row)
    series = []
    for member in sorted(own):
        drawn = [(svg_number(x(row.as_of)), svg_number(y(row.value)), row) for row in own[member]]
        stands = [f"{px},{py}" for px, py, row in drawn if row.pk in kept]
        corrected = [Point(px, py, row, True) for px, py, row in drawn if row.pk not in kept]
        line = f"M{' L'.join(stands)}" if stands else ""
        dots = "".join(f"M{point}h0" for point in stands)
        series.append(Series(member=member, corrected=corrected, line=line, dots=dots,
                             last_x=drawn[-1][0], last_y=drawn[-1][1]))
    bands = []
    if found.warning is not None:
        top = found.alert if found.alert is not None else high
        bands.append(Band(svg_number(y(top)), svg_number(y(found.warning) - y(top)), "warning"))
    if found.alert is not None:
        bands.append(Band(svg_number(TOP), svg_number(y(found.alert) - TOP), "alert"))
    ticks = [(svg_number(y(number)), format(number.normalize(), "f")) for number in (low, high)]
    return Chart(width=str(WIDTH), height=str(HEIGHT), series=series, bands=bands, ticks=ticks,
                 plot_left=str(LEFT), plot_bottom=str(HEIGHT - BOTTOM), first=first, last=last)
