"""End to end in Chromium: a request filed, acknowledged live by another member, answered with an
operation, a contingent pledged, accepted and moved through its phases, the timeline drawing it.

Here the secretariat names a decision taken elsewhere on the mandate; test_crises_decision.py takes
the decision through an accelerated procedure opened from the crisis page.
"""

from __future__ import annotations

from pathlib import Path

from browser_steps import answer_with_an_operation, sign_in
from playwright.sync_api import Browser, Page, ViewportSize, expect

LAPTOP: ViewportSize = {"width": 1366, "height": 900}


def signed_in(browser: Browser, base: str, username: str) -> Page:
    page = browser.new_context(viewport=LAPTOP).new_page()
    sign_in(page, base, username)
    return page


def file_request(page: Page, base: str, legal_basis: str, happened: str, area: str, asks_for: str) -> str:
    """Kazakhstan's official files a request through the crisis list's form; the request's URL."""
    page.goto(f"{base}/crises/")
    page.get_by_label("Legal basis").select_option(legal_basis)
    # A text per organization language: Russian (the default, required) first, then English.
    page.locator('[name="happened_ru"]').fill(happened)
    page.locator('[name="happened_en"]').fill(happened)
    page.locator('[name="area_ru"]').fill(area)
    page.locator('[name="asks_for_ru"]').fill(asks_for)
    page.get_by_role("button", name="File the request").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Request of Kazakhstan")
    return page.url


def pledge_accept_and_move(russia: Page, kazakhstan: Page, crisis_url: str, capability: str) -> None:
    """Russia pledges one unit, Kazakhstan accepts it, Russia moves it until it has arrived."""
    russia.goto(crisis_url)
    russia.get_by_label("Capability:", exact=True).select_option(capability)
    russia.get_by_role("button", name="Pledge", exact=True).click()
    expect(kazakhstan.locator(f'[data-capability="{capability}"]').first).to_be_visible()
    kazakhstan.reload()
    kazakhstan.locator('[data-accept="RUS"]').click()
    russia.reload()
    for phase in ("alerted", "authorized", "departed", "arrived"):
        form = russia.locator('[data-contingent="RUS"]')
        form.get_by_label("Phase").select_option(phase)
        form.get_by_role("button", name="Record").click()
        expect(russia.locator(f'.sync-actual[data-phase="{phase}"]')).to_have_count(1)


def test_a_request_goes_from_filing_to_contingents_moving_on_the_timeline(browser: Browser, server: str,
                                                                         shots: Path) -> None:
    errors: list[str] = []
    russia = signed_in(browser, server, "rus.head")
    russia.on("pageerror", lambda error: errors.append(str(error)))
    expect(russia.locator("html[data-crisis-live=live]")).to_have_count(1)

    kazakhstan = signed_in(browser, server, "kaz.head")
    crisis_url = file_request(kazakhstan, server, "relief", "Floods in the Ural river basin",
                              "West Kazakhstan region", "Transport aircraft and a medical team")

    # Russia's console hears of it live, without reloading, and acknowledges.
    expect(russia.locator(".crisis-card")).to_contain_text("West Kazakhstan region")
    russia.locator(".crisis-card").get_by_role("link", name="West Kazakhstan region").click()
    russia.get_by_role("button", name="Acknowledge for RUS").click()
    expect(russia.locator('.ack-strip__cell--seen[data-member="RUS"]')).to_have_count(1)
    # ... and Kazakhstan's page shows it live.
    expect(kazakhstan.locator('.ack-strip__cell--seen[data-member="RUS"]')).to_have_count(1)

    secretariat = signed_in(browser, server, "secretariat")
    answer_with_an_operation(secretariat, crisis_url, purpose="Relief flights and field hospitals",
                             commander="Commander of the relief force", capability="transport_aircraft", units="2",
                             decision="Decision of the Council on relief")

    pledge_accept_and_move(russia, kazakhstan, crisis_url, "transport_aircraft")

    # The host's page drew the contingent's phases live.
    timeline = kazakhstan.locator(".sync-timeline")
    expect(timeline.locator('.sync-actual[data-phase="arrived"]')).to_have_count(1)
    expect(kazakhstan.locator('tr[data-capability="transport_aircraft"]')).to_contain_text("1")
    kazakhstan.screenshot(path=str(shots / "crises-flow.png"), full_page=True)
    assert errors == []
