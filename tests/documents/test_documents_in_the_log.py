"""The log verifier checks every head's document signature recorded in the log, public or sealed, with
the key the head had registered at that point of the log."""

from __future__ import annotations

import io
from typing import Any

import documents_org as org
from django.core.management import call_command
from nacl.signing import SigningKey

from accord.core.acting import action, record
from accord.documents import actions, signing
from accord.ledger import log
from accord.ledger.models import Entry
from accord_verify import entries


def verify() -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("ledger", "verify", "--quiet", stdout=out)
    except SystemExit as exit:
        return int(exit.code or 0), out.getvalue()
    return 0, out.getvalue()


@action
def _record_signature(*, head: str, body: dict[str, Any], classification: str) -> int:
    # The operator writes the entry itself, past the documents action and its check of the signature.
    return record(type="documents.signed", actor=org.person(head), body=body, classification=classification,
                  member=head[:3].upper()).seq


def _signed_body(document: int, version_hash: str, key: SigningKey, signature: str) -> dict[str, Any]:
    return {"document": document, "version": 1, "hash": version_hash, "member": "KAZ",
            "key": entries.key_id_of(bytes(key.verify_key)), "signature": signature, "signed_on": "2022-05-16",
            "place": "Moscow", "reservations": ""}


def test_it_counts_the_heads_document_signatures_it_checked(head_keys: dict[str, SigningKey]) -> None:
    document, version_hash = org.adopted_statement()
    org.sign("KAZ", head_keys["KAZ"], document, version_hash)
    org.sign("ARM", head_keys["ARM"], document, version_hash)
    code, out = verify()
    assert code == 0, out
    assert "0 act signatures and 2 document signatures checked" in out


def test_it_checks_a_document_signature_sealed_in_a_members_only_act(head_keys: dict[str, SigningKey]) -> None:
    document = org.statement(classification="members")
    adoption = actions.adopt_version(actor=org.person("secretariat"), document=document, version=1,
                                     decision=org.decision("Members' statement"), adopted_on="2022-05-16")
    org.sign("KAZ", head_keys["KAZ"], document, adoption.version.hash)
    code, out = verify()
    assert code == 0, out
    assert "1 document signatures checked" in out


def test_it_names_a_head_signature_recorded_that_does_not_verify(head_keys: dict[str, SigningKey]) -> None:
    document, version_hash = org.adopted_statement()
    forged = signing.sign_hash(head_keys["KAZ"], "sha256:" + "0" * 64)
    seq = _record_signature(head="kaz.head", body=_signed_body(document, version_hash, head_keys["KAZ"], forged),
                            classification="public")
    code, out = verify()
    assert code == 1, out
    assert out.startswith(f"damaged: entry #{seq}: its document signature by key "), out
    assert "does not verify" in out


def test_it_names_a_head_signature_by_another_heads_key(head_keys: dict[str, SigningKey]) -> None:
    document, version_hash = org.adopted_statement()
    theirs = signing.sign_hash(head_keys["ARM"], version_hash)
    seq = _record_signature(head="kaz.head", body=_signed_body(document, version_hash, head_keys["ARM"], theirs),
                            classification="public")
    code, out = verify()
    assert code == 1, out
    assert out.startswith(f"damaged: entry #{seq}: its document signature is by key "), out
    assert "not of the signer kaz.head" in out


def test_it_names_a_bad_head_signature_sealed_in_a_members_only_act(head_keys: dict[str, SigningKey]) -> None:
    document, version_hash = org.adopted_statement()
    forged = signing.sign_hash(head_keys["KAZ"], "sha256:" + "1" * 64)
    seq = _record_signature(head="kaz.head", body=_signed_body(document, version_hash, head_keys["KAZ"], forged),
                            classification="members")
    code, out = verify()
    assert code == 1, out
    assert out.startswith(f"damaged: entry #{seq}: its sealed statement: its document signature"), out


def test_it_names_a_head_signature_edited_in_the_database(head_keys: dict[str, SigningKey]) -> None:
    document, version_hash = org.adopted_statement()
    org.sign("KAZ", head_keys["KAZ"], document, version_hash)
    seq = log.size() - 1
    row = Entry.objects.get(seq=seq)
    assert row.type == "documents.signed"
    other = signing.sign_hash(SigningKey.generate(), version_hash)
    Entry.objects.filter(seq=seq).update(data=row.data.replace(row.data.split('"signature":"')[1].split('"')[0],
                                                               other))
    code, out = verify()
    assert code == 1, out
    assert out.startswith(f"damaged: entry #{seq}: "), out
