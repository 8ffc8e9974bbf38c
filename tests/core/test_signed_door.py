"""The signed door (POST /api/v1/acts) checks the signature first: until it stands, the answer says nothing
of what the statement names, and after it a refusal names fields, never the server's values."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from nacl.signing import SigningKey as PrivateKey

# The worlds of the meetings and crisis tests, which this one joins into one organization.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "meetings"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "crises"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

import meetings_world
from crises_fixtures import REQUEST, T0
from sessions_held import held_session

from accord.core import signed as signed_acts
from accord.core.acting import Actor
from accord.crises import actions as crises
from accord.decisions import actions as decisions
from accord.ledger import log
from accord.meetings.models import AgendaItem
from accord.members import actions
from accord.members.models import Person, SigningKey
from accord.monitoring import actions as monitoring
from accord_verify import entries

ACTS = "/api/v1/acts"
# A signature of the right length that no key made.
JUNK = entries.b64(b"\x01" * 64)


def submit(payload: Mapping[str, Any]) -> Any:
    # No session: the signature is the credential.
    return Client().post(ACTS, data=json.dumps(payload), content_type="application/json")


def forged(handle: str, type: str, body: Mapping[str, Any], *, member: str | None = None) -> dict[str, Any]:
    """A statement as an outsider writes it in `handle`'s name, without `handle`'s private key."""
    return entries.statement(log=settings.LOG_ORIGIN, type=type, member=member, person=handle,
                             classification="public", body=body, nonce=entries.new_nonce())


def key_id(handle: str) -> str:
    """The persona's key, as the fixtures register it (its key id is public, in the log)."""
    return str(SigningKey.objects.get(person__username=handle, label="test").key_id)


def answer(response: Any) -> tuple[int, bytes]:
    return response.status_code, response.content


@pytest.mark.usefixtures("organization")
def test_it_checks_the_signature_before_comparing_the_statement_with_the_act() -> None:
    # The action would record the reason stripped: the refusal once printed what it records instead.
    revoked = key_id("kaz.delegate")
    stmt = forged("arm.head", entries.KEY_REVOKED,
                  {"key_id": revoked, "person": "kaz.delegate", "reason": "  lost  "}, member="ARM")
    before = log.size()
    response = submit({"statement": stmt, "signature": {"key": key_id("arm.head"), "sig": JUNK}})
    assert response.status_code == 400
    assert response.json() == {"detail": "signature.sig: does not verify",
                               "errors": [{"field": "signature.sig", "label": "signature.sig",
                                          "reason": "does not verify"}]}
    assert log.size() == before
    assert SigningKey.objects.get(key_id=revoked).is_active


@pytest.mark.usefixtures("organization")
def test_it_refuses_every_key_but_the_actors_own_with_one_answer(keys: dict[str, PrivateKey]) -> None:
    body = {"person": "arm.delegate", "role": "liaison", "delegation_admin": False}

    def attempt(handle: str, key: str, sig: str = JUNK) -> tuple[int, bytes]:
        stmt = forged(handle, "members.role_changed", body, member=handle[:3].upper())
        return answer(submit({"statement": stmt, "signature": {"key": key, "sig": sig}}))

    actions.deactivate_person(actor=Actor(person=Person.objects.get(username="kaz.head")),
                              person="kaz.delegate", reason="left")
    revoked = key_id("arm.delegate")
    actions.revoke_key(actor=Actor(person=Person.objects.get(username="arm.head")), key_id=revoked,
                       reason="lost")
    answers = {
        "unknown key": attempt("arm.head", "ed25519:0123456789abcdef"),
        "someone else's key": attempt("arm.head", key_id("kaz.head")),
        "a key of no one named": attempt("nobody.at.all", key_id("kaz.head")),
        "a revoked key": attempt("arm.delegate", revoked),
        "a deactivated person's key": attempt("kaz.delegate", key_id("kaz.delegate")),
    }
    assert len(set(answers.values())) == 1, answers
    status, content = answers["unknown key"]
    assert status == 400
    assert json.loads(content)["errors"] == [{
        "field": "signature.key", "label": "signature.key",
        "reason": "is not a registered, unrevoked key of the active person the statement names as its actor"}]


