"""Every act a person can meet has a human name, in English and Russian (the catalogues: test_catalogues.py)."""

from __future__ import annotations

import pytest
from django.utils import translation

from accord.core import labels
from accord.core.acting import Actor
from accord.ledger import log
from accord.members import actions


def test_it_labels_every_act_the_registry_records(organization: None) -> None:
    # Acts the reference organization does not exercise, done here once each.
    console = Actor.console()
    actions.change_role(actor=console, person="kaz.delegate", role="liaison")
    actions.set_password(actor=console, person="kaz.delegate", password="another-long-one")
    actions.deactivate_person(actor=console, person="kaz.delegate")
    actions.record_chair_override(actor=console, member="RUS", start="2009-06-14",
                                  end="2009-09-01", reason="for the period of Belarus' absence")
    types = {entry.type for entry in log.entries_between(0, log.size())}
    unlabelled = sorted(t for t in types if labels.act_label(t) == t)
    assert not unlabelled


@pytest.mark.parametrize(("act_type", "english", "russian"), [
    ("members.member_added", "Member admitted", "Государство принято в члены"),  # not «Принят» beside «Армения»
    ("chair.handover_recorded", "Chairmanship handed over", "Передача председательства"),
    ("keys.revoked", "Signing key revoked", "Ключ подписи отозван"),
])
def test_it_names_acts_in_both_languages(act_type: str, english: str, russian: str) -> None:
    with translation.override("en"):
        assert labels.act_label(act_type) == english
    with translation.override("ru"):
        assert labels.act_label(act_type) == russian


def test_it_lets_a_later_app_add_its_acts() -> None:
    labels.register_acts({"test.drill_started": "Drill started"})
    try:
        assert labels.act_label("test.drill_started") == "Drill started"
        labels.register_acts({"test.drill_started": "Something else"})
        assert labels.act_label("test.drill_started") == "Drill started"
    finally:
        del labels.ACT_LABELS["test.drill_started"]
    assert labels.act_label("unknown.act") == "unknown.act"
