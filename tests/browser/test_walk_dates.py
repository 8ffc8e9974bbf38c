"""In Chromium at tablet width (768 px), in Russian: a day or a time inside a table is never broken over two lines
(issue 21's walk saw "6 декабря / 2026 г., 04:37 / UTC" in the dashboard's and the ledger's tables), and the tables
still fit their cards.

A moment may break after its day's comma ("6 декабря 2026 г.," / "04:37 UTC"), never inside the day or the time.
"""

from __future__ import annotations

from browser_steps import TABLET, fits_the_width, signed_in
from playwright.sync_api import Browser

# Each day or time in a table (accord_web's filters and web/accord.js write them as `.date`) drawn on more than
# one line: a text broken over lines has one client rectangle per line.
BROKEN = """[...document.querySelectorAll('.table .date')]
  .filter(e => e.getClientRects().length > 1).map(e => e.textContent)"""
COUNT = "document.querySelectorAll('.table .date').length"


def test_it_keeps_each_date_in_a_table_on_one_line_on_a_tablet(browser: Browser, server: str,
                                                                organization: str) -> None:
    page = signed_in(browser, server, "secretariat", viewport=TABLET)
    page.context.add_cookies([{"name": "django_language", "value": "ru", "url": server}])
    dated = 0
    for path in ("/", "/decisions/", "/documents/", "/ledger/"):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")  # the script has written each time in the viewer's zone
        assert page.locator("html").get_attribute("lang") == "ru"
        dated += page.evaluate(COUNT)
        assert page.evaluate(BROKEN) == [], path
        assert fits_the_width(page), path
    assert dated > 0
