"""Opening, a position lodged and closing each publish a live event (which the pages refresh on)."""

from __future__ import annotations

import pytest
from decisions_helpers import decisions_actor, decisions_session

from accord.core import events
from accord.core.events import Event
from accord.decisions import actions

pytestmark = pytest.mark.usefixtures("decisions_org")


def test_each_act_of_a_procedure_publishes_its_event(monkeypatch: pytest.MonkeyPatch) -> None:
    session = decisions_session()
    published: list[Event] = []
    monkeypatch.setattr(events, "publish", published.append)
    proposal = actions.propose(actor=decisions_actor("arm.delegate"), title={"ru": "Live"}, body="CSC",
                               sponsors=["ARM"]).pk
    actions.open_procedure(actor=decisions_actor("secretariat"), proposal=proposal, kind="consensus",
                           session=session)
    actions.lodge_position(actor=decisions_actor("kaz.head"), proposal=proposal, member="KAZ", stance="join")
    actions.close_procedure(actor=decisions_actor("secretariat"), proposal=proposal)
    assert [event.type for event in published] == [
        "decisions.proposed", "decisions.procedure_opened", "decisions.position_lodged", "decisions.closed"]
    # A members-only proposal's events reach every viewer, sealed for those who may not see them.
    assert {event.classification for event in published} == {"members"}
