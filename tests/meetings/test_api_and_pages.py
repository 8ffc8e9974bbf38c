"""The meetings API, the pages in both languages, the console, the calendar and its feed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import icalendar
import meetings_world as w
import pytest

from accord.core import calendar

if TYPE_CHECKING:
    import datetime as dt

    from accord.core.policy import Viewer


def test_it_convenes_through_the_api_and_names_the_bad_field(world: w.World, login: w.SignIn) -> None:
    client = login("secretariat")
    bad = client.post("/api/v1/meetings/sessions", {"body": "CSC", "title": {"ru": "Т", "en": "T"},
                                                    "kind": "regular", "mode": "in_person",
                                                    "starts_on": "2022-06-01"}, content_type="application/json")
    assert bad.status_code == 400
    assert bad.json()["errors"] == [{"field": "place.ru", "reason":
                                     "is required (the organization's default language, Russian)"}]
    shapeless = client.post("/api/v1/meetings/sessions", {"body": "CSC"}, content_type="application/json")
    assert shapeless.status_code == 422
    assert {e["field"] for e in shapeless.json()["errors"]} >= {"title", "kind", "starts_on"}
    made = client.post("/api/v1/meetings/sessions", {"body": "CSC", "title": {"ru": "Т", "en": "T"},
                                                     "kind": "extraordinary", "mode": "video",
                                                     "starts_on": "2022-06-01", "requested_by": "KAZ"},
                       content_type="application/json")
    assert made.status_code == 201
    assert made.json()["convened_by"] == "member_request"
    assert made.json()["classified"]["classification"] == "public"


def test_it_refuses_writes_to_the_public(world: w.World, login: w.SignIn) -> None:
    response = login(None).post(f"/api/v1/meetings/sessions/{world.summit}/open")
    assert response.status_code == 401


@pytest.mark.usefixtures("before_the_summit")
def test_it_books_a_bilateral_through_the_api_and_refuses_a_clash_with_its_reason(
        world: w.World, login: w.SignIn) -> None:
    client = login("tjk.delegate")
    path = f"/api/v1/meetings/sessions/{world.summit}/bilaterals"
    ok = client.post(path, {"counterpart": "BLR", "starts_at": "2022-05-16T15:00:00Z",
                            "ends_at": "2022-05-16T15:30:00Z"}, content_type="application/json")
    assert ok.status_code == 201
    clash = client.post(path, {"counterpart": "KGZ", "starts_at": "2022-05-16T15:15:00Z",
                               "ends_at": "2022-05-16T15:45:00Z"}, content_type="application/json")
    assert clash.status_code == 400
    assert clash.json()["errors"][0]["field"] == "starts_at"
    assert "Head of TJK already has a meeting (TJK–BLR)" in clash.json()["errors"][0]["reason"]


def test_it_runs_the_session_from_the_console(world: w.World, login: w.SignIn) -> None:
    client = login("secretariat")
    console = f"/meetings/sessions/{world.summit}/console/"
    assert client.get(console).status_code == 200
    item = f"/meetings/sessions/{world.summit}/items/{world.open_item}"
    assert client.post(f"{console}open/").status_code == 302
    assert client.post(f"{item}/take-up/").status_code == 302
    recorded = client.post(f"{item}/outcome/", {"outcome": "adopted"})
    assert recorded.status_code == 302
    page = login("kaz.delegate").get(f"/meetings/sessions/{world.summit}/live/").content.decode()
    assert "Anniversary statement" in page
    assert "outcome--adopted" in page
    refused = client.post(f"{item}/outcome/", {"outcome": "adopted"})
    assert refused.status_code == 400
    assert "was recorded by entry" in refused.content.decode()
    assert login("kaz.delegate").get(console).status_code == 404


def test_it_shows_the_pages_in_russian(world: w.World, login: w.SignIn) -> None:
    client = login("kaz.delegate")
    client.cookies["django_language"] = "ru"
    page = client.get(f"/meetings/sessions/{world.summit}/").content.decode()
    assert "Московский саммит" in page
    assert "Повестка дня" in page
    assert "Заседания" in page
    assert 'lang="ru"' in page


def test_it_draws_the_month_with_the_summit_on_its_day(world: w.World, login: w.SignIn) -> None:
    page = login(None).get("/meetings/calendar/?month=2022-05").content.decode()
    assert "month-grid__day--busy" in page
    assert "CSC: Moscow summit" in page
    assert w.SECRET_SESSION not in page
    assert login(None).get("/meetings/calendar/?month=May").status_code == 404


def test_it_feeds_a_person_only_what_that_person_may_see(world: w.World, login: w.SignIn) -> None:
    inside = calendar.ical(calendar.entries_between(_viewer("rus.head"), _day(2022, 1), _day(2022, 12)), "x", "")
    outside = login(None).get(calendar.feed_path("blr.head"))
    assert outside.status_code == 200
    assert outside["Content-Type"].startswith("text/calendar")
    parsed = icalendar.Calendar.from_ical(outside.content)
    titles = [str(e["summary"]) for e in parsed.walk("VEVENT")]
    assert "CSC: Moscow summit" in titles
    assert w.SECRET_SESSION not in outside.content.decode()
    assert w.SECRET_SESSION in inside.decode()
    assert login(None).get("/meetings/calendar/blr.head/forged.ics").status_code == 404
    assert login(None).get(calendar.feed_path("blr.head").replace("blr.head", "rus.head")).status_code == 404


def test_it_registers_other_apps_dates(world: w.World, login: w.SignIn) -> None:
    from accord.core.calendar import Entry, register_source

    register_source("test", lambda viewer, first, last: [
        Entry(uid="d@x", title="Procedure deadline", starts=_day(2022, 5, 20), ends=_day(2022, 5, 20),
              url="/", kind="deadline")])
    try:
        assert "Procedure deadline" in login(None).get("/meetings/calendar/?month=2022-05").content.decode()
    finally:
        from accord.core import calendar as registry

        registry._SOURCES.pop("test")


def _viewer(username: str) -> Viewer:
    from accord.core.policy import viewer_of
    from accord.members.models import Person

    return viewer_of(Person.objects.get(username=username))


def _day(year: int, month: int, day: int = 1) -> dt.date:
    import datetime as dt

    return dt.date(year, month, day) if day != 1 or month != 12 else dt.date(year, 12, 31)


def test_the_feed_and_the_minutes_are_in_the_language_asked_for(world: w.World, login: w.SignIn) -> None:
    russian = icalendar.Calendar.from_ical(login(None).get(calendar.feed_path("blr.head") + "?lang=ru").content)
    assert "CSC: Московский саммит" in [str(e["summary"]) for e in russian.walk("VEVENT")]
    minutes = f"/meetings/sessions/{world.summit}/minutes/"
    in_russian = login(None).get(f"{minutes}?lang=ru").content.decode()
    # Django's Russian DATE_FORMAT, inside the template's {% language %}: no month table of our own.
    assert '<span lang="ru">Московский саммит</span>' in in_russian
    assert "16 мая 2022 г." in in_russian
    in_english = login(None).get(f"{minutes}?lang=en").content.decode()
    assert '<span lang="en">Moscow summit</span>' in in_english
    assert "May 16, 2022" in in_english
    # A language the organization does not keep is not asked for: the reader's own (English here).
    assert "May 16, 2022" in login(None).get(f"{minutes}?lang=xx").content.decode()


def test_the_api_gives_every_language_or_the_one_asked_for(world: w.World, login: w.SignIn) -> None:
    every = login(None).get(f"/api/v1/meetings/sessions/{world.summit}").json()
    assert every["title"] == {"ru": "Московский саммит", "en": "Moscow summit"}
    asked = login(None).get(f"/api/v1/meetings/sessions/{world.summit}?lang=en").json()
    assert asked["title"] == {"en": "Moscow summit"}
