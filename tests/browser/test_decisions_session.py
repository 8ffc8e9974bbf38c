"""End to end in Chromium, through the pages only: consensus is reached at a session chosen from the
deciding body's sessions, not typed (issue #21, high 5), and is refused while that session has not met."""

from __future__ import annotations

from pathlib import Path

from browser_steps import confirm, in_thread, sign_in
from playwright.sync_api import Browser, Page, expect
from sessions_held import held_session
from test_decisions_silence import table_proposal


def _open_consensus(page: Page, url: str, session: int) -> None:
    page.goto(url)
    page.get_by_label("Kind").select_option("consensus")
    page.get_by_label("Session (for consensus at a session)").select_option(str(session))
    page.get_by_role("button", name="Open the procedure").click()
    expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", "pending")


def test_consensus_is_taken_at_a_session_picked_from_a_list_once_it_is_open(browser: Browser, server: str) -> None:
    convened = in_thread(lambda: held_session(held=False))
    meeting = in_thread(held_session)
    page = browser.new_context().new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, server, "secretariat")

    # At a session that has been convened but not opened, the secretariat cannot close the procedure.
    waiting = table_proposal(page, server, "Draft decision at a session not yet open", "CSC")
    _open_consensus(page, waiting, convened)
    page.get_by_role("button", name="Close and record the outcome").click()
    confirm(page)
    expect(page.get_by_role("alert")).to_contain_text("has not been opened")
    expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", "pending")

    # At a session in progress it can; the procedure's page links the session it was taken at.
    url = table_proposal(page, server, "Draft decision at the session", "CSC")
    _open_consensus(page, url, meeting)
    expect(page.locator(f'a[href="/meetings/sessions/{meeting}/"]')).to_be_visible()
    page.get_by_role("button", name="Close and record the outcome").click()
    confirm(page)
    expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", "adopted")
    assert errors == []


def test_a_draft_returned_at_a_session_says_why_in_each_language(browser: Browser, server: str,
                                                                 shots: Path) -> None:
    meeting = in_thread(held_session)
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, server, "secretariat")
    url = table_proposal(page, server, "Draft returned at the session", "CSC")
    _open_consensus(page, url, meeting)
    page.get_by_label("The session returned the draft for revision").check()
    page.locator("#close-reason_0").fill("Пункт 3 переработать")
    page.locator("#close-reason_1").fill("Paragraph 3 to be redrafted")
    page.get_by_role("button", name="Close and record the outcome").click()
    confirm(page)
    expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", "returned")
    expect(page.get_by_text("Paragraph 3 to be redrafted")).to_be_visible()
    # A Russian reader reads why in Russian (it was the one English text on the Russian page).
    page.context.add_cookies([{"name": "django_language", "value": "ru", "url": server}])
    for width in (1280, 768):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        expect(page.get_by_text("Пункт 3 переработать")).to_be_visible()
        expect(page.get_by_text("Paragraph 3 to be redrafted")).to_have_count(0)
        page.screenshot(path=str(shots / f"decision-returned-ru-{width}.png"), full_page=True)
