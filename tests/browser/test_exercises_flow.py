"""End to end in Chromium: the secretariat plans an exercise, three member states confirm their participation
in their own browsers while the host's page follows live, one declares it does not take part, and the host
cancels: every open page, and the month's calendar open beside, shows it without anyone reloading."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from browser_steps import TABLET, fits_the_width, signed_in
from playwright.sync_api import Browser, Page, expect

from accord.core import clock


def plan(page: Page, base: str, name: str = "Exercise-test", force: str | None = None,
         start: str = "2031-10-10") -> str:
    page.goto(f"{base}/exercises/")
    form = page.locator('form[action="/exercises/plan/"]')
    form.locator('[name="name_ru"]').fill("Учение-тест")
    form.locator('[name="name_en"]').fill(name)
    form.get_by_label("Kind").select_option("peacekeeping")
    form.get_by_label("Host state").select_option("KGZ")
    form.locator('[name="ground_ru"]').fill("Балыкчы")
    form.locator('[name="ground_en"]').fill("Balykchy")
    if force is not None:
        form.get_by_label(force).check()
    form.get_by_label("Planned from").fill(start)
    form.get_by_label("Planned until").fill(start[:-2] + "14")
    form.get_by_role("button", name="Plan the exercise").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    return page.url


def confirm_participation(page: Page, url: str, personnel: str) -> None:
    page.goto(url)
    form = page.locator("#declare_participation-form")
    form.get_by_label("Participation").select_option("confirmed")
    form.get_by_label("Personnel").fill(personnel)
    form.get_by_role("button", name="Declare").click()


def test_members_confirm_live_and_the_host_cancels(browser: Browser, server: str, shots: Path) -> None:
    errors: list[str] = []
    secretariat = signed_in(browser, server, "secretariat")
    secretariat.on("pageerror", lambda error: errors.append(str(error)))
    # The month's calendar, open beside: the exercise appears on it when planned, and goes when cancelled.
    month = secretariat.context.new_page()
    month.on("pageerror", lambda error: errors.append(str(error)))
    month.goto(f"{server}/meetings/calendar/?month=2031-10")
    expect(month.locator("html[data-calendar-live=live]")).to_have_count(1)
    on_the_calendar = month.locator(".month-grid__entry", has_text="Exercise-test")
    expect(on_the_calendar).to_have_count(0)
    url = plan(secretariat, server)
    expect(on_the_calendar.first).to_be_visible()

    host = signed_in(browser, server, "kgz.head")
    host.on("pageerror", lambda error: errors.append(str(error)))
    host.goto(url)
    expect(host.locator("html[data-exercise-live=live]")).to_have_count(1)
    for username, code, personnel in (("kaz.head", "KAZ", "300"), ("rus.delegate", "RUS", "500"),
                                      ("tjk.head", "TJK", "200")):
        member = signed_in(browser, server, username)
        confirm_participation(member, url, personnel)
        row = f'#participation [data-member="{code}"]'
        expect(member.locator(row)).to_have_attribute("data-status", "confirmed")
        # The host's open page hears of it without reloading.
        expect(host.locator(row)).to_have_attribute("data-status", "confirmed")
        member.context.close()

    armenia = signed_in(browser, server, "arm.head", TABLET)
    armenia.goto(url)
    form = armenia.locator("#declare_participation-form")
    form.get_by_label("Participation").select_option("not_participating")
    form.get_by_role("button", name="Declare").click()
    # Refused beside its field: a state that does not take part says why; nothing is written.
    expect(armenia.locator("#participation-reason_error_1")).to_be_visible()
    armenia.locator('#declare_participation-form [name="reason_ru"]').fill("The situation on its border")
    armenia.locator("#declare_participation-form").get_by_role("button", name="Declare").click()
    expect(host.locator('#participation [data-member="ARM"]')).to_contain_text("The situation on its border")
    assert fits_the_width(armenia)
    armenia.screenshot(path=str(shots / "exercise-tablet.png"), full_page=True)

    cancel = host.locator("#cancel-form")
    cancel.locator('[name="reason_ru"]').fill("Border clashes")
    cancel.get_by_role("button", name="Cancel the exercise").click()
    expect(host.locator('#exercise-live [data-state="cancelled"]').first).to_be_visible()
    expect(armenia.locator('#exercise-live [data-state="cancelled"]').first).to_be_visible()
    expect(armenia.locator("#exercise-live")).to_contain_text("Border clashes")
    expect(on_the_calendar).to_have_count(0)  # a cancelled exercise leaves the calendar, without a reload
    expect(month.locator("#month-live")).to_have_attribute("data-refreshed", re.compile(r"\d+"))

    host.get_by_label("Language").select_option("ru")
    host.get_by_role("button", name="Switch").click()
    expect(host.locator("html")).to_have_attribute("lang", "ru")
    expect(host.locator('#exercise-live [data-state="cancelled"]').first).to_have_text("Отменено")
    host.screenshot(path=str(shots / "exercise-ru.png"), full_page=True)
    secretariat.goto(url)
    secretariat.screenshot(path=str(shots / "exercise-en.png"), full_page=True)
    assert not errors


def test_units_committed_twice_are_refused_until_acknowledged_and_the_clash_shows_live(
        browser: Browser, server: str, shots: Path) -> None:
    """Kazakhstan's units of a force in two exercises over the same days: refused beside the acknowledgement,
    then declared acknowledging it; the secretariat's open page shows the clash and the timeline, live."""
    force = "Collective Rapid Reaction Forces"
    secretariat = signed_in(browser, server, "secretariat")
    first = plan(secretariat, server, "Clash-one", force, "2032-10-10")
    second = plan(secretariat, server, "Clash-two", force, "2032-10-12")
    expect(secretariat.locator("html[data-exercise-live=live]")).to_have_count(1)
    expect(secretariat.locator(".exercise-timeline")).to_be_visible()

    kazakhstan = signed_in(browser, server, "kaz.head")
    for url in (first, second):
        kazakhstan.goto(url)
        form = kazakhstan.locator("#declare_participation-form")
        form.get_by_label("Participation").select_option("pledged")
        form.get_by_label("Standing force").select_option(label=force)
        form.locator('[name="units"]').fill("2")
        form.get_by_role("button", name="Declare").click()
    # The second is refused, naming the first, beside the acknowledgement; what was typed stays.
    refused = kazakhstan.locator("#declare_participation-form")
    expect(refused).to_contain_text("Clash-one")
    expect(refused.locator('[name="units"]')).to_have_value("2")
    expect(secretariat.locator("#conflicts")).to_have_count(0)
    refused.get_by_label("Declare them even where the units are committed elsewhere over the same days").check()
    refused.get_by_role("button", name="Declare").click()
    expect(kazakhstan.locator('#participation [data-member="KAZ"]')).to_have_attribute("data-status", "pledged")
    # The secretariat's open page hears of it: the clash with a link to the other exercise, and the timeline.
    clash = secretariat.locator('#conflicts [data-kind="unit_in_two_exercises"][data-member="KAZ"]')
    expect(clash).to_be_visible()
    expect(clash.get_by_role("link", name="See the exercise")).to_have_attribute("href", first.split(server)[1])
    expect(secretariat.locator('.exercise-timeline [data-member="KAZ"] .timeline-planned')).to_have_count(1)
    secretariat.screenshot(path=str(shots / "exercise-conflict.png"), full_page=True)


