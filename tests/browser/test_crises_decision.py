"""End to end in Chromium: a request filed; the chair opens a procedure on the draft decision; five
delegates, each in its own browser, lodge their positions; the decision is adopted and authorizes
the operation's mandate; a contingent pledged, accepted and moved until the timeline draws it."""

from __future__ import annotations

from typing import Any

from conftest import in_thread
from playwright.sync_api import expect
from test_crises_flow import pledge_accept_and_move, signed_in

DELEGATES = ("arm.delegate", "blr.delegate", "kgz.delegate", "rus.delegate", "tjk.delegate")
TITLE = "Decision on assistance to Kazakhstan (browser test)"


def _identifier() -> str:
    from accord.decisions.models import Decision

    found = Decision.objects.get(proposal__title_en=TITLE)
    assert found.identifier is not None
    return found.identifier


def test_a_decision_taken_by_the_delegates_authorizes_the_deployment(browser: Any, server: str) -> None:
    kazakhstan = signed_in(browser, server, "kaz.head")
    kazakhstan.goto(f"{server}/crises/")
    kazakhstan.get_by_label("Legal basis").select_option("aggression")
    kazakhstan.get_by_label("What happened").fill("Armed attacks on public buildings")
    kazakhstan.get_by_label("Area").fill("Almaty region")
    kazakhstan.get_by_label("What the member asks for").fill("Collective peacekeeping forces")
    kazakhstan.get_by_role("button", name="File the request").click()
    crisis_url = kazakhstan.url

    chair = signed_in(browser, server, "rus.head")  # Russia chairs in 2026
    chair.goto(f"{server}/decisions/new/")
    chair.get_by_label("Title in English").fill(TITLE)
    chair.get_by_label("Deciding body").select_option("CSC")
    chair.get_by_role("button", name="Table the proposal").click()
    chair.get_by_label("Kind").select_option("consensus")
    chair.get_by_label("Session (for consensus at a session)").fill("Extraordinary session by video")
    chair.get_by_role("button", name="Open the procedure").click()
    proposal_url = chair.url.rstrip("/").removesuffix("/open")

    for handle in DELEGATES:
        delegate = signed_in(browser, server, handle)
        delegate.goto(proposal_url + "/")
        delegate.get_by_role("button", name="Lodge the position").click()
        expect(delegate.locator(".position-grid")).to_be_visible()
        delegate.context.close()

    chair.goto(proposal_url + "/")
    chair.get_by_role("button", name="Close and record the outcome").click()
    expect(chair.locator("[data-outcome=adopted]")).to_have_count(1)
    identifier = in_thread(_identifier)

    secretariat = signed_in(browser, server, "secretariat")
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

    pledge_accept_and_move(chair, kazakhstan, crisis_url, "peacekeeping_contingent")
    expect(kazakhstan.locator('.sync-timeline .sync-actual[data-phase="arrived"]')).to_have_count(1)
    expect(kazakhstan.locator(".sync-marker-label", has_text="decision")).to_have_count(1)
