"""End to end in Chromium: the Secretariat drafts and adopts a joint statement on the pages; six heads, each
in its own browser, make a key there, register it and sign it; a page left open sees each signature arrive;
the PDF then verifies."""

from __future__ import annotations

import io
from pathlib import Path

from browser_steps import confirm, in_thread, sign_in
from django.core.management import call_command
from playwright.sync_api import Browser, Page, ViewportSize, expect
from sessions_held import held_session

from accord.core.acting import Actor
from accord.decisions import actions as decisions
from accord.members.models import SigningKey

HEADS = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")
LAPTOP: ViewportSize = {"width": 1366, "height": 768}
TABLET: ViewportSize = {"width": 768, "height": 1024}


def _council_decision() -> str:
    """The Council's decision on the statement, taken by consensus (the decisions app's own acts)."""
    console = Actor.console()
    title = "Joint statement on military cooperation (test)"
    proposal = decisions.propose(actor=console, title={"ru": title, "en": title},  body="CSC",
                                 classification="public").pk
    decisions.open_procedure(actor=console, proposal=proposal, kind="consensus",
                             session=held_session("2022-05-16"), opened_at="2022-05-16T00:00:00+00:00")
    identifier = decisions.close_procedure(actor=console, proposal=proposal, on="2022-05-16").identifier
    assert identifier is not None
    return identifier


def _drafted_and_adopted_by_the_secretariat(browser: Browser, server: str) -> str:
    """The Secretariat drafts the joint statement and records its adoption, on the pages alone."""
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    sign_in(page, server, "secretariat")
    page.goto(f"{server}/documents/")
    page.get_by_role("link", name="Draft a document").click()
    page.get_by_label("Kind").select_option("joint_statement")
    # The title: a box per organization language, Russian (its default) first.
    page.locator("#new [name=title_ru]").fill("Совместное заявление о военном сотрудничестве (тест)")
    page.locator("#new [name=title_en]").fill("Joint statement on military cooperation (test)")
    page.get_by_label("Text in Russian").fill("Главы государств заявляют.\n\nВторой абзац.")
    page.get_by_label("Text in English").fill("The heads of state declare.\n\nSecond paragraph.")
    page.get_by_role("button", name="Draft the document").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Joint statement on military cooperation (test)")
    url = page.url
    adopt = page.locator("#adopt")
    adopt.get_by_label("Decision (its identifier)").fill(in_thread(_council_decision))
    adopt.get_by_label("Adopted on").fill("2022-05-16")
    adopt.get_by_role("button", name="Record the adoption").click()
    expect(page.locator("#signatures-heading")).to_be_visible()
    expect(page.get_by_role("link", name="Download the signed PDF")).to_be_visible()
    context.close()
    return url.split("#")[0]


def _fits_the_width(page: Page) -> bool:
    return bool(page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"))


def test_six_heads_sign_in_their_own_browsers_and_the_pdf_verifies(
    browser: Browser, server: str, shots: Path, tmp_path: Path
) -> None:
    url = _drafted_and_adopted_by_the_secretariat(browser, server)
    watcher = browser.new_context(viewport=LAPTOP)
    watching = watcher.new_page()
    watching.goto(url)
    watching.evaluate("window.accordNotReloaded = true")
    errors: list[str] = []
    for code in HEADS:
        context = browser.new_context(viewport=LAPTOP if code != "TJK" else TABLET)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        sign_in(page, server, f"{code.lower()}.head")
        page.goto(url)
        form = page.locator("#sign-form")
        form.get_by_role("button", name="Create my signing key in this browser").click()
        expect(form.locator(".doc-sign__status")).to_contain_text("is registered")
        place = form.get_by_role("group", name="Place of signature")
        place.get_by_label("Russian").fill("Москва")
        place.get_by_label("English").fill("Moscow")
        form.get_by_label("Date of signature").fill("2022-05-16")
        form.get_by_role("button", name="Sign", exact=True).click()
        confirm(page)
        expect(page.locator(f'#signatures-table tr[data-member="{code}"]')).to_be_visible(timeout=10_000)
        expect(page.locator(f'#signatures-table tr[data-member="{code}"]')).to_contain_text("Moscow")
        expect(page.locator("#sign-form")).to_have_count(0)
        # The page left open receives the signature without a reload.
        expect(watching.locator(f'#signatures-table tr[data-member="{code}"]')).to_be_visible(timeout=10_000)
        expect(watching.locator(f'.status-grid__row[data-member="{code}"]')).to_have_attribute(
            "data-stage", "in_force")
        assert _fits_the_width(page), f"the document page scrolls sideways for {code}"
        page.screenshot(path=str(shots / f"document-signed-by-{code.lower()}.png"), full_page=True)
        context.close()
    assert watching.evaluate("window.accordNotReloaded") is True
    assert not errors

    # Each key was made in its browser: the server holds only its public half.
    browser_keys = in_thread(lambda: SigningKey.objects.filter(label="browser").count())
    assert browser_keys == len(HEADS)

    with watching.expect_download() as download:
        watching.get_by_role("link", name="Download the signed PDF").click()
    path = tmp_path / "joint-statement.pdf"
    download.value.save_as(path)
    out = io.StringIO()
    in_thread(lambda: call_command("ledger", "verify-document", str(path), stdout=out))
    assert "verified: document" in out.getvalue()
    assert out.getvalue().count("signature of") == len(HEADS)

    # The same check by upload, in Russian.
    watcher.add_cookies([{"name": "django_language", "value": "ru", "url": server}])
    watching.goto(f"{server}/documents/verify/")
    watching.get_by_label("Файл PDF").set_input_files(str(path))
    watching.get_by_role("button", name="Проверить").click()
    expect(watching.locator("#verify-result h2")).to_have_text("Документ подлинный")
    watcher.close()


def test_the_documents_pages_fit_a_laptop_and_a_tablet(browser: Browser, server: str, shots: Path) -> None:
    url = _drafted_and_adopted_by_the_secretariat(browser, server)
    path = url.removeprefix(server)
    for size_name, viewport in (("laptop", LAPTOP), ("tablet", TABLET)):
        for language in ("en", "ru"):
            context = browser.new_context(viewport=viewport)
            context.add_cookies([{"name": "django_language", "value": language, "url": server}])
            page = context.new_page()
            sign_in(page, server, "secretariat")
            for name, target in (("documents", "/documents/"), ("document", path), ("new", "/documents/new/"),
                                 ("verify", "/documents/verify/")):
                page.goto(f"{server}{target}")
                expect(page.locator("main h1")).to_be_visible()
                page.screenshot(path=str(shots / f"{name}-{size_name}-{language}.png"), full_page=True)
                assert _fits_the_width(page), f"{target} scrolls sideways at {viewport} in {language}"
            context.close()
