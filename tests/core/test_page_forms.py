"""The page idiom every app's forms share: errors beside their field, instants read in the zone named beside
them."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.utils import translation

from accord.core.dayfield import InstantField
from accord.core.errors import InvalidInput, NotFound
from accord.core.pages import ActForm, acting, field_label, sign_in_redirect


class _Meeting(ActForm):
    title = forms.CharField(label="Title", max_length=20)
    starts_at = InstantField(label="Starts")


def test_it_puts_an_actions_refusal_beside_the_field_it_names() -> None:
    form = _Meeting({"title": "Summit", "starts_at": "2022-05-16T10:00"})
    assert form.is_valid()
    form.refuse(InvalidInput("title", "is already taken"))
    assert form.errors == {"title": ["is already taken"]}
    assert form.status == 400


def test_it_puts_a_refusal_of_no_field_of_the_form_above_it_under_a_label() -> None:
    form = _Meeting({"title": "Summit", "starts_at": "2022-05-16T10:00"})
    assert form.is_valid()
    form.refuse(NotFound("member", "is not a member state"))
    assert form.non_field_errors() == ["Member state: is not a member state"]
    assert form.status == 404


def test_it_reads_a_time_in_the_zone_the_page_names_and_keeps_it_in_utc() -> None:
    # Moscow is three hours ahead of UTC (the page's script names the browser's zone).
    form = _Meeting({"title": "Summit", "starts_at_0": "16.05.2022", "starts_at_1": "10:00",
                     "starts_at_2": "Europe/Moscow"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_at"] == dt.datetime(2022, 5, 16, 7, 0, tzinfo=dt.UTC)
    # In winter a zone with summer time is an hour nearer UTC: the zone is a name, not an offset.
    form = _Meeting({"title": "Summit", "starts_at_0": "16.01.2022", "starts_at_1": "10:00",
                     "starts_at_2": "Europe/Paris"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_at"] == dt.datetime(2022, 1, 16, 9, 0, tzinfo=dt.UTC)


def test_it_reads_a_time_as_utc_when_the_page_had_no_script() -> None:
    form = _Meeting({"title": "Summit", "starts_at": "2022-05-16T10:00"})
    assert form.is_valid()
    assert form.cleaned_data["starts_at"] == dt.datetime(2022, 5, 16, 10, 0, tzinfo=dt.UTC)


def test_it_refuses_a_zone_that_does_not_exist() -> None:
    form = _Meeting({"title": "Summit", "starts_at_0": "16.05.2022", "starts_at_1": "10:00",
                     "starts_at_2": "Mars/Olympus"})
    assert not form.is_valid()
    assert form.errors["starts_at"] == ["Not a time zone: Mars/Olympus."]


def test_it_says_what_is_wrong_in_the_readers_language() -> None:
    with translation.override("ru"):
        form = _Meeting({"title": "", "starts_at": "not a time"})
        assert not form.is_valid()
        assert form.errors["title"] == ["Обязательное поле."]
        html = str(form)
    assert 'class="field field--invalid field--required"' in html
    assert 'class="field__error"' in html
    assert "<label" in html


def test_an_unbound_form_answers_200() -> None:
    assert _Meeting().status == 200
    assert ActForm().status == 200


@pytest.mark.django_db
def test_an_anonymous_post_is_sent_to_sign_in_and_back_to_the_page_it_came_from() -> None:
    calls: list[str] = []

    @acting
    def view(request: HttpRequest, thing: int) -> HttpResponse:
        calls.append("looked up")
        raise AssertionError("an anonymous request must not reach the view")

    request = RequestFactory().post("/decisions/7/position/", HTTP_REFERER="http://testserver/decisions/7/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = view(request, 7)
    assert response.status_code == 303
    assert response["Location"] == "/login/?next=%2Fdecisions%2F7%2F"
    assert calls == []


def test_it_never_sends_a_person_back_to_another_site() -> None:
    request = RequestFactory().post("/x/", HTTP_REFERER="https://elsewhere.example/phish")
    assert sign_in_redirect(request)["Location"] == "/login/?next=%2F"


def test_a_get_to_an_acting_view_is_refused() -> None:
    @acting
    def view(request: HttpRequest) -> HttpResponse:
        raise AssertionError("unreachable")

    assert view(RequestFactory().get("/x/")).status_code == 405



def test_a_refusal_naming_another_field_of_the_refusing_app_is_said_by_that_fields_label() -> None:
    form = _Meeting({"title": "Summit", "starts_at": "2022-05-16T10:00"})
    assert form.is_valid()
    refusal = InvalidInput("happened", "is required")
    refusal.package = "accord.crises"
    with translation.override("ru"):
        form.refuse(refusal)
        assert form.non_field_errors() == ["Что произошло: is required"]
        assert field_label("title.fr", "accord.documents") == "Название, французский"
    assert field_label("signature.sig") == field_label("statement.body.reason") == ""
