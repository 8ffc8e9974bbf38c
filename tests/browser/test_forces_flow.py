"""End to end in Chromium: the secretariat records a standing force, two members declare their contributions
in their own browsers, and each page shows the other's declaration live; the pages in Russian, at a tablet's
width too."""

from __future__ import annotations

from pathlib import Path

from browser_steps import TABLET, fits_the_width, signed_in
from playwright.sync_api import Browser, Page, expect


def declare(page: Page, capability: str, units: str, personnel: str) -> None:
    page.get_by_label("Capability").select_option(capability)
    page.get_by_label("Units").fill(units)
    page.get_by_label("Personnel").fill(personnel)
    page.get_by_role("button", name="Declare the contribution").click()


def test_a_force_is_recorded_and_members_declare_live(browser: Browser, server: str, shots: Path) -> None:
    errors: list[str] = []
    secretariat = signed_in(browser, server, "secretariat")
    secretariat.on("pageerror", lambda error: errors.append(str(error)))
    secretariat.goto(f"{server}/forces/")
    secretariat.locator('[name="name_ru"]').fill("Региональная группировка (тест)")
    secretariat.locator('[name="name_en"]').fill("Regional group of forces (test)")
    secretariat.get_by_label("Approximate size (personnel)").fill("20000")
    secretariat.locator('[name="decision_reference_ru"]').fill("Решение Совета (тест)")
    secretariat.locator('[name="decision_reference_en"]').fill("Decision of the Council (test)")
    secretariat.get_by_role("button", name="Record the force").click()
    expect(secretariat.get_by_role("heading", level=1)).to_have_text("Regional group of forces (test)")
    force_url = secretariat.url
    expect(secretariat.locator("html[data-force-live=live]")).to_have_count(1)

    kazakhstan = signed_in(browser, server, "kaz.head")
    kazakhstan.goto(force_url)
    expect(kazakhstan.locator("html[data-force-live=live]")).to_have_count(1)
    declare(kazakhstan, "infantry_company", "2", "300")
    expect(kazakhstan.locator('#declared [data-member="KAZ"]')).to_contain_text("300")
    # The secretariat's open page hears of it without reloading.
    expect(secretariat.locator('#declared [data-member="KAZ"]')).to_contain_text("Infantry company")

    kyrgyzstan = signed_in(browser, server, "kgz.head", TABLET)
    kyrgyzstan.goto(force_url)
    # A day to come is refused beside its field, and what was typed stays.
    kyrgyzstan.get_by_label("Declared on").fill("2999-01-01")
    declare(kyrgyzstan, "engineers", "1", "120")
    expect(kyrgyzstan.locator("#contribution-declared_on_error_1")).to_contain_text("is in the future")
    expect(kyrgyzstan.get_by_label("Personnel")).to_have_value("120")
    kyrgyzstan.get_by_label("Declared on").fill("")
    kyrgyzstan.get_by_role("button", name="Declare the contribution").click()
    expect(kazakhstan.locator('#declared [data-member="KGZ"]')).to_contain_text("Engineer unit")
    expect(kazakhstan.locator(".contributions-total")).to_contain_text("420")
    assert fits_the_width(kyrgyzstan)
    kyrgyzstan.screenshot(path=str(shots / "forces-tablet.png"), full_page=True)

    kazakhstan.get_by_label("Language", exact=True).select_option("ru")
    kazakhstan.get_by_role("button", name="Switch").click()
    expect(kazakhstan.locator("html")).to_have_attribute("lang", "ru")
    expect(kazakhstan.get_by_role("heading", level=2, name="Заявленный вклад")).to_be_visible()
    kazakhstan.screenshot(path=str(shots / "forces-ru.png"), full_page=True)
    secretariat.screenshot(path=str(shots / "forces-en.png"), full_page=True)
    assert not errors
