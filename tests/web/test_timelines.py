"""The timelines' geometry: days placed in percent of an axis, with ticks and bands."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.members.history import Period, Status
from accord.members.rotation import HandoverRule, Term
from accord.web import timelines

D = dt.date


def test_it_places_days_in_percent_of_the_axis() -> None:
    axis = timelines.Axis(D(2000, 1, 1), D(2000, 1, 11))
    assert axis.x(D(2000, 1, 1)) == 0
    assert axis.x(D(2000, 1, 6)) == 50
    assert axis.x(D(2000, 1, 11)) == 100
    assert axis.x(D(1999, 1, 1)) == 0  # clamped
    assert axis.x(D(2001, 1, 1)) == 100


def test_it_refuses_an_axis_that_does_not_move_forward() -> None:
    with pytest.raises(ValueError, match="must end after it starts"):
        timelines.Axis(D(2000, 1, 1), D(2000, 1, 1))


def test_it_draws_a_membership_from_the_first_event_to_today() -> None:
    periods = [
        Period(Status.MEMBER, D(1992, 5, 15), D(2024, 2, 22)),
        Period(Status.FROZEN, D(2024, 2, 22), None),
    ]
    axis = timelines.membership_axis([periods], D(2026, 11, 28))
    assert axis == timelines.Axis(D(1992, 5, 15), D(2026, 11, 28))
    member, frozen = timelines.membership_segments(axis, periods)
    assert member.x == 0
    assert not member.running
    assert frozen.x + frozen.width == 100
    assert frozen.running
    assert member.x + member.width == frozen.x


def test_it_puts_every_member_on_one_axis() -> None:
    early = [Period(Status.MEMBER, D(1992, 5, 15), None)]
    late = [Period(Status.MEMBER, D(1993, 12, 31), None)]
    axis = timelines.membership_axis([early, late, []], D(2026, 1, 1))
    assert axis is not None
    assert axis.start == D(1992, 5, 15)
    (segment,) = timelines.membership_segments(axis, late)
    assert segment.x > 0
    assert timelines.membership_axis([[]], D(2026, 1, 1)) is None


def _term(year: int, member: str, start: dt.date | None, end: dt.date | None) -> Term:
    return Term(year, member, start, end, HandoverRule.ON_JANUARY_1)


def test_it_draws_one_band_per_term_with_a_known_start() -> None:
    terms = [
        _term(2024, "KAZ", D(2024, 1, 1), D(2025, 1, 1)),
        _term(2025, "KGZ", D(2025, 1, 1), D(2026, 1, 1)),
        _term(2026, "RUS", D(2026, 1, 1), None),
        _term(2027, "TJK", None, None),
    ]
    axis = timelines.chair_axis(terms, D(2025, 6, 1))
    assert axis == timelines.Axis(D(2024, 1, 1), D(2027, 1, 1))
    bands = timelines.chair_segments(axis, terms)
    assert [band.item.member for band in bands] == ["KAZ", "KGZ", "RUS"]
    assert bands[-1].end == D(2027, 1, 1)  # drawn for its nominal length
    assert timelines.chair_axis([_term(2027, "TJK", None, None)], D(2025, 1, 1)) is None


def test_it_ticks_round_years() -> None:
    axis = timelines.Axis(D(1992, 5, 15), D(2026, 11, 28))
    years = [tick.year for tick in timelines.year_ticks(axis)]
    assert years == [1995, 2000, 2005, 2010, 2015, 2020, 2025]
    short = timelines.Axis(D(2018, 11, 8), D(2029, 1, 1))
    assert [tick.year for tick in timelines.year_ticks(short)] == list(range(2019, 2030))


days = st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 1, 1))


@given(days, st.integers(min_value=1, max_value=40_000), st.lists(days, max_size=10))
def test_it_never_draws_outside_the_axis(start: dt.date, length: int, cuts: list[dt.date]) -> None:
    axis = timelines.Axis(start, start + dt.timedelta(days=length))
    boundaries = sorted(set(cuts))
    periods = [
        Period(Status.MEMBER if i % 2 == 0 else Status.FROZEN, day,
               boundaries[i + 1] if i + 1 < len(boundaries) else None)
        for i, day in enumerate(boundaries)
    ]
    for segment in timelines.membership_segments(axis, periods):
        assert 0 <= segment.x <= 100
        assert segment.width > 0
        assert segment.x + segment.width <= 100.001
    ticks = timelines.year_ticks(axis)
    assert len(ticks) <= 12
    assert all(0 <= tick.x <= 100 for tick in ticks)
