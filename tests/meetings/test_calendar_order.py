"""A day's entries on the calendar in time order (issue 21's walk): the day-long ones first, then the timed
ones by their start, on the month grid, the list under it and the feed; a timed entry on its day in the
reader's zone."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import icalendar
import meetings_world as w
import pytest

from accord.core import calendar
from accord.core.calendar import Entry


def _at(hour: int, minute: int = 0, day: int = 20) -> dt.datetime:
    return dt.datetime(2022, 5, day, hour, minute, tzinfo=dt.UTC)


# Their titles in alphabetical order are the reverse of their order in the day.
DAY_LONG = Entry(uid="z@x", title="Zeta day-long meeting", starts=dt.date(2022, 5, 20), ends=dt.date(2022, 5, 20),
                 url="/", kind="deadline")
MORNING = Entry(uid="m@x", title="Mike morning talk", starts=_at(9), ends=_at(10), url="/", kind="bilateral")
AFTERNOON = Entry(uid="a@x", title="Alpha afternoon talk", starts=_at(15), ends=_at(16), url="/", kind="bilateral")
# 23:30 UTC on 20 May is 05:30 on 21 May in Almaty (UTC+6).
LATE = Entry(uid="l@x", title="Late evening talk", starts=_at(23, 30), ends=_at(23, 45), url="/", kind="bilateral")


@pytest.fixture
def entries() -> Iterator[None]:
    calendar.register_source("order-test", lambda viewer, first, last: [AFTERNOON, LATE, MORNING, DAY_LONG])
    try:
        yield
    finally:
        calendar._SOURCES.pop("order-test")


def _cell(page: str, day: int) -> str:
    """The month grid's cell of a May day (the grid shows the days of other months too)."""
    cells = re.findall(r'<td class="month-grid__day(?! month-grid__day--other)[^"]*">(.*?)</td>', page, re.S)
    [found] = [str(cell) for cell in cells if re.search(rf'month-grid__number">{day}<', cell)]
    return found


def _order(text: str, *titles: str) -> list[str]:
    return sorted(titles, key=text.index)


def test_a_days_entries_are_in_time_order_not_by_title(world: w.World, login: w.SignIn,
                                                       entries: None) -> None:
    page = login(None).get("/meetings/calendar/?month=2022-05").content.decode()
    titles = (AFTERNOON.title, MORNING.title, DAY_LONG.title, LATE.title)
    expected = [DAY_LONG.title, MORNING.title, AFTERNOON.title, LATE.title]
    assert _order(_cell(page, 20), *titles) == expected
    listed = page[page.index('id="agenda-heading"'):]
    assert _order(listed, *titles) == expected
    # A timed entry says its time in the list (the page's script moves it into the reader's zone).
    assert re.search(r'<time datetime="2022-05-20T09:00:00\+00:00"\s+data-local><span class="date">20 May '
                     r'2022</span>, <span class="date">09:00 UTC</span></time>: <a\s+href="/">Mike morning talk',
                     listed)


def test_a_timed_entry_falls_on_its_day_in_the_readers_zone(world: w.World, login: w.SignIn,
                                                            entries: None) -> None:
    client = login(None)
    utc = client.get("/meetings/calendar/?month=2022-05").content.decode()
    assert LATE.title in _cell(utc, 20)
    assert LATE.title not in _cell(utc, 21)
    almaty = client.get("/meetings/calendar/?month=2022-05&tz=Asia/Almaty").content.decode()
    assert LATE.title in _cell(almaty, 21)
    assert LATE.title not in _cell(almaty, 20)
    # The zone picked is kept for the visit, as the timetable keeps it.
    assert LATE.title in _cell(client.get("/meetings/calendar/?month=2022-05").content.decode(), 21)


def test_the_feed_lists_a_days_entries_in_time_order(world: w.World, login: w.SignIn, entries: None) -> None:
    feed = login("kaz.head").get(calendar.feed_path("kaz.head")).content
    summaries = [str(event.get("summary")) for event in icalendar.Calendar.from_ical(feed).walk("VEVENT")]
    ours = [title for title in summaries if title in {DAY_LONG.title, MORNING.title, AFTERNOON.title, LATE.title}]
    assert ours == [DAY_LONG.title, MORNING.title, AFTERNOON.title, LATE.title]
