"""The registry's actions: each one's act, and each bad input refused by field and reason, nothing changed."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.utils import translation
from nacl.signing import SigningKey as PrivateKey

# The reference organization's builder lives beside the web tests, which share it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

import reference_org

from accord.core.acting import Actor
from accord.core.errors import AccordError, InvalidInput, NotFound, NotPermitted
from accord.core.policy import ANONYMOUS
from accord.ledger import log
from accord.ledger.models import Entry
from accord.members import actions, queries
from accord.members.history import Status
from accord.members.models import (
    ChairOverride,
    Handover,
    Member,
    MembershipEvent,
    Organization,
    Person,
    RuleChange,
    SigningKey,
)
from accord_verify import entries

D = dt.date.fromisoformat
CONSOLE = Actor.console()


@pytest.fixture
def organization(db: None) -> None:
    reference_org.build()


def actor(handle: str) -> Actor:
    return Actor(person=Person.objects.select_related("member").get(username=handle))


def new_public_key() -> str:
    return entries.b64(bytes(PrivateKey.generate().verify_key))


def key_of(handle: str) -> str:
    return SigningKey.objects.filter(person__username=handle, revoked_seq=None).values_list("key_id", flat=True)[0]


def registry() -> dict[str, Any]:
    """Everything the registry and the log hold, to compare before and after a refused act."""
    models = (Organization, Member, MembershipEvent, RuleChange, Handover, ChairOverride, Person, SigningKey)
    state: dict[str, Any] = {model.__name__: list(model.objects.order_by("pk").values()) for model in models}
    state["log"] = log.size()
    return state


def last_entry() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(Entry.objects.latest("seq").data)
    return data


# Happy paths: the change, and its one entry with what happened.


def test_configure_organization_changes_only_the_settings_given(organization: None) -> None:
    before = log.size()
    org = actions.configure_organization(actor=actor("secretariat"),
                                         headquarters={"en": "  Moscow, Russia ", "ru": "Москва, Россия"},
                                         working_languages=["RU", "en"], charter_signed_on=D("2002-10-07"))
    assert (org.headquarters, org.working_languages) == ({"ru": "Москва, Россия", "en": "Moscow, Russia"},
                                                         ["ru", "en"])
    assert Organization.objects.get().name.pick("en").text == "Collective Security Treaty Organization"
    assert log.size() == before + 1
    entry = last_entry()["statement"]
    assert entry["type"] == "organization.configured"
    assert entry["body"]["headquarters"] == {"ru": "Москва, Россия", "en": "Moscow, Russia"}
    assert entry["body"]["name"]["ru"] == "Организация Договора о коллективной безопасности"
    assert entry["body"]["charter_signed_on"] == "2002-10-07"


def test_add_member_takes_its_names_from_the_standard_data(organization: None) -> None:
    member = actions.add_member(actor=actor("secretariat"), code=" srb ", acceded_on="2024-01-01",
                                reference={"en": "Protocol of accession", "ru": "Протокол о присоединении"})
    assert (member.code, member.name.pick("en").text, member.name.pick("ru").text) == ("SRB", "Serbia", "Сербия")
    # ISO names the state in every language it translates; the organization set no name of its own.
    assert (member.name.pick("fr").text, member.official_name) == ("Serbie", {})
    assert [(e.kind, e.on, e.reference) for e in MembershipEvent.objects.filter(member=member)] == [
        ("acceded", D("2024-01-01"), {"ru": "Протокол о присоединении", "en": "Protocol of accession"})
    ]
    assert MembershipEvent.objects.get(member=member).entry_seq == log.size() - 1
    assert last_entry()["statement"]["body"]["name"] == {}


def test_the_organization_names_a_state_its_own_way_where_it_differs_from_iso(organization: None) -> None:
    member = actions.add_member(actor=actor("secretariat"), code="MDA", acceded_on="2024-01-01",
                                name={"ru": "Молдова", "en": "Moldova"})
    # ISO's Russian is "Республика Молдова" and its English "Moldova": only the name that differs is kept.
    assert member.official_name == {"ru": "Молдова"}
    assert (member.name.pick("ru").text, member.name.pick("en").text) == ("Молдова", "Moldova")
    assert last_entry()["statement"]["body"]["name"] == {"ru": "Молдова"}


def test_record_membership_event_follows_the_history_rules(organization: None) -> None:
    secretariat = actor("secretariat")
    actions.record_membership_event(actor=secretariat, member="arm", kind="participation_resumed",
                                    on="2026-03-01", reference="Note of the Ministry")
    actions.record_membership_event(actor=secretariat, member="UZB", kind="restored", on="2026-03-01")
    actions.record_membership_event(actor=secretariat, member="UZB", kind="withdrew", on="2026-04-01")
    actions.record_membership_event(actor=secretariat, member="GEO", kind="acceded", on="2026-05-01")
    statuses = {view.code: view.status for view in queries.members(ANONYMOUS, D("2026-06-01"))}
    assert statuses["ARM"] is Status.MEMBER
    assert statuses["UZB"] is Status.FORMER
    assert statuses["GEO"] is Status.MEMBER
    assert statuses["AZE"] is Status.FORMER
    assert last_entry()["statement"]["body"] == {"member": "GEO", "kind": "acceded", "on": "2026-05-01",
                                                 "reference": {}}


def test_the_reference_histories_give_the_real_statuses(organization: None) -> None:
    on = {view.code: view.status for view in queries.members(ANONYMOUS, D("2025-01-01"))}
    assert on == {"ARM": Status.FROZEN, "BLR": Status.MEMBER, "KAZ": Status.MEMBER, "KGZ": Status.MEMBER,
                  "RUS": Status.MEMBER, "TJK": Status.MEMBER, "AZE": Status.FORMER, "GEO": Status.FORMER,
                  "UZB": Status.SUSPENDED}
    in_2008 = {view.code: view.status for view in queries.members(ANONYMOUS, D("2008-01-01"))}
    assert in_2008["UZB"] is Status.MEMBER
    assert in_2008["ARM"] is Status.MEMBER
    # A frozen participation keeps the member in good standing (its seat and its turn to chair).
    assert queries.member_in_good_standing("ARM", D("2025-01-01"))
    assert not queries.member_in_good_standing("UZB", D("2025-01-01"))


def test_add_person_hashes_the_password_with_argon2(organization: None) -> None:
    person = actions.add_person(actor=actor("arm.head"), username=" ARM.Liaison ",
                                full_name={"ru": "Офицер связи", "en": " Liaison "},
                                role="liaison", member="arm", password="a long enough passphrase")
    assert (person.username, person.full_name, person.member_id) == (
        "arm.liaison", {"ru": "Офицер связи", "en": "Liaison"}, "ARM")
    assert person.password.startswith("argon2")
    assert "a long enough passphrase" not in person.password
    assert authenticate(username="arm.liaison", password="a long enough passphrase") == person
    assert last_entry()["statement"]["body"] == {"username": "arm.liaison",
                                                 "full_name": {"ru": "Офицер связи", "en": "Liaison"}, "title": {},
                                                 "member": "ARM", "role": "liaison", "delegation_admin": False}
    assert "passphrase" not in Entry.objects.latest("seq").data


def test_add_person_without_a_password_cannot_sign_in(organization: None) -> None:
    actions.add_person(actor=actor("secretariat"), username="observer", full_name="An Observer", role="observer")
    assert not Person.objects.get(username="observer").has_usable_password()


def test_the_secretariat_keeps_its_own_staff(organization: None) -> None:
    person = actions.add_person(actor=actor("secretariat"), username="officer2", full_name="Second Officer",
                                role="secretariat_officer", password="a long enough passphrase")
    assert person.member_id is None
    actions.change_role(actor=actor("secretariat"), person="officer2", role="observer")
    actions.deactivate_person(actor=actor("secretariat"), person="officer2")
    assert not Person.objects.get(username="officer2").is_active


def test_change_role_and_deactivate_person(organization: None) -> None:
    actions.change_role(actor=actor("arm.head"), person="arm.delegate", role="liaison", delegation_admin=True)
    person = Person.objects.get(username="arm.delegate")
    assert (person.role, person.is_delegation_admin) == ("liaison", True)
    # Made a delegation administrator, it now keeps its delegation's people too.
    actions.deactivate_person(actor=actor("arm.delegate"), person="arm.head", reason="left office")
    assert not Person.objects.get(username="arm.head").is_active
    assert authenticate(username="arm.head", password=reference_org.PASSWORD) is None
    assert last_entry()["statement"]["body"] == {"person": "arm.head", "reason": "left office"}


def test_set_password_by_the_person_and_by_its_keeper(organization: None) -> None:
    actions.set_password(actor=actor("arm.delegate"), person="arm.delegate", password="my own new passphrase")
    assert authenticate(username="arm.delegate", password="my own new passphrase") is not None
    actions.set_password(actor=actor("arm.head"), person="arm.delegate", password="reset by the head")
    assert authenticate(username="arm.delegate", password="reset by the head") is not None
    actions.set_password(actor=CONSOLE, person="kaz.head", password="reset at the console")
    person = Person.objects.get(username="kaz.head")
    assert person.password.startswith("argon2")
    assert authenticate(username="kaz.head", password="reset at the console") == person
    # Set by someone else, it is a one-time password: the entry says so, and the person must choose its own.
    assert last_entry()["statement"]["body"] == {"person": "kaz.head", "one_time": True}
    assert person.must_change_password


def test_register_rotate_and_revoke_keys(organization: None) -> None:
    first, second = new_public_key(), new_public_key()
    key = actions.register_key(actor=actor("kaz.head"), person="kaz.head", public_key=first, label="laptop")
    assert key.key_id == entries.key_id_of(entries.unb64(first))
    assert (key.registered_seq, key.is_active) == (log.size() - 1, True)
    successor = actions.rotate_key(actor=actor("kaz.head"), key_id=key.key_id, public_key=second, label="new")
    key.refresh_from_db()
    assert key.revoked_seq == successor.registered_seq == log.size() - 1
    assert dict(key.revoked_reason) == {"ru": f"rotated to {successor.key_id}"}  # the default language's
    assert last_entry()["statement"]["body"]["revoked_key"] == key.key_id
    # The head keeps its delegate's keys.
    revoked = actions.revoke_key(actor=actor("kaz.head"), key_id=key_of("kaz.delegate"), reason=" lost ")
    # A plain reason is taken to be in the organization's default language.
    assert (revoked.revoked_seq, dict(revoked.revoked_reason)) == (log.size() - 1, {"ru": "lost"})
    assert [k.key_id for k in queries.keys_of(ANONYMOUS, "kaz.head") if k.is_active] == [successor.key_id]


def test_each_act_goes_through_the_one_write_path(organization: None) -> None:
    assert Entry.objects.count() == log.size()
    types = set(Entry.objects.values_list("type", flat=True))
    assert {"organization.configured", "members.member_added", "members.history_recorded",
            "chair.handover_recorded", "chair.rule_changed", "members.person_added",
            entries.KEY_REGISTERED} <= types


# Bad input: refused naming the field and why, and the registry and the log unchanged.

Refusal = tuple[str | None, Callable[[Actor], object], type[AccordError], str, str]
REFUSALS: dict[str, Refusal] = {
    # configure_organization
    "a non-secretariat changes the charter": ("arm.head", lambda a: actions.configure_organization(
        actor=a, headquarters={"ru": "Ереван"}), NotPermitted, "actor", "only the secretariat"),
    "an unknown setting": ("secretariat", lambda a: actions.configure_organization(
        actor=a, colour="blue"), InvalidInput, "colour", "is not a charter setting"),
    "an empty name": ("secretariat", lambda a: actions.configure_organization(
        actor=a, name={"ru": "  ", "en": "Org"}), InvalidInput, "name.ru", "is required"),
    "a language the organization does not keep": ("secretariat", lambda a: actions.configure_organization(
        actor=a, abbreviation={"ru": "ОДКБ", "fr": "OTSC"}), InvalidInput, "abbreviation.fr",
        "is not one of the organization's languages"),
    "a date that is not one": ("secretariat", lambda a: actions.configure_organization(
        actor=a, treaty_signed_on="15/05/1992"), InvalidInput, "treaty_signed_on", "is not a date"),
    "in force before signed": ("secretariat", lambda a: actions.configure_organization(
        actor=a, charter_in_force_on="2001-01-01"), InvalidInput, "charter_in_force_on", "before the signature"),
    "no working language": ("secretariat", lambda a: actions.configure_organization(
        actor=a, working_languages=[]), InvalidInput, "working_languages", "at least one"),
    "an unknown language": ("secretariat", lambda a: actions.configure_organization(
        actor=a, working_languages=["ru", "xx"]), InvalidInput, "working_languages", "'xx' is not an ISO 639-1"),
    "an unknown state in the order": ("secretariat", lambda a: actions.configure_organization(
        actor=a, rotation_order=["ARM", "ZZZ"]), NotFound, "rotation_order", "'ZZZ' is not a member state"),
    "a state twice in the order": ("secretariat", lambda a: actions.configure_organization(
        actor=a, rotation_order=["ARM", "BLR", "ARM"]), InvalidInput, "rotation_order", "names a member twice"),
    "the anchor left out of the order": ("secretariat", lambda a: actions.configure_organization(
        actor=a, rotation_order=["ARM", "BLR", "KAZ"]), InvalidInput, "anchor_member",
        "Kyrgyzstan is not in the order"),
    "a term of no years": ("secretariat", lambda a: actions.configure_organization(
        actor=a, term_years=0), InvalidInput, "term_years", "from 1 to 10"),
    "an anchor term that is not a year": ("secretariat", lambda a: actions.configure_organization(
        actor=a, anchor_term="2019"), InvalidInput, "anchor_term", "must be a year"),
    "handovers off the terms": ("secretariat", lambda a: actions.configure_organization(
        actor=a, term_years=2), InvalidInput, "term_years", "term 2020 is not a term of this rotation"),
    # add_member
    "a delegate adds a state": ("arm.head", lambda a: actions.add_member(
        actor=a, code="SRB", acceded_on="2030-01-01"), NotPermitted, "actor", "only the secretariat"),
    "an unknown country code": ("secretariat", lambda a: actions.add_member(
        actor=a, code="XXX", acceded_on="2030-01-01"), InvalidInput, "code", "not an ISO 3166-1 alpha-3"),
    "an alpha-2 code": ("secretariat", lambda a: actions.add_member(
        actor=a, code="RS", acceded_on="2030-01-01"), InvalidInput, "code", "not an ISO 3166-1 alpha-3"),
    "a state already in": ("secretariat", lambda a: actions.add_member(
        actor=a, code="arm", acceded_on="2030-01-01"), InvalidInput, "code", "ARM is already in the registry"),
    "no accession date": ("secretariat", lambda a: actions.add_member(
        actor=a, code="SRB", acceded_on=""), InvalidInput, "acceded_on", "is required"),
    "a month 13": ("secretariat", lambda a: actions.add_member(
        actor=a, code="SRB", acceded_on="2030-13-01"), InvalidInput, "acceded_on", "is not a date"),
    # record_membership_event
    "a delegate records history": ("kaz.head", lambda a: actions.record_membership_event(
        actor=a, member="ARM", kind="withdrew", on="2026-01-01"), NotPermitted, "actor", "only the secretariat"),
    "history of an unknown state": ("secretariat", lambda a: actions.record_membership_event(
        actor=a, member="ZZZ", kind="withdrew", on="2026-01-01"), NotFound, "member", "not a member state"),
    "an unknown kind of event": ("secretariat", lambda a: actions.record_membership_event(
        actor=a, member="ARM", kind="left", on="2026-01-01"), InvalidInput, "kind", "'left' is not one of"),
    "no date": ("secretariat", lambda a: actions.record_membership_event(
        actor=a, member="ARM", kind="withdrew", on=""), InvalidInput, "on", "is required"),
    "dates out of order": ("secretariat", lambda a: actions.record_membership_event(
        actor=a, member="ARM", kind="withdrew", on="2020-01-01"), InvalidInput, "on",
        "before the last recorded event (participation_frozen on 2024-02-22)"),
    "acceding while a member": ("secretariat", lambda a: actions.record_membership_event(
        actor=a, member="RUS", kind="acceded", on="2026-01-01"), InvalidInput, "kind",
        "'acceded' is not possible while the member is 'member'"),
    "restoring a former member": ("secretariat", lambda a: actions.record_membership_event(
        actor=a, member="AZE", kind="restored", on="2026-01-01"), InvalidInput, "kind", "possible: 'acceded'"),
    "freezing a suspended member": ("secretariat", lambda a: actions.record_membership_event(
        actor=a, member="UZB", kind="participation_frozen", on="2026-01-01"), InvalidInput, "kind",
        "possible: 'withdrew', 'restored'"),
    # change_handover_rule
    "a delegate changes the rule": ("arm.head", lambda a: actions.change_handover_rule(
        actor=a, rule="on_january_1", from_term=2030), NotPermitted, "actor", "only the secretariat"),
    "an unknown rule": ("secretariat", lambda a: actions.change_handover_rule(
        actor=a, rule="by_lot", from_term=2030), InvalidInput, "rule", "at_regular_session or on_january_1"),
    "a term that is not a year": ("secretariat", lambda a: actions.change_handover_rule(
        actor=a, rule="on_january_1", from_term=30), InvalidInput, "from_term", "must be the year"),
    "a rule already recorded from that term": ("secretariat", lambda a: actions.change_handover_rule(
        actor=a, rule="at_regular_session", from_term=2024), InvalidInput, "from_term", "already recorded"),
    "a rule that undoes recorded handovers": ("secretariat", lambda a: actions.change_handover_rule(
        actor=a, rule="on_january_1", from_term=2022), InvalidInput, "from_term",
        "term 2022 is handed over on 1 January, not at a session"),
    # record_handover
    "a delegate records a handover": ("arm.head", lambda a: actions.record_handover(
        actor=a, term=2024, on="2023-11-23"), NotPermitted, "actor", "only the secretariat"),
    "a term far from its session": ("secretariat", lambda a: actions.record_handover(
        actor=a, term=2030, on="2023-11-23"), InvalidInput, "term", "term 2030 cannot begin on 23 November 2023"),
    "a handover recorded twice": ("secretariat", lambda a: actions.record_handover(
        actor=a, term=2023, on="2022-11-24"), InvalidInput, "term", "already recorded"),
    "a handover out of order": ("secretariat", lambda a: actions.record_handover(
        actor=a, term=2018, on="2017-11-01"), InvalidInput, "on", "recorded in order; the last was term 2023"),
    "a session handover under the 1 January rule": ("secretariat", lambda a: actions.record_handover(
        actor=a, term=2024, on="2023-11-23"), InvalidInput, "term", "handed over on 1 January"),
    # record_chair_override
    "a delegate overrides the chair": ("kaz.head", lambda a: actions.record_chair_override(
        actor=a, member="KAZ", start="2026-01-01", reason="we want to"), NotPermitted, "actor",
        "only the secretariat"),
    "an override for an unknown state": ("secretariat", lambda a: actions.record_chair_override(
        actor=a, member="ZZZ", start="2026-01-01", reason="decided"), NotFound, "member", "not a member state"),
    "an override ending before it starts": ("secretariat", lambda a: actions.record_chair_override(
        actor=a, member="RUS", start="2026-01-01", end="2025-12-31", reason="decided"), InvalidInput, "end",
        "31 December 2025 is before the start 1 January 2026"),
    "an override without its reason": ("secretariat", lambda a: actions.record_chair_override(
        actor=a, member="RUS", start="2026-01-01", reason=" "), InvalidInput, "reason", "say what the Council"),
    "an override without its start": ("secretariat", lambda a: actions.record_chair_override(
        actor=a, member="RUS", start="", reason="decided"), InvalidInput, "start", "is required"),
    # add_person
    "a username with spaces": ("arm.head", lambda a: actions.add_person(
        actor=a, username="new person", full_name="N", role="delegate", member="ARM"), InvalidInput,
        "username", "letters, digits"),
    "a username taken": ("arm.head", lambda a: actions.add_person(
        actor=a, username="ARM.delegate", full_name="N", role="delegate", member="ARM"), InvalidInput,
        "username", "'arm.delegate' is taken"),
    "no full name": ("arm.head", lambda a: actions.add_person(
        actor=a, username="arm.new", full_name=" ", role="delegate", member="ARM"), InvalidInput,
        "full_name.ru", "is required"),
    "a person of an unknown state": ("secretariat", lambda a: actions.add_person(
        actor=a, username="zzz.new", full_name="N", role="delegate", member="ZZZ"), NotFound, "member",
        "not a member state"),
    "an unknown role": ("arm.head", lambda a: actions.add_person(
        actor=a, username="arm.new", full_name="N", role="king", member="ARM"), InvalidInput, "role",
        "'king' is not one of"),
    "a secretariat officer in a delegation": ("arm.head", lambda a: actions.add_person(
        actor=a, username="arm.new", full_name="N", role="secretariat_officer", member="ARM"), InvalidInput,
        "role", "belongs to no delegation"),
    "a head without a delegation": ("secretariat", lambda a: actions.add_person(
        actor=a, username="head", full_name="N", role="head"), InvalidInput, "member",
        "belongs to a member's delegation"),
    "a weak password": ("arm.head", lambda a: actions.add_person(
        actor=a, username="arm.new", full_name="N", role="delegate", member="ARM", password="1234"),
        InvalidInput, "password", "too short"),
    "a delegate adds to its own delegation": ("arm.delegate", lambda a: actions.add_person(
        actor=a, username="arm.new", full_name="N", role="delegate", member="ARM"), NotPermitted, "member",
        "only Armenia's delegation administers its own people"),
    "a head adds to another delegation": ("kaz.head", lambda a: actions.add_person(
        actor=a, username="arm.new", full_name="N", role="delegate", member="ARM"), NotPermitted, "member",
        "only Armenia's delegation"),
    "the secretariat adds to a delegation": ("secretariat", lambda a: actions.add_person(
        actor=a, username="arm.new", full_name="N", role="delegate", member="ARM"), NotPermitted, "member",
        "only Armenia's delegation"),
    "a head adds secretariat staff": ("arm.head", lambda a: actions.add_person(
        actor=a, username="officer2", full_name="N", role="secretariat_officer"), NotPermitted, "member",
        "only the secretariat administers"),
    # change_role
    "the role of nobody": ("arm.head", lambda a: actions.change_role(
        actor=a, person="nobody", role="delegate"), NotFound, "person", "'nobody' is not a person"),
    "a role that is not one": ("arm.head", lambda a: actions.change_role(
        actor=a, person="arm.delegate", role="king"), InvalidInput, "role", "is not one of"),
    "a delegate made secretariat officer": ("arm.head", lambda a: actions.change_role(
        actor=a, person="arm.delegate", role="secretariat_officer"), InvalidInput, "role", "no delegation"),
    "a head changes another delegation's role": ("kaz.head", lambda a: actions.change_role(
        actor=a, person="arm.delegate", role="liaison"), NotPermitted, "member", "only Armenia's delegation"),
    "the secretariat changes a delegate's role": ("secretariat", lambda a: actions.change_role(
        actor=a, person="arm.delegate", role="liaison"), NotPermitted, "member", "only Armenia's delegation"),
    # deactivate_person
    "deactivating nobody": ("arm.head", lambda a: actions.deactivate_person(
        actor=a, person="nobody"), NotFound, "person", "not a person"),
    "a head deactivates another delegation's person": ("kaz.head", lambda a: actions.deactivate_person(
        actor=a, person="arm.delegate"), NotPermitted, "member", "only Armenia's delegation"),
    "a delegate deactivates its head": ("arm.delegate", lambda a: actions.deactivate_person(
        actor=a, person="arm.head"), NotPermitted, "member", "only Armenia's delegation"),
    # set_password
    "a short new password": ("arm.delegate", lambda a: actions.set_password(
        actor=a, person="arm.delegate", password="short"), InvalidInput, "password", "too short"),
    "a common new password": ("arm.delegate", lambda a: actions.set_password(
        actor=a, person="arm.delegate", password="password123"), InvalidInput, "password", "too common"),
    "another delegation's password": ("kaz.head", lambda a: actions.set_password(
        actor=a, person="arm.delegate", password="a long enough passphrase"), NotPermitted, "member",
        "only Armenia's delegation"),
    "a colleague's password": ("arm.delegate", lambda a: actions.set_password(
        actor=a, person="arm.head", password="a long enough passphrase"), NotPermitted, "member",
        "only Armenia's delegation"),
    # register_key
    "a key that is not base64": ("arm.delegate", lambda a: actions.register_key(
        actor=a, person="arm.delegate", public_key="not base64!"), InvalidInput, "public_key", "is not base64"),
    "a key of 31 bytes": ("arm.delegate", lambda a: actions.register_key(
        actor=a, person="arm.delegate", public_key=entries.b64(b"k" * 31)), InvalidInput, "public_key",
        "32 bytes, not 31"),
    "a key registered twice": (None, lambda a: actions.register_key(
        actor=a, person="arm.head", public_key=SigningKey.objects.get(person__username="arm.delegate").public_key),
        InvalidInput, "public_key", "is already registered"),
    "a key for nobody": (None, lambda a: actions.register_key(
        actor=a, person="nobody", public_key=new_public_key()), NotFound, "person", "not a person"),
    "a key for another delegation": ("kaz.head", lambda a: actions.register_key(
        actor=a, person="arm.delegate", public_key=new_public_key()), NotPermitted, "member",
        "only Armenia's delegation"),
    "a key for one's head": ("arm.delegate", lambda a: actions.register_key(
        actor=a, person="arm.head", public_key=new_public_key()), NotPermitted, "member", "only Armenia's"),
    "a key for a delegate by the secretariat": ("secretariat", lambda a: actions.register_key(
        actor=a, person="arm.delegate", public_key=new_public_key()), NotPermitted, "member", "only Armenia's"),
    # rotate_key
    "rotating an unknown key": ("arm.delegate", lambda a: actions.rotate_key(
        actor=a, key_id="ed25519:0000000000000000", public_key=new_public_key()), NotFound, "key_id",
        "is not a registered key"),
    "rotating to a bad key": ("arm.delegate", lambda a: actions.rotate_key(
        actor=a, key_id=key_of("arm.delegate"), public_key="AAAA"), InvalidInput, "public_key", "32 bytes"),
    "rotating to the same key": ("arm.delegate", lambda a: actions.rotate_key(
        actor=a, key_id=key_of("arm.delegate"),
        public_key=SigningKey.objects.get(person__username="arm.delegate").public_key), InvalidInput,
        "public_key", "already registered"),
    "rotating another delegation's key": ("kaz.head", lambda a: actions.rotate_key(
        actor=a, key_id=key_of("arm.delegate"), public_key=new_public_key()), NotPermitted, "member",
        "only Armenia's"),
    # revoke_key
    "revoking without a reason": ("arm.delegate", lambda a: actions.revoke_key(
        actor=a, key_id=key_of("arm.delegate"), reason=" "), InvalidInput, "reason", "say why"),
    "revoking an unknown key": ("arm.delegate", lambda a: actions.revoke_key(
        actor=a, key_id="ed25519:0000000000000000", reason="lost"), NotFound, "key_id", "not a registered key"),
    "revoking another delegation's key": ("kaz.head", lambda a: actions.revoke_key(
        actor=a, key_id=key_of("arm.delegate"), reason="lost"), NotPermitted, "member", "only Armenia's"),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_it_refuses_bad_input_and_changes_nothing(organization: None, case: str) -> None:
    handle, call, error_type, field, reason = REFUSALS[case]
    who = actor(handle) if handle else CONSOLE
    before = registry()
    with pytest.raises(error_type) as error:
        call(who)
    assert error.value.field == field
    assert reason in error.value.reason
    assert registry() == before


def test_it_refuses_to_revoke_a_key_twice(organization: None) -> None:
    key_id = key_of("arm.delegate")
    actions.revoke_key(actor=actor("arm.delegate"), key_id=key_id, reason="lost")
    before = registry()
    with pytest.raises(InvalidInput) as error:
        actions.revoke_key(actor=actor("arm.delegate"), key_id=key_id, reason="lost again")
    assert (error.value.field, error.value.reason) == ("key_id", f"{key_id} was already revoked by entry "
                                                                 f"{log.size() - 1} of the log")
    with pytest.raises(InvalidInput, match="already revoked"):
        actions.rotate_key(actor=actor("arm.delegate"), key_id=key_id, public_key=new_public_key())
    assert registry() == before


def test_it_refuses_to_deactivate_a_person_twice(organization: None) -> None:
    actions.deactivate_person(actor=actor("kaz.head"), person="kaz.delegate")
    before = registry()
    with pytest.raises(InvalidInput, match=r"kaz\.delegate is already deactivated"):
        actions.deactivate_person(actor=actor("kaz.head"), person="kaz.delegate")
    assert registry() == before


def test_a_deactivated_head_no_longer_administers_its_delegation(organization: None) -> None:
    actions.deactivate_person(actor=CONSOLE, person="kaz.head")
    before = registry()
    with pytest.raises(NotPermitted):
        actions.add_person(actor=actor("kaz.head"), username="kaz.new", full_name="N", role="delegate",
                           member="KAZ")
    assert registry() == before


def test_a_suspended_members_head_no_longer_administers_its_delegation(organization: None) -> None:
    actions.record_membership_event(actor=CONSOLE, member="KAZ", kind="suspended", on="2025-01-01")
    before = registry()
    with pytest.raises(NotPermitted, match="only Kazakhstan's delegation"):
        actions.add_person(actor=actor("kaz.head"), username="kaz.new", full_name="N", role="delegate",
                           member="KAZ")
    assert registry() == before


# The chairmanship over the real 2019 to 2026 sequence (SCENARIO.md).

REAL_CHAIRS = [
    # Handed over at the regular session until 2023 ...
    ("2018-11-08", "KGZ"), ("2019-11-27", "KGZ"), ("2019-11-28", "RUS"), ("2020-12-01", "RUS"),
    ("2020-12-02", "TJK"), ("2021-09-15", "TJK"), ("2021-09-16", "ARM"),
    ("2022-05-16", "ARM"),  # the seed's summit: Armenia the incumbent chair
    ("2022-11-22", "ARM"), ("2022-11-23", "BLR"), ("2023-12-31", "BLR"),
    # ... and on 1 January since 2024.
    ("2024-01-01", "KAZ"), ("2024-12-31", "KAZ"), ("2025-01-01", "KGZ"), ("2025-12-31", "KGZ"),
    ("2026-01-01", "RUS"), ("2026-06-30", "RUS"),
]  # fmt: skip


@pytest.mark.parametrize(("day", "chair"), REAL_CHAIRS)
def test_chair_on_follows_the_real_sequence(organization: None, day: str, chair: str) -> None:
    assert queries.chair_on(D(day)) == chair


def test_nobody_chairs_before_the_first_recorded_term(organization: None) -> None:
    assert queries.chair_on(D("2018-11-07")) is None


def build_rotation(rule: str | None) -> None:
    """The six members of 2022 with a rotation anchored on Kyrgyzstan in 2019, under one rule."""
    actions.configure_organization(actor=CONSOLE, name={"en": "Org"}, abbreviation={"en": "O"})
    for code in reference_org.CURRENT:
        actions.add_member(actor=CONSOLE, code=code, acceded_on="1994-04-20")
    actions.configure_organization(actor=CONSOLE, rotation_order=list(reference_org.CURRENT),
                                   anchor_member="KGZ", anchor_term=2019)
    if rule is not None:
        actions.change_handover_rule(actor=CONSOLE, rule=rule, from_term=2019)


def test_chair_on_under_the_january_1_rule_throughout(db: None) -> None:
    build_rotation("on_january_1")
    expected = {"2019-01-01": "KGZ", "2019-12-31": "KGZ", "2020-01-01": "RUS", "2021-01-01": "TJK",
                "2021-09-16": "TJK", "2021-12-31": "TJK", "2022-01-01": "ARM", "2022-11-23": "ARM",
                "2023-01-01": "BLR", "2024-01-01": "KAZ", "2025-01-01": "KGZ", "2026-01-01": "RUS",
                "2018-12-31": None}
    assert {day: queries.chair_on(D(day)) for day in expected} == expected


def test_chair_on_at_regular_sessions_waits_for_each_session(db: None) -> None:
    build_rotation(None)
    for term, on in ((2019, "2018-11-08"), (2020, "2019-11-28"), (2021, "2020-12-02"), (2022, "2021-09-16"),
                     (2023, "2022-11-23")):
        actions.record_handover(actor=CONSOLE, term=term, on=on)
    # No session has handed 2024 over: Belarus goes on chairing, past New Year.
    assert queries.chair_on(D("2024-06-01")) == "BLR"
    actions.record_handover(actor=CONSOLE, term=2024, on="2024-09-02")
    assert (queries.chair_on(D("2024-09-01")), queries.chair_on(D("2024-09-02"))) == ("BLR", "KAZ")


def test_the_rule_can_change_back_to_sessions(organization: None) -> None:
    actions.change_handover_rule(actor=CONSOLE, rule="at_regular_session", from_term=2027)
    assert queries.chair_on(D("2026-12-31")) == "RUS"  # 2027 waits for its session
    actions.record_handover(actor=CONSOLE, term=2027, on="2026-11-20")
    assert (queries.chair_on(D("2026-11-19")), queries.chair_on(D("2026-11-20"))) == ("RUS", "TJK")


def test_an_override_wins_while_it_lasts(organization: None) -> None:
    actions.record_chair_override(actor=actor("secretariat"), member="RUS", start="2022-05-01",
                                  end="2022-05-31", reason="for the period of Armenia's absence")
    assert [queries.chair_on(D(day)) for day in ("2022-04-30", "2022-05-01", "2022-05-31", "2022-06-01")] == [
        "ARM", "RUS", "RUS", "ARM"
    ]
    assert ChairOverride.objects.get().entry_seq == log.size() - 1


def test_a_frozen_member_keeps_its_turn_and_a_suspended_one_loses_it(organization: None) -> None:
    # Armenia, frozen since 2024, is still next after Tajikistan in 2027.
    after = queries.chairmanship(ANONYMOUS, D("2026-06-01")).next
    assert after is not None
    assert after.member == "TJK"
    actions.record_membership_event(actor=CONSOLE, member="KGZ", kind="suspended", on="2025-06-01")
    # The chair suspended mid-term leaves the chair vacant until the Council decides otherwise.
    assert queries.chair_on(D("2025-06-01")) is None
    assert queries.chair_on(D("2026-01-01")) == "RUS"


def test_the_charter_lists_the_languages_the_content_is_kept_in(organization: None) -> None:
    org = actions.configure_organization(actor=actor("secretariat"), languages=["ru", "EN", "fr"])
    assert org.languages == ["ru", "en", "fr"]
    assert queries.content_languages() == ["ru", "en", "fr"]
    for languages, reason in ((["en"], "every working language (not ru)"), (["ru", "ru"], "twice")):
        with pytest.raises(InvalidInput) as refused:
            actions.configure_organization(actor=actor("secretariat"), languages=languages)
        assert (refused.value.field, reason in refused.value.reason) == ("languages", True)
    assert Organization.objects.get().languages == ["ru", "en", "fr"]


def test_a_refusal_is_in_the_readers_language(organization: None) -> None:
    with translation.override("ru"), pytest.raises(InvalidInput) as refused:
        actions.configure_organization(actor=actor("secretariat"), term_years=11)
    assert (refused.value.field, refused.value.reason) == ("term_years", "должен быть целым числом лет от 1 до 10")
    with translation.override("ru"), pytest.raises(InvalidInput) as refused:
        actions.establish_body(actor=actor("secretariat"), code="PC", name={"en": "Permanent Council"})
    default = "обязательное поле (язык организации по умолчанию, русский)"
    assert (refused.value.field, refused.value.reason) == ("name.ru", default)


def test_a_rotation_refusal_names_the_state_in_the_readers_language(organization: None) -> None:
    # It said "KGZ is not in the order" on every page: a code, in English.
    before = registry()
    with translation.override("ru"), pytest.raises(InvalidInput) as error:
        actions.configure_organization(actor=actor("secretariat"), rotation_order=["ARM", "BLR", "KAZ"])
    assert error.value.field == "anchor_member"
    with translation.override("ru"):
        assert error.value.reason == f"{queries.state_name('KGZ')} нет в порядке очерёдности"
    assert "KGZ" not in error.value.reason
    assert registry() == before
