"""The decisions pages, in English and Russian: list, proposal with its grid, forms, dashboard."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from decisions_helpers import decisions_actor, decisions_client, decisions_session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accord.core import clock
from accord.decisions import actions
from accord.decisions.models import Position, Procedure, Proposal
from accord.ledger import log

pytestmark = pytest.mark.usefixtures("decisions_org")


@pytest.fixture
def silence() -> int:
    proposal = actions.propose(actor=decisions_actor("arm.delegate"), body="CSC",
                               title={"ru": "О плане учений", "en": "On the exercise plan"}, sponsors=["ARM"]).pk
    actions.open_procedure(actor=decisions_actor("secretariat"), proposal=proposal, kind="silence",
                           deadline=timezone.now() + dt.timedelta(days=2))
    return proposal


def test_it_lists_proposals_with_state_and_deadline(silence: int) -> None:
    page = decisions_client("kaz.head").get("/decisions/").content.decode()
    assert "On the exercise plan" in page
    assert "Silence procedure" in page
    assert "data-local" in page
    # The column holds an open procedure's deadline or a closed one's day: its heading says both (issue 21's walk).
    assert '<th scope="col">Deadline or day decided</th>' in page


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_deadline_reads_as_every_instant_does_without_its_seconds(language: str) -> None:
    """One format of an instant per language (issue #21): a deadline set to the second shows its minute."""
    proposal = actions.propose(actor=decisions_actor("arm.delegate"), body="CSC",
                               title={"ru": "Секунды", "en": "Seconds"}, sponsors=["ARM"]).pk
    deadline = (timezone.now() + dt.timedelta(days=2)).replace(hour=14, minute=30, second=45)
    actions.open_procedure(actor=decisions_actor("secretariat"), proposal=proposal, kind="silence",
                           deadline=deadline)
    client = decisions_client("kaz.head")
    for path in ("/decisions/", f"/decisions/{proposal}/", "/"):
        page = client.get(path, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert '<span class="date">14:30 UTC</span>' in page, path
        assert "14:30:45" not in re.sub(r"<[^>]+>", " ", page), path  # (the machine's `datetime` has them)


def test_the_public_sees_no_members_only_proposal(silence: int) -> None:
    assert "On the exercise plan" not in Client().get("/decisions/").content.decode()
    assert Client().get(f"/decisions/{silence}/").status_code == 404


def test_the_proposal_page_draws_every_members_position(silence: int) -> None:
    actions.lodge_position(actor=decisions_actor("kaz.head"), proposal=silence, member="KAZ", stance="join")
    page = decisions_client("arm.head").get(f"/decisions/{silence}/").content.decode()
    assert 'data-member="KAZ" data-stance="join"' in page
    assert 'data-member="ARM" data-stance=""' in page
    assert "Has not answered" in page
    assert "Lodge the position" in page  # Armenia's head may answer
    assert "Close and record the outcome" not in page  # not the chair, not the secretariat


def test_the_proposal_page_is_in_russian(silence: int) -> None:
    client = decisions_client("arm.head")
    client.cookies["django_language"] = "ru"
    page = client.get(f"/decisions/{silence}/").content.decode()
    assert "О плане учений" in page
    assert "Процедура умолчания" in page


def test_a_member_lodges_its_position_through_the_form(silence: int) -> None:
    response = decisions_client("kaz.delegate").post(f"/decisions/{silence}/position/",
                                                     {"member": "KAZ", "stance": "abstain", "confirmed": "1"})
    assert response.status_code == 302
    assert Position.objects.get(member_id="KAZ").stance == "abstain"


def test_a_refused_form_names_the_field_and_writes_nothing(silence: int) -> None:
    size = log.size()
    response = decisions_client("kaz.delegate").post(f"/decisions/{silence}/position/",
                                                     {"member": "KAZ", "stance": "object", "confirmed": "1"})
    assert response.status_code == 400
    assert 'id="reasons_error_1">an objection states its reasons' in response.content.decode()
    assert log.size() == size


def test_a_delegate_cannot_post_another_members_position(silence: int) -> None:
    response = decisions_client("kaz.delegate").post(f"/decisions/{silence}/position/",
                                                     {"member": "ARM", "stance": "join", "confirmed": "1"})
    assert response.status_code == 403  # the action's NotPermitted: the page answers with the refusal's status
    assert not Position.objects.exists()


def test_a_refusal_of_who_may_act_reads_wholly_in_the_readers_language() -> None:
    """Not "только секретариат или председатель могут open a procedure": what may not be done is translated too."""
    proposal = actions.propose(actor=decisions_actor("arm.delegate"), title={"ru": "Who opens"}, body="CSC",
                               sponsors=["ARM"]).pk
    response = decisions_client("kaz.delegate").post(f"/decisions/{proposal}/open/", {"kind": "consensus"},
                                                     HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 403
    page = response.content.decode()
    assert "только секретариат или председатель могут открыть процедуру" in page
    assert "open a procedure" not in page


def test_the_secretariat_opens_a_procedure_with_a_deadline_in_its_own_zone() -> None:
    proposal = actions.propose(actor=decisions_actor("arm.delegate"), title={"ru": "Zone"}, body="CSC",
                               sponsors=["ARM"]).pk
    local = (timezone.now() + dt.timedelta(days=1)).replace(microsecond=0)
    # A browser in Moscow (UTC+3) names its zone beside the field: the time typed is three hours ahead.
    shown = local.astimezone(dt.timezone(dt.timedelta(hours=3)))
    response = decisions_client("secretariat").post(f"/decisions/{proposal}/open/", {
        "kind": "silence", "deadline_0": f"{shown:%d.%m.%Y}", "deadline_1": f"{shown:%H:%M:%S}",
        "deadline_2": "Europe/Moscow"})
    assert response.status_code == 302
    assert Procedure.objects.get(proposal_id=proposal).deadline == local


def test_the_dashboard_lists_open_procedures_and_who_has_not_answered(silence: int) -> None:
    actions.lodge_position(actor=decisions_actor("kaz.head"), proposal=silence, member="KAZ", stance="join")
    page = decisions_client("arm.head").get("/").content.decode()
    assert "Open procedures" in page
    assert "On the exercise plan" in page
    not_answered = page.split("Not answered yet")[1].split("</li>")[0]
    assert "Armenia" in not_answered
    assert "Kazakhstan" not in not_answered


def test_the_live_part_renders_alone(silence: int) -> None:
    response = decisions_client("arm.head").get(f"/decisions/{silence}/state/")
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert "position-grid" in response.content.decode()


def test_a_member_official_tables_a_proposal_through_the_form() -> None:
    response = decisions_client("arm.delegate").post("/decisions/new/", {
        "title_ru": "New draft", "body": "CSC", "sponsors": ["ARM"], "classification": "members"})
    assert response.status_code == 302
    assert "New draft" in decisions_client("arm.delegate").get(response["Location"]).content.decode()


def test_only_the_states_in_good_standing_today_are_offered_as_sponsors() -> None:
    page = decisions_client("arm.delegate").get("/decisions/new/").content.decode()
    assert 'name="sponsors" value="ARM"' in page
    assert 'name="sponsors" value="KAZ"' in page
    assert 'name="sponsors" value="AZE"' not in page  # did not extend the Treaty in 1999: history, not a choice
    assert 'name="sponsors" value="UZB"' not in page  # suspended its membership in 2012


def test_a_refused_proposal_comes_back_with_the_error_beside_its_field_in_the_readers_language() -> None:
    response = decisions_client("arm.delegate").post("/decisions/new/", {
        "title_ru": "", "title_en": "Draft", "body": "CSC", "sponsors": ["ARM"], "classification": "members"},
        HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 400
    page = response.content.decode()
    # The default language's text is required: said once, naming the field by its label and the language.
    assert 'id="id_title_error_1">' in page
    assert ": обязательно на языке организации по умолчанию (русский)</p>" in page
    assert 'value="Draft"' in page  # what was typed stays


def test_an_official_who_does_not_table_proposals_is_refused_not_sent_round() -> None:
    from accord.core.acting import Actor
    from accord.members import actions as registry

    registry.add_person(actor=Actor.console(), username="watcher", full_name="Observer", role="observer",
                        password="accord-demo")
    assert decisions_client("watcher").get("/decisions/new/").status_code == 403
    assert Client().get("/decisions/new/").status_code == 302


def test_the_list_of_proposals_costs_the_same_queries_for_one_or_many(
    django_assert_max_num_queries: Any,
) -> None:
    at = decisions_session()

    def table_and_decide(n: int, start: int = 0) -> None:
        for i in range(start, start + n):
            proposal = actions.propose(actor=decisions_actor("arm.delegate"), title={"ru": f"Draft {i}"},
                                       body="CSC", sponsors=["ARM"]).pk
            actions.open_procedure(actor=decisions_actor("secretariat"), proposal=proposal, kind="consensus",
                                   session=at)
            actions.lodge_position(actor=decisions_actor("kaz.head"), proposal=proposal, member="KAZ",
                                   stance="join")
            actions.close_procedure(actor=decisions_actor("secretariat"), proposal=proposal)

    client = decisions_client("kaz.head")
    table_and_decide(1)
    with CaptureQueriesContext(connection) as one:
        client.get("/decisions/")
    table_and_decide(5, start=1)
    with django_assert_max_num_queries(len(one)):
        client.get("/decisions/")


def test_a_refused_position_comes_back_in_russian_beside_its_field_with_the_stance_still_chosen(
        silence: int) -> None:
    size = log.size()
    response = decisions_client("arm.head").post(f"/decisions/{silence}/position/", {
        "member": "ARM", "stance": "break_silence", "reasons": "Пункт 2", "confirmed": "1"},
        HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="amendment_error_1">нарушая молчание, предлагают поправку' in page
    assert 'value="break_silence" required id="stance_4" checked' in page  # issue #21 item 4: it stays chosen
    assert "Пункт 2</textarea>" in page
    assert log.size() == size


def test_a_refusal_naming_no_field_of_the_form_is_above_it_by_its_label(silence: int) -> None:
    response = decisions_client("secretariat").post(f"/decisions/{silence}/close/", {"confirmed": "1"})
    assert response.status_code == 409
    assert "Procedure: is not settled yet" in response.content.decode()


def test_the_secretariat_closes_and_a_sponsor_withdraws_through_the_forms() -> None:
    session = actions.propose(actor=decisions_actor("arm.delegate"), title={"ru": "Draft for the session"},
                              body="CSC", sponsors=["ARM"]).pk
    secretariat = decisions_client("secretariat")
    at = decisions_session()
    assert secretariat.post(f"/decisions/{session}/open/", {"kind": "consensus", "session": at}).status_code == 302
    assert secretariat.post(f"/decisions/{session}/close/", {
        "returned_for_revision": "on", "reason_ru": "Пункт 3 переработать",
        "reason_en": "Paragraph 3 to be redrafted", "confirmed": "1"}).status_code == 302
    closed = Procedure.objects.get(proposal_id=session)
    assert (closed.state, closed.decision.outcome, closed.decision.reason) == (
        Procedure.CLOSED, "returned", {"ru": "Пункт 3 переработать", "en": "Paragraph 3 to be redrafted"})
    # Each reader reads why in their language (it was English on Russian pages).
    secretariat.cookies["django_language"] = "ru"
    russian = secretariat.get(f"/decisions/{session}/").content.decode()
    assert "Пункт 3 переработать" in russian
    assert "Paragraph 3 to be redrafted" not in russian
    secretariat.cookies["django_language"] = "en"
    assert "Paragraph 3 to be redrafted" in secretariat.get(f"/decisions/{session}/").content.decode()
    assert decisions_client("arm.delegate").post(f"/decisions/{session}/withdraw/", {
        "reason_ru": "Заменён", "confirmed": "1"}).status_code == 302
    assert Proposal.objects.get(pk=session).withdrawn


def test_acceding_to_a_proposal_without_an_adopted_decision_is_refused(silence: int) -> None:
    response = decisions_client("arm.head").post(f"/decisions/{silence}/accede/",
                                                 {"member": "ARM", "confirmed": "1"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 409
    assert "присоединиться можно только к принятому решению" in response.content.decode()


@pytest.mark.parametrize("act", ["open", "position", "close", "withdraw", "accede"])
def test_an_anonymous_act_is_sent_to_sign_in_alike_for_an_existing_and_a_missing_proposal(
        silence: int, act: str) -> None:
    size = log.size()
    existing = Client().post(f"/decisions/{silence}/{act}/", {"member": "ARM", "stance": "join"})
    missing = Client().post(f"/decisions/{silence + 1000}/{act}/", {"member": "ARM", "stance": "join"})
    assert existing.status_code == missing.status_code == 303
    assert existing["Location"] == missing["Location"]
    assert "/login/" in existing["Location"]
    assert log.size() == size


def test_members_who_kept_silence_are_said_to_have_raised_no_objection_not_to_be_absent(silence: int) -> None:
    """Issue #21: the silent members of a silence procedure were listed as "Absent"."""
    actions.lodge_position(actor=decisions_actor("kaz.head"), proposal=silence, member="KAZ", stance="join")
    after = timezone.now() + dt.timedelta(days=3)
    with clock.pinned(after):
        decision = actions.close_procedure(actor=decisions_actor("secretariat"), proposal=silence)
        english = decisions_client("kaz.head").get(f"/decisions/{silence}/").content.decode()
        client = decisions_client("kaz.head")
        client.cookies["django_language"] = "ru"
        russian = client.get(f"/decisions/{silence}/").content.decode()
    assert decision.outcome == "adopted"
    assert "ARM" in decision.absent
    assert "Absent" not in english
    assert "Kept silence (raised no objection, so joined by silence)" in english
    assert english.count("Kept silence: raised no objection") == len(decision.absent)
    assert "отсутствие не означает возражения" not in russian
    assert "Хранили молчание (не выдвинули возражений и тем самым присоединились)" in russian


def test_a_sponsor_revises_the_text_on_the_page_between_procedures(silence: int) -> None:
    page = f"/decisions/{silence}/"
    sponsor = decisions_client("arm.delegate")
    assert 'id="revise-heading"' not in sponsor.get(page).content.decode()  # the procedure is open
    actions.lodge_position(actor=decisions_actor("kaz.head"), proposal=silence, member="KAZ",
                           stance="break_silence", amendment="Amend paragraph 2")
    actions.close_procedure(actor=decisions_actor("secretariat"), proposal=silence)
    assert 'id="revise-heading"' in sponsor.get(page).content.decode()
    assert 'id="revise-heading"' not in decisions_client("kaz.head").get(page).content.decode()
    sponsor.cookies["django_language"] = "ru"
    same = sponsor.post(f"{page}revise/", {"text_ru": "", "reason": "typed reason"})
    assert same.status_code == 400
    assert 'value="typed reason"' in same.content.decode()
    done = sponsor.post(f"{page}revise/", {"text_ru": "Пересмотренный план.", "text_en": "The revised plan.",
                                           "reason": "the amendment"})
    assert (done.status_code, done["Location"]) == (302, page)
    assert Proposal.objects.get(pk=silence).text == {"ru": "Пересмотренный план.", "en": "The revised plan."}


def test_no_position_is_chosen_beforehand_and_none_chosen_is_refused_keeping_what_was_typed(silence: int) -> None:
    """A position is final: the form chooses none for the member, and refuses a post that chooses none,
    in the page's language, naming the field, with the reasons typed kept and nothing recorded."""
    client = decisions_client("kaz.delegate")
    page = client.get(f"/decisions/{silence}/").content.decode()
    assert 'name="stance" value="join"' in page
    assert not [line for line in page.splitlines() if 'name="stance"' in line and "checked" in line]
    client.cookies["django_language"] = "ru"
    size = log.size()
    response = client.post(f"/decisions/{silence}/position/",
                           {"member": "KAZ", "reasons": "Нужно время", "confirmed": "1"})
    assert response.status_code == 400
    refused = response.content.decode()
    assert "Позиция: выберите её; позиция окончательна, поэтому за вас она не выбирается" in refused
    assert "Нужно время</textarea>" in refused
    assert not [line for line in refused.splitlines() if 'name="stance"' in line and "checked" in line]
    assert log.size() == size
    assert not Position.objects.exists()


def test_the_list_prints_a_decisions_identifier_only_where_it_says_more_than_the_row(silence: int) -> None:
    """Issue 21's walk: under each title the list printed "Council, day, <the same title>", all of it in the row's
    title, body and date already. A numbered identifier says something the row does not: it stays."""
    secretariat = decisions_actor("secretariat")
    actions.lodge_position(actor=decisions_actor("kaz.head"), proposal=silence, member="KAZ", stance="join")
    with clock.pinned(timezone.now() + dt.timedelta(days=3)):
        composed = actions.close_procedure(actor=secretariat, proposal=silence)
        actions.configure_identifiers(actor=secretariat, scheme="numbered", number_format="{body}-{year}/{number}")
        numbered = actions.propose(actor=decisions_actor("arm.delegate"), body="CSC", sponsors=["ARM"],
                                   title={"ru": "О бюджете", "en": "On the budget"}).pk
        actions.open_procedure(actor=secretariat, proposal=numbered, kind="silence",
                               deadline=clock.now() + dt.timedelta(days=1))
    with clock.pinned(timezone.now() + dt.timedelta(days=5)):
        number = actions.close_procedure(actor=secretariat, proposal=numbered).identifier
        page = decisions_client("kaz.head").get("/decisions/").content.decode()
    assert composed.identifier
    assert "On the exercise plan" in composed.identifier
    assert page.count("On the exercise plan") == 1
    assert number
    assert re.match(r"CSC-\d{4}/\d+$", number)
    assert re.search(rf'<span class="muted">(<span lang="\w+">)?{re.escape(number)}', " ".join(page.split()))


def test_the_grid_says_who_lodged_a_position_by_name_or_role_never_by_login() -> None:
    """Issue 21's walk: the public read "kaz.head" under Kazakhstan's position, a login pasted into the page."""
    silence = actions.propose(actor=decisions_actor("arm.delegate"), body="CSC", sponsors=["ARM"],
                              classification="public", title={"ru": "Открытый проект", "en": "A public draft"}).pk
    actions.open_procedure(actor=decisions_actor("secretariat"), proposal=silence, kind="silence",
                           deadline=timezone.now() + dt.timedelta(days=2))
    actions.lodge_position(actor=decisions_actor("kaz.head"), proposal=silence, member="KAZ", stance="join")
    by = re.compile(r'<span class="position-grid__by muted">\s*([^<]*?)\s*</span>')
    public = Client()
    public.cookies["django_language"] = "ru"
    assert by.findall(public.get(f"/decisions/{silence}/").content.decode()) == ["Глава делегации"]
    named = by.findall(decisions_client("arm.delegate").get(f"/decisions/{silence}/").content.decode())
    assert len(named) == 1
    assert named[0]
    assert "kaz.head" not in named[0]
    assert named[0] != "Head of delegation"
