"""A second organization, unlike the reference one: an English–French mutual-assistance compact of four
Pacific states, built through the actions alone, with no Russian anywhere (issue #16).

It shares no builder with the reference organization (tests/web/reference_org.py): whatever works for both
works for an alliance Accord was not written around.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from nacl.signing import SigningKey

from accord.core.acting import Actor
from accord.members import actions
from accord.members.models import Person
from accord_verify import entries

PASSWORD = "compact-test"
STATES = ("FJI", "NZL", "PNG", "WSM")
COUNCIL = "LC"


def key_of(handle: str) -> SigningKey:
    return SigningKey(hashlib.sha256(f"compact test key {handle}".encode()).digest())


def person(handle: str) -> Actor:
    return Actor(person=Person.objects.get(username=handle))


def build() -> None:
    console = Actor.console()
    actions.configure_organization(
        actor=console,
        name={"en": "Pacific Mutual Assistance Compact", "fr": "Pacte d'assistance mutuelle du Pacifique"},
        abbreviation={"en": "PMAC", "fr": "PAMP"},
        headquarters={"en": "Suva", "fr": "Suva"},
        working_languages=["en", "fr"],
        languages=["en", "fr"],
        treaty_name={"en": "Compact of Mutual Assistance", "fr": "Pacte d'assistance mutuelle"},
        treaty_signed_on="2020-03-02",
        treaty_signed_at={"en": "Apia", "fr": "Apia"},
    )
    for code in STATES:
        actions.add_member(actor=console, code=code, acceded_on="2020-03-02", reference="Compact, Apia")
    actions.configure_organization(actor=console, rotation_order=list(STATES), term_years=1,
                                   anchor_member="FJI", anchor_term=2020)
    actions.change_handover_rule(actor=console, rule="on_january_1", from_term=2020)  # as docs/operator.md
    actions.establish_body(actor=console, code=COUNCIL,
                           name={"en": "Leaders' Council", "fr": "Conseil des dirigeants"},
                           composition={"en": "Heads of government", "fr": "Chefs de gouvernement"})
    actions.add_person(actor=console, username="compact.secretariat",
                       full_name={"en": "Compact Secretariat Officer", "fr": "Agent du secrétariat"},
                       role="secretariat_officer", password=PASSWORD)
    for code in STATES:
        handle = f"{code.lower()}.leader"
        actions.add_person(actor=console, username=handle, full_name={"en": f"Leader of {code}"},
                           role="head", member=code, password=PASSWORD, delegation_admin=True)
        actions.register_key(actor=console, person=handle, label="laptop",
                             public_key=entries.b64(bytes(key_of(handle).verify_key)))


def today() -> dt.date:
    from accord.core import clock

    return clock.today()
