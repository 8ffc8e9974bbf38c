"""Positions signed on a member's own machine: accepted when right, refused (nothing written) otherwise."""

from __future__ import annotations

import json
from typing import Any

import pytest
from decisions_helpers import decisions_actor, decisions_client, decisions_private_key, decisions_session
from django.conf import settings
from django.test import Client
from nacl.signing import SigningKey as PrivateKey

from accord.core.acting import Actor, Signed
from accord.decisions import actions
from accord.decisions.models import Position, Procedure
from accord.ledger import log
from accord.ledger.models import Entry, Sealed
from accord.members import actions as registry
from accord_verify import entries

pytestmark = pytest.mark.usefixtures("decisions_org")
LODGED = "decisions.position_lodged"


@pytest.fixture
def proposal() -> int:
    tabled = actions.propose(actor=decisions_actor("arm.delegate"), title={"ru": "On exercises"}, body="CSC",
                             sponsors=["ARM"], classification="public")
    actions.open_procedure(actor=decisions_actor("secretariat"), proposal=tabled.pk, kind="consensus",
                           session=decisions_session())
    return tabled.pk


def statement(handle: str, body: dict[str, Any]) -> dict[str, Any]:
    """The statement as the member's own machine builds it, of a public proposal (a members-only one
    is sealed: see the last tests)."""
    signer = decisions_actor(handle)
    return entries.statement(log=settings.LOG_ORIGIN, type=LODGED, member=signer.member, person=handle,
                             classification="public", body=body, nonce=entries.new_nonce(), audience=())


def position(proposal: int, member: str, stance: str = "join") -> dict[str, Any]:
    procedure = Procedure.objects.get(proposal_id=proposal)
    return {"proposal": proposal, "procedure": procedure.pk, "member": member, "stance": stance, "reasons": "",
            "amendment": "", "statement_kind": "", "statement": ""}


def envelope(stmt: dict[str, Any], key: PrivateKey) -> dict[str, Any]:
    return {"statement": stmt, "signature": entries.sign_statement(stmt, key)}


def submit(payload: dict[str, Any]) -> Any:
    return Client().post("/api/v1/acts", data=json.dumps(payload), content_type="application/json")


def refused(response: Any, field: str, reason: str) -> None:
    body = response.json()
    assert response.status_code in (400, 403), body
    assert body["errors"][0]["field"] == field, body
    assert reason in body["errors"][0]["reason"], body


def test_it_records_a_position_signed_by_the_members_head(proposal: int) -> None:
    stmt = statement("kaz.head", position(proposal, "KAZ"))
    response = submit(envelope(stmt, decisions_private_key("kaz.head")))
    assert response.status_code == 201, response.json()
    lodged = Position.objects.get(member_id="KAZ")
    assert lodged.signed
    assert lodged.by == "kaz.head"
    assert json.loads(Entry.objects.get(seq=lodged.entry_seq).data)["signatures"][0]["key"] == \
        entries.key_id_of(bytes(decisions_private_key("kaz.head").verify_key))


def test_a_delegate_cannot_sign_another_members_position(proposal: int) -> None:
    size = log.size()
    stmt = statement("kaz.delegate", position(proposal, "ARM"))
    refused(submit(envelope(stmt, decisions_private_key("kaz.delegate"))), "member", "does not speak for Armenia")
    assert log.size() == size
    assert not Position.objects.exists()


def test_it_refuses_a_replayed_position(proposal: int) -> None:
    stmt = statement("arm.head", position(proposal, "ARM", "abstain"))
    payload = envelope(stmt, decisions_private_key("arm.head"))
    assert submit(payload).status_code == 201
    size = log.size()
    response = submit(payload)
    assert response.status_code in (400, 409)
    assert response.json()["errors"][0]["field"] in ("signature.nonce", "member")
    assert log.size() == size
    assert Position.objects.count() == 1


def test_it_refuses_a_replayed_nonce_on_a_new_position(proposal: int) -> None:
    first = statement("arm.head", position(proposal, "ARM"))
    assert submit(envelope(first, decisions_private_key("arm.head"))).status_code == 201
    other = actions.propose(actor=decisions_actor("arm.delegate"), title={"ru": "Other"}, body="CSC",
                            sponsors=["ARM"], classification="public")
    actions.open_procedure(actor=decisions_actor("secretariat"), proposal=other.pk, kind="consensus",
                           session=decisions_session())
    again = {**statement("arm.head", position(other.pk, "ARM")), "nonce": first["nonce"]}
    size = log.size()
    refused(submit(envelope(again, decisions_private_key("arm.head"))), "signature.nonce", "replay")
    assert log.size() == size
    assert Position.objects.count() == 1


