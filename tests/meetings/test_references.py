"""An agenda item's `proposal:ID` and `document:ID` references: checked when added, shown through the policy.

A reference links only what the person adding it and every reader of the item may see; anything else is
refused exactly as a reference to nothing, so that adding an item is no oracle.
"""

from __future__ import annotations

import pytest
from django.test import Client
from meetings_world import SignIn, World
from sessions_held import held_session

from accord.core.acting import Actor
from accord.core.errors import InvalidInput
from accord.decisions import actions as decisions
from accord.documents import actions as documents
from accord.ledger import log
from accord.meetings import actions
from accord.meetings.models import AgendaItem

SECRET_TITLE = "members-only-draft-5858"


@pytest.fixture
def session(world: World) -> int:
    console = Actor.console()
    return actions.convene_session(
        actor=console, body="CSC", title={"ru": "Очередная сессия", "en": "Regular session"}, kind="regular",
        mode="video", starts_on="2022-11-23").pk


def test_a_reference_to_nothing_is_refused_and_nothing_written(session: int) -> None:
    before = log.size()
    with pytest.raises(InvalidInput) as refused:
        actions.add_agenda_item(actor=Actor.console(), session=session, title={"ru": "Пункт", "en": "Item"},
                                references=["proposal:999"])
    assert refused.value.field == "references"
    assert refused.value.reason == "no such proposal: proposal:999"
    assert log.size() == before
    assert not AgendaItem.objects.filter(session_id=session).exists()


def test_references_link_what_every_reader_of_the_item_may_see(session: int, login: SignIn) -> None:
    console = Actor.console()
    members_session = actions.convene_session(
        actor=console, body="CSC", title={"ru": "Сессия", "en": "Members' session"}, kind="regular", mode="video",
        starts_on="2022-11-24", classification="members").pk
    proposal = decisions.propose(actor=console, title={"ru": SECRET_TITLE}, body="CSC", classification="members")
    document = documents.create_document(actor=console, kind="statement", title={"ru": "Открытое заявление",
                                         "en": "Public statement"}, texts={"ru": "Текст"}, authentic=["ru"])
    actions.add_agenda_item(actor=console, session=members_session, title={"ru": "Проекты", "en": "Drafts"},
                            references=[f"proposal: {proposal.pk}", f"document:{document.pk}", "annex 2"])
    actions.add_agenda_item(actor=console, session=session, title={"ru": "Заявление", "en": "Statement"},
                            references=[f"document:{document.pk}", "annex 2"])
    assert AgendaItem.objects.get(session_id=members_session).references == [
        f"proposal:{proposal.pk}", f"document:{document.pk}", "annex 2"]

    inside = login("kaz.delegate").get(f"/meetings/sessions/{members_session}/").content.decode()
    assert f'href="/decisions/{proposal.pk}/" title="{SECRET_TITLE}">Proposal' in inside
    assert f'href="/documents/{document.pk}/" title="Public statement">Document' in inside

    for outside in (Client(), login("observer")):
        assert outside.get(f"/meetings/sessions/{members_session}/").status_code == 404
        page = outside.get(f"/meetings/sessions/{session}/").content.decode()
        assert SECRET_TITLE not in page
        assert f'href="/documents/{document.pk}/" title="Public statement">Document' in page
        assert "annex 2" in page


def _closed_proposal(outcome_reason: str = "Needs more work") -> int:
    """A members-only draft whose procedure returned it for revision (what the attacker wanted to learn)."""
    console = Actor.console()
    proposal = decisions.propose(actor=console, title={"ru": SECRET_TITLE}, body="CSC", classification="members")
    decisions.open_procedure(actor=console, proposal=proposal.pk, kind="consensus", session=held_session())
    decisions.close_procedure(actor=console, proposal=proposal.pk, returned_for_revision=True,
                              reason=outcome_reason)
    return proposal.pk


