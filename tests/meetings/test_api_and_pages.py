"""The meetings API, the pages in both languages, the console, the calendar and its feed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import icalendar
import meetings_world as w
import pytest
from django.utils import translation

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
    assert bad.json()["errors"] == [{"field": "place.ru", "label": "Place (in person), Russian", "reason":
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
    # Member states named with their language (|tr), in the attendance and beside a speaker.
    assert '<li><span lang="ru">Казахстан</span>:' in page
    assert '(<span lang="ru">Казахстан</span>)' in page


def test_it_draws_the_month_with_the_summit_on_its_day(world: w.World, login: w.SignIn) -> None:
    page = login(None).get("/meetings/calendar/?month=2022-05").content.decode()
    assert "month-grid__day--busy" in page
    # Led by the body's name, not its code: the title does not name the body.
    assert "Collective Security Council: Moscow summit" in page
    assert "CSC:" not in page
    assert w.SECRET_SESSION not in page
    assert login(None).get("/meetings/calendar/?month=May").status_code == 404
    # The month after a separator, not a colon: Russian writes a month after a colon in lower case («май»), and
    # the month's format gives it a capital.
    client = login(None)
    client.cookies["django_language"] = "ru"
    russian = client.get("/meetings/calendar/?month=2022-05").content.decode()
    assert '<h1 class="page-title">Календарь · Май 2022 г.</h1>' in russian
    assert "Календарь: " not in russian


def test_it_feeds_a_person_only_what_that_person_may_see(world: w.World, login: w.SignIn) -> None:
    inside = calendar.ical(calendar.entries_between(_viewer("rus.head"), _day(2022, 1), _day(2022, 12)), "x", "")
    outside = login(None).get(calendar.feed_path("blr.head"))
    assert outside.status_code == 200
    assert outside["Content-Type"].startswith("text/calendar")
    parsed = icalendar.Calendar.from_ical(outside.content)
    titles = [str(e["summary"]) for e in parsed.walk("VEVENT")]
    assert "Collective Security Council: Moscow summit" in titles
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
    summaries = [str(e["summary"]) for e in russian.walk("VEVENT")]
    assert "Совет коллективной безопасности: Московский саммит" in summaries
    assert not [summary for summary in summaries if summary.startswith("CSC")]
    minutes = f"/meetings/sessions/{world.summit}/minutes/"
    in_russian = login(None).get(f"{minutes}?lang=ru").content.decode()
    # Accord's Russian DATE_FORMAT (accord/formats), inside the template's {% language %}: no month table
    # of our own.
    assert '<span lang="ru">Московский саммит</span>' in in_russian
    assert "16 мая 2022 г." in in_russian
    in_english = login(None).get(f"{minutes}?lang=en").content.decode()
    assert '<span lang="en">Moscow summit</span>' in in_english
    assert '<span lang="ru">Казахстан</span>' in in_russian
    assert '<span lang="en">Kazakhstan</span>' in in_english
    assert "16 May 2022" in in_english
    # A language the organization does not keep is not asked for: the reader's own (English here).
    assert "16 May 2022" in login(None).get(f"{minutes}?lang=xx").content.decode()


def test_the_api_gives_every_language_or_the_one_asked_for(world: w.World, login: w.SignIn) -> None:
    every = login(None).get(f"/api/v1/meetings/sessions/{world.summit}").json()
    assert every["title"] == {"ru": "Московский саммит", "en": "Moscow summit"}
    asked = login(None).get(f"/api/v1/meetings/sessions/{world.summit}?lang=en").json()
    assert asked["title"] == {"en": "Moscow summit"}


def test_a_speakers_name_is_the_persons_in_every_language_unless_given(world: w.World, login: w.SignIn) -> None:
    every = login(None).get(f"/api/v1/meetings/sessions/{world.summit}").json()
    spoken = next(p for p in every["parts"] if p["id"] == world.open_part)["statements"][0]
    assert spoken["speaker"] == {"ru": "Глава KAZ", "en": "Head of KAZ"}
    client = login("secretariat")
    listed = client.post(f"/api/v1/meetings/parts/{world.open_part}/speakers",
                         {"delegation": "ARM",
                          "speaker_name": {"en": "Foreign minister", "ru": "Министр иностранных дел"}},
                         content_type="application/json")
    assert listed.status_code == 201, listed.json()
    statements = next(p for p in listed.json()["parts"] if p["id"] == world.open_part)["statements"]
    assert list(statements[-1]["speaker"].items()) == [("ru", "Министр иностранных дел"),
                                                       ("en", "Foreign minister")]
    plain = client.post(f"/api/v1/meetings/parts/{world.open_part}/speakers",
                        {"delegation": "BLR", "speaker_name": "Посол"}, content_type="application/json")
    # A plain name is in the organization's default language.
    assert next(p for p in plain.json()["parts"] if p["id"] == world.open_part)["statements"][-1]["speaker"] == {
        "ru": "Посол"}
    refused = client.post(f"/api/v1/meetings/parts/{world.open_part}/speakers",
                          {"delegation": "BLR", "speaker_name": {"de": "Botschafter"}},
                          content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "speaker_name.de"
    asked = login(None).get(f"/api/v1/meetings/sessions/{world.summit}?lang=en").json()
    assert next(p for p in asked["parts"] if p["id"] == world.open_part)["statements"][0]["speaker"] == {
        "en": "Head of KAZ"}


def test_who_represented_a_member_is_given_per_language(world: w.World, login: w.SignIn) -> None:
    client = login("secretariat")
    recorded = client.post(f"/api/v1/meetings/parts/{world.closed_part}/attendance",
                           {"member": "KAZ", "presence": "remote",
                            "represented_by": {"ru": "Министр обороны", "en": "Minister of defence"}},
                           content_type="application/json")
    assert recorded.status_code == 201, recorded.json()
    attendance = next(p for p in recorded.json()["parts"] if p["id"] == world.closed_part)["attendance"]
    assert {"member": "KAZ", "presence": "remote",
            "represented_by": {"ru": "Министр обороны", "en": "Minister of defence"}, "reason": {}} in attendance
    for language, name in (("ru", "Министр обороны"), ("en", "Minister of defence"), ("fr", "Министр обороны")):
        reader = login("kaz.head")
        reader.cookies["django_language"] = language
        assert name in reader.get(f"/meetings/sessions/{world.summit}/").content.decode()
def test_the_minutes_of_a_session_not_yet_closed_say_they_are_provisional(world: w.World, login: w.SignIn) -> None:
    """Issue #21: minutes of a session in progress read as final. The mark is on the page and in the PDF, in
    the minutes' language, until the minutes are approved."""
    import datetime as dt
    import io

    from pypdf import PdfReader

    from accord.core import clock
    from accord.core.acting import Actor
    from accord.meetings import actions

    minutes = f"/meetings/sessions/{world.summit}/minutes/"
    english, russian = "Provisional minutes", "Предварительный протокол"
    assert english in login(None).get(f"{minutes}?lang=en").content.decode()
    assert russian in login(None).get(f"{minutes}?lang=ru").content.decode()
    pdf = login(None).get(f"{minutes}?lang=en&format=pdf")
    assert english in " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    actions.open_session(actor=Actor.console(), session=world.summit)
    assert english in login(None).get(f"{minutes}?lang=en").content.decode()
    actions.close_session(actor=Actor.console(), session=world.summit)
    # Closed, the minutes are a draft until they are approved (after their circulation for comments).
    assert english in login(None).get(f"{minutes}?lang=en").content.decode()
    until = clock.now() + dt.timedelta(days=1)
    actions.circulate_minutes(actor=Actor.console(), session=world.summit, comments_until=until)
    pdf = login(None).get(f"{minutes}?lang=en&format=pdf")
    assert english in " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    with clock.pinned(until + dt.timedelta(seconds=1)):
        actions.approve_minutes(actor=Actor.console(), session=world.summit)
    assert english not in login(None).get(f"{minutes}?lang=en").content.decode()
    pdf = login(None).get(f"{minutes}?lang=en&format=pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert english not in text
    assert "Approved minutes" in text


def test_head_answers_as_get_without_the_body(world: w.World, login: w.SignIn) -> None:
    """Issue #21: HEAD on a PDF (a link checker, a download manager asking the size) was refused with 405."""
    for path in (f"/meetings/sessions/{world.summit}/minutes/?format=pdf",
                 f"/api/v1/meetings/sessions/{world.summit}/minutes.pdf",
                 f"/meetings/sessions/{world.summit}/", "/"):
        got, head = login(None).get(path), login(None).head(path)
        assert (head.status_code, head["Content-Type"]) == (got.status_code, got["Content-Type"]) == (
            200, got["Content-Type"]), path
        assert head.content == b"", path
    assert login(None).head("/meetings/sessions/999999/").status_code == 404


def test_the_verify_page_says_a_minutes_pdf_is_accords_minutes(world: w.World, login: w.SignIn) -> None:
    """Issue #21: a minutes PDF was said to be "not printed by Accord"; it is, and carries no record to check."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = login(None).get(f"/meetings/sessions/{world.summit}/minutes/?format=pdf").content
    page = login(None).post("/documents/verify/", {"file": SimpleUploadedFile("m.pdf", pdf)}).content.decode()
    assert "not printed by Accord" not in page
    assert "minutes of a session printed by Accord" in page


def test_the_calendar_names_a_bilateral_by_its_states_not_their_codes(world: w.World, login: w.SignIn) -> None:
    """Issue #21: identifiers pasted where a person reads ("RUS–KAZ")."""
    from accord.core.acting import Actor
    from accord.meetings import actions
    from accord.meetings.models import Bilateral

    asked = Bilateral.objects.get(requester="RUS", counterpart="KAZ")
    actions.answer_bilateral(actor=Actor.console(), bilateral=asked.pk, accept=True)
    client = login(None)
    page = client.get("/meetings/calendar/?month=2022-05").content.decode()
    assert "RUS–KAZ" not in page
    assert "Russian Federation – Kazakhstan" in page
    client.cookies["django_language"] = "ru"
    assert "Российская Федерация – Казахстан" in client.get("/meetings/calendar/?month=2022-05").content.decode()


def test_the_minutes_offer_their_languages_by_name(world: w.World, login: w.SignIn) -> None:
    """The page's language switch in the header named its list `languages` too, and the minutes' own list of
    languages printed the header's dictionaries ("{'bidi': False, 'code': 'en', ...}")."""
    page = login(None).get(f"/meetings/sessions/{world.summit}/minutes/?lang=en").content.decode()
    assert "{&#x27;bidi&#x27;" not in page
    assert 'hreflang="ru">Russian</a>' in page


def test_a_calendar_title_that_names_its_body_is_not_led_by_it_again() -> None:
    from accord.core.translations import Texts
    from accord.meetings.models import Session
    from accord.meetings.sources import _session_title
    from accord.members.models import Body

    council = Body(code="CSC", name=Texts({"ru": "Совет коллективной безопасности",
                                           "en": "Collective Security Council"}))
    named = Session(body=council, title=Texts({"ru": "Сессия Совета коллективной безопасности, Ереван",
                                               "en": "Session of the Collective Security Council, Yerevan"}))
    unnamed = Session(body=council, title=Texts({"ru": "Внеочередная сессия", "en": "Extraordinary session"}))
    with translation.override("ru"):
        assert _session_title(named) == "Сессия Совета коллективной безопасности, Ереван"
        assert _session_title(unnamed) == "Совет коллективной безопасности: Внеочередная сессия"


def test_access_is_said_only_where_it_differs_from_what_holds_it(world: w.World, login: w.SignIn) -> None:
    """The session says its access once; a part, an item or a statement says its own only where it differs
    (the closed part and what is in it), not "inherited…" on every line."""
    page = login("rus.head").get(f"/meetings/sessions/{world.summit}/").content.decode()
    assert page.count("set when the session was convened") == 1
    assert "an open part: inherited from the session" not in page
    assert "inherited from the part it was made in" not in page
    assert "a closed part: visible to its participants only" in page
    assert "inherited from the part it is taken in" in page  # the closed item
    assert page.count('class="classified-line"') == 2


def test_an_items_outcome_note_reads_apart_from_its_outcome(world: w.World, login: w.SignIn) -> None:
    """Issue 21's walk: "Adopted Signed by the heads of the member states Attachments of item 1" ran on as one
    phrase; the note is set off in brackets, as the minutes write it."""
    from accord.core.acting import Actor
    from accord.meetings import actions

    console = Actor.console()
    actions.open_session(actor=console, session=world.summit)
    actions.take_up_item(actor=console, item=world.open_item)
    actions.record_outcome(actor=console, item=world.open_item, outcome="adopted",
                           note={"ru": "Подписано главами", "en": "Signed by the heads"})
    reader = login("secretariat")
    reader.cookies["django_language"] = "ru"
    page = " ".join(reader.get(f"/meetings/sessions/{world.summit}/").content.decode().split())
    assert '<span class="muted">(<span lang="ru">Подписано главами</span>)</span>' in page
