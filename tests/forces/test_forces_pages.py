"""The standing forces' pages in English and Russian: recording a force and declaring through the forms,
refusals beside their fields with nothing written, the live part, and what an outsider sees."""

from __future__ import annotations

import pytest
from django.test import Client
from forces_world import actor, peacekeepers, signed_in

from accord.forces import actions
from accord.forces.models import Contribution, Force
from accord.ledger.models import Entry

pytestmark = pytest.mark.usefixtures("standing_forces")


FORCE = {"name_ru": "Коллективные силы оперативного реагирования", "name_en": "Collective Rapid Reaction Forces",
         "size": "18000", "decision_reference_ru": "Решение Совета, 2009 г.",
         "decision_reference_en": "Decision of the Council, 2009", "classification": "public"}


def test_the_secretariat_records_a_force_through_the_form() -> None:
    client = signed_in("secretariat")
    assert 'action="/forces/establish/"' in client.get("/forces/").content.decode()
    response = client.post("/forces/establish/", FORCE)
    force = Force.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/forces/{force.pk}/"
    body = client.get(f"/forces/{force.pk}/").content.decode()
    assert "Collective Rapid Reaction Forces" in body
    assert "about 18,000" in body or "about 18000" in body
    assert "day not known" in body
    assert '<span lang="en">Decision of the Council, 2009</span>' in body
    russian = signed_in("secretariat", "ru").get(f"/forces/{force.pk}/").content.decode()
    assert '<span lang="ru">Решение Совета, 2009 г.</span>' in russian


def test_a_refused_force_shows_the_field_in_russian_and_keeps_what_was_typed() -> None:
    before = Entry.objects.count()
    response = signed_in("secretariat", "ru").post("/forces/establish/", {**FORCE, "decision_reference_ru": "",
                                                                                "decision_reference_en": ""})
    body = response.content.decode()
    assert response.status_code == 400
    assert "укажите решение, которым созданы силы, или его проект" in body
    assert 'value="Collective Rapid Reaction Forces"' in body
    assert Entry.objects.count() == before
    assert not Force.objects.exists()


def test_a_member_is_not_offered_the_force_form_and_its_post_is_refused() -> None:
    client = signed_in("kaz.head")
    assert 'action="/forces/establish/"' not in client.get("/forces/").content.decode()
    response = client.post("/forces/establish/", FORCE)
    assert response.status_code == 403
    assert not Force.objects.exists()


def test_a_member_declares_and_the_live_part_shows_the_history() -> None:
    force = peacekeepers()
    client = signed_in("kgz.head")
    page = client.get(f"/forces/{force.pk}/").content.decode()
    assert 'id="declare"' in page
    assert '<option value="KGZ" selected>' in page
    assert '<option value="RUS"' not in page  # it declares for its own state only
    for units, personnel in (("1", "150"), ("2", "300")):
        response = client.post(f"/forces/{force.pk}/contributions/", {
            "member": "KGZ", "capability": "peacekeeping_contingent", "units": units, "personnel": personnel,
            "equipment": "19", "declared_on": "2022-01-06"})
        assert response.status_code == 302
    live = client.get(f"/forces/{force.pk}/live/").content.decode()
    assert "supersedes 1 earlier declaration" in live
    assert "Declared in all: units 2, personnel 300, pieces of equipment 19." in live
    assert live.count("Kyrgyzstan declared") == 2


def test_a_refused_declaration_names_its_field_in_russian() -> None:
    force = peacekeepers()
    response = signed_in("kgz.head", "ru").post(f"/forces/{force.pk}/contributions/", {
        "member": "KGZ", "capability": "peacekeeping_contingent", "units": "1", "declared_on": "2999-01-01"})
    assert response.status_code == 400
    assert "в будущем" in response.content.decode()
    assert not Contribution.objects.exists()


def test_the_pages_speak_russian_and_french() -> None:
    force = peacekeepers()
    actions.declare_contribution(actor=actor("arm.head"), force=force.pk, member="ARM",
                                 capability="peacekeeping_contingent", units=1, personnel=100)
    assert "Постоянные силы" in signed_in("arm.head", "ru").get("/forces/").content.decode()
    russian = signed_in("arm.head", "ru").get(f"/forces/{force.pk}/").content.decode()
    assert "Заявленный вклад" in russian
    assert "около 3" in russian
    french = signed_in("arm.head", "fr").get(f"/forces/{force.pk}/").content.decode()
    assert "Contributions déclarées" in french


def test_a_members_only_force_is_missing_to_the_public_and_an_observer() -> None:
    force = peacekeepers("members")
    for handle in (None, "observer"):
        client = signed_in(handle)
        assert client.get(f"/forces/{force.pk}/").status_code == 404
        assert client.get(f"/forces/{force.pk}/live/").status_code == 404
        assert client.get("/forces/987654/").status_code == 404
        assert "Collective Peacekeeping Forces" not in client.get("/forces/").content.decode()
    assert signed_in("kaz.delegate").get(f"/forces/{force.pk}/").status_code == 200


def test_an_anonymous_post_is_sent_to_sign_in_alike_for_a_force_and_a_missing_one() -> None:
    force = peacekeepers("members")
    answers = [Client().post(path, {}) for path in (f"/forces/{force.pk}/contributions/",
                                                    "/forces/987654/contributions/", "/forces/establish/")]
    assert {answer.status_code for answer in answers} == {303}
    assert len({answer["Location"].split("?")[0] for answer in answers}) == 1
