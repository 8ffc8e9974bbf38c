"""A draft circulated without a session and announced by the chair (issue #19: the reference organization's
Council decision of 6 January 2022): no session, no deadline; adopted when no member formally objects, the
members with no position on record having raised no formal objection; the chair of the day announced it."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from decisions_helpers import decisions_actor, decisions_client, decisions_session

from accord.core import clock
from accord.core.acting import Actor
from accord.core.errors import InvalidInput
from accord.core.policy import ANONYMOUS
from accord.decisions import actions
from accord.members import queries as registry

pytestmark = pytest.mark.usefixtures("decisions_org")


def _circulated() -> int:
    proposal = actions.propose(actor=decisions_actor("arm.delegate"), title={"ru": "Проект", "en": "Draft"},
                               body="CSC", sponsors=["ARM"], classification="public").pk
    actions.open_procedure(actor=decisions_actor("secretariat"), proposal=proposal, kind="circulated",
                           opened_at=clock.now() - dt.timedelta(days=2))
    return proposal


def test_it_is_adopted_on_the_announcement_and_names_the_chair_of_the_day() -> None:
    proposal = _circulated()
    actions.lodge_position(actor=decisions_actor("kaz.head"), proposal=proposal, member="KAZ", stance="join")
    day = clock.today() - dt.timedelta(days=1)
    decision = actions.close_procedure(actor=decisions_actor("secretariat"), proposal=proposal, on=day)
    assert (decision.outcome, decision.decided_on, decision.procedure.session) == ("adopted", day, None)
    assert "KAZ" not in decision.absent
    answer = decisions_client(None).get(f"/api/v1/decisions/{proposal}").json()["procedure"]
    chair = registry.chairmanship(ANONYMOUS, day).chair
    assert chair is not None
    assert (answer["kind"], answer["decision"]["announced_by"]) == ("circulated", chair.code)
    page = " ".join(decisions_client(None).get(f"/decisions/{proposal}/").content.decode().split())
    for said in ("Circulated without a session, announced by the chair", "No position recorded</dt>",
                 "(raised no formal objection)", f"Announced by the chair</dt><dd>{chair.name.pick().text}"):
        assert said in page, said


def test_a_formal_objection_returns_it() -> None:
    proposal = _circulated()
    actions.lodge_position(actor=decisions_actor("kaz.head"), proposal=proposal, member="KAZ", stance="object",
                           reasons="Not consulted")
    decision = actions.close_procedure(actor=Actor.console(), proposal=proposal)
    assert decision.outcome == "returned"
    assert decision.identifier is None


def test_it_names_no_session_and_needs_no_deadline() -> None:
    proposal = actions.propose(actor=decisions_actor("arm.delegate"), title={"ru": "П", "en": "D"},
                               body="CSC", sponsors=["ARM"], classification="public").pk
    with pytest.raises(InvalidInput) as caught:
        actions.open_procedure(actor=decisions_actor("secretariat"), proposal=proposal, kind="circulated",
                               session=decisions_session())
    assert caught.value.field == "session"
    opened = actions.open_procedure(actor=decisions_actor("secretariat"), proposal=proposal, kind="circulated")
    assert opened.deadline is None
    page = decisions_client("secretariat").get(f"/decisions/{proposal}/").content.decode()
    assert "at the chair's announcement" in html.unescape(page)
