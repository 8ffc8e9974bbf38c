"""The migration of a signature's place to a text per language keeps every one: each plain place arrives
under the organization's default language and comes back."""

from __future__ import annotations

import pytest
from migrating import migrate

from accord.ledger.guard import acting

# Whatever a test leaves migrated, every app is at its latest migration after it.
pytestmark = pytest.mark.usefixtures("migrations_restored")

BEFORE = [("documents", "0004_treaty_in_force_step"), ("members", "0008_key_revoked_reason_texts")]
AFTER = [("documents", "0005_signature_place_texts")]


@pytest.mark.django_db(transaction=True)
def test_every_place_arrives_in_the_default_language_and_goes_back() -> None:
    old = migrate(BEFORE)
    model = old.get_model
    with acting("test: rows as the old schema held them"):
        model("members", "Organization").objects.create(pk=1, working_languages=["fr"], languages=["fr", "en"])
        head = model("members", "Person").objects.create(username="fji.head", full_name=[["fr", "Chef"]],
                                                         role="head_of_state")
        document = model("documents", "Document").objects.create(kind="statement", created_seq=1)
        version = model("documents", "Version").objects.create(document=document, number=1, texts={},
                                                               authentic=["fr"], hash="sha256:0", created_seq=2)
        for seq, code, place in ((3, "FJI", "Suva"), (4, "WSM", "Apia")):
            member = model("members", "Member").objects.create(code=code)
            model("documents", "Signature").objects.create(
                version=version, member=member, person=head, key_id="ed25519:1", signature="s",
                signed_on="2026-12-04", place=place, seq=seq)

    new = migrate(AFTER).get_model("documents", "Signature").objects.order_by("seq")
    assert [(s.member_id, dict(s.place)) for s in new] == [("FJI", {"fr": "Suva"}), ("WSM", {"fr": "Apia"})]

    back = migrate(BEFORE).get_model("documents", "Signature").objects.order_by("seq")
    assert [(s.member_id, s.place) for s in back] == [("FJI", "Suva"), ("WSM", "Apia")]
    with acting("test: forward again"):
        migrate(AFTER)
