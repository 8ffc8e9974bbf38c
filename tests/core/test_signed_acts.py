"""Signed acts: POST /api/v1/acts and the actions' `signed=`; every refusal names its field, writes nothing."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from nacl.signing import SigningKey as PrivateKey

from accord.core import signed as signed_acts
from accord.core.acting import KEY_REFUSED, Actor, Signed, action, record
from accord.core.errors import InvalidInput, SignatureRefused
from accord.ledger import log
from accord.ledger.models import Entry, Sealed
from accord.members import actions
from accord.members.models import Person, SigningKey
from accord_verify import entries

pytestmark = pytest.mark.usefixtures("organization")
ACTS = "/api/v1/acts"
ROLE_CHANGED = "members.role_changed"


def person(handle: str) -> Person:
    return Person.objects.select_related("member").get(username=handle)


def statement(
    handle: str, type: str, body: Mapping[str, Any], *, classification: str = "public",
    audience: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The statement of an act, exactly as the persona's own machine builds it before signing: whole, with
    its body, whatever its classification."""
    signer = person(handle)
    return entries.statement(
        log=settings.LOG_ORIGIN, type=type, member=signer.member_id, person=signer.username,
        classification=classification, body=body, nonce=entries.new_nonce(), audience=audience,
    )


def envelope(stmt: Mapping[str, Any], key: PrivateKey) -> dict[str, Any]:
    return {"statement": dict(stmt), "signature": entries.sign_statement(stmt, key)}


def promote(handle: str = "arm.head") -> dict[str, Any]:
    """arm.head makes its delegate a liaison officer: an act its delegation's head may do."""
    body = {"person": "arm.delegate", "role": "liaison", "delegation_admin": False}
    return statement(handle, ROLE_CHANGED, body)


def submit(payload: Mapping[str, Any]) -> Any:
    # No session: the signature is the credential.
    return Client().post(ACTS, data=json.dumps(payload), content_type="application/json")


def refused(response: Any, status: int, field: str, reason: str) -> None:
    body = response.json()
    assert response.status_code == status, body
    assert body["errors"][0]["field"] == field, body
    assert reason in body["errors"][0]["reason"], body
    assert body["detail"] == f'{body["errors"][0]["label"]}: {body["errors"][0]["reason"]}'


def _untouched_now() -> Any:
    """A check that, called after a refusal, finds the log and the delegate's role as they are now."""
    size, role = log.size(), person("arm.delegate").role

    def check() -> None:
        assert log.size() == size == Entry.objects.count()
        assert person("arm.delegate").role == role

    return check


@pytest.fixture
def untouched() -> Any:
    return _untouched_now()


# Accepted.


def test_it_records_an_act_signed_by_the_actors_registered_key(keys: dict[str, PrivateKey]) -> None:
    before = log.size()
    stmt = promote()
    response = submit(envelope(stmt, keys["arm.head"]))
    assert response.status_code == 201, response.json()
    assert response.json() == {"seq": before, "type": ROLE_CHANGED}
    assert person("arm.delegate").role == "liaison"
    entry = json.loads(Entry.objects.get(seq=before).data)
    assert entry["statement"] == stmt
    assert entry["signatures"] == [entries.sign_statement(stmt, keys["arm.head"])]
    public_key = bytes(keys["arm.head"].verify_key)
    assert entries.signature_is_valid(entry["statement"], entry["signatures"][0]["sig"], public_key)


def test_it_records_a_signed_act_given_to_the_action(keys: dict[str, PrivateKey]) -> None:
    stmt = statement("kaz.delegate", entries.KEY_REGISTERED, {
        "person": "kaz.delegate", "member": "KAZ", "label": "phone",
        "public_key": entries.b64(bytes(PrivateKey.generate().verify_key)),
    })
    line = entries.sign_statement(stmt, keys["kaz.delegate"])
    key = actions.register_key(actor=Actor(person=person("kaz.delegate")), person="kaz.delegate",
                               public_key=stmt["body"]["public_key"], label="phone",
                               signed=Signed(key=line["key"], sig=line["sig"], nonce=stmt["nonce"]))
    assert json.loads(Entry.objects.get(seq=key.registered_seq).data)["signatures"] == [line]


