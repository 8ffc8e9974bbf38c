"""End to end in Chromium: a delegate signs in, reads Russian, and watches a new act arrive live."""

from __future__ import annotations

from pathlib import Path

from browser_steps import PASSWORD, fits_the_width, in_thread, sign_in
from playwright.sync_api import Browser, ViewportSize, expect

from accord.core.acting import Actor
from accord.ledger import log
from accord.members import actions

LAPTOP: ViewportSize = {"width": 1366, "height": 768}
TABLET: ViewportSize = {"width": 768, "height": 1024}


def _add_liaison_officer(username: str) -> int:
    """An act made from the test, through the real action, as another process would make it."""

    def act() -> int:
        actions.add_person(actor=Actor.console(), username=username, full_name="Liaison Officer",
                           role="liaison", member="ARM")
        return log.size() - 1

    return in_thread(act)



def test_it_shows_a_delegate_new_acts_live_in_russian(browser: Browser, server: str) -> None:
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    sign_in(page, server, "arm.delegate")
    expect(page.locator(".account__who")).to_contain_text("Armenia")
    expect(page.get_by_role("heading", name="Chairmanship", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Latest acts")).to_be_visible()
    expect(page.locator(".timeline--chair svg")).to_be_visible()

    page.get_by_label("Language").select_option("ru")
    page.get_by_role("button", name="Switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page).to_have_url(f"{server}/")
    expect(page.get_by_role("heading", name="Председательство", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Последние акты")).to_be_visible()
    expect(page.get_by_role("button", name="Выйти")).to_be_visible()

    navigation = page.get_by_role("navigation", name="Основная навигация")
    navigation.get_by_text("Ещё", exact=True).click()  # the less-opened lists (issue #21's one-row menu)
    navigation.get_by_role("link", name="Журнал актов").click()
    expect(page).to_have_url(f"{server}/ledger/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Журнал актов")
    expect(page.locator("[data-live-status]")).to_have_attribute("data-state", "live")
    page.evaluate("window.accordNotReloaded = true")

    seq = _add_liaison_officer("arm.liaison")

    row = page.locator(f"#entry-{seq}")
    expect(row).to_be_visible(timeout=10_000)
    expect(row).to_contain_text("Зарегистрировано должностное лицо")
    expect(page.locator("table[data-live-rows] tbody tr").first).to_have_id(f"entry-{seq}")
    expect(page.locator("#live-announcer")).to_contain_text(f"Новая запись № {seq}")
    assert page.evaluate("window.accordNotReloaded") is True  # it came without a reload

    # The dashboard receives acts the same way.
    page.get_by_role("link", name="Главная").click()
    expect(page.locator("[data-live-status]")).to_have_attribute("data-state", "live")
    page.evaluate("window.accordNotReloaded = true")
    seq = _add_liaison_officer("arm.liaison2")
    expect(page.locator(f"#act-{seq}")).to_contain_text("Зарегистрировано должностное лицо")
    expect(page.locator("#live-announcer")).to_contain_text("Новый акт: Зарегистрировано")
    assert page.evaluate("window.accordNotReloaded") is True
    assert not errors
    context.close()


def test_it_lets_a_keyboard_skip_to_the_content(browser: Browser, server: str) -> None:
    page = browser.new_page(viewport=LAPTOP)
    page.goto(f"{server}/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_it_refuses_a_wrong_password_next_to_the_fields(browser: Browser, server: str) -> None:
    page = browser.new_page(viewport=TABLET)
    page.goto(f"{server}/login/")
    page.get_by_label("Username").fill("arm.delegate")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Please enter a correct username")
    expect(page.get_by_label("Password")).to_have_attribute("aria-invalid", "true")


PAGES = {
    "dashboard": "/",
    "members": "/members/",
    "member": "/members/ARM/",
    "ledger": "/ledger/",
    "entry": "/ledger/1/",
    "checkpoint": "/ledger/checkpoint/",
}


def test_it_lays_out_every_page_on_a_laptop_and_a_tablet(
    browser: Browser, server: str, shots: Path
) -> None:
    for size_name, viewport in (("laptop", LAPTOP), ("tablet", TABLET)):
        for language in ("en", "ru"):
            context = browser.new_context(viewport=viewport)
            context.add_cookies([{"name": "django_language", "value": language, "url": server}])
            page = context.new_page()
            page.goto(f"{server}/login/")
            page.locator("#id_username").fill("arm.delegate")
            page.locator("#id_password").fill(PASSWORD)
            page.locator("form.form button[type=submit]").click()
            expect(page).to_have_url(f"{server}/")
            for name, path in PAGES.items():
                page.goto(f"{server}{path}")
                expect(page.locator("main h1")).to_be_visible()
                # Times were turned into the viewer's zone by the page's script.
                if page.locator("time[data-local]").count():
                    expect(page.locator("time[data-local]").first).to_have_attribute(
                        "data-localized", "")
                target = shots / f"{name}-{size_name}-{language}.png"
                page.screenshot(path=str(target), full_page=True)
                assert target.stat().st_size > 10_000
                assert fits_the_width(page), f"{path} scrolls sideways at {viewport}"
            context.close()


def test_it_pages_through_the_ledger_without_losing_the_live_stream(
    browser: Browser, server: str
) -> None:
    def more_entries() -> int:
        for n in range(55):
            actions.add_person(actor=Actor.console(), username=f"observer{n}",
                               full_name=f"Observer {n}", role="observer")
        return log.size()

    size = in_thread(more_entries)
    page = browser.new_page(viewport=LAPTOP)
    page.goto(f"{server}/ledger/")
    expect(page.locator("[data-live-status]")).to_have_attribute("data-state", "live")
    page.evaluate("window.accordNotReloaded = true")

    page.get_by_role("link", name="Older ›").click()
    expect(page).to_have_url(f"{server}/ledger/?page=2")
    expect(page.locator("#ledger-heading")).to_contain_text("page 2 of")
    expect(page.locator("#ledger-heading")).to_be_focused()
    expect(page.locator(f"#entry-{size - 51}")).to_be_visible()
    expect(page.locator("table[data-live-rows]")).to_have_count(0)  # older pages stay still
    assert page.evaluate("window.accordNotReloaded") is True  # htmx swapped the page in

    page.get_by_role("link", name="‹ Newer").click()
    expect(page).to_have_url(f"{server}/ledger/?page=1")
    expect(page.locator("#ledger-heading")).to_be_focused()
    seq = _add_liaison_officer("arm.liaison")
    expect(page.locator(f"#entry-{seq}")).to_be_visible(timeout=10_000)
    assert page.evaluate("window.accordNotReloaded") is True