def test_a_proposal_hidden_from_the_items_readers_is_refused_as_missing(session: int) -> None:
    """A members-only proposal cannot be linked from a public item: it would show the public its outcome."""
    hidden = _closed_proposal()
    before = log.size()
    answers = []
    for pk in (hidden, 999_999):
        with pytest.raises(InvalidInput) as refused:
            actions.add_agenda_item(actor=Actor.console(), session=session, title={"ru": "Пункт", "en": "Item"},
                                    references=[f"proposal:{pk}"])
        answers.append((refused.value.field, refused.value.reason.replace(str(pk), "N")))
    assert answers[0] == answers[1] == ("references", "no such proposal: proposal:N")
    assert log.size() == before
    assert not AgendaItem.objects.filter(session_id=session).exists()


def test_a_reference_the_actor_may_not_see_answers_as_a_missing_one_on_the_api(
        world: World, login: SignIn) -> None:
    """The chair's official (Armenia, in 2022) links a participants-only proposal it is not party to."""
    console = Actor.console()
    session = actions.convene_session(actor=console, body="CSC", title={"ru": "С", "en": "Members' session"},
                                      kind="regular", mode="video", starts_on="2022-06-01",
                                      classification="members").pk
    hidden = decisions.propose(actor=console, title={"ru": SECRET_TITLE}, body="CSC",
                               classification="participants", audience=["KAZ", "RUS"]).pk
    client = login("arm.head")
    answers = []
    for pk in (hidden, 999_999):
        response = client.post(f"/api/v1/meetings/sessions/{session}/items",
                               {"title": {"ru": "x"}, "references": [f"proposal:{pk}"]},
                               content_type="application/json")
        assert response.status_code == 400
        answers.append(response.content.decode().replace(str(pk), "N"))
    assert answers[0] == answers[1]
    assert SECRET_TITLE not in answers[0]
    assert "returned" not in answers[0]
    assert not AgendaItem.objects.filter(session_id=session).exists()


def test_an_item_with_a_proposal_takes_its_outcome_from_the_proposals_procedure(session: int) -> None:
    console = Actor.console()
    proposal = decisions.propose(actor=console, title={"ru": "Draft decision"}, body="CSC",
                                 classification="public")
    item = actions.add_agenda_item(actor=console, session=session, title={"ru": "Проект решения",
                                                                          "en": "Draft decision"},
                                   references=[f"proposal:{proposal.pk}"])
    actions.open_session(actor=console, session=session)
    with pytest.raises(InvalidInput, match="has not closed"):
        actions.record_outcome(actor=console, item=item.pk, outcome="adopted")

    decisions.open_procedure(actor=console, proposal=proposal.pk, kind="consensus", session=held_session())
    decisions.close_procedure(actor=console, proposal=proposal.pk, returned_for_revision=True,
                              reason="Needs more work")
    before = log.size()
    with pytest.raises(InvalidInput, match="differs from what the proposal's procedure decided") as refused:
        actions.record_outcome(actor=console, item=item.pk, outcome="adopted")
    assert refused.value.field == "outcome"
    assert log.size() == before

    recorded = actions.record_outcome(actor=console, item=item.pk, outcome="")
    assert recorded.outcome == "returned"


def test_a_decision_is_recorded_by_one_item_only(session: int) -> None:
    """Issue #21: an adopted proposal was "adopted" again by a later item."""
    console = Actor.console()
    proposal = decisions.propose(actor=console, title={"ru": "Draft decision"}, body="CSC",
                                 classification="public")
    held = held_session()
    decisions.open_procedure(actor=console, proposal=proposal.pk, kind="consensus", session=held)
    decided = decisions.close_procedure(actor=console, proposal=proposal.pk)
    first, later = (actions.add_agenda_item(actor=console, session=at, title={"ru": "Проект", "en": "Draft"},
                                            references=[f"proposal:{proposal.pk}"]) for at in (held, session))
    assert actions.record_outcome(actor=console, item=first.pk, outcome="").outcome == "adopted"
    actions.open_session(actor=console, session=session)
    before = log.size()
    with pytest.raises(InvalidInput) as refused:
        actions.record_outcome(actor=console, item=later.pk, outcome="")
    assert refused.value.field == "item"
    seq = AgendaItem.objects.get(pk=first.pk).outcome_seq
    assert f"recorded already, by entry {seq} of the log" in refused.value.reason
    assert log.size() == before
    assert decided.outcome == "adopted"
