"""The reference organization with every current member's head and delegate, and the heads' keys,
for the documents tests; the private keys stay here, as on each head's own machine."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from nacl.signing import SigningKey

from accord.core.acting import Actor
from accord.decisions import actions as decisions
from accord.documents import actions, signing
from accord.members import actions as members
from accord.members.models import Person
from accord_verify import entries

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

import reference_org
from sessions_held import held_session

CURRENT = reference_org.CURRENT
PASSWORD = reference_org.PASSWORD
TEXT_RU = ("Мы, главы государств, заявляем о приверженности миру.\n\n"
           "Мы подтверждаем верность Договору о коллективной безопасности.")
TEXT_EN = ("We, the heads of state, declare our commitment to peace.\n\n"
           "We reaffirm our loyalty to the Collective Security Treaty.")


def build() -> dict[str, SigningKey]:
    """The organization and its Council; returns each head's private key by member code."""
    reference_org.build(people=CURRENT)
    members.establish_body(actor=Actor.console(), code="CSC", name={"ru": "Совет коллективной безопасности",
                                                                    "en": "Collective Security Council"},
                           reference="Charter")
    keys = {}
    for code in CURRENT:
        key = SigningKey.generate()
        members.register_key(actor=Actor.console(), person=f"{code.lower()}.head",
                             public_key=entries.b64(bytes(key.verify_key)), label="head's laptop")
        keys[code] = key
    return keys


def person(username: str) -> Actor:
    return Actor(person=Person.objects.get(username=username))


def statement(**overrides: Any) -> int:
    arguments: dict[str, Any] = {
        "kind": "joint_statement", "title": {"ru": "Совместное заявление", "en": "Joint statement"},
        "texts": {"ru": TEXT_RU, "en": TEXT_EN}, "authentic": ["ru"],
    }
    arguments.update(overrides)
    return actions.create_document(actor=person("secretariat"), **arguments).pk


def decision(title: str, *, returned: bool = False, day: str = "2022-05-16") -> str:
    """A proposal decided by consensus at a session of the Council on `day`; its identifier."""
    console = Actor.console()
    proposal = decisions.propose(actor=console, title={"ru": title, "en": title},  body="CSC",
                                 classification="public").pk
    decisions.open_procedure(actor=console, proposal=proposal, kind="consensus", session=held_session(day),
                             opened_at=f"{day}T00:00:00+00:00")
    decided = decisions.close_procedure(actor=console, proposal=proposal, on=day, returned_for_revision=returned,
                                        reason="Returned for revision" if returned else "")
    return decided.identifier or f"{title} (returned)"


def adopted_statement() -> tuple[int, str]:
    document = statement()
    adoption = actions.adopt_version(actor=person("secretariat"), document=document, version=1,
                                     decision=decision(f"Joint statement {document}"), adopted_on="2022-05-16")
    return document, adoption.version.hash


def sign(code: str, key: SigningKey, document: int, version_hash: str, version: int = 1) -> object:
    return actions.sign_document(
        actor=person(f"{code.lower()}.head"), document=document, version=version,
        key_id=entries.key_id_of(bytes(key.verify_key)), signature=signing.sign_hash(key, version_hash),
        signed_on="2022-05-16", place="Moscow")