@pytest.mark.usefixtures("organization")
def test_it_refuses_a_statement_with_no_canonical_form_as_unsigned() -> None:
    stmt = forged("arm.head", "members.role_changed", {"person": "arm.delegate", "role": "liaison",
                                                       "delegation_admin": False, "n": 2**60}, member="ARM")
    response = submit({"statement": stmt, "signature": {"key": key_id("arm.head"), "sig": JUNK}})
    assert (response.status_code, response.json()["errors"][0]["field"]) == (400, "signature.sig")


@pytest.mark.usefixtures("organization")
def test_it_refuses_an_actor_that_is_not_an_object_as_a_bad_key() -> None:
    stmt = {**forged("arm.head", "members.role_changed", {}), "actor": "arm.head"}
    response = submit({"statement": stmt, "signature": {"key": key_id("arm.head"), "sig": JUNK}})
    assert (response.status_code, response.json()["errors"][0]["field"]) == (400, "signature.key")


@pytest.mark.usefixtures("organization")
def test_it_names_the_field_that_differs_from_the_act_but_never_the_value_it_records(
    keys: dict[str, PrivateKey],
) -> None:
    # Properly signed by arm.head, but the act records the reason stripped: the server's value stays unsaid.
    stmt = forged("arm.head", entries.KEY_REVOKED,
                  {"key_id": key_id("arm.delegate"), "person": "arm.delegate", "reason": "  lost  "}, member="ARM")
    response = submit({"statement": stmt, "signature": entries.sign_statement(stmt, keys["arm.head"])})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "statement.body.reason: differs from what the act records",
        "errors": [{"field": "statement.body.reason", "label": "statement.body.reason",
                    "reason": "differs from what the act records"}]}


# Every act type at the door, over one organization holding something of each kind that some may not see.

H = dt.timedelta(hours=1)
LESSON = "members-only-lesson-canary-5811"
PURPOSE = "members-only-mandate-purpose-canary-7204"
# Who signs below: the secretariat sees everything; an observer sees only what is public; Tajikistan's head
# sees what members see, but is outside the closed part, the participants-only session and the bilateral.
DOOR_SIGNERS = ("secretariat", "observer", "tjk.head")
# Numbers that name nothing, one per field that names something, so that an answer may quote them back.
MISSING = 987654321


def own_key(handle: str) -> PrivateKey:
    return PrivateKey(hashlib.sha256(f"accord door test key {handle}".encode()).digest())


@dataclass
class Door:
    """The organization's things, by who may see them."""

    meetings: meetings_world.World
    closed_item: int
    public_crisis: int
    members_crisis: int
    public_pledge: int
    members_pledge: int
    public_lesson: int
    members_lesson: int
    public_proposal: int
    members_proposal: int
    participants_proposal: int
    decisions: dict[str, int] = field(default_factory=dict)
    indicators: dict[str, int] = field(default_factory=dict)  # a monitoring theme's, by classification


def _crisis(classification: str, text: str) -> tuple[int, int, int]:
    kaz, rus = (Actor(person=Person.objects.get(username=h)) for h in ("kaz.head", "rus.head"))
    secretariat = Actor(person=Person.objects.get(username="secretariat"))
    found = crises.file_request(actor=kaz, classification=classification, at=T0, **REQUEST)
    crises.choose_response(actor=secretariat, crisis=found.pk, response="operation", at=T0 + H)
    crises.set_mandate(actor=secretariat, crisis=found.pk, purpose=f"{PURPOSE} {classification}",
                       area="Almaty", ends_at=T0 + dt.timedelta(days=30), commander="Commander",
                       commander_body="CSC", requirements={"airborne_unit": 1},
                       decision_identifier="CSC decision of 6 January", decision_at=T0 + 2 * H)
    pledge = crises.pledge_contingent(actor=rus, crisis=found.pk, capability="airborne_unit", quantity=1,
                                      at=T0 + 3 * H)
    lesson = crises.record_lesson(actor=rus, crisis=found.pk, text=f"{text} {classification}")
    return found.pk, pledge.pk, lesson.pk


