"""The calendar: dated entries from every app that registers a source, as a month grid, a list and iCalendar.

Other apps add their dates (a procedure's deadline, an exercise's days) with `register_source`:
a function of the viewer and a date range giving the entries that viewer may see.
"""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from accord.core import clock
from accord.core.policy import Viewer


@dataclass(frozen=True)
class Entry:
    """One dated thing on the calendar; `ends` is inclusive (a day) or an instant."""

    uid: str
    title: str
    starts: dt.date | dt.datetime
    ends: dt.date | dt.datetime
    url: str
    kind: str
    place: str = ""
    description: str = ""

    @property
    def timed(self) -> bool:
        """An entry at instants (a bilateral meeting, a deadline), not one of whole days (a session)."""
        return isinstance(self.starts, dt.datetime)

    @property
    def first_day(self) -> dt.date:
        """The day it starts on, an instant's in the reader's zone (the active one)."""
        return _day_of(self.starts)

    @property
    def last_day(self) -> dt.date:
        return _day_of(self.ends)


def _day_of(moment: dt.date | dt.datetime) -> dt.date:
    if not isinstance(moment, dt.datetime):
        return moment
    return (timezone.localtime(moment) if timezone.is_aware(moment) else moment).date()


def in_day_order(entry: Entry) -> tuple[int, float, str]:
    """Within a day: the day-long entries first (by title), then the timed ones by their start."""
    if isinstance(entry.starts, dt.datetime):
        return 1, entry.starts.timestamp(), entry.title
    return 0, 0.0, entry.title


Source = Callable[[Viewer, dt.date, dt.date], list[Entry]]
_SOURCES: dict[str, Source] = {}


def register_source(name: str, source: Source) -> None:
    """Add an app's dated entries to the calendar (once per name; registering again replaces)."""
    _SOURCES[name] = source


def entries_between(viewer: Viewer, first: dt.date, last: dt.date) -> list[Entry]:
    found: list[Entry] = []
    for source in _SOURCES.values():
        found.extend(e for e in source(viewer, first, last) if e.last_day >= first and e.first_day <= last)
    return sorted(found, key=lambda e: (e.first_day, *in_day_order(e)))


@dataclass(frozen=True)
class Day:
    day: dt.date
    in_month: bool
    entries: list[Entry]


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first and last days of the month's grid: whole weeks, Monday first."""
    weeks = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return weeks[0][0], weeks[-1][-1]


def month_grid(viewer: Viewer, year: int, month: int, listed: list[Entry] | None = None) -> list[list[Day]]:
    """The month's weeks (Monday first), each day with the entries that fall on it (`listed`: the entries of
    `month_span`, when the page has read them for its list)."""
    weeks = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    if listed is None:
        listed = entries_between(viewer, weeks[0][0], weeks[-1][-1])
    return [[Day(day, day.month == month, sorted((e for e in listed if e.first_day <= day <= e.last_day),
                                                  key=in_day_order))
             for day in week] for week in weeks]


# A person's own feed is reached by a secret URL: a signature of the username with the server's key,
# so that a calendar client can fetch it without a session, and only that person's view is in it.
FEED_SALT = "accord.core.calendar-feed"


def feed_token(username: str) -> str:
    return signing.Signer(salt=FEED_SALT).sign(username).rsplit(":", 1)[1]


def feed_token_holds(username: str, token: str) -> bool:
    try:
        return signing.Signer(salt=FEED_SALT).unsign(f"{username}:{token}") == username
    except signing.BadSignature:
        return False


def feed_path(username: str) -> str:
    return reverse("meetings:feed", args=[username, feed_token(username)])


def ical(entries: list[Entry], name: str, base: str) -> bytes:
    """An iCalendar (RFC 5545) file of the entries, for Thunderbird, Outlook, Apple and Google calendars."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//Accord//meetings//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = clock.now().replace(microsecond=0)
    for entry in entries:
        event = icalendar.Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("summary", entry.title)
        event.add("dtstart", entry.starts)
        # All-day events end the day after (DTEND is exclusive).
        timed = isinstance(entry.ends, dt.datetime)
        event.add("dtend", entry.ends if timed else entry.ends + dt.timedelta(days=1))
        if entry.place:
            event.add("location", entry.place)
        if entry.description:
            event.add("description", entry.description)
        event.add("url", base + entry.url)
        cal.add_component(event)
    return bytes(cal.to_ical())  # icalendar leaves to_ical unannotated
