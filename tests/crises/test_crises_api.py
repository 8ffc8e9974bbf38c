"""The crises API: a request from filing to its mandate, and bad input named by field."""

from __future__ import annotations

import datetime as dt

from crises_fixtures import REQUEST, T0, call, texts_in
from django.test import Client

from accord.crises.models import Crisis
from accord.members.models import Person


def test_it_takes_a_request_from_filing_to_an_authorized_mandate(organization: None) -> None:
    created = call("kaz.head", "POST", "/crises", {**texts_in(REQUEST), "at": T0.isoformat()})
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    acknowledged = call("rus.delegate", "POST", f"/crises/{pk}/acknowledgements", {})
    assert acknowledged.status_code == 201
    assert [a["member"] for a in acknowledged.json()["acknowledgements"]] == ["RUS"]
    assert call("rus.head", "POST", f"/crises/{pk}/acknowledgements", {}).status_code == 409
    chosen = call("secretariat", "POST", f"/crises/{pk}/response", {"response": "operation"})
    assert chosen.json()["outcome"] == "operation"
    mandate = texts_in({"purpose": "Protect facilities", "area": "Kazakhstan",
                        "ends_at": (T0 + dt.timedelta(days=20)).isoformat(),
                        "commander": "Commander", "commander_body": "CMD",
                        "requirements": {"infantry_company": 2}})
    bad = call("secretariat", "POST", f"/crises/{pk}/mandate", {**mandate, "outside_territory": True})
    assert bad.status_code == 400
    assert bad.json()["errors"] == [{"field": "unsc_reference", "label": "UN Security Council decision",
                                   "reason": bad.json()["errors"][0]["reason"]}]
    assert call("secretariat", "POST", f"/crises/{pk}/mandate", mandate).status_code == 200
    decided = call("secretariat", "POST", f"/crises/{pk}/decision",
                   {"decision_identifier": "CSC decision of 6 January",
                    "decision_at": (T0 + dt.timedelta(hours=12)).isoformat()})
    assert decided.json()["mandate"]["decision_identifier"] == "CSC decision of 6 January"


def test_bad_input_is_a_422_or_400_naming_the_field(organization: None) -> None:
    missing = call("kaz.head", "POST", "/crises", {"legal_basis": "aggression"})
    assert missing.status_code == 422
    assert "happened" in {e["field"] for e in missing.json()["errors"]}
    wrong = call("kaz.head", "POST", "/crises", {**texts_in(REQUEST), "legal_basis": "whim"})
    assert wrong.status_code == 400
    assert wrong.json()["errors"][0]["field"] == "legal_basis"
    assert not Crisis.objects.exists()


def test_the_texts_go_in_and_come_out_in_every_language_or_the_one_asked_for(organization: None) -> None:
    request = {**texts_in(REQUEST), "area": {"ru": "Алматы", "en": "Almaty"}}
    pk = call("kaz.head", "POST", "/crises", request).json()["id"]
    path = f"/crises/{pk}"
    assert call("rus.head", "GET", path).json()["area"] == {"ru": "Алматы", "en": "Almaty"}
    assert call("rus.head", "GET", path + "?lang=en").json()["area"] == {"en": "Almaty"}
    # A language the text is missing in: the default language's text, under its own code.
    assert call("rus.head", "GET", path + "?lang=en").json()["happened"] == {"ru": REQUEST["happened"]}
    reported = call("secretariat", "POST", f"/crises/{pk}/lessons", {"text": {"ru": "Урок", "en": "A lesson"}})
    assert reported.status_code == 201
    assert reported.json()["text"] == {"ru": "Урок", "en": "A lesson"}
    review = call("secretariat", "GET", f"/crises/{pk}/review?lang=ru").json()
    assert review["lessons"][0]["text"] == {"ru": "Урок"}


def test_a_text_without_the_default_language_or_in_another_is_refused_by_name(organization: None) -> None:
    english_only = call("kaz.head", "POST", "/crises", {**texts_in(REQUEST), "area": {"en": "Almaty"}})
    assert english_only.status_code == 400
    assert english_only.json()["errors"][0]["field"] == "area.ru"
    german = call("kaz.head", "POST", "/crises", {**texts_in(REQUEST), "asks_for": {"ru": "Силы", "de": "Kräfte"}})
    assert german.status_code == 400
    assert german.json()["errors"][0]["field"] == "asks_for.de"
    assert not Crisis.objects.exists()


def test_the_openapi_schema_describes_each_text_as_an_object_per_language() -> None:
    from accord.api import api

    schemas = api.get_openapi_schema()["components"]["schemas"]
    for schema, field in (("RequestIn", "happened"), ("MandateIn", "commander"), ("ExtendIn", "reference"),
                          ("ReportIn", "text"), ("LessonIn", "text"), ("CrisisOut", "area"),
                          ("MandateOut", "purpose"), ("ReportOut", "text"), ("LessonOut", "validated_text")):
        described = schemas[schema]["properties"][field]
        assert described["type"] == "object", (schema, field)
        assert described["additionalProperties"] == {"type": "string"}, (schema, field)
def test_an_error_a_person_reads_names_the_field_by_its_label_in_their_language(organization: None) -> None:
    """The browser shows an API refusal to a person: the field by its label, not its key (issue #21)."""
    client = Client()
    client.force_login(Person.objects.get(username="kaz.head"))
    client.cookies["django_language"] = "ru"
    refused = client.post("/api/v1/crises", {**texts_in(REQUEST), "happened": {"ru": " "}},
                          content_type="application/json")
    assert refused.status_code == 400
    assert refused.json() == {
        "detail": "Что произошло, русский: обязательное поле (язык организации по умолчанию, русский)",
        "errors": [{"field": "happened.ru", "label": "Что произошло, русский",
                    "reason": "обязательное поле (язык организации по умолчанию, русский)"}]}
    missing = client.post("/api/v1/crises", {"legal_basis": "aggression"}, content_type="application/json")
    assert missing.status_code == 422
    assert {"field": "happened", "label": "Что произошло", "reason": "обязательное поле"} in (
        missing.json()["errors"])
