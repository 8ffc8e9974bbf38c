"""The organization's bodies and seats: actions, API (outsiders, bad input), the drawn page."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TypedDict

import pytest
from django.test import Client

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

import reference_org

from accord.core.acting import Actor
from accord.core.errors import InvalidInput, NotFound, NotPermitted
from accord.ledger import log
from accord.ledger.models import Entry
from accord.members import actions, queries
from accord.members.models import Body, Person, Seat

API = "/api/v1"


class BodyFields(TypedDict):
    """What establishing a body states (keyword arguments of `establish_body`, the API's fields)."""

    code: str
    name: dict[str, str]
    composition: dict[str, str]


COUNCIL: BodyFields = {"code": "csc",
                       "name": {"ru": "Совет коллективной безопасности", "en": "Collective Security Council"},
                       "composition": {"ru": "Главы государств", "en": "Heads of state"}}


@pytest.fixture
def organization(db: None) -> None:
    reference_org.build()


def actor(handle: str) -> Actor:
    return Actor(person=Person.objects.get(username=handle))


def call(handle: str | None, method: str, path: str, payload: Any = None) -> Any:
    client = Client()
    if handle is not None:
        client.force_login(Person.objects.get(username=handle))
    data = json.dumps(payload) if payload is not None else None
    return getattr(client, method.lower())(API + path, data=data, content_type="application/json")


def test_a_body_is_established_by_an_act_and_its_code_normalized(organization: None) -> None:
    before = log.size()
    body = actions.establish_body(actor=actor("secretariat"), **COUNCIL)
    assert body.code == "CSC"
    assert log.size() == before + 1
    entry = Entry.objects.get(seq=body.entry_seq)
    assert entry.type == "members.body_established"
    # The texts are one object per field, in the organization's order (its default language first).
    assert json.loads(entry.data)["statement"]["body"]["name"] == {"ru": "Совет коллективной безопасности",
                                                             "en": "Collective Security Council"}
    assert list(Body.objects.get().name) == ["ru", "en"]


@pytest.mark.parametrize(("change", "field"), [
    ({"code": ""}, "code"), ({"code": "no spaces"}, "code"), ({"code": "X" * 21}, "code"),
    ({"name": {"en": "Council", "ru": " "}}, "name.ru"), ({"name": {}}, "name.ru"),
    ({"name": {"fr": "Conseil", "ru": "Совет"}}, "name.fr"),
])
def test_bad_input_names_the_field_and_writes_nothing(organization: None, change: dict[str, Any],
                                                      field: str) -> None:
    before = log.size()
    with pytest.raises(InvalidInput) as caught:
        actions.establish_body(actor=Actor.console(), **{**COUNCIL, **change})
    assert caught.value.field == field
    assert log.size() == before
    assert not Body.objects.exists()


def test_a_code_is_taken_once(organization: None) -> None:
    actions.establish_body(actor=Actor.console(), **COUNCIL)
    with pytest.raises(InvalidInput, match="already a body"):
        actions.establish_body(actor=Actor.console(), **COUNCIL)


def test_only_the_secretariat_keeps_the_structure(organization: None) -> None:
    with pytest.raises(NotPermitted):
        actions.establish_body(actor=actor("kaz.head"), **COUNCIL)
    assert not Body.objects.exists()


def test_a_delegation_seats_its_own_people_and_nobody_else(organization: None) -> None:
    actions.establish_body(actor=Actor.console(), **COUNCIL)
    actions.seat_person(actor=actor("kaz.head"), body="CSC", person="kaz.head")
    with pytest.raises(NotPermitted):
        actions.seat_person(actor=actor("kaz.head"), body="CSC", person="arm.head")
    with pytest.raises(NotPermitted):
        actions.seat_person(actor=actor("arm.delegate"), body="CSC", person="arm.head")
    actions.seat_person(actor=actor("secretariat"), body="CSC", person="arm.head")
    assert queries.seated_members("CSC") == {"ARM", "KAZ"}
    assert queries.sits_on("kaz.head", "csc")
    assert not queries.sits_on("kaz.delegate", "CSC")
    with pytest.raises(InvalidInput, match="already sits"):
        actions.seat_person(actor=Actor.console(), body="CSC", person="kaz.head")
    with pytest.raises(NotFound):
        actions.seat_person(actor=Actor.console(), body="NOPE", person="kaz.head")


def test_a_seat_ends_by_an_act_and_a_closed_login_loses_its_seat(organization: None) -> None:
    actions.establish_body(actor=Actor.console(), **COUNCIL)
    actions.seat_person(actor=Actor.console(), body="CSC", person="kaz.head")
    actions.seat_person(actor=Actor.console(), body="CSC", person="arm.head")
    actions.unseat_person(actor=actor("kaz.head"), body="CSC", person="kaz.head", reason="New head")
    assert queries.seated_members("CSC") == {"ARM"}
    with pytest.raises(InvalidInput, match="does not sit"):
        actions.unseat_person(actor=Actor.console(), body="CSC", person="kaz.head")
    actions.deactivate_person(actor=Actor.console(), person="arm.head")
    assert queries.seated_members("CSC") == set()
    with pytest.raises(InvalidInput, match="access is closed"):
        actions.seat_person(actor=Actor.console(), body="CSC", person="arm.head")


def test_the_api_establishes_and_seats_and_refuses_outsiders(organization: None) -> None:
    assert call(None, "POST", "/bodies", COUNCIL).status_code == 401
    refused = call("kaz.head", "POST", "/bodies", COUNCIL)
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["field"] == "actor"
    created = call("secretariat", "POST", "/bodies", COUNCIL)
    assert created.status_code == 201
    assert created.json()["code"] == "CSC"
    bad = call("secretariat", "POST", "/bodies", {**COUNCIL, "code": "a b"})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "code"
    missing = call("secretariat", "POST", "/bodies", {"code": "X"})
    assert missing.status_code == 422
    assert {e["field"] for e in missing.json()["errors"]} == {"name"}
    untranslated = call("secretariat", "POST", "/bodies", {"code": "X", "name": {"en": "Council"}})
    assert (untranslated.status_code, untranslated.json()["errors"][0]["field"]) == (400, "name.ru")
    seated = call("kaz.head", "POST", "/bodies/CSC/seats", {"person": "kaz.head"})
    assert seated.status_code == 201
    assert seated.json()["members"] == ["KAZ"]
    assert call("kaz.head", "POST", "/bodies/CSC/seats", {"person": "arm.head"}).status_code == 403
    ended = call("kaz.head", "POST", "/bodies/CSC/seats/kaz.head/end", {"reason": "rotation"})
    assert ended.status_code == 200
    assert ended.json()["members"] == []
    assert Seat.objects.count() == 0


def test_the_public_sees_the_structure_and_not_the_names(organization: None) -> None:
    actions.establish_body(actor=Actor.console(), **COUNCIL)
    actions.seat_person(actor=Actor.console(), body="CSC", person="kaz.head")
    public = call(None, "GET", "/bodies/CSC").json()
    assert public["members"] == ["KAZ"]
    assert public["seats"] == []
    inside = call("arm.delegate", "GET", "/bodies").json()
    assert inside[0]["seats"] == [{"person": "kaz.head", "full_name": {"ru": "Глава KAZ", "en": "Head of KAZ"},
                                   "member": "KAZ"}]
    assert inside[0]["name"] == COUNCIL["name"]
    english = call("arm.delegate", "GET", "/bodies/CSC?lang=en").json()
    assert english["name"] == {"en": "Collective Security Council"}
    assert call(None, "GET", "/bodies/NOPE").status_code == 404
    assert "/api/v1/bodies" in Client().get(API + "/openapi.json").json()["paths"]


def test_the_page_draws_who_sits_where_in_both_languages(organization: None) -> None:
    actions.establish_body(actor=Actor.console(), **COUNCIL)
    actions.seat_person(actor=Actor.console(), body="CSC", person="kaz.head")
    page = Client().get("/bodies/").content.decode()
    assert "Collective Security Council" in page
    assert "seat-grid__cell--seated" in page
    assert "Head of KAZ" not in page
    assert "Sign in to see who sits" in page
    client = Client()
    client.force_login(Person.objects.get(username="arm.delegate"))
    assert "Head of KAZ" in client.get("/bodies/").content.decode()
    russian = Client(headers={"accept-language": "ru"}).get("/bodies/").content.decode()
    assert "Органы Организации" in russian
    assert "Совет коллективной безопасности" in russian
