"""Bad input is a 4xx JSON error naming the field, and changes nothing: each of the five causes of the
server errors that fuzzing found (issue 12, point 8), and the bodies, paths and sizes around them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from pytest_django import Settings

from accord.ledger import log

BODY = {"code": "PC", "name": {"ru": "Постоянный совет", "en": "Permanent Council"}}


def _post(client: Client, path: str, data: Any, **extra: Any) -> Any:
    return client.post(path, data=json.dumps(data), content_type="application/json", **extra)


def _refused(response: Any, status: int, field: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert field in [error["field"] for error in body["errors"]], body
    return dict(body)


def test_it_refuses_a_nul_byte_in_any_text_of_a_json_body(officer: Client) -> None:
    before = log.size()
    _refused(_post(officer, "/api/v1/bodies", {**BODY, "composition": {"ru": "главы\x00"}}), 400,
             "composition.ru")
    assert log.size() == before


def test_it_refuses_a_nul_byte_in_the_url_path_and_query(officer: Client, anonymous: Client) -> None:
    _refused(anonymous.get("/api/v1/members/AR%00M"), 400, "path")
    _refused(officer.get("/api/v1/persons?member=A%00"), 400, "member")
    assert anonymous.get("/meetings/%00/").status_code == 400


def test_it_refuses_a_nul_byte_in_a_page_form(officer: Client) -> None:
    before = log.size()
    response = officer.post("/meetings/", {"title_en": "Session\x00"})
    assert response.status_code == 400
    assert log.size() == before


def test_it_refuses_a_lone_surrogate_in_json(officer: Client) -> None:
    before = log.size()
    raw = '{"code": "PC", "name": {"ru": "x", "en": "Permanent \\ud800 Council"}}'
    _refused(officer.post("/api/v1/bodies", data=raw, content_type="application/json"), 400, "name.en")
    assert log.size() == before


def test_it_refuses_a_multipart_body_where_a_json_object_is_expected(officer: Client, anonymous: Client) -> None:
    _refused(officer.post("/api/v1/bodies", data=BODY), 415, "body")  # the test client sends multipart
    _refused(anonymous.post("/api/v1/acts", data={"statement": "x"}), 415, "body")


def test_it_refuses_a_json_object_sent_as_plain_text(officer: Client) -> None:
    _refused(officer.post("/api/v1/bodies", data=json.dumps(BODY), content_type="text/plain"), 415, "body")


def test_it_refuses_a_json_body_that_is_not_an_object(officer: Client) -> None:
    _refused(_post(officer, "/api/v1/bodies", [BODY]), 400, "body")
    _refused(officer.post("/api/v1/bodies", data="{not json", content_type="application/json"), 400, "body")


def test_it_refuses_integers_beyond_what_the_database_holds(officer: Client, anonymous: Client) -> None:
    before = log.size()
    _refused(_post(officer, "/api/v1/chair/rules", {"rule": "on_january_1", "from_term": 2**40}), 422,
             "from_term")
    _refused(_post(officer, "/api/v1/chair/handovers", {"term": -(2**63), "on": "2024-01-01"}), 422, "term")
    _refused(_post(officer, "/api/v1/crises/1/sites", {"sites": 2**40}), 422, "sites")
    assert log.size() == before
    assert anonymous.get(f"/api/v1/documents/{2**70}").status_code == 422
    assert anonymous.get(f"/api/v1/log/entries?start={2**64}").status_code == 422


def test_it_refuses_an_instant_that_overflows_when_turned_to_utc(organization: None) -> None:
    delegate = Client()
    assert delegate.login(username="kaz.head", password="accord-demo")
    before = log.size()
    response = _post(delegate, "/api/v1/crises", {
        "legal_basis": "aggression", "happened": {"ru": "an incursion"}, "area": {"ru": "the border"},
        "asks_for": {"ru": "help"}, "at": "0001-01-01T00:00:00+14:00",
    })
    _refused(response, 400, "at")
    assert log.size() == before


def test_it_answers_json_for_an_unknown_api_path(anonymous: Client) -> None:
    _refused(anonymous.get("/api/v1/no-such-thing"), 404, "path")


def test_it_answers_json_for_a_method_not_allowed(anonymous: Client) -> None:
    response = anonymous.delete("/api/v1/members")
    _refused(response, 405, "method")
    assert "GET" in response["Allow"]


def test_it_answers_json_for_a_server_error(anonymous: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from accord.members import queries

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a fault")

    monkeypatch.setattr(queries, "bodies", broken)
    anonymous.raise_request_exception = False
    response = anonymous.get("/api/v1/bodies")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "internal server error", "errors": []}


def test_it_refuses_a_large_upload_before_reading_it(anonymous: Client, settings: Settings) -> None:
    # The declared length alone is refused: the server never reads the 10 MB it announces.
    response = anonymous.post("/api/v1/documents/verify", data={"file": b"%PDF-1.7"},
                              CONTENT_LENGTH=str(10 * 1024 * 1024))
    _refused(response, 413, "body")
    settings.ACCORD_MAX_UPLOAD_BYTES = 1024
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.7\n" + b"0" * 2048, content_type="application/pdf")
    _refused(anonymous.post("/api/v1/documents/verify", data={"file": upload}), 413, "body")


def test_it_refuses_a_json_body_larger_than_the_limit(officer: Client, settings: Settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    _refused(_post(officer, "/api/v1/bodies", {**BODY, "composition": {"ru": "x" * 2048}}), 413, "body")


def test_it_refuses_a_username_that_mixes_scripts(officer: Client) -> None:
    before = log.size()
    response = _post(officer, "/api/v1/persons", {
        "username": "kaz.deleјate", "full_name": "Not the delegate", "role": "secretariat_officer"})
    _refused(response, 400, "username")
    assert log.size() == before


def test_it_normalizes_a_username_to_nfkc(officer: Client) -> None:
    response = _post(officer, "/api/v1/persons", {
        "username": "ｋａｚ.ｃｌｅｒｋ", "full_name": "A clerk", "role": "secretariat_officer"})
    assert response.status_code == 201, response.content
    assert response.json()["username"] == "kaz.clerk"


@pytest.mark.parametrize(("path", "data", "field"), [
    ("/api/v1/persons", {"username": "kaz.clerk", "full_name": "Clerk \u202eevil", "role": "secretariat_officer"},
     "full_name"),
    ("/api/v1/bodies", {**BODY, "name": {"ru": "Постоянный \u2067совет\u2069"}}, "name.ru"),
])
def test_it_refuses_bidirectional_controls_in_names_and_titles(
    officer: Client, path: str, data: dict[str, Any], field: str
) -> None:
    before = log.size()
    _refused(_post(officer, path, data), 400, field)
    assert log.size() == before


def test_it_refuses_bidirectional_controls_in_a_page_form_title(officer: Client) -> None:
    response = officer.post("/meetings/", {"title_en": "Session \u202e"})
    assert response.status_code == 400
    assert b"title_en" in response.content


def test_it_refuses_a_text_longer_than_its_column_naming_the_field(officer: Client) -> None:
    # PostgreSQL refused it with an error naming no field (a 500), and SQLite stored it whole.
    before = log.size()
    _refused(officer.patch("/api/v1/organization", data=json.dumps({"name": {"ru": "N" * 201}}),
                           content_type="application/json"), 400, "name.ru")
    assert log.size() == before


def test_it_refuses_a_number_past_its_column_naming_the_field(officer: Client) -> None:
    _refused(officer.patch("/api/v1/organization", data=json.dumps({"term_years": 40000}),
                           content_type="application/json"), 400, "term_years")


def test_it_refuses_a_null_where_the_column_takes_none(db: None) -> None:
    from accord.core.errors import InvalidInput
    from accord.core.fits import check_fits
    from accord.members.models import RuleChange

    with pytest.raises(InvalidInput) as refused:
        check_fits(RuleChange, RuleChange(rule=None, from_term=2030, entry_seq=1))  # type: ignore[misc]  # the null is the test
    assert refused.value.field == "rule"


def test_it_refuses_a_null_for_a_list_setting(officer: Client) -> None:
    _refused(officer.patch("/api/v1/organization", data=json.dumps({"rotation_order": None}),
                           content_type="application/json"), 422, "rotation_order")


def test_it_refuses_a_large_upload_on_the_verify_page_before_reading_it(
        anonymous: Client, settings: Settings) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import RequestFactory

    from accord.documents import views

    response = anonymous.post("/documents/verify/", data={"file": b"%PDF-1.7"},
                              CONTENT_LENGTH=str(10 * 1024 * 1024))
    assert response.status_code == 413
    # A body of unknown length gets past the declared-length check: the view measures the file itself.
    settings.ACCORD_MAX_UPLOAD_BYTES = 1024
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.7\n" + b"0" * 2048, content_type="application/pdf")
    request = RequestFactory().post("/documents/verify/", data={"file": upload})
    request.user = AnonymousUser()
    assert views.verify(request).status_code == 413


@pytest.mark.parametrize(("language", "whole", "day"), [
    ("en", "must be a whole number", "must be a day, written YYYY-MM-DD"),
    ("ru", "должно быть целым числом", "должно быть датой в виде ГГГГ-ММ-ДД (YYYY-MM-DD)"),
    ("fr", "doit être un nombre entier", "doit être un jour, écrit AAAA-MM-JJ (YYYY-MM-DD)"),
])
def test_pydantics_reasons_are_said_in_the_requests_language(officer: Client, language: str, whole: str,
                                                            day: str) -> None:
    before = log.size()
    body = _refused(_post(officer, "/api/v1/chair/handovers", {"term": "third", "on": "yesterday"},
                          HTTP_ACCEPT_LANGUAGE=language), 422, "term")
    reasons = {error["field"]: error["reason"] for error in body["errors"]}
    assert reasons == {"term": whole, "on": day}
    labels = [error["label"] for error in body["errors"]]
    assert body["detail"] == f"{labels[0]}: {reasons['term']}; {labels[1]}: {reasons['on']}"
    assert log.size() == before