def test_it_refuses_an_altered_position(proposal: int) -> None:
    stmt = statement("arm.head", position(proposal, "ARM", "join"))
    payload = envelope(stmt, decisions_private_key("arm.head"))
    payload["statement"] = {**stmt, "body": {**stmt["body"], "stance": "abstain"}}
    size = log.size()
    refused(submit(payload), "signature.sig", "does not verify")
    assert log.size() == size
    assert not Position.objects.exists()


def test_it_refuses_a_position_signed_with_a_revoked_key(proposal: int) -> None:
    key = decisions_private_key("arm.head")
    registry.revoke_key(actor=Actor.console(), key_id=entries.key_id_of(bytes(key.verify_key)), reason="lost")
    size = log.size()
    refused(submit(envelope(statement("arm.head", position(proposal, "ARM")), key)), "signature.key", "revoked")
    assert log.size() == size
    assert not Position.objects.exists()


def test_a_signed_session_position_and_the_page_agree(proposal: int) -> None:
    stmt = statement("kaz.head", position(proposal, "KAZ", "non_participation"))
    submit(envelope(stmt, decisions_private_key("kaz.head")))
    page = decisions_client("arm.head").get(f"/api/v1/decisions/{proposal}").json()
    assert {r["member"]: r["stance"] for r in page["procedure"]["positions"]}["KAZ"] == "non_participation"


def closed_position() -> tuple[Procedure, dict[str, Any]]:
    """A members-only proposal under consensus, and Kazakhstan's position on it as a body to seal."""
    tabled = actions.propose(actor=decisions_actor("arm.delegate"), title={"ru": "Closed"}, body="CSC",
                             sponsors=["ARM"])
    procedure = actions.open_procedure(actor=decisions_actor("secretariat"), proposal=tabled.pk, kind="consensus",
                           session=decisions_session())
    body = {**position(tabled.pk, "KAZ"), "procedure": procedure.pk}
    return procedure, body


def test_a_members_only_position_is_signed_through_the_action(proposal: int) -> None:
    """A members-only act is signed whole, like any other; its public entry carries only a commitment."""
    procedure, body = closed_position()
    tabled = procedure.proposal
    stmt = entries.statement(log=settings.LOG_ORIGIN, type=LODGED, member="KAZ", person="kaz.head",
                             classification="members", body=body, nonce=entries.new_nonce(), audience=())
    line = entries.sign_statement(stmt, decisions_private_key("kaz.head"))
    lodged = actions.lodge_position(actor=decisions_actor("kaz.head"), proposal=tabled.pk, member="KAZ",
                                    stance="join", signed=Signed(key=line["key"], sig=line["sig"],
                                                                 nonce=stmt["nonce"], statement=stmt))
    assert lodged.signed
    data = Entry.objects.get(seq=lodged.entry_seq).data
    assert "commitment" in json.loads(data)["statement"]
    for hidden in ("kaz.head", "KAZ", line["key"]):
        assert hidden not in data, hidden


def test_a_members_only_position_is_submitted_whole_and_sealed(proposal: int) -> None:
    procedure, body = closed_position()
    stmt = entries.statement(log=settings.LOG_ORIGIN, type=LODGED, member="KAZ", person="kaz.head",
                             classification="members", body=body, nonce=entries.new_nonce())
    response = submit(envelope(stmt, decisions_private_key("kaz.head")))
    assert response.status_code == 201, response.json()
    lodged = Position.objects.get(procedure=procedure, member_id="KAZ")
    assert lodged.signed
    assert "kaz.head" not in Entry.objects.get(seq=lodged.entry_seq).data
    assert json.loads(Sealed.objects.get(entry_id=lodged.entry_seq).content)["statement"] == stmt


def test_a_proposal_named_by_a_text_is_refused_at_its_field_not_a_server_error(proposal: int) -> None:
    size = log.size()
    stmt = statement("kaz.head", {**position(proposal, "KAZ"), "proposal": "x"})
    refused(submit(envelope(stmt, decisions_private_key("kaz.head"))), "statement.body.proposal", "not a number")
    assert log.size() == size
