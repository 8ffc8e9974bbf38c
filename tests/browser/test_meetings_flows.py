"""End to end in Chromium: the chair runs a session while a delegate follows; a bilateral booking;
the public's view of the summit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from browser_steps import confirm, in_thread, sign_in
from playwright.sync_api import Browser, expect
from test_live import LAPTOP, TABLET

from accord.core.acting import Actor
from accord.meetings import actions
from accord.meetings.models import AgendaItem, Session


def _session_chaired_by_kazakhstan() -> int:
    def build() -> int:
        console = Actor.console()
        session = actions.convene_session(actor=console, body="CSC", title={"ru": "Сессия (тест)",
                                                                            "en": "Council session (test)"},
        kind="regular", mode="video",
                                          starts_on="2024-06-01", chair="KAZ")
        for title in ("Opening of the session", "Draft decision on the budget"):
            actions.add_agenda_item(actor=console, session=session.pk, title={"ru": title, "en": title})
        actions.agree_agenda(actor=console, session=session.pk)
        return session.pk

    return in_thread(build)


def test_it_lets_a_delegate_follow_the_chair_live(browser: Browser, server: str, shots: Path) -> None:
    session = _session_chaired_by_kazakhstan()
    chair = browser.new_context(viewport=LAPTOP).new_page()
    delegate = browser.new_context(viewport=TABLET).new_page()
    errors: list[str] = []
    delegate.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(chair, server, "kaz.head")
    sign_in(delegate, server, "rus.delegate")
    delegate.goto(f"{server}/meetings/sessions/{session}/")
    expect(delegate.locator("#session-live")).to_have_attribute("data-following", "yes")
    expect(delegate.locator(".now")).to_contain_text("Convened")

    chair.goto(f"{server}/meetings/sessions/{session}/console/")
    chair.get_by_role("button", name="Open the session").click()
    expect(delegate.locator(".now")).to_contain_text("In progress")
    chair.get_by_role("button", name="Take up item 1").click()
    expect(delegate.locator(".now__item")).to_contain_text("Opening of the session")
    chair.get_by_label("Outcome of item 1").select_option("noted")
    chair.get_by_role("button", name="Record").first.click()
    chair.get_by_role("button", name="Take up item 2").click()
    expect(delegate.locator(".now__item")).to_contain_text("Draft decision on the budget")
    expect(delegate.locator('[data-item="1"] .outcome')).to_contain_text("Taken note of")
    chair.get_by_label("Outcome of item 2").select_option("returned")
    chair.get_by_role("button", name="Record").click()
    expect(delegate.locator('[data-item="2"] .outcome')).to_contain_text("Returned for revision")
    chair.get_by_role("button", name="Close the session").click()
    confirm(chair)
    expect(delegate.locator(".now")).to_contain_text("Closed")
    delegate.screenshot(path=str(shots / "meetings-follow-tablet.png"), full_page=True)
    assert errors == []


def _summit() -> int:
    return in_thread(lambda: Session.objects.get(starts_on="2022-05-16").pk)


def _session_tomorrow() -> int:
    """A session still to come: a delegation asks for meetings on its margins before they take place."""
    def build() -> int:
        tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
        return actions.convene_session(actor=Actor.console(), body="CSC", kind="regular", mode="video",
                                       title={"ru": "Сессия (тест)", "en": "Council session (test)"},
                                       starts_on=tomorrow).pk

    return in_thread(build)


def test_it_books_a_bilateral_and_refuses_a_clashing_slot(browser: Browser, server: str, shots: Path) -> None:
    summit = _session_tomorrow()
    page = browser.new_context(viewport=LAPTOP).new_page()
    sign_in(page, server, "kaz.delegate")
    page.goto(f"{server}/meetings/sessions/{summit}/bilaterals/")
    page.get_by_label("With").select_option("TJK")
    page.get_by_label("From (UTC)").fill("18:00")
    page.get_by_label("to (UTC)").fill("18:30")
    page.get_by_role("button", name="Ask for this slot").click()
    expect(page.locator(".schedule")).to_contain_text("Tajikistan")
    page.get_by_label("With").select_option("BLR")
    page.get_by_label("From (UTC)").fill("18:15")
    page.get_by_label("to (UTC)").fill("18:45")
    page.get_by_role("button", name="Ask for this slot").click()
    error = page.locator("#starts_at_error_1")  # beside the field it names, the slot's start
    expect(error).to_contain_text("already has a meeting (KAZ–TJK) from 18:00 to 18:30 UTC")
    expect(page.get_by_label("From (UTC)")).to_have_value("18:15")  # what was typed stays
    page.screenshot(path=str(shots / "meetings-bilateral-refused.png"), full_page=True)


def test_it_shows_the_public_the_closed_part_only_as_closed(browser: Browser, server: str, shots: Path) -> None:
    summit = _summit()
    page = browser.new_context(viewport=LAPTOP).new_page()
    page.goto(f"{server}/meetings/sessions/{summit}/")
    expect(page.get_by_role("heading", name="Collective Security Council: anniversary summit")).to_be_visible()
    closed = page.locator(".part--closed")
    expect(closed).to_contain_text("This closed part took place. Its content is visible to its participants only.")
    # What was reported publicly of it is public, with its source; its own record (the item, Russia's
    # statement in it) stays its participants'.
    expect(closed).to_contain_text("Reported publicly")
    expect(closed).not_to_contain_text("Closed discussion")
    expect(page.locator("body")).not_to_contain_text("discussed in the closed part; on Finland")
    expect(page.locator(".part--open")).to_contain_text("truly protective")
    page.screenshot(path=str(shots / "meetings-summit-public.png"), full_page=True)


def test_it_draws_the_month_on_a_tablet_in_russian(browser: Browser, server: str, shots: Path) -> None:
    context = browser.new_context(viewport=TABLET)
    context.add_cookies([{"name": "django_language", "value": "ru", "url": server}])
    page = context.new_page()
    page.goto(f"{server}/meetings/calendar/?month=2022-05")
    expect(page.locator(".month-grid__day--busy").first).to_contain_text("Сессия Совета коллективной безопасности")
    fits = page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
    page.screenshot(path=str(shots / "meetings-month-tablet-ru.png"), full_page=True)
    assert fits


def test_a_refused_item_leaves_what_the_chair_typed_elsewhere_on_the_console(
        browser: Browser, server: str, shots: Path) -> None:
    """Issue #21: the console came back with every form empty when one act on an item was refused."""
    session = _session_chaired_by_kazakhstan()
    first, second = in_thread(lambda: list(AgendaItem.objects.filter(session_id=session).order_by("number")
                                           .values_list("pk", flat=True)))
    chair = browser.new_context(viewport=LAPTOP).new_page()
    sign_in(chair, server, "kaz.head")
    chair.goto(f"{server}/meetings/sessions/{session}/console/")
    chair.get_by_role("button", name="Open the session").click()
    chair.get_by_role("button", name="Take up item 1").click()
    second_form = chair.locator(f'form[action$="/items/{second}/outcome/"]')
    second_form.get_by_label("Outcome of item 2").select_option("returned")
    second_form.locator('input[name="note_en"]').fill("Paragraph 3 to be redrafted")
    # Another officer records item 1 meanwhile: the chair's own recording of it is refused.
    in_thread(lambda: actions.record_outcome(actor=Actor.console(), item=first, outcome="noted"))
    chair.get_by_label("Outcome of item 1").select_option("adopted")
    chair.locator(f'form[action$="/items/{first}/outcome/"]').get_by_role("button", name="Record").click()
    expect(chair.locator("#console-error")).to_contain_text(
        "Agenda item: its outcome (Taken note of) was recorded")
    expect(second_form.get_by_label("Outcome of item 2")).to_have_value("returned")
    expect(second_form.locator('input[name="note_en"]')).to_have_value("Paragraph 3 to be redrafted")
    chair.screenshot(path=str(shots / "meetings-console-refused-keeps-typing.png"), full_page=True)


# Each word of the month's entries as the page lays it out: a word on more than one line is broken.
BROKEN_WORDS = """() => {
    const broken = [];
    document.querySelectorAll(".month-grid__entry").forEach((entry) => {
        const walker = document.createTreeWalker(entry, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.textContent.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const lines = new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top)));
                if (lines.size > 1) broken.push(match[0]);
            }
        }
    });
    return broken;
}"""


def test_no_word_of_the_month_is_broken_in_its_narrow_cells(browser: Browser, server: str, shots: Path) -> None:
    """Issue #21: titles in narrow calendar cells were cut mid-word ("демонстрац / ия")."""
    for language in ("ru", "en"):
        context = browser.new_context(viewport=TABLET)
        context.add_cookies([{"name": "django_language", "value": language, "url": server}])
        page = context.new_page()
        page.goto(f"{server}/meetings/calendar/?month=2022-05")
        assert page.locator(".month-grid__entry").count() > 0
        page.screenshot(path=str(shots / f"meetings-month-words-{language}.png"), full_page=True)
        assert page.evaluate(BROKEN_WORDS) == [], language
        context.close()
