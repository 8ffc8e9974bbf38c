"""A small log made through the real actions: public acts, signed acts, a sealed act, a revoked key."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from nacl.signing import SigningKey as PrivateKey

from accord.core.acting import Actor, Signed, action, record
from accord.ledger import log
from accord.members import actions
from accord.members.models import Person
from accord_verify import entries


@dataclass(frozen=True)
class Acts:
    """The log the tests read, and where its notable entries are."""

    size: int
    signed: int  # arm.head registers its spare key, signed with its first key
    sealed: int  # a participants-only note of ARM and the secretariat, signed by arm.head with its first key
    revocation: int  # arm.head revokes its first key, signed with the spare
    signed_after_revocation: int  # arm.head adds its delegate, signed with the spare
    first_key: PrivateKey
    spare_key: PrivateKey
    sealed_text: str

    @property
    def first_key_id(self) -> str:
        return entries.key_id_of(bytes(self.first_key.verify_key))


def private_key(label: str) -> PrivateKey:
    """A fixed key per label, so that a failing test can be replayed."""
    return PrivateKey(hashlib.sha256(f"accord ledger test key {label}".encode()).digest())


def public_key_of(key: PrivateKey) -> str:
    return entries.b64(bytes(key.verify_key))


def signed_by(handle: str, key: PrivateKey, type: str, body: Mapping[str, Any], *,
              classification: str = entries.PUBLIC, audience: tuple[str, ...] = ()) -> Signed:
    """The statement of an act as the person's own machine builds and signs it (whole, whatever its
    classification)."""
    person = Person.objects.get(username=handle)
    stmt = entries.statement(log=settings.LOG_ORIGIN, type=type, member=person.member_id, person=handle,
                             classification=classification, body=body, nonce=entries.new_nonce(),
                             audience=audience)
    line = entries.sign_statement(stmt, key)
    return Signed(key=line["key"], sig=line["sig"], nonce=stmt["nonce"], statement=stmt)


CLOSED_NOTE = "test.closed_note"
CLOSED_AUDIENCE = ("ARM", "secretariat")


@action
def closed_note(*, actor: Actor, text: str, signed: Signed | None = None) -> int:
    """A participants-only act about ARM, as a closed session records them (the registry's acts are public)."""
    return record(type=CLOSED_NOTE, actor=actor, body={"text": text}, classification="participants",
                  audience=CLOSED_AUDIENCE, member="ARM", signed=signed).seq


def build() -> Acts:
    console = Actor.console()
    actions.configure_organization(actor=console, working_languages=["ru"], languages=["ru", "en"],
                                   name={"ru": "Организация Договора о коллективной безопасности",
                                         "en": "Collective Security Treaty Organization"},
                                   abbreviation={"ru": "ОДКБ", "en": "CSTO"})
    for code in ("ARM", "KAZ", "RUS"):
        actions.add_member(actor=console, code=code, acceded_on="1992-05-15")
    actions.add_person(actor=console, username="secretariat", full_name="Secretariat Officer",
                       role="secretariat_officer")
    actions.add_person(actor=console, username="arm.head", full_name="Head of ARM", role="head", member="ARM")
    actions.add_person(actor=console, username="kaz.head", full_name="Head of KAZ", role="head", member="KAZ")
    first, spare = private_key("arm.head first"), private_key("arm.head spare")
    first_id = actions.register_key(actor=console, person="arm.head", public_key=public_key_of(first),
                                    label="first").key_id
    arm_head = Actor(person=Person.objects.get(username="arm.head"))
    body: dict[str, Any] = {"person": "arm.head", "member": "ARM", "public_key": public_key_of(spare),
                            "label": "spare"}
    signed = actions.register_key(actor=arm_head, person="arm.head", public_key=public_key_of(spare),
                                  label="spare", signed=signed_by("arm.head", first, entries.KEY_REGISTERED, body))
    text = "ARM and the secretariat only"
    sealed = closed_note(actor=arm_head, text=text,
                         signed=signed_by("arm.head", first, CLOSED_NOTE, {"text": text},
                                          classification="participants", audience=CLOSED_AUDIENCE))
    body = {"key_id": first_id, "person": "arm.head", "reason": "lost"}
    revocation = actions.revoke_key(actor=arm_head, key_id=first_id, reason="lost",
                                    signed=signed_by("arm.head", spare, entries.KEY_REVOKED, body)).revoked_seq
    names = {"ru": "Делегат ARM", "en": "Delegate of ARM"}
    body = {"username": "arm.delegate", "full_name": names, "title": {},
            "member": "ARM", "role": "delegate", "delegation_admin": False}
    actions.add_person(actor=arm_head, username="arm.delegate", full_name=names, role="delegate",
                       member="ARM", signed=signed_by("arm.head", spare, "members.person_added", body))
    actions.add_member(actor=console, code="BLR", acceded_on="1993-12-31")
    assert signed.registered_seq is not None
    assert revocation is not None
    return Acts(size=log.size(), signed=signed.registered_seq, sealed=sealed, revocation=revocation,
                signed_after_revocation=revocation + 1, first_key=first, spare_key=spare, sealed_text=text)
