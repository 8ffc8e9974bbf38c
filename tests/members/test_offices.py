"""Offices and appointments: actions (bad input, who may), replay, API (OpenAPI shapes), the drawn page."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

import reference_org

from accord.core import provenance
from accord.core.acting import Actor
from accord.core.audit import audit
from accord.core.errors import InvalidInput, NotFound, NotPermitted
from accord.ledger import log
from accord.members import actions, queries
from accord.members.models import Appointment, Office, Person

API = "/api/v1"
SG: dict[str, Any] = {"code": "sg", "name": {"ru": "Генеральный секретарь", "en": "Secretary General"},
                      "term_years": 3}
ZAS: dict[str, Any] = {"holder": {"ru": "Станислав Зась", "en": "Stanislav Zas"}, "member": "BLR",
                       "start": "2020-01-01", "end": "2022-12-31"}
YEAR_ONLY: dict[str, Any] = {"fields": {"start": {"certainty": "uncertain",
                                                  "note": {"en": "Only the year is given."}}}}


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


def test_an_office_and_its_holders_are_acts_and_the_holder_on_a_day_is_found(organization: None) -> None:
    before = log.size()
    office = actions.establish_office(actor=actor("secretariat"), **SG)
    assert office.code == "SG"
    actions.record_appointment(actor=Actor.console(), office="SG", **ZAS,
                               decision={"ru": "Решение СКБ", "en": "Council decision"})
    actions.record_appointment(actor=Actor.console(), office="SG", holder={"ru": "И. о.", "en": "Acting"},
                               start="2023-01-01", end="2023-01-31", acting=True)
    assert log.size() == before + 3
    zas, acting = queries.holder_on("SG", dt.date(2021, 6, 1)), queries.holder_on("SG", dt.date(2023, 1, 31))
    assert zas is not None
    assert zas.holder["en"] == "Stanislav Zas"
    assert acting is not None
    assert acting.acting
    assert queries.holder_on("SG", dt.date(2024, 1, 1)) is None
    assert audit().sound


@pytest.mark.parametrize(("change", "field"), [
    ({"start": ""}, "start"), ({"start": "2020-13-01"}, "start"), ({"end": "2015-01-01"}, "end"),
    ({"holder": {}}, "holder.ru"), ({"holder": {"fr": "Zas", "ru": "Зась"}}, "holder.fr"),
    ({"start": "2022-06-01", "end": None}, "start"),  # overlaps the holder already recorded
])
def test_bad_input_names_the_field_and_writes_nothing(organization: None, change: dict[str, Any],
                                                      field: str) -> None:
    actions.establish_office(actor=Actor.console(), **SG)
    actions.record_appointment(actor=Actor.console(), office="SG", **{**ZAS, "start": "2022-01-01"})
    before = log.size()
    with pytest.raises(InvalidInput) as caught:
        actions.record_appointment(actor=Actor.console(), office="SG",
                                   **{**ZAS, "start": "2016-01-01", "end": "2016-12-31", **change})
    assert caught.value.field == field
    assert log.size() == before
    assert Appointment.objects.count() == 1


def test_an_office_is_configured_once_by_the_secretariat_only(organization: None) -> None:
    with pytest.raises(NotPermitted):
        actions.establish_office(actor=actor("kaz.head"), **SG)
    actions.establish_office(actor=Actor.console(), **SG)
    with pytest.raises(InvalidInput, match="already an office"):
        actions.establish_office(actor=Actor.console(), **SG)
    with pytest.raises(InvalidInput) as caught:
        actions.establish_office(actor=Actor.console(), **{**SG, "code": "CJS", "term_years": 0})
    assert caught.value.field == "term_years"
    with pytest.raises(NotPermitted):
        actions.record_appointment(actor=actor("kaz.head"), office="SG", **ZAS)
    with pytest.raises(NotFound):
        actions.record_appointment(actor=Actor.console(), office="NOPE", **ZAS)
    assert Office.objects.count() == 1


def test_the_api_records_and_shows_holders_with_their_provenance(organization: None) -> None:
    assert call(None, "POST", "/offices", SG).status_code == 401
    assert call("kaz.head", "POST", "/offices", SG).status_code == 403
    assert call("secretariat", "POST", "/offices", SG).status_code == 201
    with provenance.given(YEAR_ONLY):
        actions.record_appointment(actor=Actor.console(), office="SG", **ZAS)
    bad = call("secretariat", "POST", "/offices/SG/appointments", {**ZAS, "start": "2021-01-01"})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "start"
    added = call("secretariat", "POST", "/offices/SG/appointments",
                 {"holder": {"ru": "Имангали Тасмагамбетов"}, "member": "KAZ", "start": "2023-01-01"})
    assert added.status_code == 201
    shown = call(None, "GET", "/offices/sg").json()
    assert [h["holder"]["ru"] for h in shown["holders"]] == ["Станислав Зась", "Имангали Тасмагамбетов"]
    assert shown["holders"][0]["provenance"]["start"]["certainty"] == "uncertain"
    assert shown["holders"][1]["end"] is None
    assert call(None, "GET", "/offices/NOPE").status_code == 404
    assert call(None, "GET", "/offices").json()[0]["term_years"] == 3


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_dashboard_draws_the_holders_and_marks_an_uncertain_day(organization: None, language: str) -> None:
    actions.establish_office(actor=Actor.console(), **SG)
    with provenance.given(YEAR_ONLY):
        actions.record_appointment(actor=Actor.console(), office="SG", **ZAS)
    page = Client().get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert ("Stanislav Zas" if language == "en" else "Станислав Зась") in page
    assert 'id="offices-heading"' in page
    assert ("uncertain" if language == "en" else "неточно") in page or "certainty--uncertain" in page
    assert 'x="0%"' in page  # the first holder starts the axis; geometry in plain numbers in every language
