"""The exercises' pages in English, Russian and French: planning through the form, the lifecycle's forms offered
to whom the policy allows, refusals beside their fields with nothing written, the live part and the calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from exercises_world import actor, planned, signed_in

from accord.core import calendar
from accord.core.policy import ANONYMOUS
from accord.exercises import actions
from accord.exercises.models import Exercise, Participation, Plan
from accord.ledger.models import Entry

EXERCISE = {"name_ru": "Взаимодействие-2022", "name_en": "Interaction-2022", "kind": "command_staff",
            "host": "KAZ", "ground_ru": "Матыбулак",
            "ground_en": "Matybulak", "planned_start": "2022-09-26", "planned_end": "2022-10-08",
            "lead": "JS", "observers": "Observers of the members' ministries\n\n", "classification": "public"}


def test_the_secretariat_plans_through_the_form(exercises_organization: int) -> None:
    client = signed_in("secretariat")
    assert client.post("/exercises/plans/", {"year": "2022", "decision_reference": "Plan 2022"}).status_code == 302
    response = client.post("/exercises/plan/", {**EXERCISE, "forces_exercised": [str(exercises_organization)]})
    found = Exercise.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/exercises/{found.pk}/"
    assert found.observers == ["Observers of the members' ministries"]
    assert found.plan == Plan.objects.get()
    listing = client.get("/exercises/").content.decode()
    assert "Interaction-2022" in listing
    assert "Plan 2022" in listing
    page = client.get(f"/exercises/{found.pk}/").content.decode()
    assert "Peacekeeping Forces" in page
    assert "Joint Staff" in page


def test_a_refused_plan_names_its_field_in_russian_and_keeps_what_was_typed(exercises_organization: int) -> None:
    response = signed_in("secretariat", "ru").post("/exercises/plan/", {**EXERCISE, "planned_end": "2022-09-01"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "раньше первого дня" in body
    assert 'value="Matybulak"' in body
    assert not Exercise.objects.exists()


def test_a_member_is_not_offered_planning_and_its_post_is_refused(exercises_organization: int) -> None:
    client = signed_in("kaz.head")
    assert 'action="/exercises/plan/"' not in client.get("/exercises/").content.decode()
    before = Entry.objects.count()
    assert client.post("/exercises/plan/", EXERCISE).status_code == 403
    assert Entry.objects.count() == before


def test_the_host_is_offered_its_steps_and_another_member_only_participation(exercises_organization: int) -> None:
    found = planned()
    host = signed_in("kgz.head").get(f"/exercises/{found.pk}/").content.decode()
    for form in ("confirm", "postpone", "move", "cancel", "declare_participation"):
        assert f'id="{form}-form"' in host
    other = signed_in("kaz.head").get(f"/exercises/{found.pk}/").content.decode()
    assert 'id="declare_participation-form"' in other
    assert 'id="cancel-form"' not in other
    assert 'id="record_held-form"' not in other
    assert signed_in("kaz.head").post(f"/exercises/{found.pk}/cancel/", {"reason_ru": "Нет"}).status_code == 403
    assert Exercise.objects.get().state == "planned"


def test_members_declare_and_the_host_cancels_through_the_forms(exercises_organization: int) -> None:
    found = planned()
    for handle, code in (("kaz.head", "KAZ"), ("rus.delegate", "RUS")):
        response = signed_in(handle).post(f"/exercises/{found.pk}/participation/", {
            "member": code, "participation": "confirmed", "units": "1", "personnel": "150"})
        assert response.status_code == 302
    refused = signed_in("arm.head", "ru").post(f"/exercises/{found.pk}/participation/", {
        "member": "ARM", "participation": "not_participating"})
    assert refused.status_code == 400
    assert "обязательно" in refused.content.decode().lower()
    assert not Participation.objects.filter(member_id="ARM").exists()
    assert signed_in("kgz.head").post(f"/exercises/{found.pk}/cancel/", {
        "reason_ru": "Пограничные столкновения", "on": "2022-10-09"}).status_code == 302
    live = signed_in("observer").get(f"/exercises/{found.pk}/live/").content.decode()
    assert 'data-state="cancelled"' in live
    assert "Пограничные столкновения" in live
    assert "by Kyrgyzstan" in live
    assert live.count('data-status="confirmed"') == 2
    after = signed_in("kgz.head").get(f"/exercises/{found.pk}/").content.decode()
    assert 'id="confirm-form"' not in after


def test_the_pages_speak_russian_and_french(exercises_organization: int) -> None:
    found = planned()
    actions.confirm_exercise(actor=actor("kgz.head"), exercise=found.pk)
    russian = signed_in("arm.head", "ru").get(f"/exercises/{found.pk}/").content.decode()
    assert "Подтверждено к проведению" in russian
    assert "Миротворческое учение" in russian
    assert "Совместные учения" in signed_in("arm.head", "ru").get("/exercises/").content.decode()
    french = signed_in("arm.head", "fr").get(f"/exercises/{found.pk}/").content.decode()
    assert "Exercice de maintien de la paix" in french
    assert "Où il en est" in french


def test_a_members_only_exercise_is_missing_to_the_public_and_an_observer(exercises_organization: int) -> None:
    found = planned(classification="members")
    for handle in (None, "observer"):
        client = signed_in(handle)
        for path in (f"/exercises/{found.pk}/", f"/exercises/{found.pk}/live/", "/exercises/987654/"):
            assert client.get(path).status_code == 404
        assert "Brotherhood" not in client.get("/exercises/").content.decode()
    assert signed_in("kaz.delegate").get(f"/exercises/{found.pk}/").status_code == 200


@pytest.mark.parametrize("path", ["confirm", "held", "postpone", "move", "cancel", "participation"])
def test_an_anonymous_post_is_sent_to_sign_in_alike(exercises_organization: int, path: str) -> None:
    found = planned(classification="members")
    answers = [Client().post(f"/exercises/{pk}/{path}/", {}) for pk in (found.pk, 987654)]
    assert [answer.status_code for answer in answers] == [303, 303]
    assert answers[0]["Location"] == answers[1]["Location"]


def test_the_calendar_shows_an_exercise_but_not_a_cancelled_one(exercises_organization: int) -> None:
    found = planned()
    days = (dt.date(2022, 10, 1), dt.date(2022, 10, 31))
    assert [entry.uid for entry in calendar.entries_between(ANONYMOUS, *days)] == [f"exercise-{found.pk}@accord"]
    actions.cancel_exercise(actor=actor("kgz.head"), exercise=found.pk, reason="Clashes")
    assert calendar.entries_between(ANONYMOUS, *days) == []


def test_the_list_draws_the_latest_years_timelines_and_links_to_the_older(exercises_organization: int) -> None:
    """Twenty years drawn at once made the list thirty times the dashboard (bench/exercises.py): the three
    latest years are drawn, an older year's timeline is its year's filter."""
    for year in (2019, 2020, 2021, 2022):
        planned(planned_start=f"{year}-10-10", planned_end=f"{year}-10-14")
    page = signed_in("secretariat").get("/exercises/").content.decode()
    assert page.count('<svg class="exercise-timeline"') == 3
    assert 'href="?year=2019#timeline-2019"' in page
    assert 'href="?year=2020' not in page
    older = signed_in("secretariat").get("/exercises/?year=2019").content.decode()
    assert older.count('<svg class="exercise-timeline"') == 1
    assert 'id="timeline-2019"' in older


def test_a_confirmation_recorded_after_the_exercise_reads_as_when_given(exercises_organization: int) -> None:
    """Confirmed years after its planned days, then recorded held: the page never says it was "confirmed to take
    place on" the day the confirmation was recorded."""
    found = planned()
    actions.confirm_exercise(actor=actor("kgz.head"), exercise=found.pk)
    today = dt.date.today()
    now = " ".join(signed_in("kgz.head").get(f"/exercises/{found.pk}/").content.decode().split())
    assert "Confirmed to take place</span> </strong> (confirmed on" in now
    assert "after the days it was planned for" in now
    actions.record_held(actor=actor("secretariat"), exercise=found.pk, actual_start="2022-10-10",
                        actual_end="2022-10-14")
    for language, confirmed in (("en", "Confirmed on"), ("ru", "Подтверждено"), ("fr", "Confirmé le")):
        body = " ".join(signed_in("kgz.head", language).get(f"/exercises/{found.pk}/").content.decode().split())
        steps = body.split('class="exercise-steps">', 1)[1].split("</ol>", 1)[0]
        assert confirmed in steps, language
        assert "take place" not in steps, language
        assert "к проведению" not in steps, language
        assert str(today.year) in steps, language
