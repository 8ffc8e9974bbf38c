"""In Chromium: a day is typed as the page writes it in the reader's language (issue #21). The secretariat, reading
Russian, convenes a session whose first day it types "3 июня 2024 г."; a day that is none is refused beside its
field in Russian, with what was typed kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from browser_steps import in_thread, signed_in
from playwright.sync_api import Browser, expect

from accord.meetings.models import Session

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
