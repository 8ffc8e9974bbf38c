"""The demo's crises: Kazakhstan 2022 completed, Armenia's requests of 2021 and 2022, only recorded facts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from crises_fixtures import call, page
from django.test import Client

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
    assert kazakhstan.pledges.get(member_id="ARM").personnel == 100
    assert not kazakhstan.pledges.exclude(member_id="ARM").filter(personnel__isnull=False).exists()
    metrics = queries.metrics(kazakhstan, mandate, queries.pledges(kazakhstan))
    assert metrics.to_decision == dt.timedelta(days=1)
    armenia = {crisis.area["en"]: crisis for crisis in Crisis.objects.filter(requester_id="ARM")}
    assert "Armenia (May 2021)" not in armenia  # a request for consultations, on the monitoring path
    mission = armenia["Armenia (September 2022)"]
    assert mission.area["ru"] == "Армения (сентябрь 2022 г.)"
    assert mission.outcome == "mission"
    assert mission.is_open
    # Public records: the public sees them, the dashboard lists the open one first.
    assert len(call(None, "GET", "/crises").json()) == 2
    body = page(None, f"/crises/{kazakhstan.pk}/").content.decode()
    assert "(reported)" in body
    assert "Serdyukov" in body
    assert "Armenia (September 2022)" in page(None, "/").content.decode()


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
