"""The crises API: a request from filing to its mandate, and bad input named by field."""

from __future__ import annotations

import datetime as dt

from crises_fixtures import REQUEST, T0, call
from django.test import Client

from accord.crises.models import Crisis
from accord.members.models import Person


def test_it_takes_a_request_from_filing_to_an_authorized_mandate(organization: None) -> None:
    created = call("kaz.head", "POST", "/crises", {**REQUEST, "at": T0.isoformat()})
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    acknowledged = call("rus.delegate", "POST", f"/crises/{pk}/acknowledgements", {})
    assert acknowledged.status_code == 201
    assert [a["member"] for a in acknowledged.json()["acknowledgements"]] == ["RUS"]
    assert call("rus.head", "POST", f"/crises/{pk}/acknowledgements", {}).status_code == 409
    chosen = call("secretariat", "POST", f"/crises/{pk}/response", {"response": "operation"})
    assert chosen.json()["outcome"] == "operation"
    mandate = {"purpose": "Protect facilities", "area": "Kazakhstan",
               "ends_at": (T0 + dt.timedelta(days=20)).isoformat(),
               "commander": "Commander", "commander_body": "CMD", "requirements": {"infantry_company": 2}}
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
    wrong = call("kaz.head", "POST", "/crises", {**REQUEST, "legal_basis": "whim"})
    assert wrong.status_code == 400
    assert wrong.json()["errors"][0]["field"] == "legal_basis"
    assert not Crisis.objects.exists()


def test_an_error_a_person_reads_names_the_field_by_its_label_in_their_language(organization: None) -> None:
    """The browser shows an API refusal to a person: the field by its label, not its key (issue #21)."""
    client = Client()
    client.force_login(Person.objects.get(username="kaz.head"))
    client.cookies["django_language"] = "ru"
    refused = client.post("/api/v1/crises", {**REQUEST, "happened": " "}, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json() == {"detail": "Что произошло: обязательное поле", "errors": [
        {"field": "happened", "label": "Что произошло", "reason": "обязательное поле"}]}
    missing = client.post("/api/v1/crises", {"legal_basis": "aggression"}, content_type="application/json")
    assert missing.status_code == 422
    assert {"field": "happened", "label": "Что произошло", "reason": "обязательное поле"} in (
        missing.json()["errors"])
