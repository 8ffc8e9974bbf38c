"""The meetings pages' forms: a valid one acts and goes back, a refused one answers 400 with its error beside
the field in the reader's language and keeps what was typed, and an anonymous post is sent to sign in before
anything is looked up."""

from __future__ import annotations

from typing import Any

import meetings_world as w
import pytest

from accord.core.acting import Actor
from accord.ledger import log
from accord.meetings import actions
from accord.meetings.models import AgendaItem, Bilateral, Session
from accord.members import queries as registry


def _convened() -> int:
    return actions.convene_session(actor=Actor.console(), body="CSC", title={"ru": "Зимняя сессия",
                                                                             "en": "Winter session"},
    kind="regular", mode="video",
                                   starts_on="2026-12-10").pk


def test_the_chairs_console_keeps_what_was_typed_after_a_refusal_in_russian(world: w.World, login: Any) -> None:
    session = _convened()
    secretariat = login("secretariat")
    secretariat.cookies["django_language"] = "ru"
    before = log.size()
    refused = secretariat.post(f"/meetings/sessions/{session}/console/add-item/",
                               {"title_en": "Budget for 2027", "title_ru": "", "references": "annex 1"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert 'id="item-title_error' in page  # the default language's text is missing
    assert 'value="Budget for 2027"' in page
    assert 'value="annex 1"' in page
    assert log.size() == before
    done = secretariat.post(f"/meetings/sessions/{session}/console/add-item/",
                            {"title_en": "Budget for 2027", "title_ru": "Бюджет на 2027 год", "references": ""})
    assert (done.status_code, done["Location"]) == (302, f"/meetings/sessions/{session}/console/")
    assert AgendaItem.objects.get(session_id=session).title == {"ru": "Бюджет на 2027 год",
                                                                "en": "Budget for 2027"}


def test_an_actions_refusal_lands_beside_the_field_it_names(world: w.World, login: Any) -> None:
    session = _convened()
    secretariat = login("secretariat")
    typed = {"kind": "restricted", "is_open": "closed", "title_en": "Heads only"}
    response = secretariat.post(f"/meetings/sessions/{session}/console/add-part/", typed)
    assert response.status_code == 400
    refusal = 'id="part-participants_error_1">a closed part must name the members taking part'
    assert refusal in response.content.decode()
    secretariat.cookies["django_language"] = "ru"
    response = secretariat.post(f"/meetings/sessions/{session}/console/add-part/", typed)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="part-participants_error_1">для закрытой части нужно назвать участвующих государств' in page
    assert 'value="Heads only"' in page
    assert '<option value="closed" selected>' in page


def test_only_the_secretariat_is_offered_a_chair_other_than_the_rotations(world: w.World, login: Any) -> None:
    assert 'id="convene-chair"' in login("secretariat").get("/meetings/new/").content.decode()
    chair = registry.chair_on(registry.today())
    assert chair is not None
    page = login(f"{chair.lower()}.head").get("/meetings/new/").content.decode()
    assert 'id="convene-chair"' not in page
    assert 'name="title_en"' in page


@pytest.mark.usefixtures("before_the_summit")
def test_a_delegation_asks_for_a_bilateral_and_a_clash_keeps_the_slot_typed(world: w.World, login: Any) -> None:
    client = login("kaz.delegate")
    path = f"/meetings/sessions/{world.summit}/bilaterals/"
    slot = {"counterpart": "TJK", "day": "2022-05-16", "starts_at": "18:00", "ends_at": "18:30",
            "place_en": "Hall"}
    asked = client.post(f"{path}ask/", slot)
    assert (asked.status_code, asked["Location"]) == (302, path)
    assert Bilateral.objects.filter(requester="KAZ", counterpart="TJK", starts_at__hour=18).exists()
    client.cookies["django_language"] = "ru"
    clash = client.post(f"{path}ask/", {**slot, "counterpart": "BLR", "starts_at": "18:15", "ends_at": "18:45"})
    assert clash.status_code == 400
    page = clash.content.decode()
    assert 'id="starts_at_error_1">' in page
    assert 'value="18:15"' in page
    assert 'value="18:45"' in page
    assert '<option value="BLR" selected>' in page


SESSION_POSTS = ["console/open/", "console/add-item/", "bilaterals/ask/", "items/1/outcome/",
                 "bilaterals/1/answer/"]


@pytest.mark.parametrize("tail", SESSION_POSTS)
def test_an_anonymous_post_is_sent_to_sign_in_whether_the_session_exists_or_not(world: w.World, login: Any,
                                                                                tail: str) -> None:
    before = (log.size(), Session.objects.count())
    answers = [login(None).post(f"/meetings/sessions/{session}/{tail}", {"title_en": "x"},
                                HTTP_REFERER=f"http://testserver/meetings/sessions/{session}/")
               for session in (world.summit, world.secret_session, 999_999)]
    assert [a.status_code for a in answers] == [303, 303, 303]
    assert [a["Location"].split("?")[0] for a in answers] == ["/login/"] * 3
    assert (log.size(), Session.objects.count()) == before


def test_a_session_in_person_without_its_place_says_so_once_by_its_label(world: w.World, login: Any) -> None:
    client = login("secretariat")
    client.cookies["django_language"] = "ru"
    before = log.size()
    refused = client.post("/meetings/new/", {
        "body": "CSC", "title_ru": "Очередная сессия", "title_en": "Regular session", "kind": "regular",
        "mode": "in_person", "starts_on": "2030-05-16", "place_en": "Minsk", "classification": "public"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert ('id="convene-place_error_1">Место (при очной встрече): обязательно на языке организации по умолчанию'
            ' (русский)</p>') in page
    assert "русский: обязательное поле" not in page
    assert 'value="Minsk"' in page
    assert log.size() == before
