"""The geometry of the exercises' participation timeline: per member state, planned spans hollow, actual filled.

Plain functions over plain data, in SVG user units, drawn in the same style as the crisis synchronization
timeline (`accord.crises.drawing`): a column of names, then the days. The templates place only the text
`svg_number` writes, never a float, which a page's language would write as "12,5".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from accord.core.drawing import svg_number

WIDTH = 960
LABEL = 200  # the column of member states' names
ROW = 30
TOP = 30  # room for the ticks' labels
BAR = 14  # the height of one span's bar
RIGHT = 10


@dataclass(frozen=True)
class Span:
    """One exercise as a member state takes part in it: planned days, actual days once held."""

    label: str
    planned_start: dt.date
    planned_end: dt.date
    actual_start: dt.date | None = None
    actual_end: dt.date | None = None
    cancelled: bool = False
    key: str = ""  # what the page names the span by (an exercise's id)


@dataclass(frozen=True)
class Axis:
    start: dt.date
    end: dt.date  # the last day drawn; a day is drawn over its whole width

    def x(self, day: dt.date) -> float:
        days = (self.end - self.start).days + 1
        share = (day - self.start).days / days
        return round(LABEL + min(max(share, 0.0), 1.0) * (WIDTH - LABEL - RIGHT), 1)


@dataclass(frozen=True)
class Bar:
    span: Span
    x: float
    w: float

    @property
    def svg_x(self) -> str:
        return svg_number(self.x)

    @property
    def svg_w(self) -> str:
        return svg_number(self.w)


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    y: float
    planned: list[Bar]
    actual: list[Bar]
    note: str  # said instead of bars (a member that does not take part)

    @property
    def label_y(self) -> str:
        return svg_number(self.y + 19)

    @property
    def bar_y(self) -> str:
        return svg_number(self.y + 8)

    @property
    def note_x(self) -> str:
        return svg_number(LABEL)


@dataclass(frozen=True)
class Tick:
    x: float
    day: dt.date
    monthly: bool

    @property
    def svg_x(self) -> str:
        return svg_number(self.x)


@dataclass(frozen=True)
class Timeline:
    rows: list[Row]
    ticks: list[Tick]
    height: float
    width: int = WIDTH

    @property
    def svg_width(self) -> str:
        return svg_number(self.width)

    @property
    def svg_height(self) -> str:
        return svg_number(self.height)

    @property
    def top(self) -> str:
        return svg_number(TOP - 8)


def _bar(axis: Axis, span: Span, first: dt.date, last: dt.date) -> Bar:
    x = axis.x(first)
    end = axis.x(last + dt.timedelta(days=1))
    return Bar(span, x, round(max(end - x, 2.0), 1))


def timeline(rows: Sequence[tuple[str, str, Sequence[Span], str]], *, start: dt.date | None = None,
             end: dt.date | None = None) -> Timeline | None:
    """One row per member state (code, name, its spans, a note said instead of spans); the axis runs from
    `start` to `end` (a whole year) or, when not given, over the spans' days. None when nothing is dated."""
    days = [day for _, _, spans, _ in rows for span in spans
            for day in (span.planned_start, span.planned_end, span.actual_start, span.actual_end) if day]
    if not days and (start is None or end is None):
        return None
    first = start or min(days) - dt.timedelta(days=1)
    last = end or max(days) + dt.timedelta(days=1)
    axis = Axis(first, last)
    drawn = []
    for index, (code, label, spans, note) in enumerate(rows):
        drawn.append(Row(
            code=code, label=label, y=TOP + index * ROW, note=note,
            planned=[_bar(axis, span, span.planned_start, span.planned_end) for span in spans],
            actual=[_bar(axis, span, span.actual_start, span.actual_end) for span in spans
                    if span.actual_start and span.actual_end]))
    return Timeline(drawn, _ticks(axis), TOP + max(1, len(drawn)) * ROW + 6)


def _ticks(axis: Axis, at_most: int = 12) -> list[Tick]:
    """The first of each month over a long axis, else days at a step that keeps them few."""
    length = (axis.end - axis.start).days + 1
    if length > 62:
        result = []
        month = dt.date(axis.start.year, axis.start.month, 1)
        while month <= axis.end:
            if month >= axis.start:
                result.append(Tick(axis.x(month), month, True))
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        return result
    step = max(1, -(-length // at_most))
    return [Tick(axis.x(axis.start + dt.timedelta(days=n)), axis.start + dt.timedelta(days=n), False)
            for n in range(0, length, step)]
