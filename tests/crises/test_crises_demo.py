"""The demo's crises: Kazakhstan 2022 completed, Armenia's requests of 2021 and 2022, only recorded facts."""

from __future__ import annotations

import datetime as dt
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
    assert {cell.acknowledgement.by_decision["en"] for cell in strip if cell.acknowledgement} == {
        "Decision of the Collective Security Council of 6 January 2022"}
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


def test_the_demos_crises_read_in_russian_and_in_english(db: None) -> None:
    load_demo()
    kazakhstan = Crisis.objects.get(requester_id="KAZ")
    for language, said in (("ru", ("Генерал-полковник Андрей Сердюков", "Протесты с 2 января 2022 г.",
                                   "Коллективные миротворческие силы направлены на ограниченный срок",
                                   "Решение Совета коллективной безопасности от 6 января 2022 года")),
                           ("en", ("Colonel-General Andrei Serdyukov", "Protests from 2 January 2022.",
                                   "Collective Peacekeeping Forces sent for a limited period of time",
                                   "Decision of the Collective Security Council of 6 January 2022"))):
        client = Client()
        client.cookies["django_language"] = language
        body = client.get(f"/crises/{kazakhstan.pk}/").content.decode()
        for text in said:
            assert f'<span lang="{language}">{text}' in body, (language, text)
        assert "untranslated" not in body, language
    # The authorizing decision predates the register: the mandate keeps it as published in each language,
    # and the API gives both (one identifier: the default language's).
    mandate = call(None, "GET", f"/crises/{kazakhstan.pk}").json()["mandate"]
    assert mandate["decision_identifier"] == "Решение Совета коллективной безопасности от 6 января 2022 года"
    assert mandate["decision_texts"]["en"] == "Decision of the Collective Security Council of 6 January 2022"


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
