"""The log's replay rebuilds the attachments, and stops at an attached file that no longer has its hash."""

from __future__ import annotations

import meetings_world
import pytest
from files import PDF, TEXT

from accord.attachments import actions, store
from accord.core.acting import Actor
from accord.core.audit import audit
from accord.members.models import Person


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
