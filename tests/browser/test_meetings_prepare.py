"""End to end in Chromium: the Secretariat convenes a session, prepares its part and agenda, holds it
(attendance, a statement, an outcome) and closes it, through the pages alone; the public then reads it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from browser_steps import confirm, sign_in
from playwright.sync_api import Browser, expect
from test_live import LAPTOP

# The session is held the day it is convened for: none is opened before its first day.
TODAY = dt.datetime.now(dt.UTC).date().isoformat()


def test_a_session_is_convened_prepared_held_and_closed_in_the_browser(
    browser: Browser, server: str, shots: Path
) -> None:
    page = browser.new_context(viewport=LAPTOP).new_page()
    sign_in(page, server, "secretariat")
    page.goto(f"{server}/meetings/")
    page.get_by_role("link", name="Convene a session").click()

    page.get_by_label("Body").select_option("CSC")
    page.locator("#convene-title_1").fill("Winter session by video")
    page.locator("#convene-title_0").fill("Зимняя сессия в формате видеоконференции")
    page.get_by_label("Form").select_option("in_person")
    page.get_by_label("First day").fill(TODAY)
    page.get_by_role("button", name="Convene the session").click()
    expect(page.locator("#convene-place_error")).to_contain_text(
        "Place (in person): required in the organization's default language (Russian)")
    expect(page.locator("#convene-title_1")).to_have_value("Winter session by video")
    page.get_by_label("Form").select_option("video")
    page.get_by_label("First day").fill(TODAY)
    page.get_by_role("button", name="Convene the session").click()
    expect(page.get_by_role("heading", name="Chair's console")).to_be_visible()

    page.get_by_label("Kind of part").select_option("plenary")
    page.locator("#part-title_1").fill("Plenary")
    page.locator("#part-title_0").fill("Пленарное заседание")
    page.get_by_role("button", name="Add the part").click()
    page.locator("#item-title_1").fill("Budget for 2027")
    page.locator("#item-title_0").fill("Бюджет на 2027 год")
    page.get_by_label("Taken in part").select_option(index=1)
    page.get_by_role("button", name="Add the item").click()
    page.get_by_role("button", name="Agree the agenda").click()
    page.get_by_role("button", name="Open the session").click()

    hold = page.locator("#hold-heading").locator("..")
    hold.locator("#att-member").select_option("KAZ")
    hold.get_by_label("Presence").select_option("remote")
    page.locator("#att-represented_by_0").fill("Министр иностранных дел")
    page.locator("#att-represented_by_1").fill("Minister of foreign affairs")
    page.get_by_role("button", name="Record attendance").click()
    page.locator("#sp-delegation").select_option("KAZ")
    page.locator("#sp-speaker_name_0").fill("Касым-Жомарт Токаев")
    page.locator("#sp-speaker_name_1").fill("Kassym-Jomart Tokayev")
    page.get_by_role("button", name="Put on the list of speakers").click()
    page.locator("#dl-summary_1").fill("Supported the budget for 2027.")
    page.locator("#dl-summary_0").fill("Поддержал бюджет на 2027 год.")
    page.get_by_role("button", name="Record the statement").click()
    page.get_by_label("Outcome of item 1").select_option("adopted")
    page.get_by_role("button", name="Record", exact=True).click()
    page.get_by_role("button", name="Close the session").click()
    confirm(page)
    expect(page.locator(".lead")).to_contain_text("Closed")

    public = browser.new_context(viewport=LAPTOP).new_page()
    public.goto(f"{server}/meetings/")
    public.get_by_role("link", name="Winter session by video").click()
    expect(public.locator("body")).to_contain_text("Supported the budget for 2027.")
    expect(public.locator(".statement strong")).to_have_text("Kassym-Jomart Tokayev")
    expect(public.locator(".attendance")).to_contain_text("Minister of foreign affairs")
    expect(public.locator(".agenda")).to_contain_text("Adopted")
    public.screenshot(path=str(shots / "meetings-prepared-and-held.png"), full_page=True)
