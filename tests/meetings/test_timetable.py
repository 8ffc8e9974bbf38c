"""The timetable: rooms named by acts, times and rooms set by acts, the day grid in the reader's zone,
rooms in the calendar feed's LOCATION."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import icalendar
import meetings_world as w
import pytest

from accord.core import calendar
from accord.core.acting import Actor
from accord.core.errors import InvalidInput, NotFound, NotPermitted
from accord.ledger.models import Entry
from accord.meetings import actions, timetable
from accord.members.models import Person

CONSOLE = Actor.console()
HALL = {"ru": "Александровский зал", "en": "Alexander Hall"}


def _actor(username: str) -> Actor:
    return Actor(person=Person.objects.get(username=username))


def test_it_lays_out_a_day_in_the_readers_zone_on_whole_numbers() -> None:
    at = dt.datetime(2022, 5, 16, 7, 0, tzinfo=dt.UTC)
    slots = [timetable.Slot("part", "Open part", at, at + dt.timedelta(hours=1), "Hall"),
             timetable.Slot("bilateral", "RUS – KAZ", at + dt.timedelta(minutes=90),
                            at + dt.timedelta(minutes=120), "")]
    [day] = timetable.days_of(slots, zoneinfo.ZoneInfo("Europe/Moscow"), no_room="No room")
    assert day.day == dt.date(2022, 5, 16)
    assert day.offset == "UTC+03:00"
    assert (day.first_hour, day.quarters, day.rooms) == (10, 8, ["Hall", "No room"])
    assert [(p.row, p.rows, p.column) for p in day.placed] == [(2, 4, 2), (8, 2, 3)]
    assert day.placed[0].starts.hour == 10


def test_it_names_rooms_and_sets_times_and_rooms_by_acts(world: w.World) -> None:
    chair = _actor("arm.head")
    hall = actions.add_room(actor=chair, session=world.summit, name=HALL)
    assert hall.number == 1
    entry = Entry.objects.order_by("-seq").first()
    assert entry is not None
    assert entry.type == "meetings.room_added"
    item = actions.schedule(actor=chair, session=world.summit, item=world.open_item, room=1,
                            starts_at="2022-05-16T10:00:00+00:00", ends_at="2022-05-16T10:30:00+00:00")
    assert item.room == hall
    assert item.starts_at == dt.datetime(2022, 5, 16, 10, tzinfo=dt.UTC)
    size = Entry.objects.count()
    with pytest.raises(InvalidInput) as outside:
        actions.schedule(actor=chair, session=world.summit, item=world.open_item, room=1,
                         starts_at="2022-05-18T10:00:00+00:00", ends_at="2022-05-18T10:30:00+00:00")
    assert outside.value.field == "starts_at"
    with pytest.raises(InvalidInput) as no_room:
        actions.schedule(actor=chair, session=world.summit, item=world.open_item, room=7,
                         starts_at="2022-05-16T10:00:00+00:00", ends_at="2022-05-16T10:30:00+00:00")
    assert no_room.value.field == "room"
    with pytest.raises(NotPermitted):
        actions.add_room(actor=_actor("kaz.head"), session=world.summit, name=HALL)
    # The chair's officials do not take part in the closed part: its item is missing for them.
    with pytest.raises(NotFound):
        actions.schedule(actor=chair, session=world.summit, item=world.closed_item, room=1,
                         starts_at="2022-05-16T11:30:00+00:00", ends_at="2022-05-16T12:00:00+00:00")
    assert Entry.objects.count() == size


def test_the_page_draws_the_day_in_the_zone_picked_and_hides_what_the_reader_may_not_see(
        world: w.World, login: w.SignIn) -> None:
    actions.add_room(actor=CONSOLE, session=world.summit, name=HALL)
    actions.schedule(actor=CONSOLE, session=world.summit, item=world.closed_item, room=1,
                     starts_at="2022-05-16T11:30:00+00:00", ends_at="2022-05-16T12:00:00+00:00")
    public = login(None).get(f"/meetings/sessions/{world.summit}/timetable/?tz=Europe/Moscow")
    assert public.status_code == 200
    assert "Times in Europe/Moscow (UTC+03:00)." in public.text
    assert "13:00" in public.text  # the open part, 10:00 UTC
    assert w.CLOSED_ITEM not in public.text
    inside = login("kaz.head").get(f"/meetings/sessions/{world.summit}/timetable/?tz=Asia/Almaty")
    assert w.CLOSED_ITEM in inside.text
    assert "Alexander Hall" in inside.text
    hidden = login("arm.head").get(f"/meetings/sessions/{world.secret_session}/timetable/")
    missing = login("arm.head").get("/meetings/sessions/987654/timetable/")
    assert hidden.status_code == missing.status_code == 404
    russian = login(None).get(f"/meetings/sessions/{world.summit}/timetable/", HTTP_ACCEPT_LANGUAGE="ru")
    assert "Расписание" in russian.text


def test_the_console_sets_a_room_and_a_refusal_keeps_what_was_typed(world: w.World, login: w.SignIn) -> None:
    chair = login("arm.head")
    added = chair.post(f"/meetings/sessions/{world.summit}/console/room/", {"name_ru": "Зал", "name_en": "Hall"})
    assert added.status_code == 302
    refused = chair.post(f"/meetings/sessions/{world.summit}/console/schedule/", {
        "what": f"item:{world.open_item}", "starts_at_0": "20 May 2022", "starts_at_1": "10:00",
        "starts_at_2": "Europe/Moscow", "ends_at_0": "20/05/2022", "ends_at_1": "11:00",
        "ends_at_2": "Europe/Moscow",
        "room": "1"})
    assert refused.status_code == 400
    for typed in ('value="20 May 2022"', 'value="10:00"', 'value="20/05/2022"', 'value="11:00"',
                  'value="Europe/Moscow"', "Time zone: Europe/Moscow"):
        assert typed in refused.text
    done = chair.post(f"/meetings/sessions/{world.summit}/console/schedule/", {
        "what": f"item:{world.open_item}", "starts_at": "2022-05-16T10:00", "ends_at": "2022-05-16T10:30",
        "room": "1"})
    assert done.status_code == 302


def test_the_api_and_the_feed_keep_the_room(world: w.World, login: w.SignIn) -> None:
    client = login("secretariat")
    made = client.post(f"/api/v1/meetings/sessions/{world.summit}/rooms", {"name": HALL},
                       content_type="application/json")
    assert made.status_code == 201
    assert made.json()["rooms"][0]["name"]["en"] == "Alexander Hall"
    bilateral = next(b["id"] for b in client.get("/api/v1/meetings/bilaterals").json()
                     if b["session"] == world.summit and b["counterpart"] == "KAZ")
    placed = client.post(f"/api/v1/meetings/sessions/{world.summit}/timetable",
                         {"bilateral": bilateral, "room": 1}, content_type="application/json")
    assert placed.status_code == 200
    assert any(s["room"] == "Alexander Hall" and s["kind"] == "bilateral" for s in placed.json()["slots"])
    actions.answer_bilateral(actor=CONSOLE, bilateral=bilateral, accept=True)
    person = Person.objects.get(username="kaz.head")
    feed = login(None).get(calendar.feed_path("kaz.head") + "?lang=en")
    assert person.is_active
    events = [e for e in icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
              if str(e.get("uid")).startswith("bilateral-")]
    assert any(str(e.get("location")).startswith("Alexander Hall") for e in events)


def _events(body: bytes) -> dict[str, icalendar.cal.Component]:
    return {str(event.get("uid")): event for event in icalendar.Calendar.from_ical(body).walk("VEVENT")}


def test_the_timed_items_are_in_the_feeds_with_their_zone_and_room_and_hidden_ones_are_not(
        world: w.World, login: w.SignIn) -> None:
    actions.add_room(actor=CONSOLE, session=world.summit, name=HALL)
    actions.schedule(actor=CONSOLE, session=world.summit, item=world.open_item, room=1,
                     starts_at="2022-05-16T10:00:00+00:00", ends_at="2022-05-16T10:30:00+00:00")
    actions.schedule(actor=CONSOLE, session=world.summit, item=world.closed_item, room=1,
                     starts_at="2022-05-16T11:30:00+00:00", ends_at="2022-05-16T12:00:00+00:00")
    path = f"/meetings/sessions/{world.summit}/calendar.ics?lang=en"
    public = login(None).get(path)
    assert public.status_code == 200
    assert public["Content-Type"].startswith("text/calendar")
    events = _events(public.content)
    timed = [event for uid, event in events.items() if uid.startswith("item-")]
    assert len(timed) == 1  # the closed part's item is not the public's
    [item] = timed
    starts, ends = item.decoded("dtstart"), item.decoded("dtend")
    assert starts.utcoffset() == dt.timedelta(0)  # an instant with its zone (UTC), never a floating time
    assert (starts, ends) == (dt.datetime(2022, 5, 16, 10, tzinfo=dt.UTC), dt.datetime(2022, 5, 16, 10, 30,
                                                                                          tzinfo=dt.UTC))
    assert str(item.get("location")).startswith("Alexander Hall")
    assert w.CLOSED_ITEM not in public.content.decode()
    assert f"session-{world.summit}@accord" in events  # the session's days too
    inside = _events(login("kaz.head").get(path).content)
    assert sum(uid.startswith("item-") for uid in inside) == 2
    # A person's own feed has the timed items it may see, from every session.
    own = _events(login(None).get(calendar.feed_path("kaz.head") + "?lang=en").content)
    mine = [event for uid, event in own.items() if uid.startswith("item-")]
    assert len(mine) == 2
    assert all(event.decoded("dtstart").tzinfo is not None for event in mine)
    outsider = _events(login(None).get(calendar.feed_path("arm.head") + "?lang=en").content)
    assert sum(uid.startswith("item-") for uid in outsider) == 1
    hidden = login("arm.head").get(f"/meetings/sessions/{world.secret_session}/calendar.ics")
    missing = login("arm.head").get("/meetings/sessions/987654/calendar.ics")
    assert hidden.status_code == missing.status_code == 404
