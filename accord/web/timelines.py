"""The geometry of the timelines the pages draw: days placed on an axis, in percent of its width.

Plain functions over plain data. Positions are percentages so that an SVG can use them as its
x and width attributes and stretch to any screen without scaling its text; the templates write the
`svg_*` texts (`svg_number`), never a float, which the page's language would format as "12,5".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from accord.core.drawing import svg_number
from accord.members.history import Period
from accord.members.rotation import Term

T = TypeVar("T")

# Tick steps in years, smallest first; the first that keeps the ticks few enough is used.
_TICK_STEPS = (1, 2, 5, 10, 20, 50, 100)


@dataclass(frozen=True)
class Axis:
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"an axis must end after it starts ({self.start} .. {self.end})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def x(self, day: dt.date) -> float:
        """The day's position in percent of the axis, clamped to [0, 100]."""
        offset = (day - self.start).days / self.days * 100
        return round(min(max(offset, 0.0), 100.0), 3)

    def svg_x(self, day: dt.date) -> str:
        return svg_number(self.x(day))

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Segment(Generic[T]):
    """One band on an axis: `item` (a Period, a Term) drawn from `x` over `width` percent."""

    item: T
    start: dt.date
    end: dt.date
    x: float
    width: float
    running: bool  # it goes on past the axis's end (a period still in force, a term not over)

    @property
    def middle(self) -> float:
        return round(self.x + self.width / 2, 3)

    @property
    def svg_x(self) -> str:
        return svg_number(self.x)

    @property
    def svg_width(self) -> str:
        return svg_number(self.width)

    @property
    def svg_middle(self) -> str:
        return svg_number(self.middle)


@dataclass(frozen=True)
class Tick:
    x: float
    year: int

    @property
    def svg_x(self) -> str:
        return svg_number(self.x)


def segment(axis: Axis, item: T, start: dt.date, end: dt.date | None) -> Segment[T] | None:
    """`item` from `start` to `end` (None: still running) as drawn on `axis`; None if off it."""
    stop = axis.end if end is None else min(end, axis.end)
    first = max(start, axis.start)
    if stop <= first:
        return None
    x = axis.x(first)
    return Segment(item=item, start=start, end=stop, x=x, width=round(axis.x(stop) - x, 3),
                   running=end is None or end > axis.end)


def year_ticks(axis: Axis, at_most: int = 12) -> list[Tick]:
    """1 January of round years inside the axis, spaced so that there are at most `at_most`."""
    years = axis.end.year - axis.start.year + 1
    step = next((s for s in _TICK_STEPS if years / s <= at_most), _TICK_STEPS[-1])
    first = axis.start.year + (-axis.start.year % step)
    ticks = []
    for year in range(first, axis.end.year + 1, step):
        day = dt.date(year, 1, 1)
        if axis.covers(day):
            ticks.append(Tick(x=axis.x(day), year=year))
    return ticks


def membership_axis(histories: Sequence[Sequence[Period]], today: dt.date) -> Axis | None:
    """One axis for every member, from the earliest first event to today, so they compare."""
    starts = [periods[0].start for periods in histories if periods]
    if not starts:
        return None
    first = min(starts)
    return Axis(first, today if today > first else first + dt.timedelta(days=1))


def membership_segments(axis: Axis, periods: Sequence[Period]) -> list[Segment[Period]]:
    found = (segment(axis, period, period.start, period.end) for period in periods)
    return [s for s in found if s is not None]


def chair_axis(terms: Sequence[Term], today: dt.date, term_years: int = 1) -> Axis | None:
    """From the first known term start to the end of the last term with a known start."""
    starts = [term.start for term in terms if term.start is not None]
    if not starts:
        return None
    ends = [_term_end(term, term_years) for term in terms if term.start is not None]
    return Axis(min(starts), max([*ends, today + dt.timedelta(days=1)]))


def _term_end(term: Term, term_years: int) -> dt.date:
    if term.end is not None:
        return term.end
    assert term.start is not None
    # A term whose successor's start is not known yet is drawn for its nominal length.
    try:
        return term.start.replace(year=term.start.year + term_years)
    except ValueError:  # 29 February
        return term.start.replace(year=term.start.year + term_years, day=28)


def chair_segments(axis: Axis, terms: Sequence[Term], term_years: int = 1) -> list[Segment[Term]]:
    result = []
    for term in terms:
        if term.start is None:
            continue  # not begun and no date known: listed beside the drawing, not drawn
        drawn = segment(axis, term, term.start, _term_end(term, term_years))
        if drawn is not None:
            result.append(drawn)
    return result


def offices_axis(starts: Sequence[dt.date], today: dt.date) -> Axis | None:
    """One axis for every office, from the first holder's start to today, so the offices compare."""
    if not starts:
        return None
    first = min(starts)
    return Axis(first, today if today > first else first + dt.timedelta(days=1))


def holder_segments(axis: Axis, periods: Sequence[T], spans: Sequence[tuple[dt.date, dt.date | None]]
                    ) -> list[Segment[T]]:
    """Each holder of an office (`periods[i]`, in office over `spans[i]`; an end None: in office today) as
    drawn on `axis`; a last day is drawn to the day after it, so back-to-back holders meet."""
    found = (segment(axis, item, start, None if end is None else end + dt.timedelta(days=1))
             for item, (start, end) in zip(periods, spans, strict=True))
    return [s for s in found if s is not None]
