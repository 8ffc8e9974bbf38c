"""The migration to texts per language keeps every meetings text: rows written with the old `_en`/`_ru`
columns arrive in the new fields, in the organization's order, and go back when migrated backwards."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accord.ledger.guard import acting

# Whatever a test leaves migrated, every app is at its latest migration after it.
pytestmark = pytest.mark.usefixtures("migrations_restored")

BEFORE = [("meetings", "0001_initial"), ("members", "0004_organization_languages")]
AFTER = [("meetings", "0002_texts")]


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    with acting("test: the migration"):
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(targets)
    return MigrationExecutor(connection)


@pytest.mark.django_db(transaction=True)
def test_every_text_arrives_in_the_organizations_order_and_goes_back() -> None:
    old = _migrate(BEFORE).loader.project_state(BEFORE).apps
    with acting("test: rows as the old schema held them"):
        _old_rows(old)
    session, part, item, statement = (old.get_model("meetings", name).objects.get()
                                      for name in ("Session", "Part", "AgendaItem", "Statement"))

    new = _migrate(AFTER).loader.project_state(AFTER).apps
    found = new.get_model("meetings", "Session").objects.get(pk=session.pk)
    assert list(found.title.items()) == [("ru", "Саммит"), ("en", "Summit")]
    assert dict(found.place) == {"en": "Hall"}
    assert list(found.note.items()) == [("ru", "Заметка"), ("en", "A note")]
    assert dict(new.get_model("meetings", "Part").objects.get(pk=part.pk).title) == {}
    moved = new.get_model("meetings", "AgendaItem").objects.get(pk=item.pk)
    assert (dict(moved.title), dict(moved.outcome_note)) == ({"ru": "Пункт", "en": "Item"}, {"ru": "Reported"})
    spoken = new.get_model("meetings", "Statement").objects.get(pk=statement.pk)
    assert (spoken.language, list(spoken.summary.items())) == ("hy", [("ru", "Сказал"), ("en", "Said")])

    back = _migrate(BEFORE).loader.project_state(BEFORE).apps
    again = back.get_model("meetings", "Session").objects.get(pk=session.pk)
    assert (again.title_en, again.title_ru, again.place_en, again.note_ru) == (
        "Summit", "Саммит", "Hall", "Заметка")
    returned = back.get_model("meetings", "AgendaItem").objects.get(pk=item.pk)
    assert (returned.title_ru, returned.outcome_note) == ("Пункт", "Reported")
    assert back.get_model("meetings", "Statement").objects.get(pk=statement.pk).summary_en == "Said"
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # every app as the other tests expect


def _old_rows(old: Any) -> None:
    old.get_model("members", "Organization").objects.create(
        pk=1, name_en="Org", name_ru="Орг", abbreviation_en="O", abbreviation_ru="О", headquarters_en="Here",
        headquarters_ru="Здесь", working_languages=["ru"], languages=["ru", "en"])
    body = old.get_model("members", "Body").objects.create(code="TST", name_en="Council", name_ru="Совет",
                                                           entry_seq=1)
    session = old.get_model("meetings", "Session").objects.create(
        body=body, title_en="Summit", title_ru="Саммит", kind="regular", mode="in_person", place_en="Hall",
        place_ru="", convened_by="chair", starts_on=dt.date(2022, 5, 16), ends_on=dt.date(2022, 5, 16),
        note_en="A note", note_ru="Заметка", entry_seq=1)
    part = old.get_model("meetings", "Part").objects.create(session=session, number=1, kind="plenary",
                                                             is_open=True, title_en="", title_ru="", entry_seq=2)
    item = old.get_model("meetings", "AgendaItem").objects.create(
        session=session, number=1, part=part, title_en="Item", title_ru="Пункт", outcome="noted",
        outcome_note="Reported", entry_seq=3)
    old.get_model("meetings", "Statement").objects.create(
        part=part, item=item, order=1, speaker_name="Head", language="hy", summary_en="Said",
        summary_ru="Сказал", delivered=True, entry_seq=4)
