"""End to end in Chromium: on a demo theme, a member follows it and sends its report, the Secretariat's open page
shows both live; the Secretariat's assessment is refused beside its field until it names its sources, then the
member's open page shows it live with the level's change; the page in Russian, at a tablet's width too."""

from __future__ import annotations

import io
import re
from pathlib import Path

from browser_steps import TABLET, fits_the_width, in_thread, signed_in
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from accord.ledger.models import Entry
from accord.monitoring.models import Value

ONE_POINT = re.compile(r"^M[0-9.]+,[0-9.]+h0$")  # a series' path of dots with one point: numbers, "."


def open_theme(page: Page, server: str, name: str) -> None:
    page.goto(f"{server}/monitoring/")
    page.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.locator("html[data-theme-live=live]")).to_have_count(1)


def test_a_member_reports_and_the_secretariat_assesses_live(browser: Browser, server: str, shots: Path) -> None:
    errors: list[str] = []
    secretariat = signed_in(browser, server, "secretariat")
    secretariat.on("pageerror", lambda error: errors.append(str(error)))
    open_theme(secretariat, server, "The Afghan direction")
    # The demo's statement of Kazakhstan's head at the 16 May 2022 summit is tagged to the theme.
    expect(secretariat.locator(".statements")).to_contain_text("Kassym-Jomart Tokayev")

    kazakhstan = signed_in(browser, server, "kaz.head", TABLET)
    kazakhstan.on("pageerror", lambda error: errors.append(str(error)))
    open_theme(kazakhstan, server, "The Afghan direction")
    follow = kazakhstan.locator('form[action$="/follow/"]')
    follow.get_by_role("button", name="Record the choice").click()
    expect(secretariat.locator('#followers [data-member="KAZ"]')).to_be_visible()

    report = kazakhstan.locator('form[action$="/reports/"]')
    report.get_by_label("Level").select_option("elevated")
    report.locator('[name="summary_ru"]').fill("Вооружённые группировки у границы (тест)")
    report.locator('[name="summary_en"]').fill("Armed groups near the border (test)")
    report.get_by_label("Sources").fill("Ministry of Foreign Affairs (test)")
    report.get_by_role("button", name="Send the report").click()
    expect(secretariat.locator(".assessments")).to_contain_text("Armed groups near the border (test)")
    expect(secretariat.locator(".assessments")).to_contain_text("Report of Kazakhstan")

    assess = secretariat.locator('form[action$="/assessments/"]')
    assess.get_by_label("Assessed by").select_option("owner_body")
    assess.get_by_label("Level").select_option("high")
    assess.locator('[name="summary_ru"]').fill("Обстановка ухудшилась (тест)")
    assess.locator('[name="summary_en"]').fill("The situation worsened (test)")
    assess.get_by_role("button", name="Record the assessment").click()
    assess = secretariat.locator('form[action$="/assessments/"]')
    expect(assess).to_contain_text("name the sources of a confirmed assessment")
    expect(assess.locator('[name="summary_en"]')).to_have_value("The situation worsened (test)")
    assess.get_by_label("Sources").fill("Working Group on Afghanistan (test)")
    assess.get_by_role("button", name="Record the assessment").click()
    expect(kazakhstan.locator(".assessments")).to_contain_text("raised from Elevated since the last assessment")
    expect(kazakhstan.locator(".theme-latest")).to_contain_text("High")
    assert fits_the_width(kazakhstan)
    kazakhstan.screenshot(path=str(shots / "monitoring-tablet.png"), full_page=True)

    kazakhstan.get_by_label("Language", exact=True).select_option("ru")
    kazakhstan.get_by_role("button", name="Switch").click()
    expect(kazakhstan.locator("html")).to_have_attribute("lang", "ru")
    expect(kazakhstan.get_by_role("heading", level=2, name="Оценки и доклады государств-членов")).to_be_visible()
    kazakhstan.screenshot(path=str(shots / "monitoring-ru.png"), full_page=True)
    secretariat.screenshot(path=str(shots / "monitoring-en.png"), full_page=True)
    assert not errors


def report(page: Page, indicator: str, value: str, as_of: str, source: str, corrects: str = "") -> None:
    form = page.locator('form[action$="/values/"]')
    form.get_by_label("Indicator").select_option(label=indicator)
    form.locator('[name="value"]').fill(value)
    form.get_by_label("As of").fill(as_of)
    form.get_by_label("Source").fill(source)
    if corrects:
        form.get_by_label("Corrects").select_option(index=1)
    form.get_by_role("button", name="Report the value").click()


