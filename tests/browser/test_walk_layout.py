"""In Chromium at tablet width (768 px), in Russian: what issue 21's walk (bench/walk.py) saw cut or scrolled.

A calendar cell keeps every word of a title whole (none clipped to an ellipsis), a document's table of
signatures fits its card instead of scrolling sideways, and a crisis page with its contingents fits the screen
(six columns of Russian headings may scroll inside their card, a region reached by keyboard, never the page),
its timeline's milestone labels apart and uncrossed by the milestones' lines.
"""

from __future__ import annotations

import re

from browser_steps import TABLET, signed_in
from playwright.sync_api import Browser

CLIPPED = ("[...document.querySelectorAll('.month-grid__entry')]"
           ".filter(e => e.scrollWidth > e.clientWidth + 1).length")
SCROLLED = "[...document.querySelectorAll('.table-wrap')].filter(w => w.scrollWidth > w.clientWidth + 1).length"
PAGE_FITS = "document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"
# The crisis timeline's milestone labels as drawn: pairs whose boxes meet, and labels a milestone's line crosses.
LABELS_MEET = """(() => {
  const boxes = [...document.querySelectorAll('.sync-marker-label')].map(t => t.getBoundingClientRect());
  const lines = [...document.querySelectorAll('.sync-marker')].map(l => l.getBoundingClientRect());
  const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const met = [];
  boxes.forEach((a, i) => boxes.forEach((b, j) => { if (i < j && meet(a, b)) met.push(`labels ${i}, ${j}`); }));
  boxes.forEach((a, i) => lines.forEach((l, j) => {
    const crosses = l.left > a.left && l.left < a.right && l.top < a.bottom - 2 && l.bottom > a.top + 2;
    if (crosses) met.push(`line ${j}, ${i}`);
  }));
  return met;
})()"""


def test_it_keeps_calendar_words_whole_and_signatures_in_their_card(browser: Browser, server: str,
                                                                    organization: str) -> None:
    page = signed_in(browser, server, "secretariat", viewport=TABLET)
    page.context.add_cookies([{"name": "django_language", "value": "ru", "url": server}])
    month = "2022-05" if organization == "demo" else ""
    page.goto(f"{server}/meetings/calendar/" + (f"?month={month}" if month else ""))
    assert page.locator("html").get_attribute("lang") == "ru"
    if organization == "demo":
        assert page.locator(".month-grid__entry").count() >= 6
    assert page.evaluate(CLIPPED) == 0
    page.goto(f"{server}/documents/")
    link = page.locator("main a[href]").evaluate_all(
        "links => links.map(a => a.getAttribute('href')).filter(h => /^\\/documents\\/\\d+\\/$/.test(h))")
    assert link, "no document to read"
    signed = 0
    for href in link[:6]:
        page.goto(server + href)
        assert re.search(r"/documents/\d+/$", page.url)
        if page.locator("#signatures-table").count():
            signed += 1
            assert page.evaluate(SCROLLED) == 0, href
    assert signed or organization != "demo"


def test_it_keeps_a_crisis_page_with_its_contingents_on_the_screen(browser: Browser, server: str,
                                                                  organization: str) -> None:
    page = signed_in(browser, server, "arm.delegate", viewport=TABLET)
    page.context.add_cookies([{"name": "django_language", "value": "ru", "url": server}])
    page.goto(f"{server}/crises/")
    crises = page.locator("main a[href]").evaluate_all(
        "links => links.map(a => a.getAttribute('href')).filter(h => /^\\/crises\\/\\d+\\/$/.test(h))")
    with_contingents = 0
    for href in dict.fromkeys(crises):
        page.goto(server + href)
        assert page.locator("html").get_attribute("lang") == "ru"
        if page.locator("#contingents-heading").count():
            with_contingents += 1
            region = page.get_by_role("region", name="Контингенты")
            assert region.get_attribute("tabindex") == "0"
        assert page.evaluate(PAGE_FITS), href
        assert page.evaluate(LABELS_MEET) == [], href
    assert with_contingents or organization != "demo"


# Days inside tables drawn on more than one line (an inline box broken across lines has several rectangles).
DAYS_BROKEN = """[...document.querySelectorAll('.table .date')].filter(d => d.getClientRects().length > 1)
  .map(d => d.textContent)"""


def test_it_keeps_every_day_in_a_table_on_one_line_on_a_tablet(browser: Browser, server: str,
                                                               organization: str) -> None:
    """Issue 21's walk saw "8 октября 2022 / г." and "26 / сентября" in the exercises' table at 768 px: a day in a
    table is never broken, and these pages' tables still fit their cards (a date may break before its year)."""
    page = signed_in(browser, server, "secretariat", viewport=TABLET)
    page.context.add_cookies([{"name": "django_language", "value": "ru", "url": server}])
    dated = 0
    for path in ("/exercises/", "/crises/", "/ledger/", "/members/", "/administration/"):
        page.goto(server + path)
        assert page.locator("html").get_attribute("lang") == "ru"
        dated += page.locator(".table .date").count()
        assert page.evaluate(DAYS_BROKEN) == [], path
        assert page.evaluate(SCROLLED) == 0, path
        assert page.evaluate(PAGE_FITS), path
    assert dated or organization != "demo"
