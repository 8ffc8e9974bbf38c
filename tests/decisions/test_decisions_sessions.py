"""Consensus is reached at a session (issue #21, high 5): the procedure names a real session of the deciding
body by its id, one the actor may see; it is closed once that session is open, dated within the session."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from decisions_helpers import decisions_actor, decisions_client, decisions_session
from django.test import Client

from accord.core import clock
from accord.core.acting import Actor
from accord.core.errors import Conflict, InvalidInput, NotFound
from accord.core.policy import ANONYMOUS
from accord.decisions import actions
from accord.decisions.models import Decision, Procedure
from accord.ledger import log
from accord.meetings import actions as meetings
from accord.members import queries as registry

pytestmark = pytest.mark.usefixtures("decisions_org")
API = "/api/v1/decisions"


def _table() -> int:
    return actions.propose(actor=decisions_actor("arm.delegate"), title={"ru": "Проект", "en": "Draft"},
                           body="CSC", sponsors=["ARM"], classification="public").pk


def _post(client: Client, path: str, data: dict[str, Any]) -> Any:
    return client.post(f"{API}{path}", data=json.dumps(data), content_type="application/json")


def _day(days: int) -> str:
    return (clock.today() + dt.timedelta(days=days)).isoformat()


def test_consensus_names_its_session_and_the_other_kinds_none() -> None:
    proposal = _table()
    secretariat = decisions_actor("secretariat")
    with pytest.raises(InvalidInput) as refused:
        actions.open_procedure(actor=secretariat, proposal=proposal, kind="consensus")
    assert refused.value.field == "session"
    with pytest.raises(InvalidInput) as refused:
        actions.open_procedure(actor=secretariat, proposal=proposal, kind="written", session=decisions_session(),
                               deadline=clock.now() + dt.timedelta(days=1))
    assert refused.value.field == "session"
    with pytest.raises(InvalidInput) as refused:
        actions.open_procedure(actor=secretariat, proposal=proposal, kind="consensus", session="the summit")
    assert refused.value.field == "session"


def test_a_missing_session_and_one_the_actor_may_not_see_answer_alike() -> None:
    chair = registry.chairmanship(ANONYMOUS).chair
    assert chair is not None
    others = [code for code in ("ARM", "KAZ", "RUS") if code != chair.code][:2]
    hidden = decisions_session(participants=others)
    missing = hidden + 1000
    proposal = _table()
    size = log.size()
    answers = []
    for number in (hidden, missing):
        response = _post(decisions_client("chair.delegate"), f"/{proposal}/procedure",
                         {"kind": "consensus", "session": number})
        answers.append((response.status_code, response.json()["errors"][0]["field"],
                        response.json()["errors"][0]["reason"].replace(str(number), "N")))
    assert answers[0] == answers[1] == (404, "session", "there is no session N")
    assert log.size() == size
    # The secretariat sees the closed session: the same id is a session for it.
    assert _post(decisions_client("secretariat"), f"/{proposal}/procedure",
                 {"kind": "consensus", "session": hidden}).status_code == 201


def test_a_session_of_another_body_does_not_decide() -> None:
    proposal = _table()
    elsewhere = decisions_session(body="SEC")
    with pytest.raises(InvalidInput) as refused:
        actions.open_procedure(actor=decisions_actor("secretariat"), proposal=proposal, kind="consensus",
                               session=elsewhere)
    assert refused.value.field == "session"


def test_the_secretariat_alone_cannot_close_before_the_session_is_open() -> None:
    """The issue's case: opened and closed at once, with every member absent, before the session met."""
    proposal = _table()
    convened = decisions_session(_day(13), held=False)
    secretariat = decisions_actor("secretariat")
    actions.open_procedure(actor=secretariat, proposal=proposal, kind="consensus", session=convened)
    size = log.size()
    with pytest.raises(Conflict) as refused:
        actions.close_procedure(actor=secretariat, proposal=proposal)
    assert refused.value.field == "session"
    assert log.size() == size
    assert not Decision.objects.exists()