def _decided(classification: str) -> tuple[int, int]:
    console = Actor.console()
    audience = list(meetings_world.INSIDE) if classification == "participants" else None
    proposal = decisions.propose(actor=console, title={"ru": f"A {classification} draft"}, body="CSC",
                                 classification=classification, audience=audience)
    decisions.open_procedure(actor=console, proposal=proposal.pk, kind="consensus", session=held_session())
    decided = decisions.close_procedure(actor=console, proposal=proposal.pk, returned_for_revision=True,
                                        reason="Needs more work")
    return proposal.pk, decided.pk


@pytest.fixture
def door(db: None) -> Door:
    world = meetings_world.build()
    for handle in DOOR_SIGNERS:
        actions.register_key(actor=Actor.console(), person=handle, label="door test",
                             public_key=entries.b64(bytes(own_key(handle).verify_key)))
    public_crisis, public_pledge, public_lesson = _crisis("public", "Airlift early")
    members_crisis, members_pledge, members_lesson = _crisis("members", LESSON)
    proposals = {c: _decided(c) for c in ("public", "members", "participants")}
    indicators = _indicators()
    return Door(
        meetings=world, closed_item=AgendaItem.objects.get(pk=world.closed_item).number,
        public_crisis=public_crisis, members_crisis=members_crisis, public_pledge=public_pledge,
        members_pledge=members_pledge, public_lesson=public_lesson, members_lesson=members_lesson,
        public_proposal=proposals["public"][0], members_proposal=proposals["members"][0],
        participants_proposal=proposals["participants"][0],
        decisions={c: pair[1] for c, pair in proposals.items()}, indicators=indicators)


def _indicators() -> dict[str, int]:
    """A theme Russia follows, with an indicator of each classification that Tajikistan reports: its
    participants-only one is the theme's followers' (and the secretariat's), so hidden from Tajikistan."""
    console = Actor.console()
    theme = monitoring.configure_theme(actor=console, name={"ru": "Санкции"}, kind="cross_cutting")
    monitoring.follow_theme(actor=console, theme=theme.pk, member="RUS")
    return {c: monitoring.define_indicator(actor=console, theme=theme.pk, name={"ru": f"Индикатор {c}"}, unit="%",
                                           frequency="monthly", reporters=["TJK"], classification=c).pk
            for c in ("public", "members", "participants")}


@dataclass(frozen=True)
class Hidden:
    """A body naming a thing of this `classification` (hidden from an observer, and a participants-only one from
    a member outside it too), and the same body naming a thing that does not exist."""

    body: dict[str, Any]
    missing: dict[str, Any]
    classification: str


@dataclass(frozen=True)
class Forms:
    visible: dict[str, Any]
    missing: dict[str, Any]
    hidden: tuple[Hidden, ...] = ()


def _iso(instant: dt.datetime) -> str:
    return instant.astimezone(dt.UTC).isoformat()


def _crisis_forms(door: Door, act_type: str) -> Forms:
    def body(crisis: int, pledge: int, lesson: int) -> dict[str, Any]:
        # Every field any crisis act reads: the adapters take what their act needs.
        return {"crisis": crisis, "pledge": pledge, "lesson": lesson, "requester": "KAZ", **REQUEST,
                "requested_at": _iso(T0), "member": "RUS", "at": _iso(T0 + 5 * H), "objected_by": [], "note": "",
                "response": "operation", "leaders": [], "reports_to": "", "decision_identifier": "CSC decision",
                "decision_at": _iso(T0 + 2 * H), "previous_end": None, "ends_at": _iso(T0 + dt.timedelta(days=60)),
                "reference": "S/2022/1", "capability": "airborne_unit", "quantity": 1, "personnel": None,
                "personnel_reported": False, "phase": "arrived", "planned_at": _iso(T0 + 6 * H), "sites": 1,
                "number": 1, "source": "commander", "text": "forged", "kind": "notification"}

    missing = body(MISSING, MISSING + 1, MISSING + 2)
    if act_type == "crises.request_filed":
        # It names nothing that exists yet.
        return Forms(visible=missing, missing=missing)
    hidden = [Hidden(body(door.members_crisis, door.members_pledge, door.members_lesson), missing, "members")]
    if act_type in ("crises.pledge_accepted", "crises.pledge_declined", "crises.phase_planned",
                    "crises.phase_reached"):
        hidden.append(Hidden(body(door.public_crisis, door.members_pledge, door.public_lesson),
                             body(door.public_crisis, MISSING + 1, door.public_lesson), "members"))
    if act_type == "crises.lesson_validated":
        hidden.append(Hidden(body(door.public_crisis, door.public_pledge, door.members_lesson),
                             body(door.public_crisis, door.public_pledge, MISSING + 2), "members"))
    return Forms(visible=body(door.public_crisis, door.public_pledge, door.public_lesson), missing=missing,
                 hidden=tuple(hidden))


