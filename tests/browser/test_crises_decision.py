"""End to end in Chromium: a request filed; the chair opens a procedure on the draft decision; five
delegates, each in its own browser, lodge their positions; the decision is adopted and authorizes
the operation's mandate; a contingent pledged, accepted and moved until the timeline draws it."""

from __future__ import annotations

from typing import Any

from conftest import in_thread
from playwright.sync_api import Browser, Page, expect

PASSWORD = "accord-demo"
LAPTOP = {"width": 1366, "height": 900}
DELEGATES = ("arm.delegate", "blr.delegate", "kgz.delegate", "rus.delegate", "tjk.delegate")
TITLE = "Decision on assistance to Kazakhstan (browser test)"


def _signed_in(browser: Browser, base: str, username: str) -> Page:
    page = browser.new_context(viewport=LAPTOP).new_page()
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base}/")
    return page


def _identifier() -> str:
    from accord.decisions.models import Decision

    found = Decision.objects.get(proposal__title_en=TITLE)
    assert found.identifier is not None
    return found.identifier


def test_a_decision_taken_by_the_delegates_authorizes_the_deployment(browser: Any, server: str) -> None:
    kazakhstan = _signed_in(browser, server, "kaz.head")
    kazakhstan.goto(f"{server}/crises/")
    kazakhstan.get_by_label("Legal basis").select_option("aggression")
    kazakhstan.get_by_label("What happened").fill("Armed attacks on public buildings")
    kazakhstan.get_by_label("Area").fill("Almaty region")
    kazakhstan.get_by_label("What the member asks for").fill("Collective peacekeeping forces")
    kazakhstan.get_by_role("button", name="File the request").click()
    crisis_url = kazakhstan.url

    chair = _signed_in(browser, server, "rus.head")  # Russia chairs in 2026
    chair.goto(f"{server}/decisions/new/")
    chair.get_by_label("Title in English").fill(TITLE)
    chair.get_by_label("Deciding body").select_option("CSC")
    chair.get_by_role("button", name="Table the proposal").click()
    chair.get_by_label("Kind").select_option("consensus")
    chair.get_by_label("Session (for consensus at a session)").fill("Extraordinary session by video")
    chair.get_by_role("button", name="Open the procedure").click()
    proposal_url = chair.url.rstrip("/").removesuffix("/open")

    for handle in DELEGATES:
        delegate = _signed_in(browser, server, handle)
        delegate.goto(proposal_url + "/")
        delegate.get_by_role("button", name="Lodge the position").click()
        expect(delegate.locator(".position-grid")).to_be_visible()
        delegate.context.close()

    chair.goto(proposal_url + "/")
    chair.get_by_role("button", name="Close and record the outcome").click()
    expect(chair.locator("[data-outcome=adopted]")).to_have_count(1)
    identifier = in_thread(_identifier)

    secretariat = _signed_in(browser, server, "secretariat")
    secretariat.goto(crisis_url)
    secretariat.get_by_label("Response", exact=True).select_option("operation")
    secretariat.get_by_role("button", name="Record the response").click()
    secretariat.get_by_label("Purpose").fill("Protect important state facilities")
    secretariat.get_by_label("Commander").fill("Commander of the peacekeeping forces")
    secretariat.get_by_label("Appointed by").select_option("CMD")
    secretariat.locator("#req_peacekeeping_contingent").fill("1")
    secretariat.locator("#decision_identifier").fill(identifier)
    secretariat.get_by_role("button", name="Set the mandate").click()
    expect(secretariat.locator("#mandate-heading")).to_be_visible()
    expect(secretariat.locator("#content")).to_contain_text(identifier)

    russia = chair
    russia.goto(crisis_url)
    russia.get_by_label("Capability", exact=True).select_option("peacekeeping_contingent")
    russia.get_by_role("button", name="Pledge", exact=True).click()
    kazakhstan.reload()
    kazakhstan.locator('[data-accept="RUS"]').click()
    russia.reload()
    for phase in ("alerted", "authorized", "departed", "arrived"):
        form = russia.locator('[data-contingent="RUS"]')
        form.get_by_label("Phase").select_option(phase)
        form.get_by_role("button", name="Record").click()
        expect(russia.locator(f'.sync-actual[data-phase="{phase}"]')).to_have_count(1)
    expect(kazakhstan.locator('.sync-timeline .sync-actual[data-phase="arrived"]')).to_have_count(1)
    expect(kazakhstan.locator(".sync-marker-label", has_text="decision")).to_have_count(1)
