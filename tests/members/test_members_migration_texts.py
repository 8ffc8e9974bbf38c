"""The registry's migration to Texts (0005) carries every text of the old `*_en`/`*_ru` columns, and back."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accord.ledger.guard import acting

# Whatever a test leaves migrated, every app is at its latest migration after it.
pytestmark = pytest.mark.usefixtures("migrations_restored")

BEFORE = [("members", "0004_organization_languages")]
AFTER = [("members", "0005_texts")]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_registry(transactional_db: None) -> Any:
    """The registry as 0004 left it, with rows written in the old columns."""
    apps = _migrate(BEFORE)
    with acting("the test's rows in the old columns"):
        _old_rows(apps)
    yield apps
    _migrate(executor_leaf())


def _old_rows(apps: Any) -> None:
    apps.get_model("members", "Organization").objects.create(
        pk=1, name_en="Collective Security Treaty Organization", name_ru="Организация Договора о коллективной "
        "безопасности", abbreviation_en="CSTO", abbreviation_ru="ОДКБ", headquarters_en="Moscow",
        headquarters_ru="Москва", working_languages=["ru"], languages=["ru", "en"],
        treaty_name_en="Collective Security Treaty", treaty_name_ru="Договор о коллективной безопасности",
        treaty_signed_at_en="Tashkent", treaty_signed_at_ru="Ташкент", charter_signed_at_en="Chisinau",
        charter_signed_at_ru="")
    member = apps.get_model("members", "Member")
    member.objects.create(code="ARM", name_en="Armenia", name_ru="Армения")  # ISO's names
    member.objects.create(code="KGZ", name_en="Kyrgyzstan", name_ru="Кыргызстан")  # ISO's Russian differs
    apps.get_model("members", "Body").objects.create(
        code="CSC", name_en="Collective Security Council", name_ru="Совет коллективной безопасности",
        composition_en="Heads of state", composition_ru="Главы государств", entry_seq=1)
    person = apps.get_model("members", "Person")
    person.objects.create(username="arm.head", full_name="Nikol Pashinyan", full_name_ru="Никол Пашинян",
                          member_id="ARM", role="head", password="!")
    person.objects.create(username="observer", full_name="Observer", full_name_ru="", role="observer",
                          password="!")


def executor_leaf() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    leaves: list[tuple[str, str]] = executor.loader.graph.leaf_nodes()
    return leaves


@pytest.mark.django_db(transaction=True)
def test_every_text_arrives_in_the_organizations_order_and_goes_back(old_registry: Any) -> None:
    apps = _migrate(AFTER)
    organization = apps.get_model("members", "Organization").objects.get()
    texts = {stem: [list(pair) for pair in getattr(organization, stem).items()]
             for stem in ("name", "abbreviation", "headquarters", "treaty_name", "treaty_signed_at",
                          "charter_signed_at")}
    assert texts == {
        "name": [["ru", "Организация Договора о коллективной безопасности"],
                 ["en", "Collective Security Treaty Organization"]],
        "abbreviation": [["ru", "ОДКБ"], ["en", "CSTO"]],
        "headquarters": [["ru", "Москва"], ["en", "Moscow"]],
        "treaty_name": [["ru", "Договор о коллективной безопасности"], ["en", "Collective Security Treaty"]],
        "treaty_signed_at": [["ru", "Ташкент"], ["en", "Tashkent"]],
        "charter_signed_at": [["en", "Chisinau"]],  # the empty Russian is dropped
    }
    body = apps.get_model("members", "Body").objects.get()
    assert (dict(body.name), dict(body.composition)) == (
        {"ru": "Совет коллективной безопасности", "en": "Collective Security Council"},
        {"ru": "Главы государств", "en": "Heads of state"})
    official = {m.code: dict(m.official_name) for m in apps.get_model("members", "Member").objects.all()}
    # ISO's own names are not copied (the pages give them); the name that differs from ISO's is kept.
    assert official == {"ARM": {}, "KGZ": {"ru": "Кыргызстан"}}
    people = {p.username: list(p.full_name.items()) for p in apps.get_model("members", "Person").objects.all()}
    assert people == {"arm.head": [("ru", "Никол Пашинян"), ("en", "Nikol Pashinyan")],
                      "observer": [("en", "Observer")]}

    apps = _migrate(BEFORE)
    back = apps.get_model("members", "Organization").objects.get()
    assert (back.name_ru, back.abbreviation_en, back.charter_signed_at_en, back.charter_signed_at_ru) == (
        "Организация Договора о коллективной безопасности", "CSTO", "Chisinau", "")
    names = {m.code: (m.name_en, m.name_ru) for m in apps.get_model("members", "Member").objects.all()}
    assert names == {"ARM": ("Armenia", "Армения"), "KGZ": ("Kyrgyzstan", "Кыргызстан")}
    head = apps.get_model("members", "Person").objects.get(username="arm.head")
    assert (head.full_name, head.full_name_ru) == ("Nikol Pashinyan", "Никол Пашинян")
    body = apps.get_model("members", "Body").objects.get()
    assert (body.composition_en, body.composition_ru) == ("Heads of state", "Главы государств")
