"""The crisis pages in English and Russian: filing through the form, acknowledging, the drawn strip."""

from __future__ import annotations

import re

from crises_fixtures import REQUEST, T0, actor, typed
from django.test import Client

from accord.crises import actions, drawing
from accord.crises.models import Crisis
from accord.members.models import Person


def signed_in(handle: str, language: str = "en") -> Client:
    client = Client()
    client.force_login(Person.objects.get(username=handle))
    client.cookies["django_language"] = language
    return client


def test_a_member_files_through_the_form_and_others_acknowledge(organization: None) -> None:
    response = signed_in("kaz.head").post("/crises/file/", {**typed(REQUEST), "classification": "members"})
    crisis = Crisis.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/crises/{crisis.pk}/"
    russia = signed_in("rus.delegate")
    body = russia.get(f"/crises/{crisis.pk}/").content.decode()
    assert 'id="acknowledge"' in body
    assert "0 of the 5 other members" in body
    assert russia.post(f"/crises/{crisis.pk}/acknowledge/").status_code == 302
    body = russia.get(f"/crises/{crisis.pk}/live/").content.decode()
    assert "1 of the 5 other members" in body
    assert re.search(r'class="ack-strip__cell ack-strip__cell--seen"\s+data-member="RUS"', body)
    assert 'id="acknowledge"' not in russia.get(f"/crises/{crisis.pk}/").content.decode()


def test_a_refused_form_shows_the_field_and_writes_nothing(organization: None) -> None:
    posted = {**typed(REQUEST), "area_ru": "", "area_en": "Almaty"}
    response = signed_in("kaz.head").post("/crises/file/", posted)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="area_error_1">Area: required in the organization&#x27;s default language (Russian)' in page
    assert 'value="Almaty"' in page  # what was typed is kept
    assert not Crisis.objects.exists()


def test_the_dashboard_shows_open_crises_first(organization: None) -> None:
    actions.file_request(actor=actor("kaz.head"), at=T0, **REQUEST)
    body = signed_in("arm.head").get("/").content.decode()
    assert body.index("open-crises-heading") < body.index("organization-heading")
    assert REQUEST["area"] in body


def test_the_pages_speak_russian(organization: None) -> None:
    crisis = actions.file_request(actor=actor("kaz.head"), at=T0, **REQUEST)
    client = signed_in("arm.head", "ru")
    body = client.get(f"/crises/{crisis.pk}/").content.decode()
    assert "Помощь в отражении агрессии" in body
    assert "Подтверждения" in body
    assert "Кризисное реагирование" in client.get("/crises/").content.decode()


def test_the_secretariat_records_a_response_through_the_form(organization: None) -> None:
    crisis = actions.file_request(actor=actor("arm.head"), at=T0, **REQUEST)
    client = signed_in("secretariat")
    response = client.post(f"/crises/{crisis.pk}/response/",
                           {"response": "mission", "leaders_ru": "", "leaders_en": "", "reports_to": ""})
    assert response.status_code == 400
    assert "leaders" in response.content.decode()
    response = client.post(f"/crises/{crisis.pk}/response/", {
        "response": "mission", "leaders_ru": "Secretary General\nChief of the Joint Staff", "reports_to": "CSC"})
    assert response.status_code == 302
    assert "Chief of the Joint Staff" in client.get(f"/crises/{crisis.pk}/live/").content.decode()


def test_the_secretariat_extends_a_mandate_naming_what_extended_it(organization: None) -> None:
    crisis = actions.file_request(actor=actor("kaz.head"), at=T0, **REQUEST)
    actions.choose_response(actor=actor("secretariat"), crisis=crisis.pk, response="operation", at=T0)
    actions.set_mandate(actor=actor("secretariat"), crisis=crisis.pk, purpose="Protect facilities", area="Almaty",
                        ends_at="2099-01-10T00:00", commander="Commander", commander_body="CMD", requirements={})
    client = signed_in("secretariat")
    assert "Extend the mandate" in client.get(f"/crises/{crisis.pk}/").content.decode()
    assert "Extend the mandate" not in signed_in("kaz.head").get(f"/crises/{crisis.pk}/").content.decode()
    refused = client.post(f"/crises/{crisis.pk}/extension/", {"ends_at": "2099-01-20T00:00", "reference_ru": " "})
    assert refused.status_code == 400
    assert 'id="x-reference_error_1">Extended by: required in the organization' in refused.content.decode()
    earlier = client.post(f"/crises/{crisis.pk}/extension/", {"ends_at": "2099-01-05T00:00", "reference_ru": "X"})
    assert earlier.status_code == 400
    assert 'id="x-ends_at_error_1">an extension ends after the current end' in earlier.content.decode()
    response = client.post(f"/crises/{crisis.pk}/extension/",
                           {"ends_at": "2099-01-20T00:00", "reference_ru": "Протокольное решение Совета",
                            "reference_en": "Protocol decision of the Council"})
    assert response.status_code == 302
    live = client.get(f"/crises/{crisis.pk}/live/").content.decode()
    assert ('extended from <span class="date">10 January 2099</span> to <span class="date">20 January 2099</span> '
            'by <span lang="en">Protocol decision of the Council</span>') in live
    russian = signed_in("secretariat", "ru").get(f"/crises/{crisis.pk}/live/").content.decode()
    assert '<span lang="ru">Протокольное решение Совета</span>' in russian


