"""The log's replay rebuilds the attachments, and stops at an attached file that no longer has its hash.

The organization is built here, not from meetings_world: that world's bilateral asked "public" on the margins
of a members-only session does not replay (its logged classification, "members", is refused by the action).
"""

from __future__ import annotations

import meetings_world
import pytest
import reference_org
from files import PDF, TEXT

from accord.attachments import actions, store
from accord.core.acting import Actor
from accord.core.audit import audit
from accord.meetings import actions as meetings
from accord.members import actions as registry
from accord.members.models import Person


@pytest.fixture
def world(db: None) -> meetings_world.World:
    """A summit with an open part and a closed part, each with an item (the ids a World names that matter)."""
    reference_org.build(people=meetings_world.SIX)
    console = Actor.console()
    registry.establish_body(actor=console, code="CSC", name={"ru": "Совет коллективной безопасности",
                                                             "en": "Collective Security Council"})
    summit = meetings.convene_session(actor=console, body="CSC", title={"ru": "Саммит", "en": "Summit"},
                                      kind="regular", mode="in_person", starts_on="2022-05-16", host="RUS",
                                      place={"ru": "Москва", "en": "Moscow"})
    open_part = meetings.add_part(actor=console, session=summit.pk, kind="expanded", is_open=True,
                                  starts_at="2022-05-16T10:00:00+00:00", ends_at="2022-05-16T11:00:00+00:00")
    closed_part = meetings.add_part(actor=console, session=summit.pk, kind="restricted", is_open=False,
                                    participants=list(meetings_world.INSIDE),
                                    starts_at="2022-05-16T11:30:00+00:00", ends_at="2022-05-16T12:30:00+00:00")
    open_item = meetings.add_agenda_item(actor=console, session=summit.pk, part=open_part.pk,
                                         title={"ru": "Заявление", "en": "Statement"})
    closed_item = meetings.add_agenda_item(actor=console, session=summit.pk, part=closed_part.pk,
                                           title={"ru": "Закрытый", "en": "Closed"})
    return meetings_world.World(summit=summit.pk, open_part=open_part.pk, closed_part=closed_part.pk,
                                closed_statement=0, secret_session=0, secret_bilateral=0, open_item=open_item.pk,
                                closed_item=closed_item.pk)


def _attach_and_withdraw(world: meetings_world.World) -> tuple[str, str]:
    officer = Actor(person=Person.objects.get(username="secretariat"))
    kept = actions.attach(actor=officer, on="item", target=world.closed_item, name="closed.pdf", content=PDF)
    gone = actions.attach(actor=officer, on="session", target=world.summit, name="notes.txt", content=TEXT)
    actions.withdraw(actor=officer, attachment=gone.pk)
    return kept.sha256, gone.sha256


def test_the_audit_replays_the_attachments(world: meetings_world.World) -> None:
    _attach_and_withdraw(world)
    report = audit()
    assert report.refused is None
    assert report.differences == []


@pytest.mark.parametrize("damage", ["altered", "missing"])
def test_the_audit_stops_at_a_file_that_does_not_match_its_act(world: meetings_world.World, damage: str) -> None:
    sha, _other = _attach_and_withdraw(world)
    if damage == "altered":
        store.path_of(sha).write_bytes(PDF + b"changed")
    else:
        store.path_of(sha).unlink()
    report = audit()
    assert report.refused is not None
    assert f"the attached file {sha} (closed.pdf) is {damage}" in report.refused
