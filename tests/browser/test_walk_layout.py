"""In Chromium at tablet width (768 px), in Russian: what issue 21's walk (bench/walk.py) saw cut or scrolled.

A calendar cell keeps every word of a title whole (none clipped to an ellipsis), and a document's table of
signatures fits its card instead of scrolling sideways.
"""

from __future__ import annotations

import re

from browser_steps import TABLET, signed_in
from playwright.sync_api import Browser

CLIPPED = ("[...document.querySelectorAll('.month-grid__entry')]"
           ".filter(e => e.scrollWidth > e.clientWidth + 1).length")
SCROLLED = "[...document.querySelectorAll('.table-wrap')].filter(w => w.scrollWidth > w.clientWidth + 1).length"


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