def test_a_member_reports_and_corrects_a_value_and_another_members_page_draws_it_live(
        browser: Browser, server: str, shots: Path) -> None:
    errors: list[str] = []
    theme = "The economic effects of sanctions; food and energy security"
    food = "Food prices: annual change of the consumer price index for food"
    kazakhstan = signed_in(browser, server, "kaz.head")
    kazakhstan.on("pageerror", lambda error: errors.append(str(error)))
    open_theme(kazakhstan, server, theme)
    first = kazakhstan.locator(".indicator").first
    expect(first).to_contain_text("No value has been reported for this indicator.")

    kyrgyzstan = signed_in(browser, server, "kgz.head")
    kyrgyzstan.on("pageerror", lambda error: errors.append(str(error)))
    open_theme(kyrgyzstan, server, theme)
    report(kyrgyzstan, food, "14.5", "2022-05-01", "")
    # The new point arrives without a reload: the series' path of dots holds it.
    expect(first.locator("svg path.series-points")).to_have_attribute("d", ONE_POINT)
    expect(first.locator("table.values")).to_contain_text("no source given")

    report(kyrgyzstan, food, "13.9", "2022-05-01", "National Statistical Committee (test)", corrects="yes")
    expect(first.locator("table.values tr.corrected")).to_contain_text("corrected by a later report")
    expect(first.locator("svg circle.corrected")).to_have_count(1)
    expect(first.locator("svg path.series-points")).to_have_attribute("d", ONE_POINT)  # the correction stands
    expect(first.locator("table.values")).to_contain_text("National Statistical Committee (test)")
    kazakhstan.screenshot(path=str(shots / "monitoring-indicator-en.png"), full_page=True)
    assert not errors


def test_a_value_past_the_alert_level_arrives_live_and_becomes_consultations_in_a_session(
        browser: Browser, server: str, shots: Path) -> None:
    errors: list[str] = []
    theme = "The economic effects of sanctions; food and energy security"
    secretariat = signed_in(browser, server, "secretariat")
    secretariat.on("pageerror", lambda error: errors.append(str(error)))
    open_theme(secretariat, server, theme)
    define = secretariat.locator('form[action$="/indicators/"]')
    define.locator('[name="name_ru"]').fill("Цена пшеницы (тест)")
    define.locator('[name="name_en"]').fill("Price of wheat (test)")
    define.locator('[name="unit"]').fill("USD/t")
    define.locator('[name="reporters"][value="KGZ"]').check()
    define.locator('[name="reporters"][value="KAZ"]').check()
    define.locator('[name="warning"]').fill("300")
    define.locator('[name="alert"]').fill("400")
    define.get_by_role("button", name="Define the indicator").click()
    expect(secretariat.locator(".indicator", has_text="Price of wheat (test)")).to_be_visible()

    kazakhstan = signed_in(browser, server, "kaz.head", TABLET)
    kazakhstan.on("pageerror", lambda error: errors.append(str(error)))
    open_theme(kazakhstan, server, theme)
    kyrgyzstan = signed_in(browser, server, "kgz.head")
    kyrgyzstan.on("pageerror", lambda error: errors.append(str(error)))
    open_theme(kyrgyzstan, server, theme)
    report(kyrgyzstan, "Price of wheat (test)", "450", "2022-06-01", "Ministry of Economy (test)")
    # Kazakhstan's open page shows the alert and the new point without a reload.
    alert = kazakhstan.locator("#alerts [data-level=alert]")
    expect(alert).to_contain_text("Price of wheat (test)")
    wheat = kazakhstan.locator(".indicator", has_text="Price of wheat (test)")
    expect(wheat.locator("svg path.series-points")).to_have_attribute("d", ONE_POINT)
    assert fits_the_width(kazakhstan)
    kazakhstan.screenshot(path=str(shots / "monitoring-alert-tablet.png"), full_page=True)

    kyrgyzstan.reload()
    consult = kyrgyzstan.locator('form[action$="/consultations/"]')
    consult.get_by_label("Alert it follows").select_option(index=1)
    consult.locator('[name="grounds_ru"]').fill("Цена выше уровня тревоги (тест)")
    consult.locator('[name="grounds_en"]').fill("The price is past the alert level (test)")
    consult.get_by_role("button", name="Request consultations").click()
    expect(kyrgyzstan.locator("#consultation-status")).to_have_attribute("data-status", "requested")
    consultation = kyrgyzstan.url

    secretariat.goto(consultation)
    secretariat.get_by_role("button", name="Acknowledge").click()
    expect(secretariat.locator("#consultation-status")).to_have_attribute("data-status", "acknowledged")
    schedule = secretariat.locator('form[action$="/schedule/"]')
    schedule.get_by_label("How they are held").select_option("session")
    schedule.get_by_role("button", name="Schedule").click()
    expect(schedule).to_contain_text("is required")  # no session chosen: refused beside the field
    schedule = secretariat.locator('form[action$="/schedule/"]')
    schedule.get_by_label("Session").select_option(index=1)
    schedule.get_by_role("button", name="Schedule").click()
    expect(secretariat.locator("#consultation-status")).to_have_attribute("data-status", "scheduled")
    expect(secretariat.locator('#consultation-history [data-step="scheduled"]')).to_be_visible()
    secretariat.screenshot(path=str(shots / "monitoring-consultation-en.png"), full_page=True)

    open_theme(kyrgyzstan, server, theme)
    form = kyrgyzstan.locator('form[action$="/values/"]')
    form.get_by_label("Indicator").select_option(label="Price of wheat (test)")
    form.locator('[name="value"]').fill("380")
    form.get_by_label("As of").fill("2022-06-01")
    form.get_by_label("Source").fill("Ministry of Economy, revised (test)")
    form.get_by_label("Corrects").select_option(label="Price of wheat (test), 1 June 2022: 450.0000")
    form.get_by_role("button", name="Report the value").click()
    expect(wheat.locator("table.values tr.corrected")).to_contain_text("corrected by a later report")
    expect(wheat.locator("table.values")).to_contain_text("Ministry of Economy, revised (test)")
    kazakhstan.get_by_label("Language", exact=True).select_option("ru")
    kazakhstan.get_by_role("button", name="Switch").click()
    expect(kazakhstan.locator("html")).to_have_attribute("lang", "ru")
    kazakhstan.screenshot(path=str(shots / "monitoring-alert-ru.png"), full_page=True)
    assert not errors


