"""The migration of people's plain texts to texts per language keeps every one: a person's title, a
speaker's name and who represented a member arrive under the organization's default language, and come
back when migrated backwards."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from migrating import migrate

from accord.ledger.guard import acting

# Whatever a test leaves migrated, every app is at its latest migration after it.
pytestmark = pytest.mark.usefixtures("migrations_restored")

BEFORE = [("meetings", "0002_texts"), ("members", "0005_texts")]
AFTER = [("meetings", "0003_people_texts"), ("members", "0006_person_title_texts")]


@pytest.mark.django_db(transaction=True)
def test_each_plain_text_arrives_in_the_default_language_and_goes_back() -> None:
    old = migrate(BEFORE)
    with acting("test: rows as the old schema held them"):
        rows = _old_rows(old)

    new = migrate(AFTER)
    head = new.get_model("members", "Person").objects.get(pk=rows["head"])
    assert (list(head.title.items()), list(head.full_name.items())) == (
        [("fr", "Président")], [("fr", "Anne"), ("en", "Anne")])
    assert new.get_model("members", "Person").objects.get(pk=rows["clerk"]).title == {}
    statement = new.get_model("meetings", "Statement").objects.get(pk=rows["statement"])
    assert list(statement.speaker_name.items()) == [("fr", "Anne Dupont")]
    present, absent = (new.get_model("meetings", "Attendance").objects.get(pk=pk) for pk in rows["attendance"])
    assert (dict(present.represented_by), dict(absent.represented_by)) == ({"fr": "La ministre"}, {})

    back = migrate(BEFORE)
    assert back.get_model("members", "Person").objects.get(pk=rows["head"]).title == "Président"
    assert back.get_model("members", "Person").objects.get(pk=rows["clerk"]).title == ""
    assert back.get_model("meetings", "Statement").objects.get(pk=rows["statement"]).speaker_name == "Anne Dupont"
    assert [back.get_model("meetings", "Attendance").objects.get(pk=pk).represented_by
            for pk in rows["attendance"]] == ["La ministre", ""]


@pytest.mark.django_db(transaction=True)
def test_going_back_keeps_the_default_languages_text_or_the_first_there_is() -> None:
    migrate(BEFORE)
    new = migrate(AFTER)
    with acting("test: rows written in several languages"):
        new.get_model("members", "Organization").objects.create(pk=1, working_languages=["fr"],
                                                                languages=["fr", "en"])
        both = new.get_model("members", "Person").objects.create(
            username="both", full_name=[["fr", "Anne"]], role="observer",
            title=[["en", "Chair"], ["fr", "Présidente"]])
        english = new.get_model("members", "Person").objects.create(
            username="english", full_name=[["fr", "Paul"]], role="observer", title=[["en", "Clerk"]])

    back = migrate(BEFORE)
    person = back.get_model("members", "Person").objects
    assert (person.get(pk=both.pk).title, person.get(pk=english.pk).title) == ("Présidente", "Clerk")


def _old_rows(old: Any) -> dict[str, Any]:
    old.get_model("members", "Organization").objects.create(pk=1, working_languages=["fr"], languages=["fr", "en"])
    member = old.get_model("members", "Member").objects.create(code="FRA")
    person = old.get_model("members", "Person")
    head = person.objects.create(username="fra.head", full_name=[["fr", "Anne"], ["en", "Anne"]], member=member,
                                 role="head", title="Président")
    clerk = person.objects.create(username="clerk", full_name=[["fr", "Paul"]], role="secretariat_officer")
    body = old.get_model("members", "Body").objects.create(code="TST", name=[["fr", "Conseil"]], entry_seq=1)
    session = old.get_model("meetings", "Session").objects.create(
        body=body, title=[["fr", "Sommet"]], kind="regular", mode="in_person", convened_by="chair",
        starts_on=dt.date(2022, 5, 16), ends_on=dt.date(2022, 5, 16), entry_seq=2)
    part = old.get_model("meetings", "Part").objects.create(session=session, number=1, kind="plenary",
                                                             is_open=True, entry_seq=3)
    statement = old.get_model("meetings", "Statement").objects.create(
        part=part, order=1, speaker=head, speaker_name="Anne Dupont", delegation=member, entry_seq=4)
    attendance = old.get_model("meetings", "Attendance")
    present = attendance.objects.create(part=part, member=member, presence="in_person",
                                        represented_by="La ministre", entry_seq=5)
    other = old.get_model("members", "Member").objects.create(code="BEL")
    absent = attendance.objects.create(part=part, member=other, presence="absent", entry_seq=6)
    return {"head": head.pk, "clerk": clerk.pk, "statement": statement.pk,
            "attendance": [present.pk, absent.pk]}