def test_each_reader_gets_the_texts_in_their_language_or_the_default_one_marked(organization: None) -> None:
    crisis = actions.file_request(
        actor=actor("kaz.head"), at=T0, legal_basis="aggression",
        happened={"ru": "Массовые беспорядки", "en": "Mass unrest"}, area={"ru": "Алматы", "en": "Almaty"},
        asks_for={"ru": "Миротворческие силы"})
    actions.choose_response(actor=actor("secretariat"), crisis=crisis.pk, response="operation", at=T0)
    actions.set_mandate(actor=actor("secretariat"), crisis=crisis.pk, ends_at="2099-01-10T00:00",
                        purpose={"ru": "Охрана объектов", "en": "Protect facilities"}, area={"ru": "Алматы"},
                        commander={"ru": "Генерал-полковник", "en": "Colonel-General"}, commander_body="CMD",
                        requirements={})
    actions.record_lesson(actor=actor("rus.head"), crisis=crisis.pk, text={"ru": "Урок", "en": "A lesson"})
    pages = {language: signed_in("arm.head", language).get(f"/crises/{crisis.pk}/").content.decode()
             for language in ("en", "ru", "fr")}
    for text in ("Mass unrest", "Almaty", "Protect facilities", "Colonel-General", "A lesson"):
        assert f'<span lang="en">{text}</span>' in pages["en"]
    for text in ("Массовые беспорядки", "Алматы", "Миротворческие силы", "Охрана объектов", "Генерал-полковник",
                 "Урок"):
        assert f'<span lang="ru">{text}</span>' in pages["ru"]
        # French is no language of this organization: the default language's text, marked as such.
        assert f'<span lang="ru">{text}</span> <small class="untranslated">(non traduit ; en russe)' in pages["fr"]
    assert "untranslated" not in pages["ru"]
    # What is missing in English is the Russian text, marked, in English.
    assert ('<span lang="ru">Миротворческие силы</span> <small class="untranslated">(not translated; in Russian)'
            in pages["en"])
    listed = signed_in("arm.head", "en").get("/crises/").content.decode()
    assert '<span lang="en">Almaty</span>' in listed


def test_the_request_form_offers_an_input_per_organization_language(organization: None) -> None:
    page = signed_in("kaz.head", "fr").get("/crises/").content.decode()
    for name in ("happened", "area", "asks_for"):
        assert f'name="{name}_ru"' in page
        assert f'name="{name}_en"' in page
        assert f'name="{name}_fr"' not in page
    assert 'lang="ru"' in page


def test_the_strip_names_each_member_where_the_name_fits_its_cell(organization: None) -> None:
    """The strip's cells said ARM, BLR, ... above a table naming the same members (issue 21's walk): a cell
    names its member in the reader's language where the name fits, and keeps the code where it does not."""
    crisis = actions.file_request(actor=actor("kaz.head"), at=T0, **REQUEST)
    labels = {}
    for language in ("en", "ru"):
        body = signed_in("arm.head", language).get(f"/crises/{crisis.pk}/live/").content.decode()
        labels[language] = dict(re.findall(
            r'data-member="(\w+)">.*?class="ack-strip__code">([^<]+)</text>', body, re.DOTALL))
    assert labels["en"]["ARM"] == "Armenia"
    assert labels["ru"]["ARM"] == "Армения"
    assert labels["ru"]["KGZ"] in ("Кыргызстан", "Киргизия")
    assert labels["en"]["RUS"] == labels["ru"]["RUS"] == "RUS"  # "Russian Federation" is wider than its cell
    assert drawing.ack_label("Russian Federation", "RUS") == "RUS"
    assert drawing.ack_label("", "ARM") == "ARM"
