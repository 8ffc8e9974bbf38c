"""Convening, preparing and holding a session on the pages: each form is one act, a refusal changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from meetings_world import SignIn, World

from accord.core import clock
from accord.ledger import log
from accord.meetings.models import AgendaItem, Attendance, Part, Session, Statement

if TYPE_CHECKING:
    from django.test import Client
    from django.test.client import _MonkeyPatchedWSGIResponse as Response


def convene(client: Client, **changes: str) -> Response:
    data = {"body": "CSC", "title_en": "Autumn session", "title_ru": "Осенняя сессия", "kind": "regular",
            "mode": "video", "starts_on": "2026-12-10", "classification": "public", **changes}
    return client.post("/meetings/new/", data)


def test_only_the_secretariat_or_the_chair_may_convene(world: World, login: SignIn) -> None:
    assert login(None).get("/meetings/new/").status_code == 302
    assert login("observer").get("/meetings/new/").status_code == 404
    assert "Convene a session" in login("secretariat").get("/meetings/").content.decode()
    assert "Convene a session" not in login(None).get("/meetings/").content.decode()


def test_a_refused_convocation_names_the_field_and_records_nothing(world: World, login: SignIn) -> None:
    before, sessions = log.size(), Session.objects.count()
    response = convene(login("secretariat"), mode="in_person")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="convene-place_error' in page
    assert "Place (in person): required in the organization&#x27;s default language (Russian)" in page
    assert 'name="place_ru" lang="ru" aria-invalid="true"' in page
    assert 'value="Autumn session"' in page
    assert (log.size(), Session.objects.count()) == (before, sessions)


def test_a_session_is_convened_prepared_held_and_closed_on_the_pages(world: World, login: SignIn) -> None:
    secretariat = login("secretariat")
    response = convene(secretariat)
    session = next(s for s in Session.objects.all() if s.title.get("en") == "Autumn session")
    console = f"/meetings/sessions/{session.pk}/console/"
    assert response.status_code == 302
    assert response["Location"] == console

    assert secretariat.post(f"{console}add-part/", {"kind": "plenary", "is_open": "open",
                                      "title_en": "Plenary", "title_ru": "Пленарное"}).status_code == 302
    part = Part.objects.get(session=session)
    assert secretariat.post(f"{console}add-item/", {"title_en": "Budget", "title_ru": "Бюджет",
                                      "part": part.pk, "references": "annex 1"}).status_code == 302
    assert secretariat.post(f"{console}agree/").status_code == 302
    refused = secretariat.post(f"{console}add-item/", {"title_en": "Late", "title_ru": "Поздно"})
    assert refused.status_code == 400
    assert "it is fixed" in refused.content.decode()

    with clock.pinned(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)):  # before its first day: not yet
        early = secretariat.post(f"{console}open/")
    assert early.status_code == 400
    assert "the session begins on 10 December 2026" in early.content.decode()
    with clock.pinned(dt.datetime(2026, 12, 10, 9, 0, tzinfo=dt.UTC)):
        assert secretariat.post(f"{console}open/").status_code == 302
        assert secretariat.post(f"{console}attendance/", {"part": part.pk, "member": "KAZ", "presence": "remote",
                                          "represented_by_en": "Deputy minister",
                                          "represented_by_ru": "Заместитель министра"}).status_code == 302
        assert secretariat.post(f"{console}speaker/", {"part": part.pk, "delegation": "KAZ",
                                          "speaker_name_ru": "Глава делегации KAZ",
                                          "speaker_name_en": "Head of KAZ"}).status_code == 302
        statement = Statement.objects.get(part=part)
        assert list(statement.speaker_name.items()) == [("ru", "Глава делегации KAZ"), ("en", "Head of KAZ")]
        assert secretariat.post(f"{console}deliver/", {"statement": statement.pk, "language": "ru",
                                          "summary_en": "Supported the budget.",
                                          "summary_ru": "Поддержал бюджет."}).status_code == 302
        item = AgendaItem.objects.get(session=session)
        assert secretariat.post(f"/meetings/sessions/{session.pk}/items/{item.pk}/outcome/",
                                {"outcome": "adopted"}).status_code == 302
        # Confirmed, as the dialog posts it (without it, a page asks first).
        assert secretariat.post(f"{console}close/", {"confirmed": "1"}).status_code == 302

    public = login(None).get(f"/meetings/sessions/{session.pk}/").content.decode()
    assert "Supported the budget." in public
    attended = Attendance.objects.get(part=part, member_id="KAZ")
    assert (attended.presence, dict(attended.represented_by)) == (
        "remote", {"ru": "Заместитель министра", "en": "Deputy minister"})
    reader = login(None)
    reader.cookies["django_language"] = "ru"
    in_russian = reader.get(f"/meetings/sessions/{session.pk}/").content.decode()
    assert "Глава делегации KAZ" in in_russian
    assert "Заместитель министра" in in_russian
    assert Session.objects.get(pk=session.pk).state == "closed"


def test_convening_says_it_was_done_on_the_page_it_leads_to(world: World, login: SignIn) -> None:
    """Issue #21: the console opened after convening without a word that the session was convened."""
    secretariat = login("secretariat")
    secretariat.cookies["django_language"] = "ru"
    response = convene(secretariat)
    assert response.status_code == 302
    page = secretariat.get(response["Location"]).content.decode()
    assert '<div class="alert alert--success" role="status">' in page
    assert "Сессия созвана: «Осенняя сессия»." in page
    # Said once: the next page no longer says it.
    assert "Сессия созвана" not in secretariat.get(response["Location"]).content.decode()


def test_the_console_numbers_each_item_once(world: World, login: SignIn) -> None:
    """Issue #21: the console's list numbered each item and its title said the number again ("1. 1. ...")."""
    page = login("secretariat").get(f"/meetings/sessions/{world.summit}/console/").content.decode()
    items = AgendaItem.objects.filter(session_id=world.summit).order_by("number")
    for item in items:
        assert f'<li value="{item.number}" class="agenda__item' in page
        assert f'<span class="agenda__title">{item.number}.' not in page
    assert items.exists()


def test_the_list_says_where_each_session_stands(world: World, login: SignIn) -> None:
    """Convened, in progress or closed, on each row (issue 21's walk: the list filtered by it, never said it)."""
    page = login("secretariat").get("/meetings/").content.decode()
    for session in Session.objects.all():
        assert f'data-state="{session.state}">{session.get_state_display()}</span>' in page
