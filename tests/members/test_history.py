"""Membership histories: the CSTO's own, the transitions refused, and properties of any history."""

from __future__ import annotations

import datetime
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.members.history import (
    ALLOWED,
    KEEPS_STATUS,
    Event,
    EventKind,
    HistoryError,
    Period,
    Status,
    check_history,
    check_new_event,
    current_status,
    periods,
    status_on,
)

D = datetime.date

# Sources say only "in 1999" for the states that did not extend the treaty. The treaty entered
# into force on 20 April 1994 for five years, so these tests use the end of that first term and
# assert nothing about days in 1999 itself.
NOT_EXTENDED = D(1999, 4, 20)
NOT_EXTENDED_NOTE = "in 1999; the day is the end of the treaty's first five-year term"

ORIGINAL = D(1992, 5, 15)  # signed in Tashkent


@pytest.fixture
def memberships() -> dict[str, list[Event]]:
    return {
        "AZE": [
            Event(EventKind.ACCEDED, D(1993, 9, 24)),
            Event(EventKind.DID_NOT_EXTEND, NOT_EXTENDED, NOT_EXTENDED_NOTE),
        ],
        "GEO": [
            Event(EventKind.ACCEDED, D(1993, 12, 9)),
            Event(EventKind.DID_NOT_EXTEND, NOT_EXTENDED, NOT_EXTENDED_NOTE),
        ],
        "BLR": [Event(EventKind.ACCEDED, D(1993, 12, 31))],
        "UZB": [
            Event(EventKind.ACCEDED, ORIGINAL, "original member"),
            Event(EventKind.DID_NOT_EXTEND, NOT_EXTENDED, NOT_EXTENDED_NOTE),
            Event(EventKind.ACCEDED, D(2006, 6, 23)),
            Event(EventKind.SUSPENDED, D(2012, 12, 19), "month uncertain: June or December"),
        ],
        "ARM": [
            Event(EventKind.ACCEDED, ORIGINAL, "original member"),
            Event(EventKind.PARTICIPATION_FROZEN, D(2024, 2, 22), "declared 22-23 Feb 2024"),
        ],
    }


def test_it_gives_the_statuses_of_the_csto_history(memberships: dict[str, list[Event]]) -> None:
    aze, geo, blr = memberships["AZE"], memberships["GEO"], memberships["BLR"]
    uzb, arm = memberships["UZB"], memberships["ARM"]

    assert status_on(aze, D(1993, 9, 23)) is Status.NEVER
    assert status_on(aze, D(1993, 9, 24)) is Status.MEMBER
    assert status_on(aze, D(1998, 12, 31)) is Status.MEMBER
    assert status_on(aze, D(2000, 1, 1)) is Status.FORMER
    assert status_on(geo, D(1993, 12, 8)) is Status.NEVER
    assert status_on(geo, D(1993, 12, 9)) is Status.MEMBER
    assert status_on(geo, D(2022, 5, 16)) is Status.FORMER
    assert status_on(blr, D(1993, 12, 30)) is Status.NEVER
    assert status_on(blr, D(1993, 12, 31)) is Status.MEMBER
    assert status_on(blr, D(2022, 5, 16)) is Status.MEMBER

    assert status_on(uzb, D(1992, 5, 14)) is Status.NEVER
    assert status_on(uzb, D(1992, 5, 15)) is Status.MEMBER
    assert status_on(uzb, D(2003, 1, 1)) is Status.FORMER
    assert status_on(uzb, D(2006, 6, 22)) is Status.FORMER
    assert status_on(uzb, D(2006, 6, 23)) is Status.MEMBER
    assert status_on(uzb, D(2012, 1, 1)) is Status.MEMBER
    assert status_on(uzb, D(2013, 1, 1)) is Status.SUSPENDED

    assert status_on(arm, D(2024, 2, 21)) is Status.MEMBER
    assert status_on(arm, D(2024, 2, 22)) is Status.FROZEN

    assert [current_status(memberships[s]) for s in ("AZE", "GEO", "BLR", "UZB", "ARM")] == [
        Status.FORMER,
        Status.FORMER,
        Status.MEMBER,
        Status.SUSPENDED,
        Status.FROZEN,
    ]
    assert current_status([]) is Status.NEVER


def test_it_accepts_the_csto_history_event_by_event(memberships: dict[str, list[Event]]) -> None:
    for events in memberships.values():
        check_history(events)


def test_it_draws_uzbekistan_as_periods(memberships: dict[str, list[Event]]) -> None:
    assert periods(memberships["UZB"], until=D(2022, 5, 16)) == [
        Period(Status.MEMBER, ORIGINAL, NOT_EXTENDED),
        Period(Status.FORMER, NOT_EXTENDED, D(2006, 6, 23)),
        Period(Status.MEMBER, D(2006, 6, 23), D(2012, 12, 19)),
        Period(Status.SUSPENDED, D(2012, 12, 19), None),
    ]
    assert periods(memberships["UZB"], until=D(2010, 1, 1)) == [
        Period(Status.MEMBER, ORIGINAL, NOT_EXTENDED),
        Period(Status.FORMER, NOT_EXTENDED, D(2006, 6, 23)),
        Period(Status.MEMBER, D(2006, 6, 23), None),
    ]
    assert periods(memberships["UZB"], until=D(1990, 1, 1)) == []


def test_it_refuses_an_event_dated_before_the_last_one(memberships: dict[str, list[Event]]) -> None:
    with pytest.raises(HistoryError) as refused:
        check_new_event(memberships["BLR"], Event(EventKind.WITHDREW, D(1993, 1, 1)))

    assert refused.value.field == "on"
    assert refused.value.reason == (
        "is 1993-01-01, before the last recorded event (acceded on 1993-12-31); "
        "events must be recorded in date order"
    )
    assert str(refused.value) == f"on: {refused.value.reason}"


