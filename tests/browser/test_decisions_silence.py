"""End to end in Chromium, through the pages only: a silence procedure adopted at its deadline, and on a
second proposal a member breaking silence, with every member's page following live.

The deadline passes by moving the clock, not by waiting: the server runs in a thread of the test process
(tests/browser/conftest.py), so time-machine moves its clock with the test's.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import time_machine
from browser_steps import confirm, fill_moment, fits_the_width, sign_in
from playwright.sync_api import Browser, Page, ViewportSize, expect

LAPTOP: ViewportSize = {"width": 1366, "height": 768}
TABLET: ViewportSize = {"width": 768, "height": 1024}
# The secretariat's browser sits in Yerevan, so the deadline it types is read in that zone.
ZONE = "Asia/Yerevan"
# Far enough ahead that nothing passes it by itself; the test moves the clock past it.
SILENCE = dt.timedelta(hours=1)


def _signed_in(browser: Browser, base: str, username: str, viewport: ViewportSize = LAPTOP) -> Page:
    context = browser.new_context(viewport=viewport, timezone_id=ZONE)
    page = context.new_page()
    sign_in(page, base, username)
    return page



def table_proposal(page: Page, base: str, title: str, body: str = "PC") -> str:
    """Table a proposal through the page (its title the same in each language); the proposal's address."""
    page.goto(f"{base}/decisions/new/")
    # One input per organization language (Russian, the default, then English), named by language.
    page.locator('input[name="title_ru"]').fill(title)
    page.locator('input[name="title_en"]').fill(title)
    page.get_by_label("Deciding body").select_option(body)
    page.get_by_role("button", name="Table the proposal").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    return page.url


def _open_silence(page: Page, url: str, deadline: dt.datetime) -> None:
    page.goto(url)
    page.get_by_label("Kind").select_option("silence")
    # The field names the browser's own zone, and the deadline is typed in it.
    expect(page.get_by_role("group", name="Deadline")).to_contain_text(f"Time zone: {ZONE}")
    fill_moment(page, "Deadline", deadline.replace(microsecond=0))
    page.get_by_role("button", name="Open the procedure").click()
    expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", "pending")


def test_a_silence_procedure_is_adopted_at_its_deadline_and_another_is_broken(
    browser: Browser, server: str, shots: Path,
) -> None:
    secretariat = _signed_in(browser, server, "secretariat")
    armenia = _signed_in(browser, server, "arm.head", TABLET)
    kazakhstan = _signed_in(browser, server, "kaz.delegate")
    errors: list[str] = []
    for page in (secretariat, armenia, kazakhstan):
        page.on("pageerror", lambda error: errors.append(str(error)))

    # Kazakhstan tables a proposal; the members open its page before any procedure exists.
    url = table_proposal(kazakhstan, server, "Statement on the anniversary drill")
    armenia.goto(url)
    expect(armenia.get_by_text("No procedure has been opened on this proposal yet.")).to_be_visible()
    expect(armenia.locator("[data-live-status]")).to_have_attribute("data-state", "live")

    deadline = dt.datetime.now(dt.UTC) + SILENCE
    _open_silence(secretariat, url, deadline)

    # Armenia's page learns of the opening without a reload and offers its head the position form.
    expect(armenia.get_by_role("button", name="Lodge the position")).to_be_visible()
    expect(armenia.locator('[data-member="KAZ"]')).to_have_attribute("data-stance", "")
    kazakhstan.goto(url)
    kazakhstan.get_by_label("Joins").check()  # nothing is chosen beforehand: a position is final
    kazakhstan.get_by_role("button", name="Lodge the position").click()
    confirm(kazakhstan)
    expect(armenia.locator('[data-member="KAZ"]')).to_have_attribute("data-stance", "join")
    expect(secretariat.locator('[data-member="KAZ"]')).to_have_attribute("data-stance", "join")
    # The deadline reads in the viewer's own zone.
    expect(secretariat.locator("time[data-localized]").first).to_contain_text("GMT+4")
    armenia.screenshot(path=str(shots / "decisions-silence-open-tablet.png"), full_page=True)
    assert fits_the_width(armenia), "a proposal's page scrolls sideways on a tablet"

    # Silence holds until the deadline: closing earlier is refused with the field named.
    secretariat.get_by_role("button", name="Close and record the outcome").click()
    confirm(secretariat)
    expect(secretariat.get_by_role("alert")).to_contain_text("Procedure: is not settled yet")

    # The deadline passes (the clock runs on from just after it, for the rest of the test: the log's
    # times never go back).
    with time_machine.travel(deadline + dt.timedelta(seconds=1), tick=True):
        _after_the_deadline(secretariat, armenia, kazakhstan, server, url, shots)
    assert errors == []


def _after_the_deadline(secretariat: Page, armenia: Page, kazakhstan: Page, server: str, url: str,
                        shots: Path) -> None:
    secretariat.goto(url)
    secretariat.get_by_role("button", name="Close and record the outcome").click()
    confirm(secretariat)
    expect(secretariat.locator("[data-outcome]")).to_have_attribute("data-outcome", "adopted")
    expect(secretariat.locator(".decision-identifier")).to_contain_text("Statement on the anniversary drill")
    expect(armenia.locator("[data-outcome]")).to_have_attribute("data-outcome", "adopted")  # live
    secretariat.screenshot(path=str(shots / "decisions-silence-adopted.png"), full_page=True)

    # A second proposal: Armenia breaks silence with an amendment, and the others see it live.
    second = table_proposal(kazakhstan, server, "Statement on the joint staff exercise")
    _open_silence(secretariat, second, dt.datetime.now(dt.UTC) + dt.timedelta(hours=1))
    kazakhstan.goto(second)
    armenia.goto(second)
    armenia.get_by_label("Breaks silence").check()
    armenia.get_by_label("Proposed amendment (to break silence)").fill("Name the host state in paragraph 2")
    armenia.get_by_role("button", name="Lodge the position").click()
    confirm(armenia)
    expect(armenia.locator('[data-member="ARM"]')).to_have_attribute("data-stance", "break_silence")
    expect(kazakhstan.locator('[data-member="ARM"]')).to_have_attribute("data-stance", "break_silence")
    expect(kazakhstan.locator("[data-outcome]")).to_have_attribute("data-outcome", "returned")
    secretariat.goto(second)
    secretariat.get_by_role("button", name="Close and record the outcome").click()
    confirm(secretariat)
    expect(secretariat.locator("[data-outcome]")).to_have_attribute("data-outcome", "returned")
    expect(secretariat.get_by_text("none: only an adopted decision is identified")).to_be_visible()

    # The dashboard lists what is still open, with who has not answered.
    secretariat.goto(f"{server}/")
    expect(secretariat.get_by_role("heading", name="Open procedures")).to_be_visible()
    armenia.goto(f"{server}/decisions/")
    expect(armenia.get_by_role("link", name="Statement on the joint staff exercise")).to_be_visible()
    assert fits_the_width(armenia), "the proposals scroll sideways on a tablet"
