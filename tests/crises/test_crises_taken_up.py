"""A request taken up: an extraordinary session convened and an accelerated procedure opened from the
crisis, sessions and proposals tied to it, the adopted decision authorizing the mandate."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from crises_fixtures import REQUEST, actor, call, page
from django.utils import timezone

from accord.core.acting import Actor
from accord.core.errors import Conflict, InvalidInput, NotFound, NotPermitted
from accord.core.policy import viewer_of
from accord.crises import actions, queries
from accord.crises.models import Link
from accord.decisions import actions as decisions
from accord.decisions.models import Procedure, Proposal
from accord.ledger import log
from accord.ledger.models import Entry
from accord.meetings import actions as meetings
from accord.meetings.models import Session
from accord.members import queries as registry

MEMBERS = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")


def chair() -> str:
    """The chairing member today, by the rotation (the tests do not assume the year)."""
    code = registry.chair_on(timezone.now().date())
    assert code is not None
    return code


def not_chair() -> str:
    return next(code for code in ("KGZ", "TJK") if code != chair())


def filed(classification: str = "members") -> int:
    return actions.file_request(actor=actor("kaz.head"), classification=classification, **REQUEST).pk


def draft(crisis: int, handle: str | None = None, **change: Any) -> Link:
    title = {"en": "Draft decision on assistance", "ru": "Проект решения о помощи"}
    values: dict[str, Any] = {"body": "CSC", "title": title, "kind": "written", "hours": 6}
    return actions.open_accelerated_procedure(actor=actor(handle or f"{chair().lower()}.head"), crisis=crisis,
                                              **{**values, **change})


def test_the_chair_convenes_an_extraordinary_session_at_the_requesters_request_by_video_today(
        organization: None) -> None:
    crisis = filed()
    before = log.size()
    link = actions.convene_on_request(actor=actor(f"{chair().lower()}.head"), crisis=crisis, body="CSC",
                                      title={"en": "Extraordinary session", "ru": "Внеочередная сессия"})
    assert link.session_id is not None
    session = Session.objects.get(pk=link.session_id)
    assert (session.kind, session.mode, session.requested_by_id) == ("extraordinary", "video", "KAZ")
    assert session.starts_on == timezone.now().date()
    assert session.classification == "members"
    assert log.size() == before + 2  # the session convened, and the request taken up by it
    assert Entry.objects.get(seq=link.entry_seq).type == "crises.taken_up"


def test_the_chair_opens_an_accelerated_procedure_on_a_draft_in_one_act(organization: None) -> None:
    crisis = filed()
    before = log.size()
    link = draft(crisis)
    assert link.proposal_id is not None
    proposal = Proposal.objects.get(pk=link.proposal_id)
    procedure = Procedure.objects.get(proposal=proposal)
    assert procedure.kind == "written"
    assert procedure.state == Procedure.OPEN
    assert procedure.deadline is not None
    assert dt.timedelta(hours=5, minutes=59) < procedure.deadline - timezone.now() <= dt.timedelta(hours=6)
    assert proposal.classification == "members"
    assert proposal.sponsors == [chair()]
    assert sorted(procedure.members) == list(MEMBERS)
    assert [e.type for e in Entry.objects.filter(seq__gte=before).order_by("seq")] == [
        "decisions.proposed", "decisions.procedure_opened", "crises.taken_up"]


@pytest.mark.parametrize(("change", "field"), [
    ({"hours": 0}, "hours"), ({"hours": 169}, "hours"), ({"hours": "soon"}, "hours"),
    ({"kind": "consensus"}, "kind"), ({"title": {"ru": " ", "en": "Draft"}}, "title.ru"),
    ({"title": {"fr": "Projet"}}, "title.fr"), ({"body": "XYZ"}, "body"),
])
def test_a_bad_draft_names_the_field_and_writes_nothing(organization: None, change: dict[str, Any],
                                                        field: str) -> None:
    crisis = filed()
    before = log.size()
    with pytest.raises((InvalidInput, NotFound)) as caught:
        draft(crisis, **change)
    assert caught.value.field == field
    assert log.size() == before
    assert not Proposal.objects.exists()
    assert not Link.objects.exists()


def test_only_the_chair_or_the_secretariat_takes_up_a_request(organization: None) -> None:
    crisis = filed()
    before = log.size()
    with pytest.raises(NotPermitted):
        draft(crisis, handle=f"{not_chair().lower()}.head")
    with pytest.raises(NotPermitted):
        actions.convene_on_request(actor=actor(f"{not_chair().lower()}.head"), crisis=crisis, body="CSC",
                                   title={"en": "Session", "ru": "Сессия"})
    with pytest.raises(NotPermitted):
        draft(crisis, handle="observer")
    assert log.size() == before
    assert not Session.objects.exists()
    assert not Proposal.objects.exists()
    assert draft(crisis, handle="secretariat").proposal_id is not None


def test_nothing_more_is_taken_up_once_the_response_has_ended(organization: None) -> None:
    crisis = filed()
    actions.record_no_response(actor=actor("secretariat"), crisis=crisis, outcome="declined")
    with pytest.raises(Conflict):
        draft(crisis)


def test_the_decision_adopted_on_the_procedure_authorizes_the_mandate(organization: None) -> None:
    crisis = filed()
    proposal = draft(crisis).proposal_id
    assert proposal is not None
    for code in MEMBERS:
        decisions.lodge_position(actor=actor(f"{code.lower()}.head"), proposal=proposal, member=code,
                                 stance="join")
    decision = decisions.close_procedure(actor=actor(f"{chair().lower()}.head"), proposal=proposal)
    assert queries.adopted_decision(queries.crisis(viewer_of(actor("secretariat").person), crisis)) == decision
    actions.choose_response(actor=actor("secretariat"), crisis=crisis, response="operation")
    mandate = actions.set_mandate(actor=actor("secretariat"), crisis=crisis, purpose="Protect facilities",
                                  area="Almaty", ends_at=None, commander="Commander", commander_body="CMD",
                                  requirements={"peacekeeping_contingent": 2})
    assert mandate.decision_identifier == decision.identifier
    assert mandate.decision_at is not None
    assert mandate.decision_at.date() == decision.decided_on


def test_an_objection_is_what_the_refusal_records_by_default(organization: None) -> None:
    crisis = filed()
    proposal = draft(crisis).proposal_id
    assert proposal is not None
    decisions.lodge_position(actor=actor("arm.head"), proposal=proposal, member="ARM", stance="object",
                             reasons="Not the assistance asked for")
    decisions.close_procedure(actor=actor(f"{chair().lower()}.head"), proposal=proposal)
    assert queries.adopted_decision(queries.crisis(viewer_of(actor("secretariat").person), crisis)) is None
    response = page("secretariat", f"/crises/{crisis}/")
    assert re.search(rb'<input type="checkbox" name="objected_by" value="ARM"[^>]* checked>', response.content)
    assert b'name="objected_by" value="BLR" checked' not in response.content


def test_the_secretariat_ties_an_existing_session_or_proposal_once(organization: None) -> None:
    crisis = filed()
    session = meetings.convene_session(actor=Actor.console(), body="CSC",
                                       title={"ru": "Прежняя сессия", "en": "Earlier session"},
                                       kind="extraordinary", mode="video",
                                       starts_on=timezone.now().date())
    proposal = decisions.propose(actor=Actor.console(), title={"ru": "Earlier draft"}, body="CSC")
    actions.take_up(actor=actor("secretariat"), crisis=crisis, session=session.pk)
    actions.take_up(actor=actor("secretariat"), crisis=crisis, proposal=proposal.pk)
    with pytest.raises(Conflict):
        actions.take_up(actor=actor("secretariat"), crisis=crisis, session=session.pk)
    with pytest.raises(InvalidInput) as caught:
        actions.take_up(actor=actor("secretariat"), crisis=crisis)
    assert caught.value.field == "session"
    with pytest.raises(InvalidInput):
        actions.take_up(actor=actor("secretariat"), crisis=crisis, session=session.pk, proposal=proposal.pk)
    with pytest.raises(NotFound):
        actions.take_up(actor=actor("secretariat"), crisis=crisis, session=99999)
    with pytest.raises(NotPermitted):
        actions.take_up(actor=actor(f"{chair().lower()}.head"), crisis=crisis, proposal=proposal.pk)
    items = queries.taken_up(viewer_of(actor("kgz.delegate").person), queries.crisis(
        viewer_of(actor("kgz.delegate").person), crisis))
    assert [(item.session, item.proposal) for item in items] == [(session, None), (None, proposal)]


def test_a_participants_only_session_tied_to_a_public_request_stays_hidden_from_others(
        organization: None) -> None:
    crisis = filed("public")
    closed = meetings.convene_session(actor=Actor.console(), body="CSC",
                                      title={"ru": "Закрытые консультации", "en": "Closed consultations"},
                                      kind="extraordinary", mode="video",
                                      starts_on=timezone.now().date(), classification="participants",
                                      participants=["KAZ", "RUS"])
    actions.take_up(actor=actor("secretariat"), crisis=crisis, session=closed.pk)
    taken = call("kaz.delegate", "GET", f"/crises/{crisis}").json()["taken_up"]
    assert [item["title"] for item in taken] == ["Closed consultations"]
    for handle in ("observer", "kgz.delegate", None):
        assert call(handle, "GET", f"/crises/{crisis}").json()["taken_up"] == []
        assert b"Closed consultations" not in page(handle, f"/crises/{crisis}/").content


def test_the_api_takes_up_a_request_and_refuses_bad_input_by_field(organization: None) -> None:
    crisis = filed()
    head = f"{chair().lower()}.head"
    response = call(head, "POST", f"/crises/{crisis}/procedures",
                    {"body": "CSC", "title": {"ru": "Проект решения", "en": "Draft decision"}, "kind": "silence",
                     "hours": 12})
    assert response.status_code == 201, response.content
    taken = response.json()["taken_up"]
    assert [(t["state"], t["outcome"]) for t in taken] == [("open", "pending")]
    assert taken[0]["title"] in ("Draft decision", "Проект решения")  # in the reader's language
    response = call(head, "POST", f"/crises/{crisis}/sessions",
                    {"body": "CSC", "title": {"en": "Session on the request", "ru": "Сессия по просьбе"}})
    assert response.status_code == 201, response.content
    assert response.json()["taken_up"][1]["state"] == "convened"
    refused = call(head, "POST", f"/crises/{crisis}/procedures", {"body": "CSC", "title": {"ru": "X"}, "hours": 0})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "hours"
    assert call("observer", "POST", f"/crises/{crisis}/sessions",
                {"body": "CSC", "title": {"en": "S", "ru": "С"}}).status_code == 404


def test_the_page_offers_the_chair_the_forms_and_shows_who_has_not_answered(organization: None) -> None:
    crisis = filed()
    assert "Take up the request" not in page(f"{not_chair().lower()}.head", f"/crises/{crisis}/").content.decode()
    chair_page = page(f"{chair().lower()}.head", f"/crises/{crisis}/").content.decode()
    assert "Take up the request" in chair_page
    assert "Draft decision on the request of Kazakhstan" in chair_page
    proposal = draft(crisis).proposal_id
    assert proposal is not None
    decisions.lodge_position(actor=actor("rus.head"), proposal=proposal, member="RUS", stance="join")
    live = page("kaz.head", f"/crises/{crisis}/live/").content.decode()
    assert "Not answered yet" in live
    waiting = live.split('class="taken__waiting">', 1)[1].split("</p>", 1)[0]
    assert "Kazakhstan" in waiting
    assert "Russia" not in waiting