def _meetings_forms(door: Door, act_type: str) -> Forms:
    w = door.meetings
    if act_type in ("meetings.agenda_agreed", "meetings.session_opened", "meetings.session_closed",
                    "meetings.room_added", "meetings.minutes_circulated", "meetings.minutes_commented",
                    "meetings.minutes_approved"):
        def session_body(session: int) -> dict[str, Any]:
            return {"session": session, "items": 2, "number": 1, "name": {"ru": "Зал"}, "text": "forged",
                    "member": "TJK", "comments_until": "2030-01-01T00:00:00+00:00"}

        secret = Hidden(session_body(w.secret_session), session_body(MISSING), "participants")
        return Forms(session_body(w.summit), session_body(MISSING), (secret,))
    if act_type in ("meetings.item_taken_up", "meetings.outcome_recorded", "meetings.scheduled"):
        def item_body(session: int, item: int) -> dict[str, Any]:
            return {"session": session, "item": item, "outcome": "adopted", "note": {}, "room": 1,
                    "starts_at": "2022-05-16T10:00:00+00:00", "ends_at": "2022-05-16T10:30:00+00:00"}

        return Forms(item_body(w.summit, 1), item_body(MISSING, 1), (
            Hidden(item_body(w.summit, door.closed_item), item_body(w.summit, MISSING + 1), "participants"),
            Hidden(item_body(w.secret_session, 1), item_body(MISSING, 1), "participants")))
    if act_type in ("meetings.statement_delivered", "meetings.floor_given", "meetings.floor_ended"):
        def statement_body(session: int, part: int, order: int) -> dict[str, Any]:
            return {"session": session, "part": part, "order": order, "delegation": "RUS",
                    "speaker": "Head of RUS", "language": "ru", "text": "forged", "summary": {}, "seconds": 60}

        return Forms(statement_body(w.summit, 1, 1), statement_body(MISSING, 1, 1), (
            Hidden(statement_body(w.summit, 2, 1), statement_body(w.summit, 2, MISSING + 2), "participants"),
            Hidden(statement_body(w.summit, 2, 1), statement_body(w.summit, MISSING + 1, 1), "participants")))
    assert act_type == "meetings.bilateral_answered", act_type

    def bilateral_body(session: int, counterpart: str, hour: int) -> dict[str, Any]:
        return {"session": session, "requester": "RUS", "counterpart": counterpart,
                "starts_at": f"2022-05-16T{hour}:00:00+00:00", "state": "confirmed"}

    return Forms(bilateral_body(w.summit, "KAZ", 13), bilateral_body(MISSING, "KAZ", 13), (
        Hidden(bilateral_body(w.summit, "KGZ", 14), bilateral_body(w.summit, "KGZ", 16), "participants"),))


def _decisions_forms(door: Door, act_type: str) -> Forms:
    if act_type == "decisions.position_lodged":
        def position_body(proposal: int) -> dict[str, Any]:
            return {"proposal": proposal, "procedure": 1, "member": "TJK", "stance": "join", "reasons": "",
                    "amendment": "", "statement_kind": "", "statement": ""}

        return Forms(position_body(door.public_proposal), position_body(MISSING), (
            Hidden(position_body(door.members_proposal), position_body(MISSING), "members"),
            Hidden(position_body(door.participants_proposal), position_body(MISSING), "participants")))
    assert act_type == "decisions.acceded", act_type

    def accession_body(decision: int) -> dict[str, Any]:
        return {"decision": decision, "identifier": "", "member": "TJK", "on": "2022-06-01"}

    return Forms(accession_body(door.decisions["public"]), accession_body(MISSING), (
        Hidden(accession_body(door.decisions["members"]), accession_body(MISSING), "members"),
        Hidden(accession_body(door.decisions["participants"]), accession_body(MISSING), "participants")))


