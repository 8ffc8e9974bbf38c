"""In Chromium, in Russian (issue #19): the secretariat records a response's history from the crisis page (a
decision as the members' answer, the force's first arrival and deployment complete, a mission's report heard),
each asked first; and a member that did not join a decision accedes to it on its page, on a day of the past."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from browser_steps import confirm, in_thread, signed_in
from playwright.sync_api import Browser, Page, expect

from accord.core.acting import Actor
from accord.crises import actions
from accord.decisions.models import Accession, Decision
from accord.members.models import Person

CONFIRM = "Подтвердить"
AT = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)


def _in_russian(browser: Browser, server: str, username: str) -> Page:
    page = signed_in(browser, server, username)
    page.context.add_cookies([{"name": "django_language", "value": "ru", "url": server}])
    return page


def _actor(handle: str) -> Actor:
    return Actor(person=Person.objects.get(username=handle))


def _operation_and_mission() -> tuple[int, int]:
    """An operation with its authorizing decision, and a mission, both answered (set up through the actions)."""
    operation = actions.file_request(actor=_actor("kgz.head"), at=AT, legal_basis="aggression",
                                     happened="Armed attacks on the border", area="Batken",
                                     asks_for="Collective peacekeeping forces", classification="public")
    actions.choose_response(actor=_actor("secretariat"), crisis=operation.pk, response="operation", at=AT)
    actions.set_mandate(actor=_actor("secretariat"), crisis=operation.pk, purpose="Protect facilities",
                        area="Batken", ends_at=None, commander="Commander", commander_body="CMD", requirements={},
                        decision_identifier={"ru": "Решение Совета (браузерный тест)",
                                             "en": "Decision of the Council (browser test)"},
                        decision_at=AT + dt.timedelta(days=1))
    mission = actions.file_request(actor=_actor("tjk.head"), at=AT, legal_basis="aggression",
                                   happened="Shelling at the border", area="Isfara", asks_for="A mission",
                                   classification="public")
    actions.choose_response(actor=_actor("secretariat"), crisis=mission.pk, response="mission",
                            leaders=["Secretary General"], reports_to="CSC", at=AT)
    return operation.pk, mission.pk


def test_the_secretariat_records_a_responses_history_from_the_crisis_page(
        browser: Browser, server: str, organization: str) -> None:
    operation, mission = in_thread(_operation_and_mission)
    page = _in_russian(browser, server, "secretariat")
    page.goto(f"{server}/crises/{operation}/")

    answered = page.locator("form[action$='/answered-by-decision/']")
    # The decision as each language writes it is filled in; the other members are ticked.
    expect(answered.locator('[name="decision_ru"]')).to_have_value("Решение Совета (браузерный тест)")
    expect(answered.locator('input[name="members"][value="RUS"]')).to_be_checked()
    answered.get_by_label("Дата решения").fill("6 января 2026 г.")
    answered.get_by_role("button", name="Записать как их ответ").click()
    confirm(page, "нельзя отменить", CONFIRM)
    expect(page.locator("form[action$='/answered-by-decision/']")).to_have_count(0)

    # A day before the decision is refused beside the field, in Russian, with what was typed kept.
    arrival = page.locator("form[action$='/force/first-arrival/']")
    arrival.get_by_label("День первого прибытия").fill("5 января 2026 г.")
    arrival.get_by_role("button", name="Записать первое прибытие").click()
    confirm(page, "изменить его нельзя", CONFIRM)
    arrival = page.locator("form[action$='/force/first-arrival/']")
    expect(arrival.locator(".field__error")).to_contain_text("санкционирующее решение датировано 6 января 2026 г.")
    expect(arrival.get_by_label("День первого прибытия")).to_have_value("5 января 2026 г.")
    arrival.get_by_label("День первого прибытия").fill("7 января 2026 г.")
    arrival.get_by_role("button", name="Записать первое прибытие").click()
    confirm(page, "изменить его нельзя", CONFIRM)

    deployed = page.locator("form[action$='/force/deployed/']")
    deployed.get_by_label("День завершения развёртывания").fill("10.01.2026")
    deployed.get_by_label("Всего военнослужащих (пусто: неизвестно)").fill("1500")
    deployed.get_by_role("button", name="Записать завершение развёртывания").click()
    confirm(page, "изменить его нельзя", CONFIRM)
    expect(page.locator("form[action$='/force/deployed/']")).to_have_count(0)
    expect(page.locator("main")).to_contain_text(re.compile(r"1\s500 человек"))  # as Russian writes thousands

    page.goto(f"{server}/crises/{mission}/")
    heard = page.locator("form[action$='/report-heard/']")
    heard.get_by_label("День, когда доклад был заслушан").fill("20 января 2026 г.")
    heard.locator('[name="note_ru"]').fill("Доклад миссии заслушан")
    heard.get_by_role("button", name="Записать, что доклад заслушан").click()
    confirm(page, "реагирование завершается", CONFIRM)
    expect(page.locator("form[action$='/report-heard/']")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Доклад миссии заслушан")


def _budget() -> tuple[int, dt.date]:
    """The demo's 2024 budget decision, adopted in a limited format without Armenia."""
    decision = next(found for found in Decision.objects.all() if "ARM" in found.not_joined)
    return decision.proposal_id, decision.decided_on


def test_a_member_accedes_on_the_decisions_page_to_a_decision_taken_without_it(
        browser: Browser, server: str, organization: str) -> None:
    if organization != "demo":
        pytest.skip("the demo's decision adopted without Armenia is acceded to here")
    proposal, decided_on = in_thread(_budget)
    page = _in_russian(browser, server, "arm.head")
    page.goto(f"{server}/decisions/{proposal}/")
    form = page.locator("form[action$='/accede/']")
    form.get_by_label("Дата присоединения (пусто: сегодня)").fill("1 января 2020 г.")  # before the decision
    form.get_by_role("button", name="Присоединиться").click()
    confirm(page, "нельзя отозвать", CONFIRM)
    form = page.locator("form[action$='/accede/']")
    expect(form.locator(".field__error")).to_be_visible()
    expect(form.get_by_label("Дата присоединения (пусто: сегодня)")).to_have_value("1 января 2020 г.")
    day = decided_on + dt.timedelta(days=30)
    form.get_by_label("Дата присоединения (пусто: сегодня)").fill(day.strftime("%d.%m.%Y"))
    form.get_by_role("button", name="Присоединиться").click()
    confirm(page, "нельзя отозвать", CONFIRM)
    expect(page.locator('.position-grid [data-member="ARM"]')).to_contain_text("присоединилось позднее")
    assert in_thread(lambda: Accession.objects.get(member_id="ARM").on) == day
