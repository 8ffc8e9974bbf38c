"""Issue #16: a letter's English and Russian columns become one text per language, without loss, and back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accord.ledger.guard import acting

# Whatever a test leaves migrated, every app is at its latest migration after it.
pytestmark = pytest.mark.usefixtures("migrations_restored")

BEFORE = [("crises", "0005_link"), ("members", "0004_organization_languages")]
AFTER = [("crises", "0006_letter_text")]
AT = dt.datetime(2022, 1, 20, tzinfo=dt.UTC)


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _letters_before(apps: Any, languages: list[str]) -> None:
    """An organization with its languages, a request, and letters in the old columns."""
    Organization = apps.get_model("members", "Organization")
    Member = apps.get_model("members", "Member")
    Crisis = apps.get_model("crises", "Crisis")
    Letter = apps.get_model("crises", "Letter")
    fields = {field.name for field in Organization._meta.get_fields()}
    values: dict[str, Any] = {name: "x" for name in ("name_en", "name_ru", "abbreviation_en", "abbreviation_ru",
                                                     "headquarters_en", "headquarters_ru", "treaty_name_en",
                                                     "treaty_name_ru") if name in fields}
    Organization.objects.create(pk=1, working_languages=languages[:1], languages=languages, **values)
    Member.objects.create(code="KAZ", name_en="Kazakhstan", name_ru="Казахстан")
    crisis = Crisis.objects.create(requester_id="KAZ", legal_basis="aggression", happened="Protests",
                                   area="Kazakhstan", asks_for="Assistance", requested_at=AT, entry_seq=1)
    Letter.objects.create(crisis=crisis, kind="notification", text_en="The letter", text_ru="Письмо", sent_at=AT,
                          entry_seq=2)
    Letter.objects.create(crisis=crisis, kind="report", text_en="Only English", text_ru="", sent_at=AT,
                          entry_seq=3)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("languages", "first"), [(["ru", "en"], ["ru", "en"]), (["en", "ru"], ["en", "ru"]),
                                                  (["fr", "en"], ["en", "ru"])])
def test_every_letter_text_arrives_in_the_organizations_order_and_goes_back(languages: list[str],
                                                                           first: list[str]) -> None:
    with acting("the rows as the old schema held them"):
        _letters_before(_migrate(BEFORE), languages)
    apps = _migrate(AFTER)
    texts = {letter.kind: list(letter.text.items()) for letter in apps.get_model("crises", "Letter").objects.all()}
    notification = {"ru": "Письмо", "en": "The letter"}
    assert texts["notification"] == [(code, notification[code]) for code in first]
    assert texts["report"] == [("en", "Only English")]  # an empty text is dropped
    apps = _migrate(BEFORE)
    letters = apps.get_model("crises", "Letter").objects.all()
    back = {letter.kind: (letter.text_en, letter.text_ru) for letter in letters}
    assert back == {"notification": ("The letter", "Письмо"), "report": ("Only English", "")}
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # the database as the other tests find it


@pytest.mark.django_db(transaction=True)
def test_a_requests_note_becomes_the_default_languages_text_and_goes_back() -> None:
    before = [("crises", "0006_letter_text")]
    with acting("the rows as the old schema held them"):
        _letters_before(_migrate(BEFORE), ["ru", "en"])
    apps = _migrate(before)
    Crisis = apps.get_model("crises", "Crisis")
    with acting("the rows as the old schema held them"):
        Crisis.objects.update(outcome_note="Совместного заявления не последовало")
        Crisis.objects.create(requester_id="KAZ", legal_basis="consultations", happened="Again", area="Almaty",
                              asks_for="Talks", requested_at=AT, entry_seq=4)
    apps = _migrate([("crises", "0007_crisis_outcome_note_texts")])
    crises = apps.get_model("crises", "Crisis").objects.order_by("pk")
    notes = [list(crisis.outcome_note.items()) for crisis in crises]
    assert notes == [[("ru", "Совместного заявления не последовало")], []]
    apps = _migrate(before)
    back = list(apps.get_model("crises", "Crisis").objects.order_by("pk").values_list("outcome_note", flat=True))
    assert back == ["Совместного заявления не последовало", ""]
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("languages", [["ru", "en"], ["en", "fr"]])
def test_a_crisis_own_texts_become_the_default_languages_and_go_back(languages: list[str]) -> None:
    before = [("crises", "0007_crisis_outcome_note_texts")]
    with acting("the rows as the old schema held them"):
        _letters_before(_migrate(BEFORE), languages)
    apps = _migrate(before)
    Crisis, Mandate = apps.get_model("crises", "Crisis"), apps.get_model("crises", "Mandate")
    with acting("the rows as the old schema held them"):
        crisis = Crisis.objects.get()
        Crisis.objects.filter(pk=crisis.pk).update(closing_note="Closed")
        Crisis.objects.create(requester_id="KAZ", legal_basis="consultations", happened="Again", area="Almaty",
                              asks_for="Talks", requested_at=AT, entry_seq=4)
        body = apps.get_model("members", "Body").objects.create(code="CMD", name_en="Defence", name_ru="Оборона",
                                                               entry_seq=0)
        mandate = Mandate.objects.create(crisis=crisis, purpose="Protect", area="Almaty", commander="Сердюков",
                                         commander_body=body, entry_seq=5)
        apps.get_model("crises", "Extension").objects.create(mandate=mandate, ends_at=AT, reference="Protocol",
                                                             entry_seq=6)
        apps.get_model("crises", "SituationReport").objects.create(crisis=crisis, number=1, source="commander",
                                                                   text="Quiet", at=AT, entry_seq=7)
        apps.get_model("crises", "Lesson").objects.create(crisis=crisis, text="Raw", validated=True,
                                                          validated_text="Valid", entry_seq=8)
        apps.get_model("crises", "Lesson").objects.create(crisis=crisis, text="Unvalidated", entry_seq=9)
    default = languages[0]
    apps = _migrate([("crises", "0008_crises_texts")])

    def texts(model: str, *fields: str) -> list[tuple[Any, ...]]:
        rows = apps.get_model("crises", model).objects.order_by("pk")
        return [tuple(list(getattr(row, name).items()) for name in fields) for row in rows]

    assert texts("Crisis", "happened", "area", "asks_for", "closing_note") == [
        ([(default, "Protests")], [(default, "Kazakhstan")], [(default, "Assistance")], [(default, "Closed")]),
        ([(default, "Again")], [(default, "Almaty")], [(default, "Talks")], []),
    ]
    assert texts("Mandate", "purpose", "area", "commander") == [
        ([(default, "Protect")], [(default, "Almaty")], [(default, "Сердюков")])]
    assert texts("Extension", "reference") == [([(default, "Protocol")],)]
    assert texts("SituationReport", "text") == [([(default, "Quiet")],)]
    assert texts("Lesson", "text", "validated_text") == [([(default, "Raw")], [(default, "Valid")]),
                                                         ([(default, "Unvalidated")], [])]
    apps = _migrate(before)
    crises = apps.get_model("crises", "Crisis").objects.order_by("pk")
    assert list(crises.values_list("happened", "area", "asks_for", "closing_note")) == [
        ("Protests", "Kazakhstan", "Assistance", "Closed"), ("Again", "Almaty", "Talks", "")]
    assert list(apps.get_model("crises", "Mandate").objects.values_list("purpose", "area", "commander")) == [
        ("Protect", "Almaty", "Сердюков")]
    assert list(apps.get_model("crises", "Extension").objects.values_list("reference", flat=True)) == ["Protocol"]
    assert list(apps.get_model("crises", "SituationReport").objects.values_list("text", flat=True)) == ["Quiet"]
    lessons = apps.get_model("crises", "Lesson").objects.order_by("pk").values_list("text", "validated_text")
    assert list(lessons) == [("Raw", "Valid"), ("Unvalidated", "")]
