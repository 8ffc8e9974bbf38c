"""The geometry of the crisis drawings: the synchronization timeline and the force-gap bars.

Plain functions over plain data, in SVG user units; the templates only place what is computed here,
as the text `svg_number` writes (the properties named after the attribute they fill).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from accord.core.drawing import svg_number
from accord.crises import rules
from accord.crises.catalogue import PHASE_CODES

WIDTH = 960
LABEL = 240  # the column of contingent and capability names
ROW = 34
TOP = 56  # room for the markers' labels and the day ticks
BAR_HEIGHT = 18
T = TypeVar("T")
MARK = 8  # the side of an actual phase's square
ACK_CELL = 120  # the width of one member's cell in the acknowledgement strip


@dataclass(frozen=True)
class TimeAxis:
    start: dt.datetime
    end: dt.datetime

    def x(self, instant: dt.datetime) -> float:
        span = (self.end - self.start).total_seconds() or 1.0
        share = (instant - self.start).total_seconds() / span
        return round(LABEL + min(max(share, 0.0), 1.0) * (WIDTH - LABEL - 10), 1)


@dataclass(frozen=True)
class Mark:
    phase: str
    x: float
    at: dt.datetime
    late: bool = False
    # A phase the record dates only as a range: reached between `at` and `by` (drawn as a bar to `by_x`).
    by: dt.datetime | None = None
    by_x: float | None = None

    @property
    def range_width(self) -> str:
        """The width of a range's bar: from its first instant to its last, at least a square's side."""
        return svg_number(max(MARK, (self.by_x or self.x) - self.x + MARK))

    @property
    def cx(self) -> str:
        return svg_number(self.x)

    @property
    def left(self) -> str:
        """Where the square of an actual phase starts, so that it is centred on the instant."""
        return svg_number(self.x - MARK / 2)


@dataclass(frozen=True)
class TimelineRow:
    label: str
    y: float
    planned: list[Mark]
    actual: list[Mark]
    lagging: bool

    @property
    def label_y(self) -> str:
        return svg_number(self.y + 22)

    @property
    def planned_y(self) -> str:
        """The centre of a planned phase's circle."""
        return svg_number(self.y + 17)

    @property
    def actual_y(self) -> str:
        """The top of an actual phase's square, centred on the same line as the circles."""
        return svg_number(self.y + 17 - MARK / 2)


@dataclass(frozen=True)
class Marker:
    label: str
    x: float
    at: dt.datetime

    @property
    def svg_x(self) -> str:
        return svg_number(self.x)

    @property
    def anchor(self) -> str:
        """Where the label hangs from its line, so that labels at either edge stay inside the drawing."""
        if self.x > WIDTH - 90:
            return "end"
        return "start" if self.x < LABEL + 40 else "middle"


@dataclass(frozen=True)
class Tick:
    x: float
    day: dt.date

    @property
    def svg_x(self) -> str:
        return svg_number(self.x)


@dataclass(frozen=True)
class Timeline:
    rows: list[TimelineRow]
    markers: list[Marker]
    ticks: list[Tick]
    height: float
    width: int = WIDTH
    label_width: int = LABEL

    @property
    def svg_width(self) -> str:
        return svg_number(self.width)

    @property
    def svg_height(self) -> str:
        return svg_number(self.height)


def timeline(contingents: Sequence[tuple[str, Mapping[str, dt.datetime], Mapping[str, dt.datetime]]],
             milestones: Sequence[tuple[str, dt.datetime | None]],
             ranges: Mapping[str, Mapping[str, dt.datetime]] | None = None) -> Timeline | None:
    """One row per contingent (label, planned, actual): planned against actual per phase, laggards
    flagged; the decision's and the host's milestones as vertical markers. None when nothing is timed.
    `ranges` gives, per row label, the phases known only as a range and the range's end (the actual its
    start): each drawn as a bar over the range."""
    spans = ranges or {}
    instants = [t for _, planned, actual in contingents for t in (*planned.values(), *actual.values())]
    instants += [t for phases in spans.values() for t in phases.values()]
    instants += [t for _, t in milestones if t is not None]
    if not instants:
        return None
    start, end = min(instants), max(instants)
    if end - start < dt.timedelta(hours=6):
        end = start + dt.timedelta(hours=6)
    axis = TimeAxis(start - (end - start) * 0.02, end + (end - start) * 0.02)
    late = rules.laggards({label: actual for label, _, actual in contingents},
                          {label: planned for label, planned, _ in contingents})
    rows = []
    for index, (label, planned, actual) in enumerate(contingents):
        order = PHASE_CODES
        rows.append(TimelineRow(
            label=label, y=TOP + index * ROW,
            planned=[Mark(p, axis.x(planned[p]), planned[p]) for p in order if p in planned],
            actual=[Mark(p, axis.x(actual[p]), actual[p], (label, p) in late, spans.get(label, {}).get(p),
                         axis.x(spans[label][p]) if p in spans.get(label, {}) else None)
                    for p in order if p in actual],
            lagging=any(name == label for name, _ in late),
        ))
    markers = [Marker(name, axis.x(at), at) for name, at in milestones if at is not None]
    return Timeline(rows, markers, _ticks(axis), TOP + max(1, len(rows)) * ROW + 10)


def _ticks(axis: TimeAxis, at_most: int = 10) -> list[Tick]:
    first = axis.start.date() + dt.timedelta(days=1)
    days = max(1, (axis.end.date() - first).days + 1)
    step = max(1, -(-days // at_most))
    result = []
    day = first
    while day <= axis.end.date():
        result.append(Tick(axis.x(dt.datetime.combine(day, dt.time(), dt.UTC)), day))
        day += dt.timedelta(days=step)
    return result


def ack_strip(cells: Sequence[T]) -> tuple[list[tuple[str, T]], str]:
    """The acknowledgement strip: each member's cell with where it starts, and the strip's width."""
    placed = [(svg_number(index * ACK_CELL), cell) for index, cell in enumerate(cells)]
    return placed, svg_number(max(1, len(cells)) * ACK_CELL)


@dataclass(frozen=True)
class GapBar:
    row: rules.GapRow
    y: float
    scale: float  # user units per unit of force

    def w(self, units: int) -> float:
        return round(units * self.scale, 1)

    @property
    def svg_y(self) -> str:
        return svg_number(self.y)

    @property
    def required_w(self) -> str:
        return svg_number(self.w(self.row.required))

    @property
    def pledged_w(self) -> str:
        return svg_number(self.w(self.row.pledged))

    @property
    def accepted_w(self) -> str:
        return svg_number(self.w(self.row.accepted))

    @property
    def deployed_w(self) -> str:
        return svg_number(self.w(self.row.deployed))


def gap_bars(rows: Sequence[rules.GapRow], row_height: int = 40) -> tuple[list[GapBar], str]:
    """Bars for the force gap on one scale: the longest of required and pledged fills the width; and the
    drawing's height."""
    longest = max([max(r.required, r.pledged) for r in rows] + [1])
    scale = (WIDTH - LABEL - 20) / longest
    bars = [GapBar(row, 10 + index * row_height, scale) for index, row in enumerate(rows)]
    return bars, svg_number(20 + len(rows) * row_height)
