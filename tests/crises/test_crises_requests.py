"""The request: filing, acknowledgements, a request declined or left without a decision, the response."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from crises_fixtures import REQUEST, T0, TEXTS, actor

from accord.core.acting import Actor
from accord.core.errors import Conflict, InvalidInput, NotPermitted
from accord.core.policy import viewer_of
from accord.crises import actions, queries
from accord.crises.models import Acknowledgement, Crisis
from accord.ledger import log
from accord.ledger.models import Entry


def test_it_files_a_request_as_one_act_classified_for_members(organization: None) -> None:
    before = log.size()
    crisis = actions.file_request(actor=actor("kaz.head"), at=T0, **REQUEST)
    assert crisis.requester_id == "KAZ"
    assert log.size() == before + 1
    entry = Entry.objects.get(seq=crisis.entry_seq)
    assert entry.type == "crises.request_filed"
    assert entry.classification == "members"


# A time no run reaches: the wall clock read when the tests are collected is not the one they run at.
FAR_FUTURE = dt.datetime(2999, 1, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize(("change", "field"), [
    ({"legal_basis": "revenge"}, "legal_basis"), ({"happened": " "}, "happened"), ({"area": ""}, "area"),
    ({"asks_for": ""}, "asks_for"), ({"classification": "secret"}, "classification"),
    ({"at": "yesterday"}, "at"), ({"at": FAR_FUTURE}, "at"),
])
def test_bad_input_names_the_field_and_writes_nothing(organization: None, change: dict[str, Any],
                                                      field: str) -> None:
    before = log.size()
    with pytest.raises(InvalidInput) as caught:
        actions.file_request(actor=actor("kaz.head"), **{**REQUEST, **change})
    assert caught.value.field == (f"{field}.ru" if field in TEXTS else field)  # the default language's text
    assert log.size() == before
    assert not Crisis.objects.exists()


@pytest.mark.parametrize("handle", ["secretariat", "observer"])
def test_only_an_official_of_a_member_files(organization: None, handle: str) -> None:
    with pytest.raises(NotPermitted):
        actions.file_request(actor=actor(handle), **REQUEST)
    with pytest.raises(NotPermitted):
        actions.file_request(actor=Actor.console(), **REQUEST)


def test_each_member_acknowledges_once_and_the_strip_shows_who_and_when(organization: None) -> None:
    crisis = actions.file_request(actor=actor("kaz.head"), at=T0, **REQUEST)
    actions.acknowledge_request(actor=actor("rus.delegate"), crisis=crisis.pk, at=T0 + dt.timedelta(minutes=7))
    with pytest.raises(Conflict):
        actions.acknowledge_request(actor=actor("rus.head"), crisis=crisis.pk)
    with pytest.raises(Conflict, match="its filing is its acknowledgement"):
        actions.acknowledge_request(actor=actor("kaz.delegate"), crisis=crisis.pk)
    with pytest.raises(InvalidInput) as caught:
        actions.acknowledge_request(actor=actor("arm.head"), crisis=crisis.pk, at=T0 - dt.timedelta(hours=1))
    assert caught.value.field == "at"
    strip = queries.acknowledgement_strip(viewer_of(actor("arm.head").person), crisis)
    cells = {cell.member.code: cell for cell in strip}
    # UZB is suspended, no cell; Kazakhstan filed it and has nothing to acknowledge.
    assert set(cells) == {"ARM", "BLR", "KGZ", "RUS", "TJK"}
    assert cells["RUS"].after == dt.timedelta(minutes=7)
    assert cells["ARM"].acknowledgement is None
    assert Acknowledgement.objects.count() == 1


def test_a_declined_request_records_who_objected_and_closes(organization: None) -> None:
    crisis = actions.file_request(actor=actor("arm.head"), at=T0, **(REQUEST | {"legal_basis": "consultations"}))
    with pytest.raises(NotPermitted):
        actions.record_no_response(actor=actor("kaz.head"), crisis=crisis.pk, outcome="declined")
    done = actions.record_no_response(actor=actor("secretariat"), crisis=crisis.pk, outcome="declined",
                                      objected_by=["kaz", "BLR"], at=T0 + dt.timedelta(days=1))
    assert done.objected_by == ["BLR", "KAZ"]
    assert not done.is_open
    assert Entry.objects.filter(type="crises.request_declined").count() == 1
    with pytest.raises(Conflict):
        actions.choose_response(actor=actor("secretariat"), crisis=crisis.pk, response="consultations")


def test_a_request_left_without_a_decision_is_recorded_too(organization: None) -> None:
    crisis = actions.file_request(actor=actor("arm.head"), at=T0, **REQUEST)
    with pytest.raises(InvalidInput) as caught:
        actions.record_no_response(actor=Actor.console(), crisis=crisis.pk, outcome="no_decision",
                                   objected_by=["XXX"])
    assert caught.value.field == "objected_by"
    done = actions.record_no_response(actor=Actor.console(), crisis=crisis.pk, outcome="no_decision",
                                      note="No joint statement followed")
    assert done.outcome == "no_decision"
    assert done.objected_by == []


def test_a_mission_is_led_by_named_officials_and_reports_to_a_body(organization: None) -> None:
    crisis = actions.file_request(actor=actor("arm.head"), at=T0, **REQUEST)
    with pytest.raises(InvalidInput) as caught:
        actions.choose_response(actor=actor("secretariat"), crisis=crisis.pk, response="mission")
    assert caught.value.field == "leaders"
    with pytest.raises(InvalidInput) as caught:
        actions.choose_response(actor=actor("secretariat"), crisis=crisis.pk, response="mission",
                                leaders=["Secretary General"], reports_to="NOPE")
    assert caught.value.field == "reports_to"
    done = actions.choose_response(actor=actor("secretariat"), crisis=crisis.pk, response="mission",
                                   leaders=["Secretary General", "Chief of the Joint Staff"], reports_to="csc")
    assert done.outcome == "mission"
    assert done.reports_to == "CSC"
    assert done.is_open


MANDATE: dict[str, Any] = {"purpose": "Protect important state and military facilities", "area": "Kazakhstan",
           "ends_at": T0 + dt.timedelta(days=30), "commander": "Commander of the force",
           "commander_body": "CMD", "requirements": {"infantry_company": 3, "transport_aircraft": 2}}


def operation(handle: str = "kaz.head") -> Crisis:
    crisis = actions.file_request(actor=actor(handle), at=T0, **REQUEST)
    actions.choose_response(actor=actor("secretariat"), crisis=crisis.pk, response="operation",
                            at=T0 + dt.timedelta(hours=10))
    return crisis


def test_a_mandate_names_its_commander_body_requirement_and_limited_duration(organization: None) -> None:
    crisis = operation()
    change: dict[str, Any]  # wrong on purpose, each in its own way
    for change, field in (({"commander_body": "XX"}, "commander_body"),
                          ({"requirements": {"tanks": 1}}, "requirements.tanks"),
                          ({"requirements": {"infantry_company": 0}}, "requirements.infantry_company"),
                          ({"ends_at": T0 - dt.timedelta(days=1)}, "ends_at"),
                          ({"outside_territory": True}, "unsc_reference")):
        with pytest.raises(InvalidInput) as caught:
            actions.set_mandate(actor=actor("secretariat"), crisis=crisis.pk, **{**MANDATE, **change})
        assert caught.value.field == field
    mandate = actions.set_mandate(actor=actor("secretariat"), crisis=crisis.pk, **MANDATE)
    assert mandate.decision_identifier == ""
    assert mandate.decision_at is None
    actions.record_decision(actor=actor("secretariat"), crisis=crisis.pk, decision_identifier="CSC decision",
                            decision_at=T0 + dt.timedelta(hours=12))
    extended = actions.extend_mandate(actor=actor("secretariat"), crisis=crisis.pk,
                                      ends_at=T0 + dt.timedelta(days=60), reference="CSC decision 2")
    assert extended.extensions.count() == 1
    with pytest.raises(InvalidInput):
        actions.extend_mandate(actor=actor("secretariat"), crisis=crisis.pk, ends_at=T0, reference="x")


def test_an_operation_outside_the_territory_records_the_security_council_decision(organization: None) -> None:
    crisis = operation()
    mandate = actions.set_mandate(actor=actor("secretariat"), crisis=crisis.pk, outside_territory=True,
                                  unsc_reference="S/RES/0000", **{k: v for k, v in MANDATE.items()})
    assert mandate.unsc_reference == "S/RES/0000"


def test_a_mandate_follows_only_an_operation(organization: None) -> None:
    crisis = actions.file_request(actor=actor("kaz.head"), at=T0, **REQUEST)
    with pytest.raises(Conflict):
        actions.set_mandate(actor=actor("secretariat"), crisis=crisis.pk, **MANDATE)