def _registry_forms(door: Door, act_type: str) -> Forms:
    """The registry's acts name persons, keys, bodies and member states: all of them visible to whoever can
    sign (a person), so only a named thing that exists and one that does not are told apart here."""
    key = str(SigningKey.objects.filter(person__username="kaz.delegate").values_list("key_id", flat=True).first())
    public_key = entries.b64(bytes(own_key("new").verify_key))
    nobody, no_key = "no.such.person", "ed25519:0000000000000000"

    def named(found: dict[str, Any], **missing: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        return found, {**found, **missing}

    forms = {
        "organization.configured": named({"name": {"ru": "Подделка"}}),
        "members.member_added": named({"code": "GEO", "acceded_on": "1993-12-09"}, code="ZZZ"),
        "members.official_name_set": named({"member": "KAZ", "name": {"ru": "Подделка"}}, member="ZZZ"),
        "members.history_recorded": named({"member": "KAZ", "kind": "suspended", "on": "2022-01-01"},
                                          member="ZZZ"),
        "chair.override_recorded": named({"member": "KAZ", "start": "2030-01-01", "end": None, "reason": "forged"},
                                         member="ZZZ"),
        "chair.handover_recorded": named({"term": 2024, "on": "2024-01-01"}, term=MISSING),
        "chair.rule_changed": named({"rule": "on_january_1", "from_term": 2030}, rule="none"),
        "members.role_changed": named({"person": "kaz.delegate", "role": "liaison", "delegation_admin": False},
                                      person=nobody),
        "members.title_set": named({"person": "kaz.delegate", "title": {"ru": "Подделка"}}, person=nobody),
        "members.person_deactivated": named({"person": "kaz.delegate", "reason": "forged"}, person=nobody),
        entries.PERSON_REACTIVATED: named({"person": "kaz.delegate", "reason": "forged"}, person=nobody),
        "organization.witnesses_set": named({"witnesses": []}, witnesses="forged"),
        entries.KEY_REGISTERED: named({"person": "kaz.delegate", "member": "KAZ", "public_key": public_key,
                                       "label": ""}, person=nobody),
        entries.KEY_ROTATED: named({"revoked_key": key, "public_key": public_key, "label": ""},
                                   revoked_key=no_key),
        entries.KEY_REVOKED: named({"key_id": key, "reason": "forged"}, key_id=no_key),
        "members.body_established": named({"code": "CSC", "name": {"ru": "Подделка"}}, code="NEW"),
        "members.seat_given": named({"body": "CSC", "person": "kaz.delegate"}, body="NOPE"),
        "members.seat_ended": named({"body": "CSC", "person": "kaz.delegate", "reason": "forged"}, body="NOPE"),
        "offices.office_established": named({"code": "SG", "name": {"ru": "Подделка"}}, code="NEW"),
        "offices.appointment_recorded": named({"office": "SG", "holder": {"ru": "Подделка"}, "start": "2030-01-01",
                                               "acting": True}, office="NOPE"),
    }
    visible, missing = forms[act_type]
    return Forms(visible, missing)


def _monitoring_forms(door: Door, act_type: str) -> Forms:
    assert act_type == "monitoring.value_reported", act_type

    def value_body(indicator: int) -> dict[str, Any]:
        return {"theme": 1, "indicator": indicator, "member": "TJK", "value": "12.5", "as_of": "2022-05-16",
                "source": "", "corrects": None}

    return Forms(value_body(door.indicators["public"]), value_body(MISSING), (
        Hidden(value_body(door.indicators["members"]), value_body(MISSING), "members"),
        Hidden(value_body(door.indicators["participants"]), value_body(MISSING), "participants")))


def forms_of(door: Door, act_type: str) -> Forms:
    app = act_type.split(".")[0]
    if app == "monitoring":
        return _monitoring_forms(door, act_type)
    if app == "crises":
        return _crisis_forms(door, act_type)
    if app == "meetings":
        return _meetings_forms(door, act_type)
    if app == "decisions":
        return _decisions_forms(door, act_type)
    return _registry_forms(door, act_type)


def door_statement(handle: str, act_type: str, body: Mapping[str, Any]) -> dict[str, Any]:
    signer = Person.objects.get(username=handle)
    return entries.statement(log=settings.LOG_ORIGIN, type=act_type, member=signer.member_id, person=handle,
                             classification="public", body=body, nonce=entries.new_nonce())


def junk(handle: str, act_type: str, body: Mapping[str, Any]) -> tuple[int, bytes]:
    """What an outsider gets for a statement in `handle`'s name under `handle`'s public key id, unsigned."""
    stmt = door_statement(handle, act_type, body)
    key = entries.key_id_of(bytes(own_key(handle).verify_key))
    return answer(submit({"statement": stmt, "signature": {"key": key, "sig": JUNK}}))


def signed_by(handle: str, act_type: str, body: Mapping[str, Any]) -> tuple[int, bytes]:
    stmt = door_statement(handle, act_type, body)
    return answer(submit({"statement": stmt, "signature": entries.sign_statement(stmt, own_key(handle))}))


def as_if(
    missing_answer: tuple[int, bytes], missing: Mapping[str, Any], hidden: Mapping[str, Any]
) -> tuple[int, bytes]:
    """The answer for a missing thing with the numbers it named replaced by the hidden thing's: an answer may
    quote back what its caller asked for ("no crisis 12"), and nothing more."""
    status, content = missing_answer
    for name, value in missing.items():
        if value != hidden[name]:
            content = content.replace(str(value).encode(), str(hidden[name]).encode())
    return status, content


def act_types() -> list[str]:
    """Every act type the door takes, as the server has them: loading the URLs loads every app's API, which
    registers its signable acts (without it, a test run alone would find none and prove nothing)."""
    importlib.import_module(settings.ROOT_URLCONF)
    types = signed_acts.signable_types()
    assert {t.split(".")[0] for t in types} >= {"crises", "meetings", "decisions", "members", "keys", "monitoring"}
    return types


def test_every_act_type_at_the_door_has_its_forms_here(door: Door) -> None:
    # A new signed act type must be added to these forms, and so to the tests below.
    for act_type in act_types():
        forms_of(door, act_type)


@pytest.mark.parametrize("handle", ["secretariat", "tjk.head"])
def test_a_junk_signature_gets_one_answer_whatever_the_statement_names(door: Door, handle: str) -> None:
    size = log.size()
    for act_type in act_types():
        forms = forms_of(door, act_type)
        bodies = [forms.visible, forms.missing, *(h.body for h in forms.hidden),
                  *(h.missing for h in forms.hidden)]
        answers = {junk(handle, act_type, body) for body in bodies}
        assert answers == {(400, b'{"detail": "signature.sig: does not verify", "errors": [{"field": '
                                 b'"signature.sig", "label": "signature.sig", '
                                 b'"reason": "does not verify"}]}')}, act_type
    assert log.size() == size


@pytest.mark.parametrize(("handle", "hidden_from"), [("observer", ("members", "participants")),
                                                     ("tjk.head", ("participants",))])
def test_a_signer_gets_the_same_answer_for_a_hidden_thing_as_for_a_missing_one(
    door: Door, handle: str, hidden_from: tuple[str, ...]
) -> None:
    size = log.size()
    for act_type in act_types():
        for hidden in forms_of(door, act_type).hidden:
            if hidden.classification not in hidden_from:
                continue
            got = signed_by(handle, act_type, hidden.body)
            expected = as_if(signed_by(handle, act_type, hidden.missing), hidden.missing, hidden.body)
            assert got == expected, (act_type, hidden)
            assert got[0] == 404, (act_type, got)
    assert log.size() == size


# What an outsider read through the door before it checked signatures first (issue 12, point 1).


def sealed_forgery(handle: str, act_type: str, body: Mapping[str, Any], classification: str,
                   audience: tuple[str, ...] = ()) -> tuple[int, bytes]:
    """A sealed statement in `handle`'s name, whole as a signer sends it, unsigned."""
    signer = Person.objects.get(username=handle)
    stmt = entries.statement(log=settings.LOG_ORIGIN, type=act_type, member=signer.member_id, person=handle,
                             classification=classification, body=body, nonce=entries.new_nonce(),
                             audience=audience)
    key = entries.key_id_of(bytes(own_key(handle).verify_key))
    return answer(submit({"statement": stmt, "signature": {"key": key, "sig": JUNK}}))


def test_an_outsider_reads_no_members_only_lesson(door: Door) -> None:
    # Validated with no wording of its own, the lesson's act records the lesson's words.
    body = {"crisis": door.members_crisis, "lesson": door.members_lesson, "text": ""}
    got = sealed_forgery("secretariat", "crises.lesson_validated", body, "members")
    assert LESSON.encode() not in got[1]
    assert got == sealed_forgery("secretariat", "crises.lesson_validated", {**body, "lesson": MISSING}, "members")


def test_an_outsider_reads_no_letter_to_the_security_council(door: Door) -> None:
    body = {"crisis": door.members_crisis, "kind": "notification", "reference": "", "text": {},
            "at": _iso(T0 + 4 * H)}
    got = sealed_forgery("secretariat", "crises.letter_sent", body, "members")
    assert PURPOSE.encode() not in got[1]
    assert got == sealed_forgery("secretariat", "crises.letter_sent", {**body, "crisis": MISSING}, "members")


def test_an_outsider_reads_neither_the_speaker_nor_the_participants_of_a_closed_part(door: Door) -> None:
    w = door.meetings
    body = {"session": w.summit, "part": 2, "order": 1, "delegation": "", "speaker": "", "language": "ru",
            "text": "guess", "summary": {}}
    audience = tuple(sorted([*meetings_world.INSIDE, "secretariat"]))
    for got in (sealed_forgery("secretariat", "meetings.statement_delivered", body, "participants", audience),
                junk("secretariat", "meetings.statement_delivered", body)):
        for secret in (b"Head of RUS", b"RUS", b"KGZ", meetings_world.CLOSED_TEXT.encode()):
            assert secret not in got[1]
        assert got == junk("secretariat", "meetings.statement_delivered", {**body, "order": MISSING})
    # Nor does a member outside the part, signing with its own key.
    hidden = signed_by("tjk.head", "meetings.statement_delivered", body)
    assert hidden == signed_by("tjk.head", "meetings.statement_delivered", {**body, "order": MISSING})
    assert b"RUS" not in hidden[1]


@pytest.mark.parametrize("sign", [junk, signed_by])
def test_a_hidden_session_and_its_chair_are_not_told_apart_from_a_missing_one(door: Door, sign: Any) -> None:
    # The summit's chair (Armenia) is not among the participants-only session's participants.
    for act_type in ("meetings.session_opened", "meetings.agenda_agreed", "meetings.session_closed"):
        hidden = sign("tjk.head", act_type, {"session": door.meetings.secret_session, "items": 0})
        assert hidden == sign("tjk.head", act_type, {"session": MISSING, "items": 0})
        assert b"ARM" not in hidden[1]
        assert meetings_world.SECRET_SESSION.encode() not in hidden[1]


@pytest.mark.parametrize("sign", [junk, signed_by])
def test_a_hidden_bilateral_meeting_is_not_told_apart_from_a_missing_one(door: Door, sign: Any) -> None:
    slot = {"session": door.meetings.summit, "requester": "RUS", "counterpart": "KGZ",
            "starts_at": "2022-05-16T14:00:00+00:00", "state": "confirmed"}
    # Russia asked Kyrgyzstan for this slot, participants-only; nobody asked for the one two hours later.
    hidden = sign("tjk.head", "meetings.bilateral_answered", slot)
    later = {**slot, "starts_at": "2022-05-16T16:00:00+00:00"}
    assert hidden == sign("tjk.head", "meetings.bilateral_answered", later)
