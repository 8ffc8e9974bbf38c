"""The organization sets its own official short names of the member states, per language, by an act of the
secretariat: the action, the API and the member's page, in English, Russian and French."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

# The reference organization's builder lives beside the web tests, which share it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

import reference_org

from accord.core.acting import Actor
from accord.core.errors import InvalidInput, NotFound, NotPermitted
from accord.ledger import log
from accord.ledger.models import Entry
from accord.members import actions
from accord.members.models import Member, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization(db: None) -> None:
    reference_org.build()


def actor(handle: str) -> Actor:
    return Actor(person=Person.objects.select_related("member").get(username=handle))


def last_body() -> dict[str, Any]:
    statement: dict[str, Any] = json.loads(Entry.objects.latest("seq").data)["statement"]
    return statement


def signed_in(handle: str | None, language: str = "en") -> Client:
    client = Client()
    if handle is not None:
        client.force_login(Person.objects.get(username=handle))
    client.cookies["django_language"] = language
    return client


def test_the_secretariat_sets_a_states_official_name_and_the_entry_says_so(organization: None) -> None:
    state = actions.set_official_name(actor=actor("secretariat"), member="kgz",
                                      name={"en": "Kyrgyzstan", "ru": " Кыргызстан "})
    # ISO's English is "Kyrgyzstan" already: only the Russian, which differs from ISO's "Киргизия", is kept.
    assert state.official_name == {"ru": "Кыргызстан"}
    assert (state.name.pick("ru").text, state.name.pick("en").text) == ("Кыргызстан", "Kyrgyzstan")
    entry = last_body()
    assert (entry["type"], entry["body"]) == (
        "members.official_name_set", {"member": "KGZ", "name": {"ru": "Кыргызстан"}})


def test_a_name_left_out_goes_back_to_isos(organization: None) -> None:
    actions.set_official_name(actor=actor("secretariat"), member="KGZ", name={"ru": "Кыргызстан"})
    state = actions.set_official_name(actor=actor("secretariat"), member="KGZ", name={})
    assert (state.official_name, state.name.pick("ru").text) == ({}, "Киргизия")


@pytest.mark.parametrize(("handle", "name", "error", "field"), [
    ("kaz.head", {"ru": "Кыргызстан"}, NotPermitted, "actor"),
    ("secretariat", {"de": "Kirgisistan"}, InvalidInput, "name.de"),
    ("secretariat", {"ru": "Кыргыз\u202estan"}, InvalidInput, "name.ru"),
])
def test_a_refused_name_changes_nothing(organization: None, handle: str, name: dict[str, str],
                                        error: type[Exception], field: str) -> None:
    size = log.size()
    with pytest.raises(error) as refused:
        actions.set_official_name(actor=actor(handle), member="KGZ", name=name)
    assert getattr(refused.value, "field", None) == field
    assert (log.size(), Member.objects.get(code="KGZ").official_name) == (size, {})


def test_an_unknown_state_is_not_found(organization: None) -> None:
    with pytest.raises(NotFound):
        actions.set_official_name(actor=actor("secretariat"), member="ZZZ", name={"ru": "Нигде"})


def test_the_api_sets_it_and_answers_the_member_with_every_name(organization: None) -> None:
    response = signed_in("secretariat").post("/api/v1/members/KGZ/official-name",
                                             {"name": {"ru": "Кыргызстан"}}, content_type="application/json")
    assert response.status_code == 200, response.json()
    assert response.json()["official_name"] == {"ru": "Кыргызстан"}
    assert response.json()["name"]["ru"] == "Кыргызстан"
    asked = Client().get("/api/v1/members/KGZ?lang=fr").json()
    assert asked["name"] == {"fr": "Kirghizistan"}


@pytest.mark.parametrize(("handle", "status"), [(None, 401), ("kaz.head", 403)])
def test_the_api_refuses_others(organization: None, handle: str | None, status: int) -> None:
    response = signed_in(handle).post("/api/v1/members/KGZ/official-name", {"name": {"ru": "Кыргызстан"}},
                                      content_type="application/json")
    assert response.status_code == status
    assert Member.objects.get(code="KGZ").official_name == {}


@pytest.mark.parametrize(("language", "heading", "button"), [
    ("en", "Official short name", "Set the official short name"),
    ("ru", "Официальное краткое название", "Установить официальное краткое название"),
    ("fr", "Nom court officiel", "Fixer le nom court officiel"),
])
def test_the_page_offers_the_form_to_the_secretariat_only(organization: None, language: str, heading: str,
                                                          button: str) -> None:
    page = signed_in("secretariat", language).get("/members/KGZ/").content.decode()
    assert heading in page
    assert button in page
    assert 'name="name_ru"' in page
    assert 'name="name_en"' in page
    for other in ("kaz.head", None):
        assert 'id="official-name"' not in signed_in(other, language).get("/members/KGZ/").content.decode()


def test_the_page_sets_the_name_and_the_state_is_named_so(organization: None) -> None:
    secretariat = signed_in("secretariat", "ru")
    response = secretariat.post("/members/KGZ/official-name/", {"name_ru": "Кыргызстан", "name_en": ""})
    assert response.status_code == 302
    assert response["Location"] == "/members/KGZ/#official-name-heading"
    assert "Кыргызстан" in secretariat.get("/members/").content.decode()


def test_a_refused_name_comes_back_beside_its_field_in_russian_keeping_what_was_typed(
        organization: None) -> None:
    size = log.size()
    response = signed_in("secretariat", "ru").post("/members/KGZ/official-name/",
                                                   {"name_ru": "К" * 201, "name_en": "Kyrgyzstan"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "(русский): " in page.lower()  # label, then language: text_refusal
    assert 'value="Kyrgyzstan"' in page
    assert log.size() == size


def test_others_cannot_post_it(organization: None) -> None:
    assert signed_in("kaz.head").post("/members/KGZ/official-name/", {"name_ru": "Кыргызстан"}).status_code == 403
    for code in ("KGZ", "ZZZ"):
        anonymous = Client().post(f"/members/{code}/official-name/", {"name_ru": "Кыргызстан"})
        assert anonymous.status_code == 303
    assert Member.objects.get(code="KGZ").official_name == {}
