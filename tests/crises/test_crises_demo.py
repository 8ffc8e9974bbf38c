"""The demo's crises: Kazakhstan 2022 completed, Armenia's requests of 2021 and 2022, only recorded facts."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from crises_fixtures import call, page
from django.test import Client

from accord.core.policy import viewer_of
from accord.crises import queries
from accord.crises.models import Crisis
from accord.demo.loader import load_demo
from accord.ledger import log
from accord.ledger.models import Entry
from accord.ledger.sources import DatabaseSource
from accord_verify.verify import verify


def test_the_demo_holds_the_three_crises_through_the_actions(db: None) -> None:
    load_demo()
    kazakhstan = Crisis.objects.get(requester_id="KAZ")
    mandate = queries.mandate_of(kazakhstan)
    assert mandate is not None
    assert mandate.commander == {"ru": "Генерал-полковник Андрей Сердюков",
                                 "en": "Colonel-General Andrei Serdyukov"}
    assert mandate.commander_body_id == "CMD"
    assert mandate.sites_handed_over == 14
    assert kazakhstan.closed_at == dt.datetime(2022, 1, 19, tzinfo=dt.UTC)
    contributors = sorted(p.member_id for p in kazakhstan.pledges.filter(status="accepted"))
    assert contributors == ["ARM", "BLR", "KGZ", "RUS", "TJK"]
    # The contingents as SCENARIO.md gives them: Armenia's confirmed, Tajikistan's and Kyrgyzstan's reported,
    # Belarus's and Russia's numbers not published.
    pledged = {p.member_id: p for p in kazakhstan.pledges.all()}
    assert {code: (p.personnel, p.personnel_reported) for code, p in pledged.items()} == {
        "ARM": (100, False), "TJK": (200, True), "KGZ": (150, True), "BLR": (None, False), "RUS": (None, False)}
    assert pledged["KGZ"].equipment == 19
    assert "TPP-2" in pledged["KGZ"].note["en"]
    assert "ТЭЦ-2" in pledged["KGZ"].note["ru"]
    # The force's own dates; each contingent's only as the sources' ranges, never an invented day.
    assert mandate.first_arrival_at == dt.datetime(2022, 1, 6, tzinfo=dt.UTC)
    assert (mandate.deployed_at, mandate.deployed_personnel, mandate.deployed_equipment) == (
        dt.datetime(2022, 1, 9, tzinfo=dt.UTC), 2030, 250)
    views = queries.pledges(kazakhstan)
    for view in views:
        assert {phase: (view.actuals[phase].day, view.by[phase].day) for phase in view.actuals} == {
            "departed": (6, 9), "arrived": (6, 9), "home": (13, 19)}
    assert queries.force_gap(kazakhstan, mandate, views)[0].deployed == 5
    metrics = queries.metrics(kazakhstan, mandate, views)
    assert metrics.to_decision == dt.timedelta(days=1)
    assert metrics.to_first_arrival == dt.timedelta(days=1)
    assert metrics.to_full_capability == dt.timedelta(days=4)
    assert metrics.to_withdrawal == dt.timedelta(days=14)
    assert metrics.spreads == []  # no contingent's day is known exactly
    # The Council's decision is each member's answer: the strip says so, not "pending".
    strip = queries.acknowledgement_strip(viewer_of(None), kazakhstan)
    assert [cell.member.code for cell in strip if cell.acknowledgement] == ["ARM", "BLR", "KGZ", "RUS", "TJK"]
    answers = {cell.acknowledgement.by_decision["en"] for cell in strip if cell.acknowledgement}
    assert answers == {KAZAKHSTAN_DECIDED}
    # Who wrote to the UN, and when: the Secretary General on 6 January (reported), the chair (the day not given).
    sent = [(letter.addressee, letter.sender["en"], letter.sent_at, dict(letter.text))
            for letter in kazakhstan.letters.all()]
    assert sent == [("secretary", "Stanislav Zas, Secretary General", dt.datetime(2022, 1, 6, tzinfo=dt.UTC), {}),
                    ("council", "Armenia, chair of the Collective Security Council", None, {})]
    armenia = {crisis.area["en"]: crisis for crisis in Crisis.objects.filter(requester_id="ARM")}
    assert "Armenia (May 2021)" not in armenia  # a request for consultations, on the monitoring path
    mission = armenia["Armenia (September 2022)"]
    assert mission.area["ru"] == "Армения (сентябрь 2022 г.)"
    assert mission.outcome == "mission"
    # Closed by its own rule, once the mission's report was heard.
    assert mission.closed_at == dt.datetime(2022, 10, 28, tzinfo=dt.UTC)
    assert Entry.objects.filter(type="crises.mission_report_heard").count() == 1
    # Public records: the public sees them; none is open any more.
    assert len(call(None, "GET", "/crises").json()) == 2
    body = page(None, f"/crises/{kazakhstan.pk}/").content.decode()
    assert "(reported)" in body
    assert "Serdyukov" in body
    assert "5 of the 5 other members have acknowledged" in " ".join(body.split())
    assert "No letter recorded as sent" not in body
    assert "Armenia (September 2022)" not in page(None, "/").content.decode()


# The Council's decision of 6 January 2022, circulated without a session and announced by the chair: its
# identifier in the register (body, day and title; the exact title is not in the record and says so).
KAZAKHSTAN_DECIDED = ("Collective Security Council, 6 January 2022, Decision to send the Collective Peacekeeping "
                      "Forces to Kazakhstan for a limited period of time (exact title not in the record)")
KAZAKHSTAN_DECIDED_RU = ("Совет коллективной безопасности, 6 января 2022 г., Решение о направлении Коллективных "
                         "миротворческих сил в Казахстан на ограниченный период времени (точное название в "
                         "источниках не приводится)")


def test_the_demo_decides_on_kazakhstans_request_without_a_session(db: None) -> None:
    """No session was held on 6 January 2022: the Secretariat circulated the draft and the chair announced the
    decision; the request is tied to that decision, which authorizes the mandate, and to the 10 January session."""
    from accord.decisions.models import Decision
    from accord.meetings.models import Session

    load_demo()
    kazakhstan = Crisis.objects.get(requester_id="KAZ")
    decision = Decision.objects.get(identifier=KAZAKHSTAN_DECIDED)
    assert (decision.procedure.kind, decision.decided_on, decision.procedure.session) == (
        "circulated", dt.date(2022, 1, 6), None)
    assert decision.identifier_texts["ru"] == KAZAKHSTAN_DECIDED_RU
    assert not Session.objects.filter(starts_on=dt.date(2022, 1, 6)).exists()
    assert Session.objects.get(starts_on=dt.date(2022, 1, 10)).mode == "video"
    # The record says the 28 October 2022 session heard the mission's report, not that it met by video.
    assert Session.objects.get(starts_on=dt.date(2022, 10, 28)).mode == "not_recorded"
    assert sorted((link.proposal_id is not None, link.session_id is not None)
                  for link in kazakhstan.links.all()) == [(False, True), (True, False)]
    mandate = queries.mandate_of(kazakhstan)
    assert mandate is not None
    assert (mandate.decision_identifier, mandate.decision_at) == (
        KAZAKHSTAN_DECIDED, dt.datetime(2022, 1, 6, tzinfo=dt.UTC))
    proposal = " ".join(page(None, f"/decisions/{decision.proposal_id}/").content.decode().split())
    for said in ("Circulated without a session, announced by the chair", "Announced by the chair</dt><dd>Armenia",
                 "at the chair's announcement", "No position recorded</dt><dd>Armenia, Belarus",
                 "(raised no formal objection)"):
        assert said in proposal, said
    assert call(None, "GET", f"/decisions/{decision.proposal_id}").json()["procedure"]["decision"][
        "announced_by"] == "ARM"


def test_the_demos_crises_read_in_russian_and_in_english(db: None) -> None:
    load_demo()
    kazakhstan = Crisis.objects.get(requester_id="KAZ")
    for language, said in (("ru", ("Генерал-полковник Андрей Сердюков", "Протесты с 2 января 2022 г.",
                                   "Коллективные миротворческие силы направлены на ограниченный срок",
                                   KAZAKHSTAN_DECIDED_RU)),
                           ("en", ("Colonel-General Andrei Serdyukov", "Protests from 2 January 2022.",
                                   "Collective Peacekeeping Forces sent for a limited period of time",
                                   KAZAKHSTAN_DECIDED))):
        client = Client()
        client.cookies["django_language"] = language
        body = client.get(f"/crises/{kazakhstan.pk}/").content.decode()
        for text in said:
            assert f'<span lang="{language}">{text}' in body, (language, text)
        assert "untranslated" not in body, language
    # The authorizing decision is the register's: the mandate keeps its stable identifier, and the API gives
    # how each language writes it.
    mandate = call(None, "GET", f"/crises/{kazakhstan.pk}").json()["mandate"]
    assert mandate["decision_identifier"] == KAZAKHSTAN_DECIDED
    assert mandate["decision_texts"]["ru"] == KAZAKHSTAN_DECIDED_RU


def test_the_demo_ledger_verifies(db: None) -> None:
    load_demo()
    source = DatabaseSource()
    report = verify(source, extra=source.checks(lambda entries, total: entries))  # raises Damage if broken
    assert report.size == log.size()
    assert Entry.objects.filter(type="crises.withdrawal_completed").count() == 1


def test_a_mandate_ties_a_decision_of_the_register_by_its_identifier(db: None) -> None:
    from crises_fixtures import REQUEST, actor

    from accord.core.errors import InvalidInput
    from accord.crises import actions
    from accord.decisions.models import Decision

    load_demo()
    adopted = Decision.objects.filter(outcome="adopted", decided_on=dt.date(2022, 11, 23)).first()
    assert adopted is not None
    assert adopted.identifier
    crisis = actions.file_request(actor=actor("kaz.head"), at=dt.datetime(2022, 11, 1, tzinfo=dt.UTC), **REQUEST)
    actions.choose_response(actor=actor("secretariat"), crisis=crisis.pk, response="operation",
                            at=dt.datetime(2022, 11, 2, tzinfo=dt.UTC))
    mandate: dict[str, Any] = {"purpose": "Protect facilities", "area": "Kazakhstan", "ends_at": None,
                               "commander": "Commander", "commander_body": "CMD", "requirements": {}}
    with pytest.raises(InvalidInput) as caught:
        actions.set_mandate(actor=actor("secretariat"), crisis=crisis.pk, decision_identifier=adopted.identifier,
                            decision_at=dt.datetime(2022, 11, 20, tzinfo=dt.UTC), **mandate)
    assert caught.value.field == "decision_at"
    tied = actions.set_mandate(actor=actor("secretariat"), crisis=crisis.pk,
                               decision_identifier=adopted.identifier, **mandate)
    assert tied.decision_at == dt.datetime(2022, 11, 23, tzinfo=dt.UTC)


def test_the_kazakhstan_page_names_its_decision_once_where_it_answers_and_without_its_day_again(db: None) -> None:
    """The 6 January decision answered all five members: the acknowledgements say so once, above the rows; the
    mandate's authorizing decision is its identifier, which holds the day already: the day is not added again."""
    load_demo()
    kazakhstan = Crisis.objects.get(requester_id="KAZ")
    for language, named, day in (("en", KAZAKHSTAN_DECIDED, "6 January 2022"),
                                 ("ru", KAZAKHSTAN_DECIDED_RU, "6 января 2022 г.")):
        client = Client()
        client.cookies["django_language"] = language
        body = " ".join(client.get(f"/crises/{kazakhstan.pk}/").content.decode().split())
        acknowledgements = body.split('id="ack-heading"', 1)[1].split("</section>", 1)[0]
        acknowledgements = re.sub(r"<title>.*?</title>", "", acknowledgements)  # each cell's own tooltip
        assert acknowledgements.count(named) == 1, language
        authorizing = body.split('id="mandate-heading"', 1)[1].split("</dd>", 7)
        decision = next(part for part in authorizing if named in part)
        assert decision.count(day) == 1, (language, decision)
        # The decision states no force requirement: the gap table says none, not "0" required and "0" missing.
        gap = body.split('<tr data-capability="peacekeeping_contingent">', 1)[1].split("</tr>", 1)[0]
        assert re.findall(r"<td>\s*([^<]*?)\s*</td>", gap)[1:] == ["—", "5", "5", "5", "—"], gap
