"""In Chromium: a day, and a day with a time, are typed as the page writes them in the reader's language
(issue #21). The secretariat, reading Russian, convenes a session whose first day it types "3 июня 2024 г."
and sets a deadline "20 июня 2030 г." at "14:30" in its browser's zone; a day or a time that is none is
refused beside its field in Russian, with what was typed kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from browser_steps import in_thread, sign_in, signed_in
from playwright.sync_api import Browser, expect

from accord.core.acting import Actor
from accord.decisions.actions import propose
from accord.decisions.models import Procedure
from accord.meetings.models import Session
from accord.members.models import Person

TITLE_RU = "Сессия, день которой набран по-русски (тест)"


def test_the_secretariat_types_a_sessions_first_day_in_russian(browser: Browser, server: str, shots: Path) -> None:
    page = signed_in(browser, server, "secretariat")
    page.select_option("#language-select", "ru")
    page.locator(".language button").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    page.goto(f"{server}/meetings/new/")
    form = page.locator("#convene")
    form.locator("input[name=title_ru]").fill(TITLE_RU)
    form.locator("input[name=title_en]").fill("A session whose day was typed in Russian (test)")
    form.locator("select[name=mode]").select_option("video")
    first_day = form.get_by_label("Первый день")
    expect(first_day).to_have_attribute("type", "text")
    expect(form).to_contain_text("День, месяц, год: 16 мая 2022 г. или 16.05.2022.")
    first_day.fill("31 июня 2024 г.")  # June has 30 days
    form.get_by_role("button", name="Созвать сессию").click()
    form = page.locator("#convene")
    expect(form).to_contain_text("Это не дата: напишите её так: 16 мая 2022 г. или 16.05.2022.")
    expect(form.get_by_label("Первый день")).to_have_value("31 июня 2024 г.")
    expect(form.locator("input[name=title_ru]")).to_have_value(TITLE_RU)
    page.screenshot(path=str(shots / "date-typed-refused-ru.png"), full_page=True)

    form.get_by_label("Первый день").fill("3 июня 2024 г.")
    form.get_by_role("button", name="Созвать сессию").click()
    expect(page).to_have_url(f"{server}/meetings/sessions/{_latest().pk}/console/")
    session = _latest()
    assert (str(session.title.pick("ru").text), session.starts_on) == (TITLE_RU, dt.date(2024, 6, 3))


def _latest() -> Session:
    return in_thread(lambda: Session.objects.order_by("-pk")[0])


def test_the_secretariat_types_a_deadlines_day_and_time_in_russian_in_its_own_zone(
        browser: Browser, server: str, shots: Path) -> None:
    """A moment: the day as the Russian page writes it, a time on a 24-hour clock, read in the zone named
    beside them (the browser's, Moscow here); a time that is none is refused in Russian with all kept."""
    context = browser.new_context(timezone_id="Europe/Moscow")
    page = context.new_page()
    sign_in(page, server, "secretariat")
    page.select_option("#language-select", "ru")
    page.locator(".language button").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    proposal = in_thread(lambda: propose(
        actor=Actor(person=Person.objects.get(username="kaz.delegate")), body="CSC",
        title={"ru": "Предложение со сроком, набранным по-русски (тест)", "en": "Typed deadline (test)"},
        sponsors=["KAZ"]).pk)
    page.goto(f"{server}/decisions/{proposal}/")
    page.get_by_label("Вид").select_option("silence")
    deadline = page.get_by_role("group", name="Срок")
    expect(deadline).to_contain_text("Часовой пояс: Europe/Moscow")
    expect(deadline).to_contain_text("Время по 24-часовым часам: 14:30.")
    day, time = deadline.get_by_label("День", exact=True), deadline.get_by_label("Время", exact=True)
    expect(day).to_have_attribute("type", "text")
    expect(time).to_have_attribute("type", "text")
    day.fill("20 июня 2030 г.")
    time.fill("25:30")
    page.get_by_role("button", name="Открыть процедуру").click()
    deadline = page.get_by_role("group", name="Срок")
    expect(deadline).to_contain_text("Это не время: напишите его по 24-часовым часам, так: 14:30.")
    expect(deadline.get_by_label("День", exact=True)).to_have_value("20 июня 2030 г.")
    expect(deadline.get_by_label("Время", exact=True)).to_have_value("25:30")
    expect(deadline).to_contain_text("Часовой пояс: Europe/Moscow")
    page.screenshot(path=str(shots / "moment-typed-refused-ru.png"), full_page=True)

    deadline.get_by_label("Время", exact=True).fill("14:30")
    page.get_by_role("button", name="Открыть процедуру").click()
    expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", "pending")
    stored = in_thread(lambda: Procedure.objects.get(proposal_id=proposal).deadline)
    # 14:30 in Moscow (UTC+3) is 11:30 UTC.
    assert stored == dt.datetime(2030, 6, 20, 11, 30, tzinfo=dt.UTC)
    page.screenshot(path=str(shots / "moment-typed-ru.png"), full_page=True)
    context.close()
