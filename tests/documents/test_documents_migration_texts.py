"""The migration that makes a document's title one text per language keeps every title (issue #16)."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accord.ledger.guard import acting

# Whatever a test leaves migrated, every app is at its latest migration after it.
pytestmark = pytest.mark.usefixtures("migrations_restored")

BEFORE = [("documents", "0001_initial"), ("members", "0004_organization_languages")]
AFTER = [("documents", "0002_content_texts")]


def _model(apps: Apps, app: str, name: str) -> Any:
    """A model as it was at a migration (typed loosely: its fields are not today's)."""
    return apps.get_model(app, name)


def _migrate(targets: list[tuple[str, str]]) -> Apps:
    """The database migrated to `targets`; the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_every_title_arrives_in_the_organizations_order_and_goes_back() -> None:
    old = _migrate(BEFORE)
    Document = _model(old, "documents", "Document")
    # Rows as a database of the old columns holds them (written as the migration writes: no act).
    with acting("test: rows of the old columns"):
        _model(old, "members", "Organization").objects.create(
            pk=1, name_en="Compact", name_ru="Пакт", working_languages=["en"], languages=["en", "ru"])
        both = Document.objects.create(kind="statement", title_en="Joint statement",
                                       title_ru="Совместное заявление", created_seq=1)
        english = Document.objects.create(kind="statement", title_en="Only English", title_ru="", created_seq=2)
        Member = _model(old, "members", "Member")
        Member.objects.create(code="FJI", name_en="Fiji", name_ru="Фиджи")
        _model(old, "documents", "TreatyStep").objects.create(
            document=both, member_id="FJI", kind="signed", on="2022-05-16", reference="Signed in Suva", seq=3)
        _model(old, "documents", "Notification").objects.create(
            document=both, on="2022-05-17", subject="In force", text="", seq=4)

    new = _migrate(AFTER)
    titles = {row.pk: row.title for row in _model(new, "documents", "Document").objects.all()}
    # The organization's default (English here) first, then Russian; an empty text is not kept.
    assert list(titles[both.pk].items()) == [("en", "Joint statement"), ("ru", "Совместное заявление")]
    assert list(titles[english.pk].items()) == [("en", "Only English")]
    # A text written in one language before is the organization's default language's; an empty one is none.
    assert _model(new, "documents", "TreatyStep").objects.get().reference == {"en": "Signed in Suva"}
    notice = _model(new, "documents", "Notification").objects.get()
    assert (notice.subject, notice.text) == ({"en": "In force"}, {})

    back = _migrate(BEFORE)
    rows = {row.pk: (row.title_en, row.title_ru) for row in _model(back, "documents", "Document").objects.all()}
    assert rows == {both.pk: ("Joint statement", "Совместное заявление"), english.pk: ("Only English", "")}
    assert _model(back, "documents", "TreatyStep").objects.get().reference == "Signed in Suva"
    notices = _model(back, "documents", "Notification").objects
    assert notices.values_list("subject", "text").get() == ("In force", "")
    latest = MigrationExecutor(connection)
    latest.migrate(latest.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_without_an_organization_russian_comes_first() -> None:
    old = _migrate(BEFORE)
    with acting("test: rows of the old columns"):
        made = _model(old, "documents", "Document").objects.create(
            kind="statement", title_en="Statement", title_ru="Заявление", created_seq=1)
    new = _migrate(AFTER)
    title = _model(new, "documents", "Document").objects.get(pk=made.pk).title
    assert list(title.items()) == [("ru", "Заявление"), ("en", "Statement")]