def test_it_records_a_signed_non_public_act_sealed_behind_its_commitment(keys: dict[str, PrivateKey]) -> None:
    body = {"text": "the closed part's minutes"}
    stmt = statement("arm.head", "test.closed_note", body, classification="participants", audience=("ARM", "KAZ"))
    line = entries.sign_statement(stmt, keys["arm.head"])
    seq = closed_note(actor=Actor(person=person("arm.head")), body=body,
                      signed=Signed(key=line["key"], sig=line["sig"], nonce=stmt["nonce"], statement=stmt))
    data = Entry.objects.get(seq=seq).data
    for hidden in ("minutes", "arm.head", "ARM", "KAZ", line["key"]):
        assert hidden not in data, hidden
    sealed = Sealed.objects.get(entry_id=seq)
    content = json.loads(sealed.content)
    assert (content["statement"], content["signatures"]) == (stmt, [line])
    assert json.loads(data)["statement"]["commitment"] == entries.commitment(sealed.salt, content)


@action
def closed_note(*, actor: Actor, body: Mapping[str, Any], signed: Signed) -> int:
    """A non-public act, as later apps will make them (the registry's own acts are all public)."""
    return record(type="test.closed_note", actor=actor, body=body, classification="participants",
                  audience=("ARM", "KAZ"), signed=signed).seq


# Refused, with the field named and nothing written.


def test_it_refuses_an_unknown_key(untouched: Any) -> None:
    response = submit(envelope(promote(), PrivateKey.generate()))
    refused(response, 400, "signature.key", "is not a registered, unrevoked key of the active person")
    untouched()


def test_it_refuses_a_revoked_key(keys: dict[str, PrivateKey], untouched: Any) -> None:
    key_id = entries.key_id_of(bytes(keys["arm.head"].verify_key))
    actions.revoke_key(actor=Actor(person=person("arm.head")), key_id=key_id, reason="laptop stolen")
    untouched = _untouched_now()
    response = submit(envelope(promote(), keys["arm.head"]))
    refused(response, 400, "signature.key", "is not a registered, unrevoked key of the active person")
    untouched()


def test_it_refuses_a_rotated_away_key_and_accepts_its_successor(keys: dict[str, PrivateKey]) -> None:
    old_id = entries.key_id_of(bytes(keys["arm.head"].verify_key))
    new = PrivateKey.generate()
    actions.rotate_key(actor=Actor(person=person("arm.head")), key_id=old_id,
                       public_key=entries.b64(bytes(new.verify_key)), label="new laptop")
    untouched = _untouched_now()
    refused(submit(envelope(promote(), keys["arm.head"])), 400, "signature.key", KEY_REFUSED)
    untouched()
    assert submit(envelope(promote(), new)).status_code == 201
    assert person("arm.delegate").role == "liaison"


def test_it_refuses_another_persons_key(keys: dict[str, PrivateKey], untouched: Any) -> None:
    # Over the API: the statement names arm.head, the key is kaz.head's.
    refused(submit(envelope(promote(), keys["kaz.head"])), 400, "signature.key", KEY_REFUSED)
    # Even a colleague's key of the same delegation does not sign for the head.
    refused(submit(envelope(promote(), keys["arm.delegate"])), 400, "signature.key", KEY_REFUSED)
    # Given to the action directly: the key is not one of the actor's.
    stmt = promote()
    line = entries.sign_statement(stmt, keys["kaz.head"])
    with pytest.raises(SignatureRefused) as error:
        actions.change_role(actor=Actor(person=person("arm.head")), person="arm.delegate", role="liaison",
                            signed=Signed(key=line["key"], sig=line["sig"], nonce=stmt["nonce"]))
    assert (error.value.field, error.value.reason) == ("signature.key", KEY_REFUSED)
    untouched()


def test_it_refuses_a_replay_of_the_same_signed_statement(keys: dict[str, PrivateKey]) -> None:
    signed = envelope(promote(), keys["arm.head"])
    assert submit(signed).status_code == 201
    # The delegate is made a delegate again, so that only the nonce stands in the replay's way.
    actions.change_role(actor=Actor(person=person("arm.head")), person="arm.delegate", role="delegate")
    untouched = _untouched_now()
    refused(submit(signed), 400, "signature.nonce", "already been recorded (a replay)")
    untouched()


def test_it_refuses_a_body_altered_after_signing(keys: dict[str, PrivateKey], untouched: Any) -> None:
    signed = envelope(promote(), keys["arm.head"])
    signed["statement"]["body"]["role"] = "observer"
    refused(submit(signed), 400, "signature.sig", "does not verify")
    untouched()


