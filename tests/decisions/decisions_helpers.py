"""Helpers of the decisions tests: the reference organization with its Council, personas and keys."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from django.test import Client
from nacl.signing import SigningKey as PrivateKey

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

import reference_org
from sessions_held import held_session

from accord.core.acting import Actor
from accord.core.policy import ANONYMOUS
from accord.members import actions, queries
from accord.members.models import Person
from accord_verify import entries

SIGNERS = ("arm.head", "arm.delegate", "kaz.head", "kaz.delegate")


def decisions_private_key(handle: str) -> PrivateKey:
    return PrivateKey(hashlib.sha256(f"accord decisions test key {handle}".encode()).digest())


def decisions_build() -> None:
    """The reference organization, its Council, and a second key for the personas who sign."""
    reference_org.build()
    console = Actor.console()
    actions.establish_body(actor=console, code="CSC", reference="Charter",
                           name={"ru": "Совет коллективной безопасности", "en": "Collective Security Council"})
    actions.establish_body(actor=console, code="SEC", name={"ru": "Секретариат", "en": "Secretariat"},
                           decides=False)
    for handle in SIGNERS:
        actions.register_key(actor=console, person=handle, label="decisions test",
                             public_key=entries.b64(bytes(decisions_private_key(handle).verify_key)))
    chair = queries.chairmanship(ANONYMOUS).chair
    assert chair is not None
    actions.add_person(actor=console, username="chair.delegate", full_name="Delegate of the chair",
                       role="delegate", member=chair.code, password=reference_org.PASSWORD)
    actions.add_person(actor=console, username="kaz.liaison", full_name="Liaison of KAZ", role="liaison",
                       member="KAZ", password=reference_org.PASSWORD)


def decisions_session(day: str | None = None, *, held: bool = True, body: str = "CSC",
                      participants: list[str] | None = None) -> int:
    """A session of `body` on `day` (today if None), opened if `held`: consensus is reached at one."""
    return held_session(day, held=held, body=body, participants=participants)


def decisions_actor(handle: str) -> Actor:
    return Actor(person=Person.objects.select_related("member").get(username=handle))


def decisions_client(handle: str | None) -> Client:
    client = Client()
    if handle:
        assert client.login(username=handle, password=reference_org.PASSWORD)
    return client
