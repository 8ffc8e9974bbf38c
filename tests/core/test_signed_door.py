"""The signed door (POST /api/v1/acts) checks the signature first: until it stands, the answer says nothing
of what the statement names, and after it a refusal names fields, never the server's values."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from nacl.signing import SigningKey as PrivateKey

from accord.core.acting import Actor
from accord.ledger import entries, log
from accord.members import actions
from accord.members.models import Person, SigningKey

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
                               "errors": [{"field": "signature.sig", "reason": "does not verify"}]}
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
        "field": "signature.key",
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
