"""A mission's leader given as an office ({"office": "SG"}) is named from the office: its holder on the day
of the response, or the office alone where no holder is recorded; the act records the names."""

from __future__ import annotations

import json

import pytest
from crises_fixtures import REQUEST, T0, actor

from accord.core.acting import Actor
from accord.core.audit import audit
from accord.core.errors import InvalidInput
from accord.crises import actions
from accord.ledger.models import Entry
from accord.members import actions as members

SG = {"ru": "Генеральный секретарь", "en": "Secretary General"}
CJS = {"ru": "Начальник Объединённого штаба", "en": "Chief of the Joint Staff"}


def test_a_leader_given_as_an_office_is_its_holder_on_the_day(organization: None) -> None:
    console = Actor.console()
    members.establish_office(actor=console, code="SG", name=SG, term_years=3)
    members.establish_office(actor=console, code="CJS", name=CJS)
    members.record_appointment(actor=console, office="SG", holder={"ru": "Станислав Зась", "en": "Stanislav Zas"},
                               member="BLR", start=T0.date().replace(year=T0.year - 1))
    crisis = actions.file_request(actor=actor("arm.head"), classification="public", at=T0, **REQUEST)
    done = actions.choose_response(actor=actor("secretariat"), crisis=crisis.pk, response="mission",
                                   leaders=[{"office": "sg"}, {"office": "CJS"}], reports_to="CSC", at=T0)
    zas = {"ru": "Станислав Зась, Генеральный секретарь", "en": "Stanislav Zas, Secretary General"}
    assert done.leaders == [zas, CJS]
    body = json.loads(Entry.objects.get(type="crises.response_chosen").data)["statement"]["body"]
    assert body["leaders"] == done.leaders
    assert audit().sound


def test_an_unknown_office_is_refused_by_the_field(organization: None) -> None:
    crisis = actions.file_request(actor=actor("arm.head"), classification="public", at=T0, **REQUEST)
    with pytest.raises(InvalidInput) as caught:
        actions.choose_response(actor=actor("secretariat"), crisis=crisis.pk, response="mission",
                                leaders=[{"office": "NOPE"}], reports_to="CSC", at=T0)
    assert caught.value.field == "leaders"
