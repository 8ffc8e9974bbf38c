"""Crisis acts signed on the actor's own machine: each recorded with its signature; refused, nothing written."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from crises_fixtures import REQUEST, T0, actor, call
from crises_signing import (
    envelope,
    iso,
    ledger_verifies,
    private_key,
    recorded,
    refused,
    register_keys,
    signed,
    statement,
    submit,
)

from accord.core import signed as signed_acts
from accord.core.acting import Actor
from accord.crises import actions, catalogue
from accord.crises.models import Acknowledgement, Crisis, Lesson, Phase, Pledge
from accord.ledger import log
from accord.ledger.models import Entry, Sealed
from accord.members import actions as registry
from accord_verify import entries

H = dt.timedelta(hours=1)


@pytest.fixture
def keys(organization: None) -> None:
    register_keys()


def _filed(handle: str, at: dt.datetime, classification: str = "public") -> Crisis:
    body = {"requester": handle[:3].upper(), **REQUEST, "requested_at": iso(at)}
    seq = recorded(signed(handle, "crises.request_filed", body, classification=classification))
    return Crisis.objects.get(entry_seq=seq)


def _operation_walked(walked: list[str]) -> None:
    """Kazakhstan's request, from filing to the validated lesson, every act signed by whoever does it."""

    crisis: Crisis  # filed below, before the first act

    def act(handle: str, type: str, body: dict[str, Any]) -> int:
        walked.append(type)
        return recorded(signed(handle, type, {"crisis": crisis.pk, **body}))

    walked.append("crises.request_filed")
    crisis = _filed("kaz.head", T0)
    act("rus.head", "crises.request_acknowledged", {"member": "RUS", "at": iso(T0 + H)})
    act("secretariat", "crises.response_chosen", {"response": "operation", "leaders": [], "reports_to": "",
                                                  "note": {}, "at": iso(T0 + 10 * H)})
    actions.set_mandate(actor=actor("secretariat"), crisis=crisis.pk, purpose="Protect important facilities",
                        area="Kazakhstan", ends_at=T0 + dt.timedelta(days=30), commander="Commander",
                        commander_body="CMD", requirements={"airborne_unit": 2})
    act("secretariat", "crises.decision_recorded", {"decision_identifier": "CSC decision of 6 January",
                                                    "decision_at": iso(T0 + 12 * H)})
    act("secretariat", "crises.mandate_extended", {"previous_end": iso(T0 + dt.timedelta(days=30)),
                                                   "ends_at": iso(T0 + dt.timedelta(days=60)),
                                                   "reference": {"ru": "Решение СКБ от 1 февраля",
                                                                 "en": "CSC decision of 1 February"}})
    pledge = Pledge.objects.get(entry_seq=act("rus.head", "crises.pledge_made", {
        "member": "RUS", "capability": "airborne_unit", "quantity": 2, "personnel": None,
        "personnel_reported": False, "at": iso(T0 + 11 * H)}))
    act("kaz.head", "crises.pledge_accepted", {"pledge": pledge.pk, "member": "RUS", "at": iso(T0 + 11 * H)})
    declined = Pledge.objects.get(entry_seq=act("blr.head", "crises.pledge_made", {
        "member": "BLR", "capability": "medical_team", "quantity": 1, "personnel": 40,
        "personnel_reported": True, "at": iso(T0 + 11 * H)}))
    act("kaz.delegate", "crises.pledge_declined", {"pledge": declined.pk, "member": "BLR", "at": iso(T0 + 11 * H)})
    act("rus.head", "crises.phase_planned", {"pledge": pledge.pk, "member": "RUS", "phase": "arrived",
                                             "planned_at": iso(T0 + 16 * H)})
    for hours, phase in enumerate(catalogue.PHASE_CODES, start=13):
        if phase == "withdrawing":
            act("kaz.head", "crises.mission_completed", {"at": iso(T0 + hours * H)})
            act("kaz.head", "crises.sites_handed_over", {"sites": 14, "at": iso(T0 + hours * H)})
        act("rus.delegate", "crises.phase_reached", {"pledge": pledge.pk, "member": "RUS", "phase": phase,
                                                     "at": iso(T0 + hours * H)})
        if phase == "operational":
            at = iso(T0 + hours * H)
            act("rus.head", "crises.situation_reported", {"number": 1, "source": "RUS",
                                                          "text": {"ru": "Все объекты под охраной",
                                                                   "en": "All sites guarded"}, "at": at})
            act("secretariat", "crises.situation_reported", {"number": 2, "source": "commander",
                                                             "text": "Fully operational", "at": at})
    act("secretariat", "crises.withdrawal_completed", {"at": iso(T0 + 30 * H)})
    letter = call("secretariat", "GET", f"/crises/{crisis.pk}/letters/completion").json()
    act("secretariat", "crises.letter_sent", {"kind": "completion", "reference": "S/2022/99",
                                              "text": letter["text"],
                                              "at": iso(T0 + 31 * H)})
    lesson = Lesson.objects.get(entry_seq=act("rus.head", "crises.lesson_recorded",
                                                  {"text": {"ru": "Ранние авиаперевозки"}}))
    act("secretariat", "crises.lesson_validated", {"lesson": lesson.pk, "text": "Plan the airlift early"})
    assert Phase.objects.get(pledge=pledge, phase="home").actual_at == T0 + 20 * H


