"""Issue #16: a force's establishing decision and source, and a contribution's note, become a text per
language without loss (the old text is the default language's), and go back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accord.ledger.guard import acting

pytestmark = pytest.mark.usefixtures("migrations_restored")

BEFORE = [("forces", "0001_initial"), ("members", "0007_references_texts")]
AFTER = [("forces", "0002_references_texts")]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("languages", [["ru", "en"], ["en", "fr"]])
def test_the_texts_arrive_in_the_default_language_and_go_back(languages: list[str]) -> None:
    with acting("the rows as the old schema held them"):
        apps = _migrate(BEFORE)
        apps.get_model("members", "Organization").objects.create(pk=1, languages=languages,
                                                                  working_languages=languages[:1])
        apps.get_model("members", "Member").objects.create(code="KAZ")
        force = apps.get_model("forces", "Force").objects.create(
            name=[["ru", "Силы"]], purpose=[], decision_reference="Decision of 2009", source="",
            classification="public", entry_seq=1)
        apps.get_model("forces", "Contribution").objects.create(
            force=force, member_id="KAZ", capability="infantry_company", units=1, note="A battalion",
            declared_on=dt.date(2022, 1, 6), entry_seq=2)
    apps = _migrate(AFTER)
    moved = apps.get_model("forces", "Force").objects.get()
    assert (dict(moved.decision_reference), dict(moved.source)) == ({languages[0]: "Decision of 2009"}, {})
    assert dict(apps.get_model("forces", "Contribution").objects.get().note) == {languages[0]: "A battalion"}
    with acting("back"):
        apps = _migrate(BEFORE)
    back = apps.get_model("forces", "Force").objects.get()
    assert (back.decision_reference, back.source) == ("Decision of 2009", "")
    assert apps.get_model("forces", "Contribution").objects.get().note == "A battalion"
