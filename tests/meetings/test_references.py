"""An agenda item's `proposal:ID` and `document:ID` references: checked when added, shown through the policy."""

from __future__ import annotations

import pytest
from django.test import Client

from accord.core.acting import Actor
from accord.core.errors import InvalidInput
from accord.decisions import actions as decisions
from accord.documents import actions as documents
from accord.ledger import log
from accord.meetings import actions
from accord.meetings.models import AgendaItem

SECRET_TITLE = "members-only-draft-5858"


@pytest.fixture
def session(world) -> int:
    console = Actor.console()
    return actions.convene_session(
        actor=console, body="CSC", title_en="Regular session", title_ru="Очередная сессия", kind="regular",
        mode="video", starts_on="2022-11-23").pk


def test_a_reference_to_nothing_is_refused_and_nothing_written(session: int) -> None:
    before = log.size()
    with pytest.raises(InvalidInput) as refused:
        actions.add_agenda_item(actor=Actor.console(), session=session, title_en="Item", title_ru="Пункт",
                                references=["proposal:999"])
    assert refused.value.field == "references"
    assert "there is no proposal 999" in refused.value.reason
    assert log.size() == before
    assert not AgendaItem.objects.filter(session_id=session).exists()


def test_references_link_for_those_who_may_see_and_stay_bare_for_the_others(session: int, login) -> None:
    console = Actor.console()
    proposal = decisions.propose(actor=console, title_en=SECRET_TITLE, body="CSC", classification="members")
    document = documents.create_document(actor=console, kind="statement", title_en="Public statement",
                                         title_ru="Открытое заявление", texts={"ru": "Текст"}, authentic=["ru"])
    actions.add_agenda_item(actor=console, session=session, title_en="Drafts", title_ru="Проекты",
                            references=[f"proposal: {proposal.pk}", f"document:{document.pk}", "annex 2"])
    assert AgendaItem.objects.get(session_id=session).references == [
        f"proposal:{proposal.pk}", f"document:{document.pk}", "annex 2"]

    inside = login("kaz.delegate").get(f"/meetings/sessions/{session}/").content.decode()
    assert f'href="/decisions/{proposal.pk}/" title="{SECRET_TITLE}">Proposal' in inside
    assert f'href="/documents/{document.pk}/" title="Public statement">Document' in inside

    for outside in (Client(), login("observer")):
        page = outside.get(f"/meetings/sessions/{session}/").content.decode()
        assert SECRET_TITLE not in page
        assert f"proposal:{proposal.pk}" in page
        assert f'href="/documents/{document.pk}/" title="Public statement">Document' in page
        assert "annex 2" in page


def test_an_item_with_a_proposal_takes_its_outcome_from_the_proposals_procedure(session: int) -> None:
    console = Actor.console()
    proposal = decisions.propose(actor=console, title_en="Draft decision", body="CSC", classification="public")
    item = actions.add_agenda_item(actor=console, session=session, title_en="Draft decision",
                                   title_ru="Проект решения", references=[f"proposal:{proposal.pk}"])
    with pytest.raises(InvalidInput, match="has not closed"):
        actions.record_outcome(actor=console, item=item.pk, outcome="adopted")

    decisions.open_procedure(actor=console, proposal=proposal.pk, kind="consensus", session="Regular session")
    decisions.close_procedure(actor=console, proposal=proposal.pk, returned_for_revision=True,
                              reason="Needs more work")
    before = log.size()
    with pytest.raises(InvalidInput, match="differs from what the proposal's procedure decided") as refused:
        actions.record_outcome(actor=console, item=item.pk, outcome="adopted")
    assert refused.value.field == "outcome"
    assert log.size() == before

    recorded = actions.record_outcome(actor=console, item=item.pk, outcome="")
    assert recorded.outcome == "returned"