@pytest.mark.parametrize("sig", ["not base64!", entries.b64(b"\0" * 64), entries.b64(b"short")])
def test_it_refuses_a_bad_signature(keys: dict[str, PrivateKey], untouched: Any, sig: str) -> None:
    signed = envelope(promote(), keys["arm.head"])
    signed["signature"]["sig"] = sig
    refused(submit(signed), 400, "signature.sig", "does not verify")
    untouched()


def test_it_refuses_a_signature_over_another_statement(keys: dict[str, PrivateKey], untouched: Any) -> None:
    signed = envelope(promote(), keys["arm.head"])
    signed["signature"]["sig"] = entries.sign_statement(promote(), keys["arm.head"])["sig"]
    refused(submit(signed), 400, "signature.sig", "does not verify")
    untouched()


def test_it_refuses_a_statement_other_than_the_act(keys: dict[str, PrivateKey]) -> None:
    # The action strips the reason; what it records is not what was signed.
    key_id = SigningKey.objects.get(person__username="arm.delegate", label="laptop").key_id
    stmt = statement("arm.head", entries.KEY_REVOKED,
                     {"key_id": key_id, "person": "arm.delegate", "reason": "  lost  "})
    before = log.size()
    response = submit(envelope(stmt, keys["arm.head"]))
    refused(response, 400, "statement.body.reason", "differs from what the act records")
    assert log.size() == before
    assert SigningKey.objects.get(key_id=key_id).is_active


def test_it_refuses_a_commitment_on_a_public_act(keys: dict[str, PrivateKey], untouched: Any) -> None:
    stmt = promote()
    stmt["commitment"] = entries.commitment(entries.new_salt(), stmt["body"])
    refused(submit(envelope(stmt, keys["arm.head"])), 400, "statement.commitment",
            "differs from what the act records")
    untouched()


def test_it_refuses_a_non_public_act_whose_signed_audience_is_not_the_acts(keys: dict[str, PrivateKey]) -> None:
    body = {"text": "the closed part's minutes"}
    stmt = statement("arm.head", "test.closed_note", body, classification="participants", audience=("ARM",))
    line = entries.sign_statement(stmt, keys["arm.head"])
    before = log.size()
    with pytest.raises(InvalidInput) as error:
        closed_note(actor=Actor(person=person("arm.head")), body=body,
                    signed=Signed(key=line["key"], sig=line["sig"], nonce=stmt["nonce"], statement=stmt))
    assert error.value.field == "statement.audience"
    assert log.size() == before


def test_a_deactivated_person_can_no_longer_sign(keys: dict[str, PrivateKey]) -> None:
    actions.deactivate_person(actor=Actor(person=person("kaz.head")), person="kaz.delegate", reason="left")
    before = log.size()
    new_key = entries.b64(bytes(PrivateKey.generate().verify_key))
    stmt = statement("kaz.delegate", entries.KEY_REGISTERED,
                     {"person": "kaz.delegate", "member": "KAZ", "public_key": new_key, "label": "phone"})
    refused(submit(envelope(stmt, keys["kaz.delegate"])), 400, "signature.key", KEY_REFUSED)
    line = entries.sign_statement(stmt, keys["kaz.delegate"])
    with pytest.raises(SignatureRefused, match="is not a registered, unrevoked key"):
        actions.register_key(actor=Actor(person=person("kaz.delegate")), person="kaz.delegate",
                             public_key=new_key, label="phone",
                             signed=Signed(key=line["key"], sig=line["sig"], nonce=stmt["nonce"]))
    assert log.size() == before
    assert not SigningKey.objects.filter(public_key=new_key).exists()


def test_it_refuses_a_signed_act_its_signer_may_not_do(keys: dict[str, PrivateKey], untouched: Any) -> None:
    # kaz.head signs a change to Armenia's delegation: its signature is good, its authority is not.
    stmt = statement("kaz.head", ROLE_CHANGED, {"person": "arm.delegate", "role": "liaison",
                                               "delegation_admin": False})
    refused(submit(envelope(stmt, keys["kaz.head"])), 403, "member", "only Armenia's delegation administers")
    untouched()


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        (lambda s: s.update(nonce="short"), "statement.nonce", "random string of 16 to 64"),
        (lambda s: s.update(type="members.unheard_of"), "statement.type", "is not an act that can be signed"),
        (lambda s: s.pop("body"), "statement.body", "is required"),
        (lambda s: s["body"].pop("role"), "statement.body.role", "is required"),
        (lambda s: s.update(log="another.example/log"), "statement.log", "differs from what the act records"),
        (lambda s: s.update(classification="members"), "statement.classification", "differs from what the act"),
    ],
)
def test_it_refuses_a_malformed_statement(
    keys: dict[str, PrivateKey], untouched: Any, change: Any, field: str, reason: str
) -> None:
    stmt = promote()
    change(stmt)
    refused(submit(envelope(stmt, keys["arm.head"])), 400, field, reason)
    untouched()


