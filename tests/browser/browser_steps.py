"""Steps every browser test takes: signing in through the login page, typing a moment, and checking nothing
scrolls sideways."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar
from zoneinfo import ZoneInfo

from django.db import connections
from playwright.sync_api import Browser, Locator, Page, ViewportSize, expect

PASSWORD = "accord-demo"
LAPTOP: ViewportSize = {"width": 1366, "height": 900}
TABLET: ViewportSize = {"width": 768, "height": 1024}
T = TypeVar("T")


def sign_in(page: Page, base: str, username: str, password: str = PASSWORD) -> None:
    """Sign in on the login page as a person would, in whatever language the page speaks, and land on
    the dashboard (the fields' labels are tested in test_live.py)."""
    page.goto(f"{base}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{base}/")


def fill_moment(where: Page | Locator, label: str, moment: dt.datetime, *, day: str = "Day",
                time: str = "Time") -> None:
    """Type a moment into its field (accord/core/dayfield.py, InstantField) as a person would: the day and
    the time in the zone the field names beside it (the browser's own, once the page's script ran)."""
    group = where.get_by_role("group", name=label)
    zone = group.locator("input[data-zone]").input_value()
    local = moment.astimezone(ZoneInfo(zone))
    group.get_by_label(day, exact=True).fill(f"{local:%d.%m.%Y}")
    group.get_by_label(time, exact=True).fill(f"{local:%H:%M:%S}" if local.second else f"{local:%H:%M}")


def signed_in(browser: Browser, base: str, username: str, viewport: ViewportSize = LAPTOP) -> Page:
    """A person's own browser (a context of its own: its own cookies), signed in and on the dashboard."""
    page = browser.new_context(viewport=viewport).new_page()
    sign_in(page, base, username)
    return page


def fits_the_width(page: Page) -> bool:
    """Neither the page nor any of its tables needs a sideways scroll."""
    return bool(page.evaluate("""() => {
        const fits = (e) => e.scrollWidth <= e.clientWidth + 1;
        return fits(document.documentElement)
            && Array.from(document.querySelectorAll(".table-wrap")).every(fits);
    }"""))


def in_thread(work: Callable[[], T]) -> T:
    """Run database work outside the browser's event loop, where Django refuses sync queries.

    Playwright's sync API keeps an asyncio loop running in the test's thread, so the ORM is used
    from a worker thread, whose connection is closed afterwards.
    """

    def run() -> T:
        try:
            return work()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def confirm(page: Page, undone: str = "cannot", answer: str = "Confirm") -> None:
    """Answer the question an irreversible act asks (web/accord.js): it says what cannot be undone.

    `undone` and `answer` are the words of the page's language (English by default)."""
    dialog = page.locator("#confirm-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#confirm-text")).to_contain_text(undone)
    dialog.get_by_role("button", name=answer).click()
    expect(dialog).to_be_hidden()


def answer_with_an_operation(page: Page, crisis_url: str, *, purpose: str, commander: str, capability: str,
                             units: str, decision: str) -> None:
    """The secretariat answers a request with an operation and sets its mandate, naming the decision."""
    page.goto(crisis_url)
    page.get_by_label("Response:", exact=True).select_option("operation")
    page.get_by_role("button", name="Record the response").click()
    page.locator('[name="purpose_ru"]').fill(purpose)
    page.locator('[name="commander_ru"]').fill(commander)
    page.get_by_label("Appointed by").select_option("CMD")
    page.locator(f"#req_{capability}").fill(units)
    page.locator("#decision_identifier").fill(decision)
    page.get_by_role("button", name="Set the mandate").click()
    expect(page.locator("#mandate-heading")).to_be_visible()