def test_a_head_makes_a_key_in_the_browser_and_reports_a_value_signed_and_the_log_verifies(
        browser: Browser, server: str, shots: Path) -> None:
    errors: list[str] = []
    theme = "The economic effects of sanctions; food and energy security"
    food = "Food prices: annual change of the consumer price index for food"
    kyrgyzstan = signed_in(browser, server, "kgz.head")
    kyrgyzstan.on("pageerror", lambda error: errors.append(str(error)))
    open_theme(kyrgyzstan, server, theme)
    form = kyrgyzstan.locator("#value-form")
    # No key kept in this browser: the form says the value goes unsigned, and how to make a key.
    expect(form).to_contain_text("This browser keeps no signing key of yours")
    form.get_by_role("button", name="Create my signing key in this browser").click()
    expect(form.locator("[data-sign-status]")).to_contain_text("its private half stays in this browser")
    key = form.locator("[data-key-id]").inner_text()
    expect(form).to_contain_text(f"The value is signed in this browser with your key {key}")

    report(kyrgyzstan, food, "15.2", "2022-04-01", "National Statistical Committee (test)")
    first = kyrgyzstan.locator(".indicator", has_text=food)
    signed = first.locator("table.values a.signed")
    expect(signed).to_have_text(f"signed by kgz.head with key {key}")
    seq = int((signed.get_attribute("href") or "").rstrip("/").rsplit("/", 1)[-1])
    assert in_thread(lambda: (Value.objects.get(entry_seq=seq).member_id, Entry.objects.get(seq=seq).type)) == (
        "KGZ", "monitoring.value_reported")
    # A refusal names its field and records nothing: a day to come.
    report(kyrgyzstan, food, "15.3", "2099-01-01", "")
    expect(kyrgyzstan.locator("#value-form [data-sign-status]")).to_contain_text("As of")
    assert in_thread(lambda: Value.objects.filter(as_of="2099-01-01").count()) == 0
    # The history says it in Russian too.
    kyrgyzstan.get_by_label("Language", exact=True).select_option("ru")
    kyrgyzstan.get_by_role("button", name="Switch").click()
    expect(kyrgyzstan.locator("html")).to_have_attribute("lang", "ru")
    expect(kyrgyzstan.locator("table.values a.signed").first).to_contain_text("kgz.head")
    expect(kyrgyzstan.locator("table.values a.signed").first).to_contain_text(key)
    kyrgyzstan.screenshot(path=str(shots / "monitoring-signed-ru.png"), full_page=True)
    # The whole log verifies, the signed report's entry and its signature by the browser's key with it.
    out = io.StringIO()
    in_thread(lambda: call_command("ledger", "verify", "--quiet", stdout=out))
    assert out.getvalue().startswith("ok: "), out.getvalue()
    assert not errors