def _unanswered_walked(walked: list[str]) -> None:
    """Two requests answered without a response: declined (with who objected), left without a decision."""
    for type, objected in (("crises.request_declined", ["BLR"]), ("crises.request_left_without_decision", [])):
        crisis = _filed("arm.head", T0)
        walked += ["crises.request_filed", type]
        recorded(signed("secretariat", type, {"crisis": crisis.pk, "objected_by": objected, "note": {},
                                              "at": iso(T0 + H)}))


def test_every_crisis_act_registered_is_recorded_signed(keys: None) -> None:
    walked: list[str] = []
    _operation_walked(walked)
    _unanswered_walked(walked)
    registered = {name for name in signed_acts.signable_types() if name.startswith("crises.")}
    assert set(walked) == registered
    ledger_verifies()


def test_a_signed_request_names_no_number_of_its_own(keys: None) -> None:
    """Its signer cannot know the number the crisis gets: the request's entry stands for the crisis."""
    crisis = _filed("kaz.head", T0)
    assert crisis.requester_id == "KAZ"
    assert crisis.entry_seq == log.size() - 1


# Refused, with the field and the reason, and nothing written.


@pytest.fixture
def crisis(keys: None) -> Crisis:
    return actions.file_request(actor=actor("kaz.head"), classification="public", at=T0, **REQUEST)


def _untouched() -> Any:
    size, acknowledgements, pledges = log.size(), Acknowledgement.objects.count(), Pledge.objects.count()

    def check() -> None:
        assert log.size() == size
        assert (Acknowledgement.objects.count(), Pledge.objects.count()) == (acknowledgements, pledges)

    return check


def _acknowledgement(handle: str, crisis: Crisis, member: str) -> dict[str, Any]:
    body = {"crisis": crisis.pk, "member": member, "at": iso(T0 + H)}
    return signed(handle, "crises.request_acknowledged", body)


def test_it_refuses_a_replayed_nonce(crisis: Crisis) -> None:
    lesson = signed("rus.head", "crises.lesson_recorded", {"crisis": crisis.pk, "text": "Airlift early"})
    recorded(lesson)
    untouched = _untouched()
    refused(submit(lesson), 400, "signature.nonce", "already been recorded (a replay)")
    untouched()
    assert Lesson.objects.count() == 1


def test_it_refuses_a_body_altered_after_signing(crisis: Crisis) -> None:
    payload = _acknowledgement("rus.head", crisis, "RUS")
    payload["statement"]["body"]["at"] = iso(T0 + 2 * H)
    untouched = _untouched()
    refused(submit(payload), 400, "signature.sig", "does not verify")
    untouched()


def test_it_refuses_a_revoked_key(crisis: Crisis) -> None:
    key_id = entries.key_id_of(bytes(private_key("rus.head").verify_key))
    registry.revoke_key(actor=actor("rus.head"), key_id=key_id, reason="laptop lost")
    untouched = _untouched()
    refused(submit(_acknowledgement("rus.head", crisis, "RUS")), 400, "signature.key",
            "is not a registered, unrevoked key")
    untouched()


def test_it_refuses_a_key_of_another_members_official(crisis: Crisis) -> None:
    untouched = _untouched()
    # The statement names Russia's head; the key is Kazakhstan's head's.
    stmt = statement("rus.head", "crises.request_acknowledged", {"crisis": crisis.pk, "member": "RUS",
                                                                 "at": iso(T0 + H)})
    refused(submit(envelope(stmt, private_key("kaz.head"))), 400, "signature.key",
            "is not a registered, unrevoked key")
    # Russia's head, with its own key, claims to act for Kazakhstan.
    stmt = statement("rus.head", "crises.request_acknowledged", {"crisis": crisis.pk, "member": "KAZ",
                                                                 "at": iso(T0 + H)})
    stmt["actor"]["member"] = "KAZ"
    refused(submit(envelope(stmt, private_key("rus.head"))), 400, "statement.actor.member",
            "differs from what the act records")
    untouched()


