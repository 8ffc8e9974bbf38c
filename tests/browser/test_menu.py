"""In Chromium: the header's main menu is one row at 1280 px (its less-opened lists under "More") and a
"Menu" disclosure at 768 px, opened and followed by the keyboard alone, in English and in Russian, with no
serious accessibility failure either way (issue #21)."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_checks import axe_script, severe_violations
from browser_steps import sign_in
from playwright.sync_api import Browser, Page, expect

NAVIGATION = {"en": "Main", "ru": "Основная навигация"}
LEDGER = {"en": "Ledger of acts", "ru": "Журнал актов"}
MORE = {"en": "More", "ru": "Ещё"}
MENU = {"en": "Menu", "ru": "Меню"}


def _page(browser: Browser, server: str, width: int, language: str) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    sign_in(page, server, "secretariat")  # the longest menu: Administration too
    context.add_cookies([{"name": "django_language", "value": language, "url": server}])
    page.goto(f"{server}/")
    return page


def _rows(page: Page) -> int:
    """How many rows the menu's visible links take."""
    return int(page.evaluate("""() => new Set([...document.querySelectorAll('.site-nav a')]
        .filter(a => a.checkVisibility()).map(a => Math.round(a.getBoundingClientRect().top))).size"""))


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_menu_is_one_row_at_1280_with_the_rest_under_more(
        browser: Browser, server: str, shots: Path, language: str) -> None:
    page = _page(browser, server, 1280, language)
    navigation = page.get_by_role("navigation", name=NAVIGATION[language])
    expect(navigation.get_by_text(MENU[language], exact=True)).to_be_hidden()
    assert _rows(page) == 1
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    page.screenshot(path=str(shots / f"menu-1280-{language}.png"))
    assert severe_violations(page, axe_script()) == []
    expect(navigation.get_by_role("link", name=LEDGER[language])).to_be_hidden()
    more = navigation.get_by_text(MORE[language], exact=True)
    more.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    ledger = navigation.get_by_role("link", name=LEDGER[language])
    expect(ledger).to_be_focused()
    page.keyboard.press("Escape")
    expect(ledger).to_be_hidden()
    expect(more).to_be_focused()
    more.click()
    ledger.click()
    expect(page).to_have_url(f"{server}/ledger/")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_menu_is_a_disclosure_at_768_that_the_keyboard_opens(
        browser: Browser, server: str, shots: Path, language: str) -> None:
    page = _page(browser, server, 768, language)
    navigation = page.get_by_role("navigation", name=NAVIGATION[language])
    assert _rows(page) == 0  # closed: the links take no room
    assert severe_violations(page, axe_script()) == []
    menu = navigation.get_by_text(MENU[language], exact=True)
    menu.focus()
    page.keyboard.press("Enter")
    ledger = navigation.get_by_role("link", name=LEDGER[language])
    expect(ledger).to_be_visible()  # every link, "More"'s too, with no step of its own
    expect(navigation.get_by_text(MORE[language], exact=True)).to_be_hidden()
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    page.screenshot(path=str(shots / f"menu-768-{language}-open.png"))
    assert severe_violations(page, axe_script()) == []
    page.keyboard.press("Tab")
    expect(navigation.get_by_role("link").first).to_be_focused()
    ledger.click()
    expect(page).to_have_url(f"{server}/ledger/")
    expect(navigation.get_by_role("link", name=LEDGER[language])).to_be_hidden()  # closed again on a new page