def test_it_refuses_an_envelope_without_its_signature(untouched: Any) -> None:
    response = submit({"statement": promote()})
    assert response.status_code == 422
    assert {"field": "signature", "label": "Signature", "reason": "is required"} in response.json()["errors"]
    untouched()


# A members' or participants' act at the door: signed whole like any other, sealed by the ledger.


@pytest.fixture
def closed_notes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The door takes closed notes, as an app registers its sealed acts."""
    monkeypatch.setitem(signed_acts._ADAPTERS, "test.closed_note",
                        lambda actor, signed, body: closed_note(actor=actor, body=body, signed=signed))


def sealed_note(handle: str = "arm.head") -> dict[str, Any]:
    """A closed note's statement as its signer builds it."""
    return statement(handle, "test.closed_note", {"text": "the closed part's minutes"},
                     classification="participants", audience=("ARM", "KAZ"))


def test_it_records_a_sealed_act_submitted_whole(keys: dict[str, PrivateKey], closed_notes: None) -> None:
    stmt = sealed_note()
    payload = envelope(stmt, keys["arm.head"])
    response = submit(payload)
    assert response.status_code == 201, response.json()
    seq = response.json()["seq"]
    data = Entry.objects.get(seq=seq).data
    for hidden in ("minutes", "arm.head", "ARM", "KAZ", payload["signature"]["key"], payload["signature"]["sig"]):
        assert hidden not in data, hidden
    assert json.loads(data)["signatures"] == []
    public = json.loads(data)["statement"]
    assert public == {name: stmt[name] for name in ("v", "log", "type", "classification", "nonce")} | {
        "commitment": public["commitment"]}
    content = json.loads(Sealed.objects.get(entry_id=seq).content)
    assert content == {"member": "ARM", "signatures": [payload["signature"]], "statement": stmt}
    out = io.StringIO()
    call_command("ledger", "verify", "--quiet", stdout=out)
    assert out.getvalue().startswith("ok: "), out.getvalue()
    assert "1 sealed acts opened and their 1 signatures checked" in out.getvalue()


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        # Changed after signing: the signature no longer stands, and nothing else is said.
        (lambda p: p["statement"]["body"].update(text="other minutes"), "signature.sig", "does not verify"),
        (lambda p: p["statement"].update(audience=["ARM"]), "signature.sig", "does not verify"),
        # The old form: a commitment in place of the body, the body and salt beside it.
        (lambda p: p.update(statement={k: v for k, v in p["statement"].items() if k != "body"}
                            | {"commitment": entries.commitment(entries.new_salt(), {"text": "x"})}),
         "signature.sig", "does not verify"),
    ],
)
def test_it_refuses_a_sealed_act_not_signed_as_submitted(
    keys: dict[str, PrivateKey], closed_notes: None, untouched: Any, change: Any, field: str, reason: str
) -> None:
    payload = envelope(sealed_note(), keys["arm.head"])
    change(payload)
    refused(submit(payload), 400, field, reason)
    untouched()
    assert not Sealed.objects.exists()


def test_it_refuses_a_sealed_statement_signed_without_its_body(
    keys: dict[str, PrivateKey], closed_notes: None, untouched: Any
) -> None:
    # As a client of the old form signed it: a commitment in place of the body, the body and salt beside.
    stmt = {name: value for name, value in sealed_note().items() if name != "body"}
    stmt["commitment"] = entries.commitment(entries.new_salt(), {"text": "the closed part's minutes"})
    payload = envelope(stmt, keys["arm.head"]) | {"body": {"text": "the closed part's minutes"},
                                                  "salt": entries.new_salt()}
    refused(submit(payload), 400, "statement.body", "is required")
    untouched()
    assert not Sealed.objects.exists()
