"""In Chromium: the secretariat attaches a file to a session from its page, a reader downloads it, and the
secretariat withdraws it after the dialog; without script the same withdrawal asks on a page of its own."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from browser_steps import TABLET, confirm, in_thread, signed_in
from playwright.sync_api import Browser, expect
from sessions_held import held_session

from accord.attachments.models import Attachment
from accord.ledger import log

AGENDA = "Повестка дня: заявление.\n".encode()


@pytest.fixture
def own_store(settings: pytest.FixtureRequest, tmp_path: Path) -> Path:
    settings.VAR_DIR = tmp_path  # type: ignore[attr-defined]
    return tmp_path


def test_a_file_is_attached_downloaded_and_withdrawn(browser: Browser, server: str, own_store: Path) -> None:
    session = in_thread(held_session)
    page = signed_in(browser, server, "secretariat")
    page.goto(f"{server}/meetings/sessions/{session}/")
    card = page.locator("section.attachments")
    expect(card).to_contain_text("No files attached.")
    card.get_by_label("File").set_input_files({"name": "agenda.txt", "mimeType": "text/plain", "buffer": AGENDA})
    card.get_by_role("button", name="Attach the file").click()
    expect(page).to_have_url(f"{server}/meetings/sessions/{session}/")
    expect(card.get_by_role("link", name="agenda.txt")).to_be_visible()
    expect(card).to_contain_text(hashlib.sha256(AGENDA).hexdigest())

    reader = browser.new_context().new_page()
    reader.goto(f"{server}/meetings/sessions/{session}/")
    with reader.expect_download() as fetched:
        reader.get_by_role("link", name="agenda.txt").click()
    assert Path(fetched.value.path()).read_bytes() == AGENDA
    assert fetched.value.suggested_filename == "agenda.txt"
    expect(reader.get_by_role("button", name="Attach the file")).to_have_count(0)

    size = in_thread(log.size)
    card.get_by_role("button", name="Withdraw agenda.txt").click()
    confirm(page)
    expect(card).to_contain_text("No files attached.")
    assert in_thread(log.size) == size + 1


def test_without_script_withdrawing_asks_on_a_page_and_keeps_the_keyboard_path(
        browser: Browser, server: str, own_store: Path) -> None:
    session = in_thread(held_session)
    page = signed_in(browser, server, "secretariat", viewport=TABLET)
    page.goto(f"{server}/attachments/sessions/{session}/")
    # With nothing attached yet, the form stands under its own heading.
    form = page.get_by_role("region", name="Attach a file")
    form.get_by_label("File").set_input_files({"name": "notes.txt", "mimeType": "text/plain", "buffer": AGENDA})
    page.get_by_role("button", name="Attach the file").click()
    expect(page.get_by_role("link", name="notes.txt")).to_be_visible()

    bare = browser.new_context(java_script_enabled=False, viewport=TABLET)
    plain = bare.new_page()
    plain.goto(f"{server}/login/")
    plain.locator("#id_username").fill("secretariat")
    plain.locator("#id_password").fill("accord-demo")
    plain.locator("main form button[type=submit]").click()
    plain.goto(f"{server}/attachments/sessions/{session}/")
    size = in_thread(log.size)
    plain.get_by_role("button", name="Withdraw notes.txt").click()
    expect(plain.get_by_role("heading", name="This cannot be undone")).to_be_visible()
    expect(plain.locator("main")).to_contain_text("Withdrawing a file cannot be undone")
    assert in_thread(log.size) == size
    plain.get_by_role("button", name="Confirm").focus()
    plain.keyboard.press("Enter")
    expect(plain.get_by_text("No files attached.")).to_be_visible()
    assert in_thread(log.size) == size + 1
    assert in_thread(lambda: Attachment.objects.get().withdrawn)