def test_a_delegate_cannot_sign_another_members_acknowledgement_or_pledge(crisis: Crisis) -> None:
    actions.choose_response(actor=actor("secretariat"), crisis=crisis.pk, response="operation", at=T0 + H)
    untouched = _untouched()
    refused(submit(_acknowledgement("rus.delegate", crisis, "KAZ")), 400, "statement.body.member",
            "differs from what the act records")
    pledge = {"crisis": crisis.pk, "member": "BLR", "capability": "airborne_unit", "quantity": 1,
              "personnel": None, "personnel_reported": False, "at": iso(T0 + H)}
    refused(submit(signed("rus.delegate", "crises.pledge_made", pledge)), 400, "statement.body.member",
            "differs from what the act records")
    untouched()
    # Nor answer another state's pledge (only the requesting state does), nor move another's contingent.
    blr = actions.pledge_contingent(actor=actor("blr.head"), crisis=crisis.pk, capability="airborne_unit",
                                    quantity=1, at=T0 + H)
    untouched = _untouched()
    answer = {"crisis": crisis.pk, "pledge": blr.pk, "member": "BLR", "at": iso(T0 + H)}
    refused(submit(signed("rus.delegate", "crises.pledge_accepted", answer)), 403, "actor",
            "only the requesting state may")
    plan = {"crisis": crisis.pk, "pledge": blr.pk, "member": "BLR", "phase": "alerted",
            "planned_at": iso(T0 + 2 * H)}
    refused(submit(signed("rus.delegate", "crises.phase_planned", plan)), 403, "actor",
            "only BLR's officials or the secretariat")
    untouched()
    assert Pledge.objects.get(pk=blr.pk).status == "pledged"


def test_it_refuses_an_instant_left_out_and_a_field_of_the_wrong_kind(crisis: Crisis) -> None:
    untouched = _untouched()
    refused(submit(signed("rus.head", "crises.request_acknowledged", {"crisis": crisis.pk, "member": "RUS"})),
            400, "statement.body.at", "is required")
    bad = signed("rus.head", "crises.request_acknowledged", {"crisis": str(crisis.pk), "member": "RUS",
                                                             "at": iso(T0 + H)})
    refused(submit(bad), 400, "statement.body.crisis", "is not a number")
    declined = signed("secretariat", "crises.request_declined", {"crisis": crisis.pk, "objected_by": 7,
                                                                 "note": {}, "at": iso(T0 + H)})
    refused(submit(declined), 400, "statement.body.objected_by", "must be a list of texts")
    untouched()


def test_it_refuses_a_pledge_of_another_crisis_as_missing(crisis: Crisis) -> None:
    other = actions.file_request(actor=actor("arm.head"), classification="public", at=T0, **REQUEST)
    for request in (crisis, other):
        actions.choose_response(actor=actor("secretariat"), crisis=request.pk, response="operation", at=T0 + H)
    pledge = actions.pledge_contingent(actor=actor("rus.head"), crisis=other.pk, capability="airborne_unit",
                                       quantity=1, at=T0 + H)
    untouched = _untouched()
    answer = {"crisis": crisis.pk, "pledge": pledge.pk, "member": "RUS", "at": iso(T0 + H)}
    refused(submit(signed("kaz.head", "crises.pledge_accepted", answer)), 404, "pledge",
            f"no pledge {pledge.pk} in crisis {crisis.pk}")
    untouched()


# A request for the members' eyes only: signed whole, its public entry carries only a commitment to it.


def test_a_members_only_request_is_signed_and_submitted_sealed(keys: None) -> None:
    body = {"requester": "KAZ", **REQUEST, "requested_at": iso(T0)}
    payload = signed("kaz.head", "crises.request_filed", body, classification="members")
    seq = recorded(payload)
    crisis = Crisis.objects.get(entry_seq=seq)
    assert (crisis.classification, crisis.requester_id) == ("members", "KAZ")
    assert crisis.happened == {"ru": REQUEST["happened"]}  # a plain text signed: the default language's
    public = Entry.objects.get(seq=seq).data
    assert REQUEST["happened"] not in public
    assert "kaz.head" not in public
    sealed = Sealed.objects.get(entry_id=seq)
    content = json.loads(sealed.content)
    assert content["statement"]["body"] == body
    assert json.loads(public)["statement"]["commitment"] == entries.commitment(sealed.salt, content)
    # The members answer it sealed too, each act signed by its own official.
    recorded(signed("rus.head", "crises.request_acknowledged", {"crisis": crisis.pk, "member": "RUS",
                                                               "at": iso(T0 + H)}, classification="members"))
    ledger_verifies()


def test_a_sealed_body_the_act_records_otherwise_is_refused_at_its_field(keys: None) -> None:
    size = log.size()
    body = {"requester": "KAZ", **REQUEST, "happened": f"  {REQUEST['happened']}  ", "requested_at": iso(T0)}
    response = submit(signed("kaz.head", "crises.request_filed", body, classification="members"))
    refused(response, 400, "statement.body.happened", "differs from what the act records")
    assert log.size() == size
    assert not Crisis.objects.exists()


def test_a_members_only_crisis_is_missing_for_an_observer_who_signs(keys: None) -> None:
    crisis = actions.file_request(actor=actor("kaz.head"), at=T0, **REQUEST)
    registry.register_key(actor=Actor.console(), person="observer", label="own machine",
                          public_key=entries.b64(bytes(private_key("observer").verify_key)))
    size = log.size()
    lesson = {"crisis": crisis.pk, "text": "Seen from outside"}
    refused(submit(signed("observer", "crises.lesson_recorded", lesson, classification="members")), 404,
            "crisis", f"no crisis {crisis.pk}")
    assert log.size() == size
