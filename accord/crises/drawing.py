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
LABEL_LINE = 15  # one line of markers' labels, above the day ticks: a 12 px label's box is 14 px tall
LABEL_FONT = 12  # their size in user units (crises.css: .sync-timeline text)
# A label's width is estimated, not measured (the server has no fonts): this much of the font's size per
# character, wide enough for a Latin or Cyrillic face, so that boxes apart in estimate are apart on screen.
CHARACTER = 0.66
HANG = 3  # the gap between a marker's line and its label
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
    line: int = 0  # the line of labels it is written on, from the top
    ends_left: bool = False  # hangs to the left of its line (near the drawing's right edge)

    @property
    def svg_x(self) -> str:
        return svg_number(self.x)

    @property
    def anchor(self) -> str:
        return "end" if self.ends_left else "start"

    @property
    def label_x(self) -> str:
        return svg_number(self.x - HANG if self.ends_left else self.x + HANG)

    @property
    def label_y(self) -> str:
        return svg_number(_label_baseline(self.line))

    @property
    def line_top(self) -> str:
        """Where its line starts: just under its own label, so that it crosses no label above it."""
        return svg_number(_label_baseline(self.line) + 3)

    @property
    def box(self) -> tuple[float, float]:
        """The label's estimated extent along the axis."""
        return _label_box(self.label, self.x, self.ends_left)


def _label_baseline(line: int) -> float:
    return 11 + line * LABEL_LINE


def _label_width(label: str) -> float:
    return len(label) * LABEL_FONT * CHARACTER


def _label_box(label: str, x: float, ends_left: bool) -> tuple[float, float]:
    width = _label_width(label)
    return (x - HANG - width, x - HANG) if ends_left else (x + HANG, x + HANG + width)


def placed_markers(markers: Sequence[tuple[str, float, dt.datetime]]) -> list[Marker]:
    """The markers with their labels on as few lines as keep them apart. A label hangs right of its line, or
    left of it where it would leave the drawing, and so does a label whose line such a left-hanging label would
    cover. Those hanging right are placed from left to right, then those hanging left from right to left, each
    on the highest line where it overlaps no label already placed, its line crosses none of them, and none of
    their lines crosses it (a line runs from under its label to the bottom): a new lowest line always does."""
    ordered = sorted(markers, key=lambda marker: marker[1])
    lefts = {index for index, (label, x, _) in enumerate(ordered) if x + HANG + _label_width(label) > WIDTH}
    grown = True
    while grown:
        boxes = [_label_box(ordered[index][0], ordered[index][1], True) for index in lefts]
        more = {index for index, (label, x, _) in enumerate(ordered) if index not in lefts
                and x - HANG - _label_width(label) >= 0
                and any(left - 1 <= x <= right + 1 for left, right in boxes)}
        lefts |= more
        grown = bool(more)
    order = [index for index in range(len(ordered)) if index not in lefts] + sorted(lefts, reverse=True)
    placed: list[Marker] = []
    for index in order:
        label, x, at = ordered[index]
        left, right = _label_box(label, x, index in lefts)
        line = next((line for line in range(len(placed) + 1)
                     if all(_apart(other, line, x, left, right) for other in placed)), len(placed))
        placed.append(Marker(label, x, at, line, index in lefts))
    return sorted(placed, key=lambda marker: (marker.x, marker.line))


def _apart(other: Marker, line: int, x: float, left: float, right: float, gap: float = 6) -> bool:
    """Whether a label on `line` over [left, right], with its marker's line at `x` below it, clears `other`."""
    other_left, other_right = other.box
    if other.line == line:
        return right + gap <= other_left or other_right + gap <= left
    if other.line > line:  # the new line runs down past the other's label
        return not other_left - 1 <= x <= other_right + 1
    return not left - 1 <= other.x <= right + 1  # the other's line runs down past the new label


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
    tick_y: float = 0  # the baseline of the day ticks, under the markers' labels

    @property
    def svg_tick_y(self) -> str:
        return svg_number(self.tick_y)

    @property
    def tick_top(self) -> str:
        return svg_number(self.tick_y + 4)

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
    markers = placed_markers([(name, axis.x(at), at) for name, at in milestones if at is not None])
    tick_y = _label_baseline(max((marker.line for marker in markers), default=-1) + 1) + 4
    top = tick_y + 8
    late = rules.laggards({label: actual for label, _, actual in contingents},
                          {label: planned for label, planned, _ in contingents})
    rows = []
    for index, (label, planned, actual) in enumerate(contingents):
        order = PHASE_CODES
        rows.append(TimelineRow(
            label=label, y=top + index * ROW,
            planned=[Mark(p, axis.x(planned[p]), planned[p]) for p in order if p in planned],
            actual=[Mark(p, axis.x(actual[p]), actual[p], (label, p) in late, spans.get(label, {}).get(p),
                         axis.x(spans[label][p]) if p in spans.get(label, {}) else None)
                    for p in order if p in actual],
            lagging=any(name == label for name, _ in late),
        ))
    return Timeline(rows, markers, _ticks(axis), top + max(1, len(rows)) * ROW + 10, tick_y=tick_y)


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


# Room for a cell's label (its rectangle less a margin), and a character of it at most (14px bold).
ACK_LABEL_ROOM = 108
_ACK_CHARACTER = 9.0


def ack_label(name: str, code: str) -> str:
    """A cell's label: the member's name where it fits the cell (a name of up to twelve letters), else its
    code (a longer name does not), the whole name being in the cell's title either way."""
    return name if name and len(name) * _ACK_CHARACTER <= ACK_LABEL_ROOM else code


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
