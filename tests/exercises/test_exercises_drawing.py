"""The participation timeline's geometry: plain data in, SVG user units out, planned hollow and actual filled."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from accord.exercises import drawing

DAY = dt.date(2022, 9, 26)


def _span(first: dt.date, last: dt.date, held: bool = False, cancelled: bool = False) -> drawing.Span:
    return drawing.Span("Interaction-2022", first, last, first if held else None, last if held else None,
                        cancelled=cancelled, key="1")


def test_it_draws_a_planned_and_an_actual_bar_for_a_held_span() -> None:
    drawn = drawing.timeline([("KAZ", "Kazakhstan", [_span(DAY, DAY + dt.timedelta(days=12), held=True)], ""),
                              ("ARM", "Armenia", [], "not_participating")])
    assert drawn is not None
    kazakhstan, armenia = drawn.rows
    assert len(kazakhstan.planned) == len(kazakhstan.actual) == 1
    assert kazakhstan.planned[0].x == kazakhstan.actual[0].x
    assert kazakhstan.planned[0].w == kazakhstan.actual[0].w
    assert (armenia.planned, armenia.note) == ([], "not_participating")
    assert armenia.y > kazakhstan.y


def test_it_draws_nothing_when_nothing_is_dated() -> None:
    assert drawing.timeline([("ARM", "Armenia", [], "not_declared")]) is None


def test_a_year_has_twelve_monthly_ticks_and_a_later_exercise_lies_further_right() -> None:
    spring = _span(dt.date(2022, 4, 1), dt.date(2022, 4, 5))
    autumn = _span(dt.date(2022, 10, 10), dt.date(2022, 10, 14), cancelled=True)
    drawn = drawing.timeline([("KGZ", "Kyrgyzstan", [spring, autumn], "")],
                             start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31))
    assert drawn is not None
    assert [tick.day.month for tick in drawn.ticks] == list(range(1, 13))
    assert all(tick.monthly for tick in drawn.ticks)
    first, second = drawn.rows[0].planned
    assert first.x < second.x
    assert second.span.cancelled
    assert drawn.rows[0].actual == []


@given(st.integers(min_value=0, max_value=700), st.integers(min_value=0, max_value=60))
def test_every_bar_stays_inside_the_drawing_and_its_numbers_are_plain(offset: int, length: int) -> None:
    first = dt.date(2021, 1, 1) + dt.timedelta(days=offset)
    span = _span(first, first + dt.timedelta(days=length), held=True)
    drawn = drawing.timeline([("KAZ", "Kazakhstan", [span], "")],
                             start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31))
    assert drawn is not None
    for bar in (*drawn.rows[0].planned, *drawn.rows[0].actual):
        assert drawing.LABEL <= bar.x <= drawing.WIDTH
        assert bar.x + bar.w <= drawing.WIDTH + 2
        assert "," not in bar.svg_x + bar.svg_w
