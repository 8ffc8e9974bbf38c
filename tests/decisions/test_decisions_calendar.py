"""A procedure's deadline is on the calendar (month page and iCalendar feed) for those who may see it."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from decisions_helpers import decisions_client
from django.test import Client
from django.utils import timezone
from test_decisions_api import open_silence, table

from accord.core import calendar

pytestmark = pytest.mark.usefixtures("decisions_org")


def month_of(day: dt.datetime) -> str:
    return f"/meetings/calendar/?month={day:%Y-%m}"


def test_a_members_only_deadline_is_on_a_members_calendar_and_feed_and_nowhere_public() -> None:
    proposal = table("members")
    assert open_silence(proposal, hours=24).status_code == 201
    deadline = timezone.now() + dt.timedelta(hours=24)

    page = decisions_client("kaz.delegate").get(month_of(deadline)).content.decode()
    assert "Deadline: On the budget" in page
    assert f"/decisions/{proposal}/" in page
    assert "On the budget" not in Client().get(month_of(deadline)).content.decode()

    feed = Client().get(calendar.feed_path("kaz.delegate"))
    events = [e for e in icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
              if str(e.get("uid")).startswith("deadline-")]
    assert [str(e.get("summary")) for e in events] == ["Deadline: On the budget"]
    # The deadline was set a moment before `deadline` was read here: the same instant, give or take that.
    assert abs(events[0].decoded("dtstart") - deadline) < dt.timedelta(minutes=1)


def test_a_public_deadline_is_on_the_public_calendar() -> None:
    proposal = table("public")
    assert open_silence(proposal, hours=48).status_code == 201
    deadline = timezone.now() + dt.timedelta(hours=48)
    assert "Deadline: On the budget" in Client().get(month_of(deadline)).content.decode()
