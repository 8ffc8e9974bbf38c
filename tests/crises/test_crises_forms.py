"""The crisis pages' forms: a valid one acts and goes back, a refused one answers 400 with its error beside
the field in the reader's language and keeps what was typed, and an anonymous post is sent to sign in before
anything is looked up."""

from __future__ import annotations

import datetime as dt

import pytest
from crises_fixtures import REQUEST, T0, actor
from django.test import Client

from accord.crises import actions
from accord.crises.models import Mandate, Pledge
from accord.ledger import log
from accord.meetings.models import Session
from accord.members.models import Person


def signed_in(handle: str, language: str = "en") -> Client:
    client = Client()
    client.force_login(Person.objects.get(username=handle))
    client.cookies["django_language"] = language
    return client


def refused_page(client: Client, path: str, typed: dict[str, str]) -> str:
    """The page a refused form comes back on (400), as text."""
    refused = client.post(path, typed)
    assert refused.status_code == 400
    return refused.content.decode()


def _operation() -> int:
    crisis = actions.file_request(actor=actor("kaz.head"), at=T0, **REQUEST)
    actions.choose_response(actor=actor("secretariat"), crisis=crisis.pk, response="operation", at=T0)
    return crisis.pk


def test_the_mandate_form_acts_and_a_refusal_keeps_what_was_typed_in_russian(organization: None) -> None:
    crisis = _operation()
    client = signed_in("secretariat", "ru")
    typed = {"purpose_ru": "Охранять важные объекты", "purpose_en": "Protect important facilities",
             "area_ru": "Алматы", "ends_at": "", "commander_ru": "", "commander_en": "Commander of the forces",
             "commander_body": "CMD", "req_airborne_unit": "2"}
    before = log.size()
    page = refused_page(client, f"/crises/{crisis}/mandate/", typed)
    # The Russian text is the one required (the organization's default language), said once, in Russian,
    # naming the field by its label.
    assert 'id="commander_error_1">Командующий: обязательно на языке организации по умолчанию (русский)' in page
    assert "Protect important facilities</textarea>" in page
    assert 'value="Commander of the forces"' in page
    assert 'name="req_airborne_unit" value="2"' in page
    assert log.size() == before
    done = client.post(f"/crises/{crisis}/mandate/", {**typed, "commander_ru": "Командующий силами"})
    assert (done.status_code, done["Location"]) == (302, f"/crises/{crisis}/")
    mandate = Mandate.objects.get(crisis_id=crisis)
    assert mandate.requirements == {"airborne_unit": 2}
    assert mandate.commander == {"ru": "Командующий силами", "en": "Commander of the forces"}
    assert mandate.area == {"ru": "Алматы"}  # a language left empty is no text


def test_a_refused_accelerated_procedure_keeps_its_kind_selected(organization: None) -> None:
    crisis = actions.file_request(actor=actor("kaz.head"), at=T0, **REQUEST).pk
    refused = signed_in("secretariat", "ru").post(f"/crises/{crisis}/procedure/", {
        "body": "CSC", "title_en": "Draft", "title_ru": "Проект", "text": "", "kind": "silence", "hours": "0"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert '<option value="silence" selected>' in page
    assert 'id="p-hours_error_1">' in page


def test_an_actions_refusal_lands_beside_the_field_it_names(organization: None) -> None:
    crisis = _operation()
    response = signed_in("secretariat").post(f"/crises/{crisis}/mandate/", {
        "purpose_ru": "Protect", "area_ru": "Almaty", "commander_ru": "Commander", "commander_body": "CMD",
        "ends_at": (T0 - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 400
    assert 'id="ends_at_error_1">' in response.content.decode()


def test_a_pledge_is_made_and_answered_through_the_forms(organization: None) -> None:
    crisis = _operation()
    actions.set_mandate(actor=actor("secretariat"), crisis=crisis, purpose="Protect", area="Almaty",
                        ends_at=T0 + dt.timedelta(days=30), commander="Commander", commander_body="CMD",
                        requirements={}, decision_identifier="CSC decision",
                        decision_at=T0 + dt.timedelta(hours=1))
    made = signed_in("rus.head").post(f"/crises/{crisis}/pledges/", {"capability": "airborne_unit",
                                                                    "quantity": "1"})
    assert made.status_code == 302
    pledge = Pledge.objects.get(crisis_id=crisis)
    answered = signed_in("kaz.head").post(f"/crises/{crisis}/pledges/{pledge.pk}/answer/", {"accept": "decline"})
    assert answered.status_code == 302
    assert Pledge.objects.get(pk=pledge.pk).status == "declined"


@pytest.mark.parametrize("tail", ["acknowledge/", "mandate/", "pledges/", "host/sites/", "lessons/1/validate/"])
def test_an_anonymous_post_is_sent_to_sign_in_whether_the_crisis_exists_or_not(organization: None,
                                                                               tail: str) -> None:
    crisis = actions.file_request(actor=actor("kaz.head"), at=T0, **REQUEST).pk
    before = log.size()
    answers = [Client().post(f"/crises/{pk}/{tail}", {"text": "x"}) for pk in (crisis, 999_999)]
    assert [a.status_code for a in answers] == [303, 303]
    assert [a["Location"].split("?")[0] for a in answers] == ["/login/", "/login/"]
    assert log.size() == before


def test_the_secretariat_names_the_chair_where_the_rotation_gives_none(organization: None) -> None:
    """Before the rotation's first term nobody is in the chair: the refusal asks for the chair beside a
    field where it can be named (issue #21), and naming one convenes."""
    crisis = actions.file_request(actor=actor("kaz.head"), at=T0, **REQUEST).pk
    client = signed_in("secretariat", "ru")
    typed = {"body": "CSC", "title_en": "Session", "title_ru": "Сессия", "starts_on": "2018-06-01",
             "mode": "video", "chair": ""}
    page = refused_page(client, f"/crises/{crisis}/session/", typed)
    assert 'id="s-chair_error_1">' in page
    assert "никто не председательствует" in page
    assert 'name="starts_on" value="2018-06-01"' in page
    done = client.post(f"/crises/{crisis}/session/", {**typed, "chair": "KGZ"})
    assert (done.status_code, done["Location"]) == (302, f"/crises/{crisis}/")
    assert Session.objects.get(starts_on=dt.date(2018, 6, 1)).chair_id == "KGZ"


def test_only_the_secretariat_is_offered_a_chair_other_than_the_rotations(organization: None) -> None:
    crisis = actions.file_request(actor=actor("kaz.head"), at=T0, **REQUEST).pk
    assert 'name="chair"' in signed_in("secretariat").get(f"/crises/{crisis}/").content.decode()
    assert 'name="chair"' not in signed_in("kgz.head").get(f"/crises/{crisis}/").content.decode()
