"""The migration of a key's reason for revocation to texts per language keeps every one: each plain reason
arrives under the organization's default language and comes back."""

from __future__ import annotations

from typing import Any

import pytest
from migrating import migrate

from accord.ledger.guard import acting

# Whatever a test leaves migrated, every app is at its latest migration after it.
pytestmark = pytest.mark.usefixtures("migrations_restored")

BEFORE = [("members", "0007_references_texts")]
AFTER = [("members", "0008_key_revoked_reason_texts")]


@pytest.mark.django_db(transaction=True)
def test_every_reason_arrives_in_the_default_language_and_goes_back() -> None:
    old = migrate(BEFORE)
    with acting("test: rows as the old schema held them"):
        _old_rows(old)

    new = migrate(AFTER)
    keys = new.get_model("members", "SigningKey").objects.order_by("key_id")
    assert [(key.key_id, dict(key.revoked_reason)) for key in keys] == [
        ("ed25519:0000000000000001", {"fr": "Perdue"}), ("ed25519:0000000000000002", {})]

    back = migrate(BEFORE)
    again = back.get_model("members", "SigningKey").objects.order_by("key_id")
    assert [(key.key_id, key.revoked_reason) for key in again] == [
        ("ed25519:0000000000000001", "Perdue"), ("ed25519:0000000000000002", "")]


def _old_rows(old: Any) -> None:
    model = old.get_model
    model("members", "Organization").objects.create(pk=1, working_languages=["fr"], languages=["fr", "en"])
    person = model("members", "Person").objects.create(username="agent", full_name=[["fr", "Agent"]],
                                                       role="secretariat_officer")
    keys = model("members", "SigningKey").objects
    keys.create(key_id="ed25519:0000000000000001", person=person, public_key="A" * 44, registered_seq=1,
                revoked_seq=2, revoked_reason="Perdue")
    keys.create(key_id="ed25519:0000000000000002", person=person, public_key="B" * 44, registered_seq=3)
