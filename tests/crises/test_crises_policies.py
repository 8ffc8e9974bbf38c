"""The crisis policies: once-only acts happen once, nothing but the review after the end, and the page
offers a form exactly where the action would take it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from crises_fixtures import T0, actor, call, page
from test_crises_deployment import H, accepted, move, operation

from accord.core.errors import Conflict
from accord.crises import actions
from accord.crises.models import Crisis, Pledge
from accord.ledger import log

DEPLOYMENT = (("alerted", 11), ("authorized", 12), ("departed", 13), ("arrived", 18), ("operational", 20))
RETURN = (("handing_over", 140), ("withdrawing", 150), ("home", 200))


def withdrawn() -> tuple[Crisis, Pledge]:
    """An operation carried through to its withdrawal, the crisis closed, its notification sent."""
    crisis = operation()
    russia = accepted(crisis, "RUS")
    move(russia, "rus.head", *DEPLOYMENT)
    actions.record_letter_sent(actor=actor("secretariat"), crisis=crisis.pk, kind="notification",
                               at=T0 + 21 * H)
    actions.declare_mission_complete(actor=actor("kaz.head"), crisis=crisis.pk, at=T0 + 100 * H)
    actions.hand_over_sites(actor=actor("kaz.head"), crisis=crisis.pk, sites=14, at=T0 + 130 * H)
    move(russia, "rus.head", *RETURN)
    actions.complete_withdrawal(actor=actor("secretariat"), crisis=crisis.pk)
    crisis.refresh_from_db()
    assert not crisis.is_open
    return crisis, russia


def refused_once_more(act: Callable[[], object], field: str) -> None:
    before = log.size()
    with pytest.raises(Conflict) as caught:
        act()
    assert caught.value.field == field
    assert log.size() == before


def test_it_records_the_withdrawal_complete_once(organization: None) -> None:
    crisis, _ = withdrawn()
    refused_once_more(lambda: actions.complete_withdrawal(actor=actor("secretariat"), crisis=crisis.pk), "crisis")
    response = call("secretariat", "POST", f"/crises/{crisis.pk}/withdrawal", {})
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "crisis"
    assert "already recorded complete" in response.json()["errors"][0]["reason"]


def test_it_records_each_once_only_act_of_an_operation_once(organization: None) -> None:
    crisis = operation()
    accepted(crisis, "RUS")
    actions.record_letter_sent(actor=actor("secretariat"), crisis=crisis.pk, kind="notification")
    refused_once_more(lambda: actions.record_letter_sent(actor=actor("secretariat"), crisis=crisis.pk,
                                                         kind="notification"), "kind")
    actions.record_letter_sent(actor=actor("secretariat"), crisis=crisis.pk, kind="report")
    actions.record_letter_sent(actor=actor("secretariat"), crisis=crisis.pk, kind="report")  # reports recur
    actions.declare_mission_complete(actor=actor("kaz.head"), crisis=crisis.pk)
    refused_once_more(lambda: actions.declare_mission_complete(actor=actor("kaz.head"), crisis=crisis.pk),
                      "crisis")
    actions.hand_over_sites(actor=actor("kaz.head"), crisis=crisis.pk, sites=14)
    refused_once_more(lambda: actions.hand_over_sites(actor=actor("kaz.head"), crisis=crisis.pk, sites=3),
                      "sites")
    assert call("kaz.head", "POST", f"/crises/{crisis.pk}/sites", {"sites": 3}).status_code == 409
    refused_once_more(lambda: actions.record_decision(actor=actor("secretariat"), crisis=crisis.pk,
                                                      decision_identifier="Another decision",
                                                      decision_at=T0 + 13 * H), "decision_identifier")


def test_it_sends_the_completion_notice_once_after_the_end(organization: None) -> None:
    crisis, _ = withdrawn()
    actions.record_letter_sent(actor=actor("secretariat"), crisis=crisis.pk, kind="completion")
    refused_once_more(lambda: actions.record_letter_sent(actor=actor("secretariat"), crisis=crisis.pk,
                                                         kind="completion"), "kind")


def test_nothing_but_the_review_and_lessons_is_recorded_after_the_end(organization: None) -> None:
    crisis, russia = withdrawn()
    later = T0 + dt.timedelta(days=60)
    secretariat = actor("secretariat")
    for act in (
        lambda: actions.extend_mandate(actor=secretariat, crisis=crisis.pk, ends_at=later, reference="Decision"),
        lambda: actions.plan_phase(actor=actor("rus.head"), pledge=russia.pk, phase="alerted", planned_at=later),
        lambda: actions.file_situation_report(actor=secretariat, crisis=crisis.pk, text="Quiet",
                                              from_commander=True),
        lambda: actions.record_letter_sent(actor=secretariat, crisis=crisis.pk, kind="report"),
        lambda: actions.acknowledge_request(actor=actor("blr.head"), crisis=crisis.pk),
        lambda: actions.open_accelerated_procedure(actor=secretariat, crisis=crisis.pk, body="CSC",
                                                   title={"ru": "Поздний проект", "en": "Late draft"}),
        lambda: actions.pledge_contingent(actor=actor("blr.head"), crisis=crisis.pk, capability="medical_team",
                                          quantity=1),
    ):
        refused_once_more(act, "crisis")
    before = log.size()
    assert call("secretariat", "POST", f"/crises/{crisis.pk}/extensions",
                {"ends_at": later.isoformat(), "reference": {"ru": "Decision"}}).status_code == 409
    assert call("rus.head", "POST", f"/crises/{crisis.pk}/pledges/{russia.pk}/phases",
                {"phase": "alerted", "planned_at": later.isoformat()}).status_code == 409
    assert log.size() == before
    lesson = actions.record_lesson(actor=actor("rus.delegate"), crisis=crisis.pk, text="airlift slots late")
    actions.validate_lesson(actor=secretariat, lesson=lesson.pk, text="Agree airlift slots first")
    assert call("arm.head", "GET", f"/crises/{crisis.pk}/review").json()["lessons"][0]["validated"]


def test_a_late_pledge_answer_is_refused_once_the_response_ended(organization: None) -> None:
    crisis = operation()
    pledge = actions.pledge_contingent(actor=actor("blr.head"), crisis=crisis.pk, capability="medical_team",
                                       quantity=1, at=T0 + 11 * H)
    actions.declare_mission_complete(actor=actor("kaz.head"), crisis=crisis.pk, at=T0 + 20 * H)
    actions.complete_withdrawal(actor=actor("secretariat"), crisis=crisis.pk, at=T0 + 30 * H)
    refused_once_more(lambda: actions.answer_pledge(actor=actor("kaz.head"), pledge=pledge.pk, accept=True),
                      "crisis")


def test_a_phase_already_reached_is_not_planned_after_the_fact(organization: None) -> None:
    crisis = operation()
    russia = accepted(crisis, "RUS")
    move(russia, "rus.head", ("alerted", 11))
    refused_once_more(lambda: actions.plan_phase(actor=actor("rus.head"), pledge=russia.pk, phase="alerted",
                                                 planned_at=T0 + 30 * H), "phase")


def _forms(handle: str, crisis: Crisis) -> str:
    return page(handle, f"/crises/{crisis.pk}/").content.decode()


def test_the_page_offers_only_what_the_actions_accept_after_the_end(organization: None) -> None:
    crisis, _ = withdrawn()
    secretariat = _forms("secretariat", crisis)
    for gone in ("crises:extend", f"/crises/{crisis.pk}/extend/", "/host/withdrawal/", "x-ends",
                 "report-text", "Take up the request"):
        assert gone not in secretariat
    assert "lesson-text" in secretariat
    russia = _forms("rus.head", crisis)
    assert "data-contingent" not in russia
    assert "lesson-text" in russia
    host = _forms("kaz.head", crisis)
    assert "/host/sites/" not in host
    assert "/host/complete/" not in host


def test_the_page_offers_the_sites_form_once(organization: None) -> None:
    crisis = operation()
    actions.declare_mission_complete(actor=actor("kaz.head"), crisis=crisis.pk)
    assert "/host/sites/" in _forms("kaz.head", crisis)
    assert "/host/complete/" not in _forms("kaz.head", crisis)
    actions.hand_over_sites(actor=actor("kaz.head"), crisis=crisis.pk, sites=14)
    assert "/host/sites/" not in _forms("kaz.head", crisis)
    assert "/host/withdrawal/" in _forms("secretariat", crisis)
    assert "/host/sites/" not in _forms("secretariat", crisis)


def test_the_api_lists_the_acts_the_caller_may_take_now(organization: None) -> None:
    crisis = operation()
    pledge = actions.pledge_contingent(actor=actor("rus.head"), crisis=crisis.pk, capability="airborne_unit",
                                       quantity=1, at=T0 + 11 * H)
    host = call("kaz.head", "GET", f"/crises/{crisis.pk}").json()
    assert "declare_complete" in host["allowed"]
    assert "complete_withdrawal" not in host["allowed"]
    assert host["pledges"][0]["allowed"] == ["answer"]
    secretariat = call("secretariat", "GET", f"/crises/{crisis.pk}").json()
    assert {"extend", "send_letter.notification", "report_for_commander"} <= set(secretariat["allowed"])
    assert "send_letter.completion" not in secretariat["allowed"]
    assert secretariat["pledges"][0]["allowed"] == []
    actions.answer_pledge(actor=actor("kaz.head"), pledge=pledge.pk, accept=True, at=T0 + 11 * H)
    assert call("rus.head", "GET", f"/crises/{crisis.pk}").json()["pledges"][0]["allowed"] == ["move"]
    closed, _ = withdrawn()
    after = call("secretariat", "GET", f"/crises/{closed.pk}").json()["allowed"]
    assert after == ["send_letter.completion", "record_lesson"]
