"""The registry's state rules: history dated no later than today; no one deactivates itself, the last
secretariat officer stays, and a deactivated person can be reactivated, its signatures standing again
from the reactivation on (and not before it)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from nacl.signing import SigningKey as PrivateKey

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

import reference_org

from accord.core.acting import Actor
from accord.core.errors import Conflict, InvalidInput, NotPermitted
from accord.core.policy import viewer_of
from accord.ledger import entries, log
from accord.members import actions
from accord.members.models import MembershipEvent, Person

API = "/api/v1"
CONSOLE = Actor.console()


@pytest.fixture
def organization(db: None) -> None:
    reference_org.build()


def actor(handle: str) -> Actor:
    return Actor(person=Person.objects.select_related("member").get(username=handle))


def call(handle: str | None, method: str, path: str, payload: Any = None) -> Any:
    client = Client()
    if handle is not None:
        client.force_login(Person.objects.get(username=handle))
    data = json.dumps(payload) if payload is not None else None
    return getattr(client, method.lower())(API + path, data=data, content_type="application/json")


def refused(act: Any, error: type[Exception], field: str) -> None:
    before = (log.size(), list(Person.objects.order_by("pk").values("username", "role", "is_active")),
              MembershipEvent.objects.count())
    with pytest.raises(error) as caught:
        act()
    assert caught.value.field == field  # type: ignore[attr-defined]
    assert (log.size(), list(Person.objects.order_by("pk").values("username", "role", "is_active")),
            MembershipEvent.objects.count()) == before


# History dates.


def test_it_refuses_a_membership_event_dated_after_today(organization: None) -> None:
    tomorrow = timezone.now().date() + dt.timedelta(days=1)
    refused(lambda: actions.record_membership_event(actor=actor("secretariat"), member="ARM",
                                                    kind="suspended", on="9999-12-31"), InvalidInput, "on")
    refused(lambda: actions.record_membership_event(actor=actor("secretariat"), member="ARM",
                                                    kind="suspended", on=tomorrow), InvalidInput, "on")
    refused(lambda: actions.add_member(actor=actor("secretariat"), code="SRB", acceded_on=tomorrow),
            InvalidInput, "acceded_on")
    response = call("secretariat", "POST", "/members/ARM/history", {"kind": "suspended", "on": "9999-12-31"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "on"
    # The state's history is not blocked: an event of today is recorded.
    actions.record_membership_event(actor=actor("secretariat"), member="ARM", kind="participation_resumed",
                                    on=timezone.now().date())


def test_it_refuses_a_chair_handover_dated_after_today(organization: None) -> None:
    today = timezone.now().date()
    actions.change_handover_rule(actor=CONSOLE, rule="at_regular_session", from_term=today.year + 1)
    later = today.replace(year=today.year + 4, month=11, day=20)
    refused(lambda: actions.record_handover(actor=actor("secretariat"), term=later.year + 1, on=later),
            InvalidInput, "on")


# Deactivation and reactivation.


def test_no_one_deactivates_itself(organization: None) -> None:
    actions.add_person(actor=CONSOLE, username="officer2", full_name="Second Officer",
                       role="secretariat_officer", password="a long enough passphrase")
    for handle in ("secretariat", "kaz.head"):
        refused(lambda handle=handle: actions.deactivate_person(actor=actor(handle), person=handle),
                NotPermitted, "person")
    response = call("secretariat", "POST", "/persons/secretariat/deactivate")
    assert response.status_code == 403
    assert response.json()["errors"][0]["field"] == "person"


def test_the_last_active_secretariat_officer_is_not_deactivated_nor_demoted(organization: None) -> None:
    actions.add_person(actor=CONSOLE, username="officer2", full_name="Second Officer",
                       role="secretariat_officer", password="a long enough passphrase")
    actions.deactivate_person(actor=actor("secretariat"), person="officer2")
    refused(lambda: actions.deactivate_person(actor=CONSOLE, person="secretariat"), Conflict, "person")
    refused(lambda: actions.change_role(actor=CONSOLE, person="secretariat", role="observer"), Conflict, "role")
    refused(lambda: actions.change_role(actor=actor("secretariat"), person="secretariat", role="observer"),
            Conflict, "role")
    # Once another officer is active again, the first may go.
    actions.reactivate_person(actor=actor("secretariat"), person="officer2")
    actions.deactivate_person(actor=actor("officer2"), person="secretariat")
    assert not Person.objects.get(username="secretariat").is_active


def test_a_keeper_reactivates_a_deactivated_person(organization: None) -> None:
    actions.deactivate_person(actor=actor("kaz.head"), person="kaz.delegate", reason="left")
    assert authenticate(username="kaz.delegate", password=reference_org.PASSWORD) is None
    refused(lambda: actions.reactivate_person(actor=actor("arm.head"), person="kaz.delegate"),
            NotPermitted, "member")
    response = call("kaz.head", "POST", "/persons/kaz.delegate/reactivate")
    assert response.status_code == 200, response.json()
    assert response.json()["is_active"] is True
    entry = json.loads(log.entries_between(log.size() - 1, log.size())[0].data)
    assert entry["statement"]["type"] == entries.PERSON_REACTIVATED
    assert entry["statement"]["body"]["person"] == "kaz.delegate"
    assert authenticate(username="kaz.delegate", password=reference_org.PASSWORD) is not None
    assert viewer_of(Person.objects.get(username="kaz.delegate")).is_member_official
    refused(lambda: actions.reactivate_person(actor=actor("kaz.head"), person="kaz.delegate"),
            InvalidInput, "person")
    assert call("kaz.head", "POST", "/persons/kaz.head/reactivate").status_code == 400


def test_a_secretariat_officer_locked_out_is_reactivated_from_the_console(organization: None) -> None:
    actions.add_person(actor=CONSOLE, username="officer2", full_name="Second Officer",
                       role="secretariat_officer", password="a long enough passphrase")
    actions.deactivate_person(actor=actor("secretariat"), person="officer2")
    out = io.StringIO()
    call_command("reactivate", "officer2", "--reason", "locked out", stdout=out)
    assert "Reactivated officer2" in out.getvalue()
    assert Person.objects.get(username="officer2").is_active
    with pytest.raises(CommandError, match="person: officer2 is active"):
        call_command("reactivate", "officer2", stdout=io.StringIO())


# Signatures across a deactivation and a reactivation.


def _key(handle: str) -> PrivateKey:
    return PrivateKey(hashlib.sha256(f"accord reactivation test {handle}".encode()).digest())


def _signed_key_registration(handle: str, label: str) -> dict[str, Any]:
    """`handle` registers one more key of its own, signed on its own machine with its first key."""
    signer = Person.objects.get(username=handle)
    body = {"person": handle, "member": signer.member_id, "public_key": entries.b64(bytes(PrivateKey(
        hashlib.sha256(label.encode()).digest()).verify_key)), "label": label}
    stmt = entries.statement(log=settings.LOG_ORIGIN, type=entries.KEY_REGISTERED, member=signer.member_id,
                             person=handle, classification="public", body=body, nonce=entries.new_nonce())
    return {"statement": stmt, "signature": entries.sign_statement(stmt, _key(handle))}


def _submit(payload: dict[str, Any]) -> Any:
    return Client().post(f"{API}/acts", data=json.dumps(payload), content_type="application/json")


def test_a_reactivated_persons_signatures_stand_again_from_the_reactivation_on(organization: None) -> None:
    actions.register_key(actor=CONSOLE, person="kaz.delegate", public_key=entries.b64(bytes(
        _key("kaz.delegate").verify_key)))
    actions.deactivate_person(actor=actor("kaz.head"), person="kaz.delegate")
    before = log.size()
    assert _submit(_signed_key_registration("kaz.delegate", "while deactivated")).status_code in (400, 403)
    assert log.size() == before
    actions.reactivate_person(actor=actor("kaz.head"), person="kaz.delegate")
    response = _submit(_signed_key_registration("kaz.delegate", "after reactivation"))
    assert response.status_code == 201, response.json()
    out = io.StringIO()
    call_command("ledger", "verify", "--quiet", stdout=out)
    assert out.getvalue().startswith("ok: "), out.getvalue()


def test_the_verifier_honours_a_reactivation_from_its_entry_on() -> None:
    key = _key("arm.delegate")
    registry = entries.KeyRegistry()
    registry.apply({"type": entries.KEY_REGISTERED, "body": {
        "person": "arm.delegate", "member": "ARM", "public_key": entries.b64(bytes(key.verify_key))}})
    stmt = {"type": "members.role_changed", "actor": {"member": "ARM", "person": "arm.delegate"},
            "body": {"person": "arm.delegate"}, "nonce": entries.new_nonce()}
    signatures = [entries.sign_statement(stmt, key)]
    assert registry.problem_with(stmt, signatures) is None
    registry.apply({"type": entries.PERSON_DEACTIVATED, "body": {"person": "arm.delegate", "reason": ""}})
    assert registry.problem_with(stmt, signatures) is not None  # between the two entries: refused
    registry.apply({"type": entries.PERSON_REACTIVATED, "body": {"person": "arm.delegate", "reason": ""}})
    assert registry.problem_with(stmt, signatures) is None


# The delegation's page offers closing and reopening access exactly where the actions take it.


def _member_page(handle: str, code: str) -> str:
    client = Client()
    client.force_login(Person.objects.get(username=handle))
    return client.get(f"/members/{code}/").content.decode()


def test_the_delegation_page_offers_closing_and_reopening_access_to_its_keeper(organization: None) -> None:
    page = _member_page("kaz.head", "KAZ")
    assert 'data-deactivate="kaz.delegate"' in page
    assert 'data-deactivate="kaz.head"' not in page  # never one's own
    assert "data-deactivate" not in _member_page("arm.head", "KAZ")
    assert "data-deactivate" not in _member_page("kaz.delegate", "KAZ")
    client = Client()
    client.force_login(Person.objects.get(username="kaz.head"))
    response = client.post("/persons/kaz.delegate/deactivate/")
    assert response.status_code == 302
    assert not Person.objects.get(username="kaz.delegate").is_active
    page = _member_page("kaz.head", "KAZ")
    assert 'data-reactivate="kaz.delegate"' in page
    assert 'data-reactivate="kaz.delegate"' not in _member_page("arm.head", "KAZ")
    assert client.post("/persons/kaz.delegate/reactivate/").status_code == 302
    assert Person.objects.get(username="kaz.delegate").is_active
    before = log.size()
    refused_page = client.post("/persons/kaz.head/deactivate/")
    assert refused_page.status_code == 403
    assert "no one closes its own access" in refused_page.content.decode()
    assert log.size() == before
    outsider = Client()
    outsider.force_login(Person.objects.get(username="arm.head"))
    assert outsider.post("/persons/kaz.delegate/deactivate/").status_code == 403
    anonymous = Client().post("/persons/kaz.delegate/deactivate/")
    assert anonymous.status_code == 303  # to sign in, before anything is looked up (core.pages.acting)
    missing = Client().post("/persons/no.such.person/deactivate/")
    assert (missing.status_code, missing["Location"]) == (303, anonymous["Location"])
    assert Person.objects.get(username="kaz.delegate").is_active
