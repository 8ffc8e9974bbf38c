"""The forms on the crisis page for recording a response's history (issue #19): a decision as the members'
answer, the force's first arrival and its deployment complete, a mission's report heard, and a letter of the
past without its text or day. Each is offered only to whom the policy allows, asks before an act that cannot be
undone, names a refused field by its label in the page's language and keeps what was typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pytest
from crises_fixtures import REQUEST, T0, actor, signed_in
from django.test import Client
from test_crises_history import operation

from accord.crises import actions
from accord.crises.models import Acknowledgement, Crisis, Mandate
from accord.ledger import log

H = dt.timedelta(hours=1)
FORMS = ("answer_by_decision", "first_arrival", "deployment_complete", "report_heard")


def _confirmed(client: Client, path: str, typed: Mapping[str, object]) -> int:
    """Post a form the person confirmed (the dialog adds `confirmed=1`); the answer's status."""
    return int(client.post(path, {**typed, "confirmed": "1"}).status_code)


def _offered(handle: str, crisis: int) -> set[str]:
    body = signed_in(handle).get(f"/crises/{crisis}/").content.decode()
    return {name for name in FORMS if f'/crises/{crisis}/{_path(name)}/"' in body}


def _path(name: str) -> str:
    return {"answer_by_decision": "answered-by-decision", "first_arrival": "force/first-arrival",
            "deployment_complete": "force/deployed", "report_heard": "report-heard"}[name]


def _mission() -> Crisis:
    mission = actions.file_request(actor=actor("arm.head"), at=T0, **REQUEST)
    actions.choose_response(actor=actor("secretariat"), crisis=mission.pk, response="mission",
                            leaders=["Secretary General"], reports_to="CSC", at=T0 + H)
    return mission


def test_only_the_secretariat_is_offered_each_form_when_its_action_would_accept_it(organization: None) -> None:
    crisis = operation().pk
    assert _offered("secretariat", crisis) == {"answer_by_decision", "first_arrival"}
    for handle in ("kaz.head", "rus.delegate", "observer"):
        assert _offered(handle, crisis) == set(), handle
    actions.record_first_arrival(actor=actor("secretariat"), crisis=crisis, at=T0 + 14 * H)
    assert _offered("secretariat", crisis) == {"answer_by_decision", "deployment_complete"}
    assert _offered("secretariat", _mission().pk) == {"answer_by_decision", "report_heard"}


def test_a_head_posting_a_form_is_refused_and_nothing_is_written(organization: None) -> None:
    crisis = operation().pk
    before = log.size()
    assert _confirmed(signed_in("rus.head"), f"/crises/{crisis}/force/first-arrival/", {"at": "6 January 2022"}) \
        == 403
    assert log.size() == before


def test_an_irreversible_form_asks_first_and_acts_only_once_confirmed(organization: None) -> None:
    crisis = operation().pk
    client = signed_in("secretariat")
    asked = client.post(f"/crises/{crisis}/force/first-arrival/", {"at": "6 January 2022"})
    assert asked.status_code == 200
    assert "The force&#x27;s first arrival is recorded once: it cannot be changed." in asked.content.decode()
    assert Mandate.objects.get(crisis_id=crisis).first_arrival_at is None
    assert _confirmed(client, f"/crises/{crisis}/force/first-arrival/", {"at": "6 January 2022"}) == 302
    assert Mandate.objects.get(crisis_id=crisis).first_arrival_at == dt.datetime(2022, 1, 6, tzinfo=dt.UTC)


def test_a_refused_day_is_named_by_its_label_in_russian_and_kept(organization: None) -> None:
    crisis = operation().pk
    client = signed_in("secretariat", "ru")
    before = log.size()
    refused = client.post(f"/crises/{crisis}/force/first-arrival/", {"at": "5 января 2022 г.", "confirmed": "1"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert '<label for="arrival-at">День первого прибытия:</label>' in page
    assert 'id="arrival-at_error_1">санкционирующее решение датировано 6 января 2022 г.' in page
    assert 'value="5 января 2022 г."' in page
    assert log.size() == before


def test_the_deployment_complete_keeps_its_figures_and_refuses_a_bad_one_by_field(organization: None) -> None:
    crisis = operation().pk
    actions.record_first_arrival(actor=actor("secretariat"), crisis=crisis, at=T0 + 14 * H)
    client = signed_in("secretariat")
    path = f"/crises/{crisis}/force/deployed/"
    refused = client.post(path, {"at": "9 January 2022", "personnel": "0", "equipment": "250", "confirmed": "1"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Personnel in all (empty: not known):" in page
    assert 'name="equipment" value="250"' in page
    assert _confirmed(client, path, {"at": "9 January 2022", "personnel": "2030", "equipment": "250"}) == 302
    mandate = Mandate.objects.get(crisis_id=crisis)
    assert (mandate.deployed_at, mandate.deployed_personnel, mandate.deployed_equipment) == (
        dt.datetime(2022, 1, 9, tzinfo=dt.UTC), 2030, 250)


def test_a_decision_is_recorded_as_the_answer_of_the_members_chosen(organization: None) -> None:
    crisis = operation().pk
    client = signed_in("secretariat")
    page = client.get(f"/crises/{crisis}/").content.decode()
    assert 'name="members" value="RUS"' in page
    assert 'name="members" value="KAZ"' not in page  # the requesting state: its filing is its answer
    typed = {"members": ["RUS", "BLR"], "decision_ru": "Решение Совета", "decision_en": "Decision of the Council",
             "at": "6 January 2022"}
    assert _confirmed(client, f"/crises/{crisis}/answered-by-decision/", typed) == 302
    answered = Acknowledgement.objects.filter(crisis_id=crisis)
    assert sorted(answered.values_list("member_id", flat=True)) == ["BLR", "RUS"]
    assert {ack.by_decision["en"] for ack in answered} == {"Decision of the Council"}
    assert 'name="members" value="RUS"' not in client.get(f"/crises/{crisis}/").content.decode()


def test_a_missions_report_heard_ends_the_response_from_the_page(organization: None) -> None:
    mission = _mission().pk
    client = signed_in("secretariat")
    typed = {"at": "14 February 2022", "note_ru": "Доклад заслушан", "note_en": "The report was heard"}
    assert _confirmed(client, f"/crises/{mission}/report-heard/", typed) == 302
    closed = Crisis.objects.get(pk=mission)
    assert closed.closed_at == dt.datetime(2022, 2, 14, tzinfo=dt.UTC)
    assert closed.closing_note["en"] == "The report was heard"


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_letter_of_the_past_is_recorded_without_its_text_or_day(organization: None, language: str) -> None:
    crisis = operation().pk
    client = signed_in("secretariat", language)
    assert 'name="undated"' in client.get(f"/crises/{crisis}/letters/notification/").content.decode()
    typed = {"addressee": "secretary", "sender_ru": "Генеральный секретарь", "sender_en": "Secretary General",
             "at": "", "undated": "on", "reference": ""}  # the text box unticked: the text is not in the record
    assert client.post(f"/crises/{crisis}/letters/notification/sent/", typed).status_code == 302
    letter = Crisis.objects.get(pk=crisis).letters.get()
    assert (letter.addressee, letter.sent_at, dict(letter.text), letter.sender["en"]) == (
        "secretary", None, {}, "Secretary General")
