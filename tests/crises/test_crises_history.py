"""Recording a response's history as the sources give it (issue #19): a decision as the members' answer, the
force's own dates, phases known only as ranges, letters of the past, and a mission ended by its report heard."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from crises_fixtures import REQUEST, T0, actor, call, page

from accord.core.errors import Conflict, InvalidInput, NotPermitted
from accord.crises import actions, queries, rules
from accord.crises.models import Crisis

H = dt.timedelta(hours=1)
DECISION = {"ru": "Решение Совета", "en": "Decision of the Council"}


def _text(path: str) -> str:
    """The page as the secretariat reads it, its tags taken out (a text in a language is a span of its own)."""
    page_html = page("secretariat", path).content.decode()
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page_html)).split())


def operation() -> Crisis:
    crisis = actions.file_request(actor=actor("kaz.head"), at=T0, **REQUEST)
    actions.choose_response(actor=actor("secretariat"), crisis=crisis.pk, response="operation", at=T0 + 10 * H)
    actions.set_mandate(actor=actor("secretariat"), crisis=crisis.pk, purpose="Protect facilities",
                        area="Kazakhstan", ends_at=None, commander="Commander", commander_body="CMD",
                        requirements={}, decision_identifier="CSC decision", decision_at=T0 + 12 * H)
    return crisis


def test_it_records_a_decision_as_each_members_answer_once(organization: None) -> None:
    crisis = operation()
    with pytest.raises(NotPermitted):
        actions.acknowledge_by_decision(actor=actor("rus.head"), crisis=crisis.pk, members=["RUS"],
                                        decision=DECISION, at=T0 + 12 * H)
    with pytest.raises(Conflict) as caught:
        actions.acknowledge_by_decision(actor=actor("secretariat"), crisis=crisis.pk, members=["KAZ", "RUS"],
                                        decision=DECISION, at=T0 + 12 * H)
    assert caught.value.field == "members"
    actions.acknowledge_request(actor=actor("arm.head"), crisis=crisis.pk, at=T0 + H)
    with pytest.raises(Conflict):
        actions.acknowledge_by_decision(actor=actor("secretariat"), crisis=crisis.pk, members=["ARM", "RUS"],
                                        decision=DECISION, at=T0 + 12 * H)
    made = actions.acknowledge_by_decision(actor=actor("secretariat"), crisis=crisis.pk,
                                           members=["rus", "BLR", "KGZ", "TJK"], decision=DECISION, at=T0 + 12 * H)
    assert sorted(ack.member_id for ack in made) == ["BLR", "KGZ", "RUS", "TJK"]
    assert len({ack.entry_seq for ack in made}) == 1  # one act for all of them
    body = _text(f"/crises/{crisis.pk}/")
    assert "5 of the 5 other members have acknowledged" in body
    assert "by the Decision of the Council" in body
    acks = call("secretariat", "GET", f"/crises/{crisis.pk}").json()["acknowledgements"]
    assert {a["member"]: a["by_decision"].get("en", "") for a in acks}["RUS"] == "Decision of the Council"


def test_the_force_is_dated_as_a_whole_and_its_contingents_by_ranges(organization: None) -> None:
    crisis = operation()
    with pytest.raises(InvalidInput):  # not before the decision
        actions.record_first_arrival(actor=actor("secretariat"), crisis=crisis.pk, at=T0 + 11 * H)
    with pytest.raises(InvalidInput):  # the first arrival first
        actions.record_deployment_complete(actor=actor("secretariat"), crisis=crisis.pk, at=T0 + 20 * H)
    actions.record_first_arrival(actor=actor("secretariat"), crisis=crisis.pk, at=T0 + 14 * H)
    with pytest.raises(Conflict):
        actions.record_first_arrival(actor=actor("secretariat"), crisis=crisis.pk, at=T0 + 15 * H)
    with pytest.raises(InvalidInput) as caught:
        actions.record_deployment_complete(actor=actor("secretariat"), crisis=crisis.pk, at=T0 + 80 * H,
                                           personnel=0)
    assert caught.value.field == "personnel"
    actions.record_deployment_complete(actor=actor("secretariat"), crisis=crisis.pk, at=T0 + 80 * H,
                                       personnel=2030, equipment=250)
    pledge = actions.pledge_contingent(actor=actor("kgz.head"), crisis=crisis.pk,
                                       capability="peacekeeping_contingent", quantity=1, personnel=150,
                                       equipment=19, note={"ru": "Охранял ТЭЦ-2", "en": "Guarded TPP-2"},
                                       at=T0 + 12 * H)
    actions.answer_pledge(actor=actor("kaz.head"), pledge=pledge.pk, accept=True, at=T0 + 12 * H)
    with pytest.raises(InvalidInput) as caught:  # a range ends after it begins
        actions.record_phase(actor=actor("secretariat"), pledge=pledge.pk, phase="arrived", at=T0 + 20 * H,
                             by=T0 + 14 * H)
    assert caught.value.field == "by"
    with pytest.raises(InvalidInput):  # an exact phase still needs the one before it
        actions.record_phase(actor=actor("secretariat"), pledge=pledge.pk, phase="arrived", at=T0 + 20 * H)
    actions.record_phase(actor=actor("secretariat"), pledge=pledge.pk, phase="arrived", at=T0 + 12 * H,
                         by=T0 + 80 * H)
    views = queries.pledges(crisis)
    assert views[0].by == {"arrived": T0 + 80 * H}
    assert queries.force_gap(crisis, queries.mandate_of(crisis), views)[0].deployed == 1
    metrics = queries.metrics(crisis, queries.mandate_of(crisis), views)
    assert (metrics.to_first_arrival, metrics.to_full_capability) == (14 * H, 80 * H)
    assert metrics.spreads == []
    body = _text(f"/crises/{crisis.pk}/")
    for said in ("First arrival", "Deployment complete", "2,030 personnel", "250 pieces of equipment",
                 "19 pieces of equipment", "Guarded TPP-2", "reported range"):
        assert said in body, said
    detail = call("secretariat", "GET", f"/crises/{crisis.pk}").json()
    assert detail["mandate"]["deployed_personnel"] == 2030
    assert detail["pledges"][0]["phases"][0]["actual_by"] is not None


def test_a_range_needs_no_earlier_phase_but_not_one_after_it() -> None:
    at = dt.datetime(2022, 1, 6, tzinfo=dt.UTC)
    assert rules.phase_refusal({}, "home", at, accepted=True, decision_at=at, by=at + 3 * 24 * H) is None
    later = {"departed": at + 5 * 24 * H}
    assert rules.phase_refusal(later, "arrived", at, accepted=True, decision_at=at, by=at + 24 * H)
    assert rules.phase_refusal({}, "arrived", at, accepted=True, decision_at=at) == "arrived needs departed first"


def test_letters_of_the_past_keep_their_addressee_sender_and_what_is_missing(organization: None) -> None:
    crisis = operation()
    sender = {"ru": "Генеральный секретарь", "en": "Secretary General"}
    actions.record_letter_sent(actor=actor("secretariat"), crisis=crisis.pk, kind="notification",
                               addressee="secretary", sender=sender, text_kept=False, at=T0 + 13 * H)
    with pytest.raises(InvalidInput) as caught:
        actions.record_letter_sent(actor=actor("secretariat"), crisis=crisis.pk, kind="notification",
                                   addressee="nobody")
    assert caught.value.field == "addressee"
    with pytest.raises(InvalidInput):
        actions.record_letter_sent(actor=actor("secretariat"), crisis=crisis.pk, kind="notification",
                                   undated=True, at=T0 + 13 * H)
    # The notification to the Council is still to be sent: one per addressee.
    undated = actions.record_letter_sent(actor=actor("secretariat"), crisis=crisis.pk, kind="notification",
                                         text_kept=False, undated=True)
    assert undated.sent_at is None
    with pytest.raises(Conflict):
        actions.record_letter_sent(actor=actor("secretariat"), crisis=crisis.pk, kind="notification")
    body = _text(f"/crises/{crisis.pk}/")
    for said in ("from Secretary General to the UN Secretary-General", "to the President of the Security Council",
                 "the day is not in the record", "The letter's text is not in the record."):
        assert said in body, said
    letters = call("secretariat", "GET", f"/crises/{crisis.pk}").json()["letters"]
    assert [(letter["addressee"], letter["sent_at"] is None) for letter in letters] == [
        ("secretary", False), ("council", True)]


def test_a_mission_ends_once_its_report_is_heard(organization: None) -> None:
    crisis = operation()
    with pytest.raises(Conflict):  # an operation ends with its withdrawal
        actions.record_report_heard(actor=actor("secretariat"), crisis=crisis.pk, at=T0 + 20 * H)
    mission = actions.file_request(actor=actor("arm.head"), at=T0, **REQUEST)
    actions.choose_response(actor=actor("secretariat"), crisis=mission.pk, response="mission",
                            leaders=["Secretary General"], reports_to="CSC", at=T0 + H)
    with pytest.raises(NotPermitted):
        actions.record_report_heard(actor=actor("arm.head"), crisis=mission.pk, at=T0 + 20 * H)
    with pytest.raises(InvalidInput):
        actions.record_report_heard(actor=actor("secretariat"), crisis=mission.pk, at=T0)
    closed = actions.record_report_heard(actor=actor("secretariat"), crisis=mission.pk, at=T0 + 40 * 24 * H,
                                         note={"ru": "Доклад заслушан", "en": "The report was heard"})
    assert closed.closed_at == T0 + 40 * 24 * H
    assert not closed.is_open
    with pytest.raises(Conflict):
        actions.record_report_heard(actor=actor("secretariat"), crisis=mission.pk, at=T0 + 41 * 24 * H)
    body = _text(f"/crises/{mission.pk}/")
    assert "Report heard" in body
    assert "The report was heard" in body