def test_an_exercise_is_confirmed_held_and_evaluated_in_the_browser(browser: Browser, server: str,
                                                                     shots: Path) -> None:
    """Issue 14's "done when": the secretariat plans an exercise of last month, confirms it, records it held,
    assesses an objective and records a lesson, all on the exercise's page; the lesson is on the organization's
    one lessons list, under the exercises."""
    errors: list[str] = []
    secretariat = signed_in(browser, server, "secretariat")
    secretariat.on("pageerror", lambda error: errors.append(str(error)))
    start = clock.today() - dt.timedelta(days=30)
    url = plan(secretariat, server, "Exercise-held", start=start.isoformat())

    secretariat.locator("#confirm-form").get_by_role("button", name="Confirm").click()
    expect(secretariat.locator('#exercise-live [data-state="confirmed"]').first).to_be_visible()
    held = secretariat.locator("#record_held-form")
    held.get_by_label("Held from").fill(start.isoformat())
    held.get_by_label("Held until").fill((start + dt.timedelta(days=4)).isoformat())
    held.get_by_role("button", name="Record as held").click()
    expect(secretariat.locator('#exercise-live [data-state="held"]').first).to_be_visible()

    assess = secretariat.locator("#assess-form")
    assess.locator('[name="objective_en"]').fill("Deploy a contingent within a day")
    assess.locator('[name="objective_ru"]').fill("Развернуть контингент за сутки")
    assess.get_by_label("Assessment").select_option("partly")
    assess.locator('[name="findings_en"]').fill("The second echelon arrived a day late")
    assess.locator('[name="findings_ru"]').fill("Второй эшелон прибыл на сутки позже")
    assess.get_by_role("button", name="Record the assessment").click()
    expect(secretariat.locator('#assessments tr[data-rating="partly"]')).to_contain_text(
        "Deploy a contingent within a day")

    lesson = secretariat.locator("#record_lesson-form")
    lesson.locator('[name="text_en"]').fill("Rehearse the second echelon's movement")
    lesson.locator('[name="text_ru"]').fill("Отрабатывать выдвижение второго эшелона")
    lesson.get_by_role("button", name="Record the lesson").click()
    expect(secretariat.locator("#lessons")).to_contain_text("Rehearse the second echelon's movement")
    assert secretariat.url.split("#")[0].rstrip("/") == url.split("#")[0].rstrip("/")
    secretariat.screenshot(path=str(shots / "exercise-evaluated.png"), full_page=True)

    secretariat.goto(f"{server}/drills/lessons/?source=exercise")
    expect(secretariat.get_by_text("Rehearse the second echelon's movement")).to_be_visible()
    assert not errors
