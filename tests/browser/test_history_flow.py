"""In Chromium, on the demo (issue #19): the secretariat annotates a recorded act from its entry page, in English
and in Russian; the offices card and a membership history's marked date; the anniversary session's kind."""

from __future__ import annotations

import pytest
from browser_steps import in_thread, signed_in
from playwright.sync_api import Browser, Page, expect

from accord.ledger.models import Entry
from accord.meetings.models import Session

HEADING = {"en": "Sources and certainty", "ru": "Источники и достоверность"}
RECORD = {"en": "Record the annotation", "ru": "Записать дополнение"}
ANNIVERSARY = {"en": "Anniversary session", "ru": "Юбилейная сессия"}


def _in(browser: Browser, server: str, username: str, language: str) -> Page:
    page = signed_in(browser, server, username)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": server}])
    return page


def _first(kind: str) -> int:
    return in_thread(lambda: Entry.objects.filter(type=kind).order_by("seq").values_list("seq", flat=True)[0])


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_secretariat_annotates_an_act_from_its_entry_page(
        browser: Browser, server: str, organization: str, language: str) -> None:
    if organization != "demo":
        pytest.skip("the demo's acts are annotated here")
    seq = _first("members.history_recorded")
    page = _in(browser, server, "secretariat", language)
    page.goto(f"{server}/ledger/{seq}/")
    expect(page.get_by_role("heading", name=HEADING[language])).to_be_visible()
    form = page.locator("form#annotate")
    # The act's own fields, chosen from a list (each by the label its form gives it, and its name).
    expect(form.locator("[name=field] option[value=on]")).to_contain_text("(on)")
    form.locator("[name=field]").select_option("on")
    form.locator("[name=certainty]").select_option("reported")
    form.locator("[name=note_en]").fill("Dated by a later report")
    form.locator("[name=note_ru]").fill("Дата по более позднему сообщению")
    form.locator("[name=source_title]").fill("An archive's register")
    form.locator("[name=source_date]").fill("1999")
    form.get_by_role("button", name=RECORD[language]).click()
    expect(page).to_have_url(f"{server}/ledger/{seq}/#provenance-heading")
    table = page.locator("section[aria-labelledby=provenance-heading] table")
    expect(table).to_contain_text("An archive's register")
    note = "Дата по более позднему сообщению" if language == "ru" else "Dated by a later report"
    expect(table).to_contain_text(note)
    # A source without a title is refused beside the field, and nothing is recorded.
    form.locator("[name=field]").select_option("on")
    form.locator("[name=source_link]").fill("https://example.org/register")
    form.get_by_role("button", name=RECORD[language]).click()
    expect(page.locator("form#annotate")).to_contain_text(
        "обязательно, если указан источник" if language == "ru" else "is required when a source is given")
    # Another reader sees the sources, not the form.
    observer = _in(browser, server, "observer", language)
    observer.goto(f"{server}/ledger/{seq}/")
    expect(observer.locator("section[aria-labelledby=provenance-heading] table")).to_contain_text(
        "An archive's register")
    expect(observer.locator("form#annotate")).to_have_count(0)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_offices_on_the_dashboard_and_member_page_and_a_marked_history_date(
        browser: Browser, server: str, organization: str, language: str) -> None:
    if organization != "demo":
        pytest.skip("the demo's offices and history are read here")
    page = _in(browser, server, "observer", language)
    page.goto(f"{server}/")
    offices = page.locator("section[aria-labelledby=offices-heading]")
    expect(offices).to_contain_text("Таалатбек Масадыков" if language == "ru" else "Taalatbek Masadykov")
    expect(offices).to_contain_text("Генеральный секретарь" if language == "ru" else "Secretary General")
    facts = page.locator("section[aria-labelledby=organization-heading]")
    expect(facts).to_contain_text("Наблюдатель" if language == "ru" else "Observer")
    page.goto(f"{server}/members/KGZ/")
    held = page.locator("section[aria-labelledby=offices-held-heading]")
    expect(held).to_contain_text("Таалатбек Масадыков" if language == "ru" else "Taalatbek Masadykov")
    page.goto(f"{server}/members/ARM/")
    history = page.locator("table").filter(has_text="2024").first
    stopped = "Прекращение уплаты взносов" if language == "ru" else "Stopped paying contributions"
    expect(history).to_contain_text(stopped)
    expect(history).to_contain_text("не установлен" if language == "ru" else "uncertain")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_anniversary_session_names_its_kind(
        browser: Browser, server: str, organization: str, language: str) -> None:
    if organization != "demo":
        pytest.skip("the demo's anniversary summit is read here")
    summit = in_thread(lambda: Session.objects.get(kind="anniversary").pk)
    page = _in(browser, server, "kaz.delegate", language)
    page.goto(f"{server}/meetings/sessions/{summit}/")
    expect(page.locator("main")).to_contain_text(ANNIVERSARY[language])


def _session_with_a_closed_part() -> tuple[int, int]:
    """A session of the demo's Council with a closed part of two delegations, convened for this test alone."""
    from accord.core.acting import Actor
    from accord.meetings import actions

    console = Actor.console()
    session = actions.convene_session(actor=console, body="CSC", kind="regular", mode="video",
                                      starts_on="2023-11-23",
                                      title={"ru": "Сессия для теста", "en": "A test session"})
    part = actions.add_part(actor=console, session=session.pk, kind="restricted", is_open=False,
                            participants=["ARM", "KAZ"])
    return session.pk, part.pk


def test_the_secretariat_publishes_what_may_be_known_of_a_closed_part(
        browser: Browser, server: str, organization: str) -> None:
    if organization != "demo":
        pytest.skip("the demo's Council convenes the session")
    session, part = in_thread(_session_with_a_closed_part)
    page = _in(browser, server, "secretariat", "ru")
    page.goto(f"{server}/meetings/sessions/{session}/console/")
    form = page.locator("form#publish")
    expect(page.get_by_role("heading", name="Что может быть известно о закрытой части")).to_be_visible()
    # Neither topic nor report: refused beside the form, with what was typed kept.
    form.locator("[name=source_title]").fill("Сообщение агентства")
    form.get_by_role("button", name="Опубликовать").click()
    form = page.locator("form#publish")
    expect(form).to_contain_text("укажите объявленную тему")
    expect(form.locator("[name=source_title]")).to_have_value("Сообщение агентства")
    form.locator("[name=part]").select_option(str(part))
    form.locator("[name=topic_ru]").fill("Региональная безопасность")
    form.locator("[name=topic_en]").fill("Regional security")
    form.locator("[name=reported_ru]").fill("По сообщениям, обсуждали границу.")
    form.locator("[name=reported_en]").fill("Said to have discussed the border.")
    form.locator("[name=certainty]").select_option("reported")
    form.get_by_role("button", name="Опубликовать").click()
    public = browser.new_page()
    public.goto(f"{server}/meetings/sessions/{session}/")
    expect(public.locator("main")).to_contain_text("Regional security")
    expect(public.locator("main")).to_contain_text("Said to have discussed the border.")
    expect(public.locator("main")).to_contain_text("Сообщение агентства")
