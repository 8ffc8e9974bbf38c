"""Signing crisis acts as a person's own machine does: its own key, the statement, the envelope it sends."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.test import Client
from nacl.signing import SigningKey as PrivateKey

from accord.core.acting import Actor
from accord.ledger.models import Entry, Sealed
from accord.members import actions as registry
from accord.members.models import Person
from accord_verify import entries

ACTS = "/api/v1/acts"
# The personas who sign crisis acts, each with a key registered through the real action.
SIGNERS = ("secretariat", "kaz.head", "kaz.delegate", "rus.head", "rus.delegate", "blr.head", "arm.head")


def private_key(handle: str) -> PrivateKey:
    """A fixed private key per persona, so that a failing test can be replayed."""
    return PrivateKey(hashlib.sha256(f"accord crisis test key {handle}".encode()).digest())


def register_keys() -> None:
    for handle in SIGNERS:
        registry.register_key(actor=Actor.console(), person=handle, label="own machine",
                              public_key=entries.b64(bytes(private_key(handle).verify_key)))


def iso(instant: dt.datetime) -> str:
    """An instant as a crisis act's body writes it (UTC, ISO 8601), which the signer must match."""
    return instant.astimezone(dt.UTC).isoformat()


def statement(
    handle: str, type: str, body: Mapping[str, Any], *, classification: str = "public"
) -> dict[str, Any]:
    """The statement of an act, exactly as the persona's own machine builds it before signing: whole, with its
    body, whatever its classification (the ledger seals a non-public one)."""
    signer = Person.objects.get(username=handle)
    return entries.statement(log=settings.LOG_ORIGIN, type=type, member=signer.member_id, person=handle,
                             classification=classification, body=body, nonce=entries.new_nonce())


def envelope(stmt: Mapping[str, Any], key: PrivateKey) -> dict[str, Any]:
    """What is sent to POST /api/v1/acts: the statement and its signature."""
    return {"statement": dict(stmt), "signature": entries.sign_statement(stmt, key)}


def signed(handle: str, type: str, body: Mapping[str, Any], *, classification: str = "public") -> dict[str, Any]:
    """The envelope of an act signed by `handle`'s own key."""
    return envelope(statement(handle, type, body, classification=classification), private_key(handle))


def submit(payload: Mapping[str, Any]) -> Any:
    # No session: the signature is the credential.
    return Client().post(ACTS, data=json.dumps(payload), content_type="application/json")


def recorded(payload: Mapping[str, Any]) -> int:
    """Submit a signed act that must be recorded, carrying its signature; its entry's number."""
    response = submit(payload)
    assert response.status_code == 201, response.json()
    seq = response.json()["seq"]
    entry = json.loads(Entry.objects.get(seq=seq).data)
    if payload["statement"]["classification"] == "public":
        assert entry["statement"] == payload["statement"]
        assert entry["signatures"] == [payload["signature"]]
    else:  # sealed: the statement and its signature are behind the commitment
        content = json.loads(Sealed.objects.get(entry_id=seq).content)
        assert content["statement"] == payload["statement"]
        assert content["signatures"] == [payload["signature"]]
        assert entry["signatures"] == []
    return int(seq)


def refused(response: Any, status: int, field: str, reason: str) -> None:
    body = response.json()
    assert response.status_code == status, body
    assert body["errors"][0]["field"] == field, body
    assert reason in body["errors"][0]["reason"], body


def ledger_verifies() -> None:
    out = io.StringIO()
    call_command("ledger", "verify", "--quiet", stdout=out)
    assert out.getvalue().startswith("ok: "), out.getvalue()