def test_a_session_is_not_opened_before_its_day_so_takes_no_decision_before_it() -> None:
    """Issue #21: a session was opened, and decided at, 13 days before it met."""
    proposal = _table()
    early = decisions_session(_day(13), held=False)  # meets in 13 days
    secretariat = decisions_actor("secretariat")
    with pytest.raises(InvalidInput) as refused:
        meetings.open_session(actor=secretariat, session=early)
    assert refused.value.field == "session"
    actions.open_procedure(actor=secretariat, proposal=proposal, kind="consensus", session=early)
    with pytest.raises(Conflict) as unopened:
        actions.close_procedure(actor=secretariat, proposal=proposal)
    assert unopened.value.field == "session"
    assert not Decision.objects.exists()


def test_the_decision_is_dated_within_the_session() -> None:
    proposal = _table()
    yesterday = decisions_session(_day(-1))
    secretariat = decisions_actor("secretariat")
    actions.open_procedure(actor=secretariat, proposal=proposal, kind="consensus", session=yesterday,
                           opened_at=f"{_day(-1)}T00:00:00+00:00")
    with pytest.raises(InvalidInput) as refused:
        actions.close_procedure(actor=secretariat, proposal=proposal, on=_day(0))
    assert refused.value.field == "on"
    decision = actions.close_procedure(actor=secretariat, proposal=proposal)  # not given: the session's day
    assert decision.decided_on.isoformat() == _day(-1)


def test_a_procedure_is_not_opened_at_a_session_that_has_ended() -> None:
    proposal = _table()
    ended = decisions_session(_day(-2))
    with pytest.raises(InvalidInput) as refused:
        actions.open_procedure(actor=decisions_actor("secretariat"), proposal=proposal, kind="consensus",
                               session=ended)
    assert refused.value.field == "opened_at"
    meetings.close_session(actor=Actor.console(), session=ended)
    assert not Procedure.objects.exists()


def test_the_chair_does_not_close_at_a_session_it_may_not_see() -> None:
    chair = registry.chairmanship(ANONYMOUS).chair
    assert chair is not None
    proposal = _table()
    hidden = decisions_session(participants=[code for code in ("ARM", "KAZ", "RUS") if code != chair.code][:2])
    actions.open_procedure(actor=decisions_actor("secretariat"), proposal=proposal, kind="consensus",
                           session=hidden)
    with pytest.raises(NotFound) as refused:
        actions.close_procedure(actor=decisions_actor("chair.delegate"), proposal=proposal)
    assert refused.value.field == "session"
    assert not Decision.objects.exists()
    # Nor does the API name it to the chair, not even by its id; the secretariat sees it.
    for handle, named in (("chair.delegate", None), ("secretariat", hidden)):
        shown = decisions_client(handle).get(f"{API}/{proposal}").json()
        assert shown["procedure"]["session"] == named


def test_the_page_offers_the_bodys_sessions_to_choose_from_not_free_text() -> None:
    proposal = _table()
    today = decisions_session()
    other = decisions_session(body="SEC")
    page = decisions_client("secretariat").get(f"/decisions/{proposal}/").content.decode()
    assert '<select name="session"' in page
    assert f'<option value="{today}">Session of {_day(0)}' in page
    assert f'<option value="{other}"' not in page  # another body's session decides nothing here
    response = decisions_client("secretariat").post(f"/decisions/{proposal}/open/",
                                                    {"kind": "consensus", "session": "999999"})
    assert response.status_code == 400
    assert not Procedure.objects.exists()
    assert decisions_client("secretariat").post(f"/decisions/{proposal}/open/",
                                                {"kind": "consensus", "session": today}).status_code == 302
    shown = decisions_client("secretariat").get(f"/decisions/{proposal}/").content.decode()
    assert f'href="/meetings/sessions/{today}/">Session of {_day(0)}</a>' in shown
