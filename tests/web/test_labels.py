"""Every act a person can meet has a human name, and every string of the pages speaks Russian."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import translation

import accord
from accord.core.acting import Actor
from accord.ledger import log
from accord.members import actions
from accord.web import labels

CATALOG = Path(accord.__file__).parent / "locale" / "ru" / "LC_MESSAGES"


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
    ("members.member_added", "Member admitted", "Принят в члены"),
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


def test_it_translates_every_string_into_russian() -> None:
    text = (CATALOG / "django.po").read_text(encoding="utf-8")
    entries = text.split("\n\n")[1:]
    untranslated = [e for e in entries if re.search(r'^msgstr(\[\d\])? ""$', e, re.M)
                    and not re.search(r'^msgstr(\[\d\])? ""\n"', e, re.M)]
    assert not untranslated, untranslated[:3]
    assert "#, fuzzy" not in text
    # The compiled catalog is shipped beside it and is not older than the source.
    mo = CATALOG / "django.mo"
    assert mo.exists()
    assert mo.stat().st_mtime >= (CATALOG / "django.po").stat().st_mtime - 1
