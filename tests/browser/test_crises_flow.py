"""End to end in Chromium: a request filed, acknowledged live by another member, answered with an
operation, a contingent pledged, accepted and moved through its phases, the timeline drawing it.

The accelerated procedure and the delegates' positions belong to the decisions app; here the
secretariat records the authorizing decision on the mandate.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, Page, expect

PASSWORD = "accord-demo"
LAPTOP = {"width": 1366, "height": 900}


def _signed_in(browser: Browser, base: str, username: str) -> Page:
    page = browser.new_context(viewport=LAPTOP).new_page()
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base}/")
    return page


def test_a_request_goes_from_filing_to_contingents_moving_on_the_timeline(browser: Any, server: str,
                                                                         shots: Any) -> None:
    errors: list[str] = []
    russia = _signed_in(browser, server, "rus.head")
    russia.on("pageerror", lambda error: errors.append(str(error)))
    expect(russia.locator("html[data-crisis-live=live]")).to_have_count(1)

    kazakhstan = _signed_in(browser, server, "kaz.head")
    kazakhstan.goto(f"{server}/crises/")
    kazakhstan.get_by_label("Legal basis").select_option("relief")
    kazakhstan.get_by_label("What happened").fill("Floods in the Ural river basin")
    kazakhstan.get_by_label("Area").fill("West Kazakhstan region")
    kazakhstan.get_by_label("What the member asks for").fill("Transport aircraft and a medical team")
    kazakhstan.get_by_role("button", name="File the request").click()
    expect(kazakhstan.get_by_role("heading", level=1)).to_contain_text("West Kazakhstan region")
    crisis_url = kazakhstan.url

    # Russia's console hears of it live, without reloading, and acknowledges.
    expect(russia.locator(".crisis-card")).to_contain_text("West Kazakhstan region")
    russia.locator(".crisis-card").get_by_role("link", name="West Kazakhstan region").click()
    russia.get_by_role("button", name="Acknowledge for RUS").click()
    expect(russia.locator('.ack-strip__cell--seen[data-member="RUS"]')).to_have_count(1)
    # ... and Kazakhstan's page shows it live.
    expect(kazakhstan.locator('.ack-strip__cell--seen[data-member="RUS"]')).to_have_count(1)

    secretariat = _signed_in(browser, server, "secretariat")
    secretariat.goto(crisis_url)
    secretariat.get_by_label("Response", exact=True).select_option("operation")
    secretariat.get_by_role("button", name="Record the response").click()
    secretariat.get_by_label("Purpose").fill("Relief flights and field hospitals")
    secretariat.get_by_label("Commander").fill("Commander of the relief force")
    secretariat.get_by_label("Appointed by").select_option("CMD")
    secretariat.locator("#req_transport_aircraft").fill("2")
    secretariat.locator("#decision_identifier").fill("Decision of the Council on relief")
    secretariat.get_by_role("button", name="Set the mandate").click()
    expect(secretariat.locator("#mandate-heading")).to_be_visible()

    russia.goto(crisis_url)
    russia.get_by_label("Capability", exact=True).select_option("transport_aircraft")
    russia.get_by_label("Units", exact=True).fill("2")
    russia.get_by_role("button", name="Pledge", exact=True).click()
    expect(kazakhstan.locator('[data-capability="transport_aircraft"]').first).to_be_visible()

    kazakhstan.reload()
    kazakhstan.locator('[data-accept="RUS"]').click()
    russia.reload()
    form = russia.locator('[data-contingent="RUS"]')
    for phase in ("alerted", "authorized", "departed", "arrived"):
        form.get_by_label("Phase").select_option(phase)
        form.get_by_role("button", name="Record").click()
        form = russia.locator('[data-contingent="RUS"]')
        expect(russia.locator(f'.sync-actual[data-phase="{phase}"]')).to_have_count(1)

    # The host's page drew the contingent's phases live.
    timeline = kazakhstan.locator(".sync-timeline")
    expect(timeline.locator('.sync-actual[data-phase="arrived"]')).to_have_count(1)
    expect(kazakhstan.locator('tr[data-capability="transport_aircraft"]')).to_contain_text("2")
    kazakhstan.screenshot(path=str(shots / "crises-flow.png"), full_page=True)
    assert errors == []
