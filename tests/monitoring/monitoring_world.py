"""Helpers of the monitoring tests: the crisis tests' organization (every delegation signs in, an observer,
the councils), a theme configured through the real action, and a summit whose heads spoke."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "crises"))

from crises_fixtures import actor, build_crisis_organization, call, page, signed_in

from accord.core.acting import Actor
from accord.meetings import actions as meetings
from accord.meetings.models import Statement
from accord.members import actions as registry
from accord.monitoring import actions
from accord.monitoring.models import Theme

__all__ = ["actor", "afghan_direction", "call", "page", "signed_in", "summit_statements"]

AFGHAN = {"ru": "Афганское направление", "en": "The Afghan direction"}


@pytest.fixture
def monitoring_organization(db: None) -> None:
    build_crisis_organization()
    registry.establish_body(actor=Actor.console(), code="WGA", decides=False,
                            name={"ru": "Рабочая группа по Афганистану", "en": "Working Group on Afghanistan"})


def afghan_direction(classification: str = "public", owner_body: str = "WGA") -> Theme:
    return actions.configure_theme(actor=Actor.console(), name=AFGHAN, kind="regional", owner_body=owner_body,
                                   description={"en": "Armed groups near the members' southern borders"},
                                   classification=classification)


def summit_statements() -> tuple[Statement, Statement]:
    """A delivered statement in a summit's open part (Kazakhstan's head) and one in its closed part,
    open to the participants named there only (Russia and Kazakhstan)."""
    console = Actor.console()
    summit = meetings.convene_session(actor=console, body="CSC", kind="regular", mode="in_person",
                                      starts_on="2022-05-16", title={"ru": "Саммит", "en": "Summit"},
                                      place={"ru": "Москва", "en": "Moscow"})
    open_part = meetings.add_part(actor=console, session=summit.pk, kind="expanded", is_open=True)
    closed = meetings.add_part(actor=console, session=summit.pk, kind="restricted", is_open=False,
                               participants=["KAZ", "RUS"])
    meetings.open_session(actor=console, session=summit.pk)
    said = []
    for part, code in ((open_part, "KAZ"), (closed, "RUS")):
        listed = meetings.inscribe_speaker(actor=console, part=part.pk, delegation=code,
                                           speaker=f"{code.lower()}.head")
        said.append(meetings.deliver_statement(actor=console, statement=listed.pk, language="ru", summary={
            "ru": f"Заявление {code}", "en": f"Statement of {code} on the Afghan direction"}))
    return said[0], said[1]
