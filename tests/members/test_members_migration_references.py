"""The migration of the registry's references (and a chairmanship decision's reason) to texts per language
keeps every one: each plain text arrives under the organization's default language and comes back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from migrating import migrate

from accord.ledger.guard import acting

# Whatever a test leaves migrated, every app is at its latest migration after it.
pytestmark = pytest.mark.usefixtures("migrations_restored")

BEFORE = [("members", "0006_person_title_texts")]
AFTER = [("members", "0007_references_texts")]
MODELS = ("MembershipEvent", "RuleChange", "Handover", "ChairOverride", "Body")


@pytest.mark.django_db(transaction=True)
def test_every_reference_arrives_in_the_default_language_and_goes_back() -> None:
    old = migrate(BEFORE)
    with acting("test: rows as the old schema held them"):
        _old_rows(old)

    new = migrate(AFTER)
    found = {name: new.get_model("members", name).objects.get() for name in MODELS}
    assert {name: dict(row.reference) for name, row in found.items()} == {
        "MembershipEvent": {"fr": "Traité"}, "RuleChange": {"fr": "Décision n° 12"}, "Handover": {},
        "ChairOverride": {"fr": "Protocole"}, "Body": {"fr": "Charte"}}
    assert dict(found["ChairOverride"].reason) == {"fr": "Pendant l’absence"}

    back = migrate(BEFORE)
    again = {name: back.get_model("members", name).objects.get() for name in MODELS}
    assert {name: row.reference for name, row in again.items()} == {
        "MembershipEvent": "Traité", "RuleChange": "Décision n° 12", "Handover": "", "ChairOverride": "Protocole",
        "Body": "Charte"}
    assert again["ChairOverride"].reason == "Pendant l’absence"


def _old_rows(old: Any) -> None:
    model = old.get_model
    model("members", "Organization").objects.create(pk=1, working_languages=["fr"], languages=["fr", "en"])
    member = model("members", "Member").objects.create(code="FRA")
    model("members", "MembershipEvent").objects.create(member=member, kind="acceded", on=dt.date(1992, 5, 15),
                                                       reference="Traité", entry_seq=1)
    model("members", "RuleChange").objects.create(rule="on_january_1", from_term=2024,
                                                  reference="Décision n° 12", entry_seq=2)
    model("members", "Handover").objects.create(term=2020, on=dt.date(2019, 11, 28), entry_seq=3)
    model("members", "ChairOverride").objects.create(member=member, start=dt.date(2009, 6, 1),
                                                     reason="Pendant l’absence", reference="Protocole",
                                                     entry_seq=4)
    model("members", "Body").objects.create(code="CSC", name=[["fr", "Conseil"]], reference="Charte", entry_seq=5)