def test_it_accepts_an_event_on_the_same_day_as_the_last_one(
    memberships: dict[str, list[Event]],
) -> None:
    check_new_event(memberships["BLR"], Event(EventKind.PARTICIPATION_FROZEN, D(1993, 12, 31)))


def test_it_refuses_an_impossible_transition(memberships: dict[str, list[Event]]) -> None:
    with pytest.raises(HistoryError) as refused:
        check_new_event(memberships["BLR"], Event(EventKind.RESTORED, D(2009, 6, 14)))

    assert refused.value.field == "kind"
    assert refused.value.reason == (
        "'restored' is not possible while the member is 'member'; "
        "possible: 'did_not_extend', 'withdrew', 'suspended', 'participation_frozen', 'contributions_stopped'"
    )
    assert str(refused.value).startswith("kind: 'restored' is not possible")


@pytest.mark.parametrize(
    ("state", "kind"),
    [
        ("ARM", EventKind.ACCEDED),  # frozen is still a member
        ("ARM", EventKind.PARTICIPATION_FROZEN),
        ("ARM", EventKind.RESTORED),
        ("UZB", EventKind.PARTICIPATION_FROZEN),  # suspended
        ("UZB", EventKind.DID_NOT_EXTEND),
        ("AZE", EventKind.WITHDREW),  # already a former member
        ("AZE", EventKind.SUSPENDED),
    ],
)
def test_it_refuses_each_transition_the_rules_leave_out(
    memberships: dict[str, list[Event]], state: str, kind: EventKind
) -> None:
    with pytest.raises(HistoryError) as refused:
        check_new_event(memberships[state], Event(kind, D(2025, 1, 1)))

    assert refused.value.field == "kind"


def test_it_refuses_a_first_event_other_than_accession() -> None:
    with pytest.raises(HistoryError) as refused:
        check_new_event([], Event(EventKind.PARTICIPATION_RESUMED, D(2000, 1, 1)))

    assert refused.value.field == "kind"
    assert refused.value.reason.endswith("while the member is 'never'; possible: 'acceded'")


def test_it_lets_a_former_member_accede_again(memberships: dict[str, list[Event]]) -> None:
    check_new_event(memberships["GEO"], Event(EventKind.ACCEDED, D(2030, 1, 1)))


def test_it_names_the_first_bad_event_of_a_history() -> None:
    with pytest.raises(HistoryError) as refused:
        check_history(
            [
                Event(EventKind.ACCEDED, D(2000, 1, 1)),
                Event(EventKind.SUSPENDED, D(2001, 1, 1)),
                Event(EventKind.PARTICIPATION_RESUMED, D(2002, 1, 1)),
            ]
        )

    assert refused.value.field == "kind"
    assert "'participation_resumed'" in refused.value.reason


def test_it_allows_some_event_in_every_status() -> None:
    assert set(ALLOWED) == set(Status)
    assert all(ALLOWED[status] for status in Status)


# --- properties -------------------------------------------------------------------------------

days = st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 12, 31))


@st.composite
def valid_histories(draw: st.DrawFn) -> list[Event]:
    """A history built one allowed event at a time, dates never going backwards."""
    events: list[Event] = []
    day = draw(days)
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        day += datetime.timedelta(days=draw(st.integers(min_value=0, max_value=2000)))
        kind = draw(st.sampled_from(sorted(ALLOWED[current_status(events)])))
        events.append(Event(kind, day))
    return events


any_histories = st.lists(st.builds(Event, st.sampled_from(EventKind), days), max_size=8)


@given(valid_histories(), st.data())
def test_it_accepts_what_the_rules_allow_and_refuses_the_rest(
    events: list[Event], data: st.DataObject
) -> None:
    check_history(events)
    status = current_status(events)
    refused_kinds = sorted(set(EventKind) - ALLOWED[status])
    kind = data.draw(st.sampled_from(refused_kinds))
    on = events[-1].on if events else D(2000, 1, 1)

    with pytest.raises(HistoryError) as refused:
        check_new_event(events, Event(kind, on))
    assert refused.value.field == "kind"
    assert f"while the member is '{status}'" in refused.value.reason

    if events:
        with pytest.raises(HistoryError) as too_early:
            check_new_event(events, Event(kind, on - datetime.timedelta(days=1)))
        assert too_early.value.field == "on"


@given(valid_histories())
def test_it_changes_status_with_every_allowed_event(events: list[Event]) -> None:
    for index, event in enumerate(events):
        if event.kind in KEEPS_STATUS:  # a fact of the history that leaves the status as it was
            assert current_status(events[: index + 1]) == current_status(events[:index])
        else:
            assert current_status(events[: index + 1]) != current_status(events[:index])
        if index + 1 == len(events) or events[index + 1].on != event.on:
            assert status_on(events, event.on) == current_status(events[: index + 1])


@settings(max_examples=200)
@given(st.one_of(valid_histories(), any_histories), days, days)
def test_it_keeps_status_on_consistent_with_periods(
    events: list[Event], until: datetime.date, day: datetime.date
) -> None:
    drawn = periods(events, until)

    for before, after in itertools.pairwise(drawn):
        assert before.end == after.start
        assert before.status != after.status
    for period in drawn:
        assert period.end is None or period.start < period.end
    if drawn:
        assert drawn[-1].end is None

    if day <= until:
        containing = [
            period
            for period in drawn
            if period.start <= day and (period.end is None or day < period.end)
        ]
        expected = containing[0].status if containing else Status.NEVER
        assert len(containing) <= 1
        assert status_on(events, day) == expected
