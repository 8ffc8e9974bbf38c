"""End to end in Chromium, from a member's request to the after-action review, in the browser alone:
the request filed; the chair opens an accelerated procedure on a draft decision from the crisis
page; five delegates, each in its own browser, lodge their positions and the requesting state's
page follows live; the decision adopted authorizes the mandate without being typed again; a
contingent pledged, accepted, moved to the area and home; the host declares the mission complete;
the withdrawal recorded; a lesson recorded and validated; the review's metrics computed."""

from __future__ import annotations

from pathlib import Path

from browser_steps import confirm
from playwright.sync_api import Browser, Page, expect
from test_crises_flow import file_request, pledge_accept_and_move, signed_in

DELEGATES = ("arm.delegate", "blr.delegate", "kgz.delegate", "rus.delegate", "tjk.delegate")
DRAFT = "Decision on assistance to Kazakhstan (browser test)"


def move(page: Page, phase: str) -> None:
    """Russia's contingent reaches `phase` now; the timeline draws it."""
    form = page.locator('[data-contingent="RUS"]')
    form.get_by_label("Phase").select_option(phase)
    form.get_by_role("button", name="Record").click()
    expect(page.locator(f'.sync-actual[data-phase="{phase}"]')).to_have_count(1)


def test_a_request_goes_from_filing_to_the_after_action_review(browser: Browser, server: str, shots: Path) -> None:
    errors: list[str] = []
    kazakhstan = signed_in(browser, server, "kaz.head")
    kazakhstan.on("pageerror", lambda error: errors.append(str(error)))
    crisis_url = file_request(kazakhstan, server, "aggression", "Armed attacks on public buildings",
                              "Almaty region", "Collective peacekeeping forces")
    expect(kazakhstan.locator("html[data-crisis-live=live]")).to_have_count(1)

    # The chair (Russia chairs in 2026) puts a draft decision to a written procedure, hours away.
    chair = signed_in(browser, server, "rus.head")
    chair.goto(crisis_url)
    accelerated = chair.locator("form", has=chair.get_by_role("heading", name="Open an accelerated procedure"))
    # A text per organization language, each input labelled by its language, the default first.
    expect(accelerated.get_by_label("Russian")).to_have_value("Проект решения по просьбе: Казахстан")
    expect(accelerated.locator('[name="title_ru"]')).to_have_attribute("lang", "ru")
    accelerated.get_by_label("English").fill(DRAFT)
    accelerated.get_by_label("Procedure").select_option("written")
    accelerated.get_by_label("Deadline in hours from now").fill("6")
    accelerated.get_by_role("button", name="Open the procedure").click()
    taken = chair.locator('[data-taken="proposal"]')
    expect(taken).to_contain_text("Written procedure")
    expect(taken.locator(".taken__waiting")).to_contain_text("Kazakhstan")

    # Each delegate follows the procedure from the crisis page and joins; Kazakhstan's page follows live.
    for handle in DELEGATES:
        delegate = signed_in(browser, server, handle)
        delegate.goto(crisis_url)
        delegate.get_by_role("link", name=DRAFT).click()
        delegate.get_by_label("Joins").check()
        delegate.get_by_role("button", name="Lodge the position").click()
        confirm(delegate)
        mine = delegate.locator(f'.position-grid [data-member="{handle.split(".")[0].upper()}"]')
        expect(mine).to_have_attribute("data-stance", "join")  # recorded before the browser is closed
        delegate.context.close()
    live_grid = kazakhstan.locator('[data-taken="proposal"] .position-grid')
    expect(live_grid.locator('[data-stance="join"]')).to_have_count(5)
    expect(kazakhstan.locator(".taken__waiting")).to_have_text("Not answered yet: Kazakhstan")
    kazakhstan.get_by_role("link", name=DRAFT).click()
    kazakhstan.get_by_label("Joins").check()
    kazakhstan.get_by_role("button", name="Lodge the position").click()
    confirm(kazakhstan)
    # The position's page has come back before the next page is asked for (else that request aborts it).
    expect(kazakhstan.locator('.position-grid [data-member="KAZ"]')).to_have_attribute("data-stance", "join")
    kazakhstan.goto(crisis_url)

    chair.get_by_role("link", name=DRAFT).click()
    chair.get_by_role("button", name="Close and record the outcome").click()
    confirm(chair)
    expect(chair.locator("[data-outcome=adopted]")).to_have_count(1)

    # The secretariat answers with an operation; the adopted decision is already on the mandate's form.
    secretariat = signed_in(browser, server, "secretariat")
    secretariat.goto(crisis_url)
    expect(secretariat.locator('[data-taken="proposal"] [data-outcome="adopted"]')).to_have_count(1)
    secretariat.get_by_label("Response:", exact=True).select_option("operation")
    secretariat.get_by_role("button", name="Record the response").click()
    # A text per organization language, each in a group named by the field (Russian, the default, first).
    purpose = secretariat.get_by_role("group", name="Purpose")
    purpose.get_by_label("Russian").fill("Охрана важных государственных объектов")
    purpose.get_by_label("English").fill("Protect important state facilities")
    secretariat.get_by_role("group", name="Commander").get_by_label("Russian").fill(
        "Commander of the peacekeeping forces")
    secretariat.get_by_label("Appointed by").select_option("CMD")
    secretariat.locator("#req_peacekeeping_contingent").fill("1")
    expect(secretariat.locator("#decision_identifier")).not_to_have_value("")
    identifier = secretariat.locator("#decision_identifier").input_value()
    secretariat.get_by_role("button", name="Set the mandate").click()
    expect(secretariat.locator("#mandate-heading")).to_be_visible()
    expect(secretariat.locator("#content")).to_contain_text(identifier)

    pledge_accept_and_move(chair, kazakhstan, crisis_url, "peacekeeping_contingent")
    expect(kazakhstan.locator('.sync-timeline .sync-actual[data-phase="arrived"]')).to_have_count(1)
    expect(kazakhstan.locator(".sync-marker-label", has_text="decision")).to_have_count(1)

    # The host declares the mission complete and hands over the sites; the contingent goes home;
    # the withdrawal is recorded.
    chair.reload()
    move(chair, "operational")
    kazakhstan.reload()
    kazakhstan.get_by_role("button", name="Declare the mission complete").click()
    confirm(kazakhstan)
    expect(kazakhstan.locator(".sync-marker-label", has_text="mission complete")).to_have_count(1)
    kazakhstan.get_by_label("Guarded sites handed over").fill("3")
    kazakhstan.get_by_role("button", name="Record").last.click()
    expect(kazakhstan.locator(".sync-marker-label", has_text="sites handed over")).to_have_count(1)
    chair.reload()
    for phase in ("handing_over", "withdrawing", "home"):
        move(chair, phase)
    secretariat.reload()
    secretariat.get_by_role("button", name="Record the withdrawal complete").click()
    confirm(secretariat)
    expect(secretariat.locator(".sync-marker-label", has_text="withdrawal complete")).to_have_count(1)

    # The review: a lesson raw, then validated; the metrics computed from the acts' times.
    chair.reload()
    chair.get_by_role("group", name="Lesson").get_by_label("Russian").fill(
        "Authorize contingents nationally before the decision")
    chair.get_by_role("button", name="Record", exact=True).last.click()
    secretariat.reload()
    secretariat.get_by_role("group", name="Validated wording").get_by_label("Russian").fill(
        "Prepare national authorizations in advance")
    secretariat.get_by_role("button", name="Validate").click()
    review = kazakhstan.locator(".review-metrics")
    expect(review.get_by_role("row", name="Request → first arrival")).not_to_contain_text("—")
    expect(review.get_by_role("row", name="Request → withdrawal complete")).not_to_contain_text("—")
    expect(kazakhstan.locator("#content")).to_contain_text("Prepare national authorizations in advance")
    kazakhstan.screenshot(path=str(shots / "crises-review.png"), full_page=True)
    assert errors == []
