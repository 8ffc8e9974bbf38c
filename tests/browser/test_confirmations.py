"""In Chromium, by keyboard: an irreversible act asks first, saying what cannot be undone; going back sends
nothing and returns the keyboard to the button (issue #21). Shown for a position and for closing a session,
and in Russian."""

from __future__ import annotations

from pathlib import Path

from browser_steps import in_thread, sign_in
from playwright.sync_api import Browser, Page, expect
from sessions_held import held_session
from test_decisions_silence import table_proposal

from accord.ledger import log


def _press(page: Page, button: str) -> None:
    """Reach the button by keyboard and press it with Enter."""
    page.get_by_role("button", name=button).focus()
    page.keyboard.press("Enter")


def test_a_position_is_lodged_only_once_confirmed_and_escape_sends_nothing(browser: Browser, server: str) -> None:
    secretariat = browser.new_context().new_page()
    sign_in(secretariat, server, "secretariat")
    url = table_proposal(secretariat, server, "Draft decision to confirm", "CSC")
    session = in_thread(held_session)
    secretariat.goto(url)
    secretariat.get_by_label("Kind").select_option("consensus")
    secretariat.get_by_label("Session (for consensus at a session)").select_option(str(session))
    secretariat.get_by_role("button", name="Open the procedure").click()
    expect(secretariat.locator("[data-outcome]")).to_have_attribute("data-outcome", "pending")

    page = browser.new_context().new_page()
    sign_in(page, server, "kaz.head")
    page.goto(url)
    dialog = page.locator("#confirm-dialog")
    size = in_thread(log.size)
    page.get_by_label("Joins").check()
    _press(page, "Lodge the position")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("A position is final: once lodged it cannot be changed or withdrawn.")
    expect(dialog.get_by_role("button", name="Go back")).to_be_focused()  # the safe answer is the default
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("button", name="Lodge the position")).to_be_focused()
    expect(page.locator('[data-member="KAZ"]')).to_have_attribute("data-stance", "")
    assert in_thread(log.size) == size

    _press(page, "Lodge the position")
    dialog.get_by_role("button", name="Confirm").focus()
    page.keyboard.press("Enter")
    expect(page.locator('[data-member="KAZ"]')).to_have_attribute("data-stance", "join")
    assert in_thread(log.size) == size + 1


def test_closing_a_session_asks_first_in_the_readers_language(browser: Browser, server: str, shots: Path) -> None:
    session = in_thread(held_session)
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, server, "secretariat")
    context.add_cookies([{"name": "django_language", "value": "ru", "url": server}])
    page.goto(f"{server}/meetings/sessions/{session}/console/")
    dialog = page.locator("#confirm-dialog")
    _press(page, "Закрыть сессию")
    expect(dialog.get_by_role("heading")).to_have_text("Это действие необратимо")
    expect(dialog).to_contain_text("Закрытие сессии необратимо: на ней больше ничего не записывается.")
    page.screenshot(path=str(shots / "confirm-close-session-ru.png"))
    dialog.get_by_role("button", name="Вернуться").click()
    page.reload()
    expect(page.get_by_role("button", name="Закрыть сессию")).to_be_visible()  # still open

    _press(page, "Закрыть сессию")
    dialog.get_by_role("button", name="Подтвердить").click()
    expect(page.get_by_role("button", name="Закрыть сессию")).to_have_count(0)
    expect(page.get_by_role("button", name="Открыть сессию")).to_have_count(0)
