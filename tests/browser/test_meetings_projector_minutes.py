"""End to end in Chromium: the room's projector follows the chair giving the floor, with the speaker's timer;
the minutes circulated, commented on by a delegate, approved by the chair."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from axe_checks import axe_script, severe_violations
from browser_steps import LAPTOP, TABLET, confirm, fits_the_width, in_thread, sign_in
from django.utils import timezone
from playwright.sync_api import Browser, expect

from accord.core.acting import Actor
from accord.meetings import actions


def _session_with_speakers(*, close: bool = False) -> int:
    """A session chaired by Kazakhstan, open, its first item taken up, two speakers on the list."""
    def build() -> int:
        console = Actor.console()
        session = actions.convene_session(actor=console, body="CSC", kind="regular", mode="video", chair="KAZ",
                                          title={"ru": "Сессия (тест)", "en": "Council session (test)"},
                                          starts_on="2024-06-01")
        part = actions.add_part(actor=console, session=session.pk, kind="plenary", is_open=True)
        item = actions.add_agenda_item(actor=console, session=session.pk, part=part.pk,
                                       title={"ru": "Бюджет", "en": "Draft decision on the budget"})
        actions.agree_agenda(actor=console, session=session.pk)
        actions.open_session(actor=console, session=session.pk)
        actions.take_up_item(actor=console, item=item.pk)
        for code, name in (("BLR", "Speaker of Belarus"), ("TJK", "Speaker of Tajikistan")):
            actions.inscribe_speaker(actor=console, part=part.pk, delegation=code,
                                     speaker_name={"ru": name, "en": name})
        if close:
            actions.close_session(actor=console, session=session.pk)
        return session.pk

    return in_thread(build)


def test_the_projector_follows_the_chair_giving_the_floor(browser: Browser, server: str, shots: Path) -> None:
    session = _session_with_speakers()
    chair = browser.new_context(viewport=LAPTOP).new_page()
    room = browser.new_context(viewport=TABLET).new_page()
    errors: list[str] = []
    room.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(chair, server, "kaz.head")
    room.goto(f"{server}/meetings/sessions/{session}/projector/")
    expect(room.locator("#projector")).to_have_attribute("data-following", "yes")
    expect(room.locator(".projector__speaker")).to_contain_text("Nobody has the floor")
    expect(room.locator(".projector__item")).to_contain_text("Draft decision on the budget")
    expect(room.locator(".projector__speakers li")).to_have_count(2)

    chair.goto(f"{server}/meetings/sessions/{session}/console/")
    chair.get_by_label("Speaker on the list").last.select_option(label="Speaker of Belarus (Belarus)")
    chair.get_by_label("Speaking time (minutes)").fill("2")
    chair.get_by_role("button", name="Give the floor").click()
    expect(room.locator(".projector__speaker")).to_contain_text("Speaker of Belarus")
    expect(room.locator(".projector__speakers li")).to_have_count(1)
    # The timer counts down from the speaking time the chair gave (its exact second is the clock's).
    expect(room.locator("[data-timer-left]")).to_have_text(re.compile(r"^(1:\d\d|2:00)$"))
    room.screenshot(path=str(shots / "meetings-projector-tablet.png"), full_page=True)
    assert fits_the_width(room)
    # Large type on black: no serious accessibility failure, contrast included, while a speaker has the floor.
    assert severe_violations(room, axe_script()) == []

    chair.get_by_role("button", name="End the speaker's time").click()
    expect(room.locator(".projector__speaker")).to_contain_text("Nobody has the floor")
    assert errors == []


def test_minutes_are_circulated_commented_and_approved(
        browser: Browser, server: str, shots: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = _session_with_speakers(close=True)
    chair = browser.new_context(viewport=LAPTOP).new_page()
    delegate = browser.new_context(viewport=TABLET).new_page()
    sign_in(chair, server, "kaz.head")
    sign_in(delegate, server, "blr.delegate")
    minutes = f"{server}/meetings/sessions/{session}/minutes/"

    chair.goto(minutes)
    expect(chair.locator(".minutes__provisional")).to_contain_text("a draft, not yet circulated")
    deadline = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    until = chair.get_by_role("group", name="Comments until")  # a day and a 24-hour time, in the named zone
    until.get_by_label("Day", exact=True).fill(f"{deadline:%d.%m.%Y}")
    until.get_by_label("Time", exact=True).fill(f"{deadline:%H:%M}")
    chair.get_by_role("button", name="Circulate the minutes").click()
    expect(chair.locator(".minutes__state")).to_contain_text("Circulated for comments")

    delegate.goto(minutes)
    delegate.get_by_label("Your comment").fill("Belarus asks that item 1 name its rapporteur.")
    delegate.get_by_role("button", name="Send the comment").click()
    expect(delegate.locator(".minutes-comments")).to_contain_text("name its rapporteur")
    delegate.screenshot(path=str(shots / "meetings-minutes-comment-tablet.png"), full_page=True)

    # The comment period over (the server's clock moved past the deadline), the chair approves.
    later = deadline + dt.timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    chair.goto(minutes)
    chair.get_by_role("button", name="Approve the minutes").click()
    confirm(chair)
    expect(chair.locator(".minutes__approved")).to_contain_text("Approved minutes")
    expect(chair.locator(".minutes__approved")).to_contain_text("The record still reads as approved.")
    expect(chair.locator(".minutes__provisional")).to_have_count(0)
    chair.screenshot(path=str(shots / "meetings-minutes-approved-laptop.png"), full_page=True)
    assert severe_violations(chair, axe_script()) == []
