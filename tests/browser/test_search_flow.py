"""End to end in Chromium: a delegate searches from the header, opens a result, and filters a list."""

from __future__ import annotations

from pathlib import Path

from axe_checks import axe_script, severe_violations
from browser_steps import fits_the_width, in_thread, sign_in
from playwright.sync_api import Browser, expect
from test_live import LAPTOP, TABLET

from accord.core.acting import Actor
from accord.meetings import actions


def _two_sessions() -> tuple[int, int]:
    """A public session and a participants-only one, both named with a word found nowhere else."""

    def build() -> tuple[int, int]:
        console = Actor.console()
        public = actions.convene_session(actor=console, body="CSC", kind="regular", mode="video",
                                         starts_on="2031-03-02",
                                         title={"en": "Quokka consultations", "ru": "Консультации «Квокка»"})
        hidden = actions.convene_session(actor=console, body="CSC", kind="extraordinary", mode="video",
                                         starts_on="2031-03-05", classification="participants",
                                         participants=["KAZ", "RUS"],
                                         title={"en": "Quokka closed talks", "ru": "Закрытые переговоры «Квокка»"})
        return public.pk, hidden.pk

    return in_thread(build)


def test_a_delegate_searches_from_the_header_opens_a_result_and_filters_a_list(
        browser: Browser, server: str, shots: Path) -> None:
    public, hidden = _two_sessions()
    page = browser.new_context(viewport=LAPTOP).new_page()
    sign_in(page, server, "arm.head")

    page.get_by_role("search").get_by_label("Search").fill("quokka")
    page.get_by_role("search").get_by_label("Search").press("Enter")
    # The session and the act that convened it, as the log explorer lists it.
    expect(page.locator("#search-count")).to_have_text("2 results")
    expect(page.locator(".search-hit--session .search-hit__snippet mark")).to_have_text("Quokka")
    expect(page.locator("main")).not_to_contain_text("closed talks")
    page.screenshot(path=str(shots / "search-results-en-1366.png"), full_page=True)
    assert severe_violations(page, axe_script()) == []

    page.get_by_role("link", name="Quokka consultations").click()
    expect(page).to_have_url(f"{server}/meetings/sessions/{public}/")
    expect(page.locator("h1")).to_contain_text("Quokka consultations")

    page.goto(f"{server}/meetings/")
    page.get_by_label("Year").select_option("2031")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(f"{server}/meetings/?body=&year=2031&status=")
    expect(page.locator(".filters__count")).to_contain_text("1 result")
    expect(page.locator(".session-list")).to_contain_text("Quokka consultations")
    assert severe_violations(page, axe_script()) == []
    page.get_by_role("link", name="Clear filters").click()
    expect(page).to_have_url(f"{server}/meetings/")

    # A participant of the closed session finds both, in Russian, on a tablet.
    inside = browser.new_context(viewport=TABLET).new_page()
    sign_in(inside, server, "kaz.head")
    inside.locator("#language-select").select_option("ru")
    inside.locator(".language button").click()
    expect(inside.locator("html")).to_have_attribute("lang", "ru")
    inside.goto(f"{server}/search/?q=%D0%BA%D0%B2%D0%BE%D0%BA%D0%BA")  # "квокк": the beginning of the word
    expect(inside.locator(".search-hit--session a")).to_have_count(2)
    expect(inside.locator("#search-count")).to_have_text("4 результата")
    inside.locator(f'.search-hits a[href="/meetings/sessions/{hidden}/"]').click()
    expect(inside.locator("h1")).to_contain_text("Закрытые переговоры «Квокка»")
    assert fits_the_width(inside)
    inside.go_back()
    inside.screenshot(path=str(shots / "search-results-ru-768.png"), full_page=True)
