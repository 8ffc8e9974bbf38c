"""In Chromium: an organization keeping its content in English and French offers those two languages, and a
reader switches its pages from English to French."""

from __future__ import annotations

import pytest
from browser_steps import in_thread
from playwright.sync_api import Browser, expect

from accord.core.acting import Actor
from accord.members import actions


@pytest.fixture
def organization(organization: str) -> str:
    """The conftest's organization, its charter then keeping the content in English and French."""
    in_thread(lambda: actions.configure_organization(
        actor=Actor.console(), working_languages=["en", "fr"], languages=["en", "fr"]))
    return organization


def test_a_reader_switches_an_english_french_organization_to_french(browser: Browser, server: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/ledger/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    switch = page.get_by_label("Language")
    expect(switch.locator("option")).to_have_text(["English", "Français"])

    switch.select_option("fr")
    page.get_by_role("button", name="Switch").click()
    expect(page).to_have_url(f"{server}/ledger/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Registre des actes")
    expect(page.get_by_label("Langue")).to_have_value("fr")
    expect(page.get_by_role("button", name="Changer")).to_be_visible()

    navigation = page.get_by_role("navigation", name="Navigation principale")
    navigation.get_by_role("link", name="Tableau de bord").click()
    expect(page).to_have_url(f"{server}/")
    expect(page.get_by_role("heading", name="Présidence", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Derniers actes")).to_be_visible()
    navigation.get_by_text("Plus", exact=True).click()  # the less-opened lists (issue #21's one-row menu)
    expect(navigation.get_by_role("link", name="États membres")).to_be_visible()
    assert errors == []
    page.close()
