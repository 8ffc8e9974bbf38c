"""End to end in Chromium: the secretariat plans a drill, whose first inject fires at its time unattended;
Kazakhstan files the request on the drill's pages and four other member states acknowledge it, each in its
own browser; the secretariat records the response and the mandate, Russia's contingent deploys, and the
secretariat's open drill page shows the figures beside Kazakhstan 2022 without reloading; Kyrgyzstan then
files a second request, which Russia acknowledges, and the page gives it its own figures. The real crisis
list never shows either."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from browser_steps import LAPTOP, TABLET, answer_with_an_operation, fill_moment, fits_the_width, signed_in
from playwright.sync_api import Browser, Page, expect

from accord.core import clock

AREA = "Drill area of the browser test"


def plan_drill(page: Page, base: str) -> str:
    page.goto(f"{base}/drills/")
    form = page.locator('form[action="/drills/plan/"]')
    form.locator('[name="name_ru"]').fill("Тренировка браузера")
    form.locator('[name="name_en"]').fill("Browser drill")
    fill_moment(form, "Begins at", (clock.now() - dt.timedelta(hours=1)).replace(second=0, microsecond=0))
    form.get_by_role("button", name="Plan the drill").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Browser drill")
    return page.url


def test_a_drill_from_the_first_inject_to_the_comparison_of_figures(browser: Browser, server: str,
                                                                    shots: Path) -> None:
    errors: list[str] = []
    director = signed_in(browser, server, "secretariat")
    director.on("pageerror", lambda error: errors.append(str(error)))
    drill_url = plan_drill(director, server)
    run = drill_url + "run"
    form = director.locator('form[action$="/injects/"]')
    fill_moment(form, "Fires at", (clock.now() - dt.timedelta(minutes=30)).replace(second=0, microsecond=0))
    form.get_by_label("What happens").select_option("request")
    form.get_by_label("Addressed to").select_option("KAZ")
    form.locator('[name="text_ru"]').fill("Поступает запрос Казахстана")
    form.locator('[name="text_en"]').fill("Kazakhstan's request arrives")
    form.get_by_role("button", name="Add the inject").click()
    # Its time has come: the drill's clock fires it as the page is drawn, without the director's click.
    expect(director.locator("[data-inject][data-fired]")).to_have_count(1)
    expect(director.get_by_role("button", name="Fire now")).to_have_count(0)
    expect(director.locator("html[data-drill-live=live]")).to_have_count(1)

    kazakhstan = signed_in(browser, server, "kaz.head")
    kazakhstan.goto(drill_url)
    expect(kazakhstan.locator("[data-inject][data-fired]")).to_contain_text("Kazakhstan's request arrives")
    kazakhstan.get_by_role("link", name="The drill's request").click()
    expect(kazakhstan.locator(".drill-banner")).to_contain_text("Drill — not a real request")
    kazakhstan.get_by_label("Legal basis").select_option("aggression")
    kazakhstan.locator('[name="happened_ru"]').fill("Учебный сценарий")
    kazakhstan.locator('[name="area_ru"]').fill(AREA)
    kazakhstan.locator('[name="asks_for_ru"]').fill("Peacekeepers")
    kazakhstan.get_by_role("button", name="File the request").click()
    expect(kazakhstan.get_by_role("heading", level=1)).to_contain_text("Request of Kazakhstan")
    crisis_url = kazakhstan.url
    assert crisis_url.startswith(run + "/crises/")
    expect(kazakhstan.locator(".drill-banner")).to_be_visible()

    for username, code in (("rus.head", "RUS"), ("blr.head", "BLR"), ("arm.delegate", "ARM"),
                           ("tjk.head", "TJK")):
        member = signed_in(browser, server, username, TABLET if code == "ARM" else LAPTOP)
        member.on("pageerror", lambda error: errors.append(str(error)))
        member.goto(crisis_url)
        expect(member.locator(".drill-banner")).to_be_visible()
        member.get_by_role("button", name=f"Acknowledge for {code}").click()
        expect(member.locator(f'.ack-strip__cell--seen[data-member="{code}"]')).to_have_count(1)
        # Kazakhstan's open drill page hears of it live.
        expect(kazakhstan.locator(f'.ack-strip__cell--seen[data-member="{code}"]')).to_have_count(1)
        if code == "ARM":
            assert fits_the_width(member)
            member.screenshot(path=str(shots / "drill-crisis-tablet.png"), full_page=True)
        if code != "RUS":
            member.context.close()
        else:
            russia = member

    answer_with_an_operation(director, crisis_url, purpose="Учебная цель", commander="Учебный командующий",
                             capability="peacekeeping_contingent", units="1", decision="Drill decision")
    director.goto(drill_url)
    expect(director.locator('[data-kind="drill"]')).to_be_visible()

    russia.goto(crisis_url)
    russia.get_by_label("Capability:", exact=True).select_option("peacekeeping_contingent")
    russia.get_by_role("button", name="Pledge", exact=True).click()
    kazakhstan.reload()
    kazakhstan.locator('[data-accept="RUS"]').click()
    russia.reload()
    for phase in ("alerted", "authorized", "departed", "arrived", "operational"):
        form = russia.locator('[data-contingent="RUS"]')
        form.get_by_label("Phase").select_option(phase)
        form.get_by_role("button", name="Record").click()
        expect(russia.locator(f'.sync-actual[data-phase="{phase}"]')).to_have_count(1)

    # The director's open page: the figures, drawn, beside Kazakhstan 2022, without reloading.
    figures = director.locator(".drill-figures")
    expect(figures.locator('tr[data-kind="drill"] td').nth(2)).not_to_have_text("—")
    expect(figures.locator('tr[data-kind="real"]')).to_contain_text("Kazakhstan")
    expect(figures.locator("tr[data-last]")).to_contain_text("Tajikistan")  # the last to acknowledge
    expect(figures.locator("svg rect.bar--real").first).to_be_visible()

    # A second state asks while the first request is handled: its request has its own figures, beside the same
    # targets and operations, with its own acknowledgements (Russia's), on the director's open page.
    kyrgyzstan = signed_in(browser, server, "kgz.head")
    kyrgyzstan.on("pageerror", lambda error: errors.append(str(error)))
    kyrgyzstan.goto(run + "/crises/")
    kyrgyzstan.get_by_label("Legal basis").select_option("consultations")
    kyrgyzstan.locator('[name="happened_ru"]').fill("Второй учебный сценарий")
    kyrgyzstan.locator('[name="area_ru"]').fill(AREA + " 2")
    kyrgyzstan.locator('[name="asks_for_ru"]').fill("Consultations")
    kyrgyzstan.get_by_role("button", name="File the request").click()
    expect(kyrgyzstan.get_by_role("heading", level=1)).to_contain_text("Request of Kyrgyzstan")
    second_url = kyrgyzstan.url
    kyrgyzstan.context.close()
    russia.goto(second_url)
    russia.get_by_role("button", name="Acknowledge for RUS").click()
    expect(russia.locator('.ack-strip__cell--seen[data-member="RUS"]')).to_have_count(1)
    expect(figures.locator('tr[data-kind="drill"]')).to_have_count(2)
    expect(figures.locator("[data-acknowledged]")).to_have_count(2)
    expect(figures.locator("[data-acknowledged] tr[data-last]").last).to_contain_text("Russia")
    expect(figures.locator('tr[data-kind="drill"]').last).to_contain_text("Kyrgyzstan")
    director.screenshot(path=str(shots / "drill-figures-en.png"), full_page=True)
    director.get_by_label("Language", exact=True).select_option("ru")
    director.get_by_role("button", name="Switch").click()
    expect(director.locator(".drill-banner")).to_contain_text("Тренировка — не настоящая просьба")
    director.screenshot(path=str(shots / "drill-figures-ru.png"), full_page=True)

    # The real crisis list never shows the drill's request.
    kazakhstan.goto(f"{server}/crises/")
    expect(kazakhstan.get_by_text(AREA)).to_have_count(0)
    assert errors == []
