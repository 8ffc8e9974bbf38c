"""The synchronization timeline's milestone labels: never over one another, never crossed by another's line."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from accord.crises import drawing

DAY = dt.datetime(2022, 1, 5, tzinfo=dt.UTC)


def _clear(markers: list[drawing.Marker]) -> None:
    for index, one in enumerate(markers):
        left, right = one.box
        assert left >= 0, one
        assert right <= drawing.WIDTH, one
        for other in markers[index + 1:]:
            other_left, other_right = other.box
            if one.line == other.line:
                assert right <= other_left or other_right <= left, (one, other)
            # A marker's line runs from under its own label to the bottom: it crosses no label below it.
            lower, upper = (one, other) if one.line > other.line else (other, one)
            if lower.line != upper.line:
                low_left, low_right = lower.box
                assert not low_left <= upper.x <= low_right, (upper, lower)


def test_it_keeps_the_kazakhstan_milestones_apart_in_russian() -> None:
    """The demo's seven milestones, two of them on one day, in their longer Russian names."""
    days = [5, 6, 6, 9, 11, 13, 19]
    names = ["запрос", "решение", "первое прибытие", "развертывание завершено", "миссия завершена",
             "объекты переданы", "вывод завершен"]
    axis = drawing.TimeAxis(DAY, DAY + dt.timedelta(days=14))
    markers = drawing.placed_markers([(name, axis.x(DAY + dt.timedelta(days=day - 5)), DAY) for name, day
                                      in zip(names, days, strict=True)])
    _clear(markers)
    assert {marker.label for marker in markers} == set(names)
    # The old drawing wrote the labels on three lines in turn, centred on their marker: "первое прибытие" and
    # "решение" overlapped, and the lines crossed the labels below them.
    assert max(marker.line for marker in markers) >= 1


@given(st.lists(st.tuples(st.text(alphabet="abcdefghijklmnopqrstuvwxyz абвгдеёжз", min_size=1, max_size=28),
                          st.floats(min_value=drawing.LABEL, max_value=drawing.WIDTH - 10)), max_size=8))
def test_no_two_labels_meet_and_no_line_crosses_a_label(milestones: list[tuple[str, float]]) -> None:
    markers = drawing.placed_markers([(label, x, DAY) for label, x in milestones])
    assert sorted((m.label, m.x) for m in markers) == sorted(milestones)
    _clear(markers)


def test_the_day_ticks_and_the_rows_stand_below_every_label() -> None:
    axis_start = DAY
    milestones = [(name, axis_start + dt.timedelta(hours=hours)) for name, hours in
                  (("request", 0), ("decision", 20), ("first arrival", 24), ("deployment complete", 30))]
    drawn = drawing.timeline([("RUS · contingent", {"arrived": DAY + dt.timedelta(hours=20)},
                               {"arrived": DAY + dt.timedelta(hours=28)})], milestones)
    assert drawn is not None
    lowest = max(float(marker.label_y) for marker in drawn.markers)
    assert float(drawn.svg_tick_y) > lowest + 4
    assert drawn.rows[0].y > float(drawn.svg_tick_y)
    for marker in drawn.markers:
        assert float(marker.line_top) > float(marker.label_y)
