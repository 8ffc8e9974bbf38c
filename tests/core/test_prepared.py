"""Reads and inserts whose SQL is built once (accord.core.prepared) answer exactly what Django's own would.

Each prepared read of the act's path is compared with its queryset's answer, field by field, its related
instances and annotations included: Django's steps that it follows are internal, so an upgrade that changes
them fails here first.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import DatabaseError, connection, connections
from django.db.models import F, Model
from django.db.models.signals import post_save, pre_save
from django.test.utils import CaptureQueriesContext

from accord.core import acting
from accord.core.errors import InvalidInput
from accord.core.prepared import LONGEST_LIST, Prepared, insert, save
from accord.ledger import log
from accord.ledger.guard import WriteOutsideAction
from accord.ledger.guard import acting as inside_an_action
from accord.ledger.models import Head
from accord.members import queries as members_queries
from accord.members.backends import PersonBackend
from accord.members.models import MembershipEvent, Person, SigningKey
from accord.search.models import SearchEntry

pytestmark = pytest.mark.usefixtures("organization")


def _fields(instance: Model) -> dict[str, Any]:
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}


def test_it_reads_the_signing_key_with_its_person_member_and_the_log_size_as_the_queryset_does() -> None:
    key_id = SigningKey.objects.filter(person__username="arm.head").values_list("key_id", flat=True).get()
    [prepared] = acting._KEY_WITH_SIGNER(key_id=key_id)
    [orm] = list(acting._key_with_signer(key_id))
    assert _fields(prepared) == _fields(orm)
    assert _fields(prepared.person) == _fields(orm.person)
    assert prepared.person.member is not None
    assert orm.person.member is not None
    assert _fields(prepared.person.member) == _fields(orm.person.member)
    assert prepared.log_size == orm.log_size  # type: ignore[attr-defined]
    with CaptureQueriesContext(connection) as captured:
        assert prepared.person.member.name == orm.person.member.name
    assert not captured.captured_queries  # the related instances came with the row, as select_related's do


def test_it_reads_a_person_and_a_membership_history_as_their_querysets_do() -> None:
    prepared = members_queries.person_named("kaz.delegate")
    assert prepared is not None
    orm = Person.objects.select_related("member").get(username="kaz.delegate")
    assert _fields(prepared) == _fields(orm)
    assert prepared.member is not None
    assert orm.member is not None
    assert _fields(prepared.member) == _fields(orm.member)
    assert members_queries._MEMBERSHIP_EVENTS(member="KAZ") == list(
        MembershipEvent.objects.filter(member_id="KAZ").order_by("on", "entry_seq")
        .values_list("kind", "on", "reference"))
    assert all(isinstance(row, tuple) for row in members_queries._MEMBERSHIP_EVENTS(member="KAZ"))


def test_the_sign_in_backend_reads_a_requests_person_with_its_member_as_the_queryset_does() -> None:
    backend = PersonBackend()
    orm = Person.objects.select_related("member").get(username="kaz.delegate")
    found = backend.get_user(orm.pk)
    assert found is not None
    assert _fields(found) == _fields(orm)
    assert found.member is not None
    assert orm.member is not None
    assert _fields(found.member) == _fields(orm.member)
    assert backend.get_user(str(orm.pk)) is not None  # as a session may keep it
    assert backend.get_user(10**9) is None
    assert backend.get_user("not a number") is None
    with inside_an_action("tests.prepared"):
        orm.is_active = False
        orm.save(update_fields=["is_active"])
    assert backend.get_user(orm.pk) is None  # Django's rule: an inactive person is no one's user


def test_log_size_and_version_read_in_plain_sql_agree_with_the_model() -> None:
    head = Head.objects.get(pk=1)
    assert log.size() == head.size
    assert log.version().startswith(f"{head.size}:")


def test_it_reads_nothing_for_a_value_nothing_has() -> None:
    assert members_queries.person_named("nobody") is None
    assert acting._KEY_WITH_SIGNER(key_id="accord.prepared.stand-in.0") == []  # not even its own stand-in


def test_it_reads_with_integer_parameters_and_through_the_connection_watchers_see() -> None:
    by_pk = Prepared(lambda pk: Person.objects.filter(pk=pk), pk=int)
    person = Person.objects.get(username="arm.head")
    with CaptureQueriesContext(connection) as captured:
        assert [found.username for found in by_pk(pk=person.pk)] == ["arm.head"]
        assert by_pk(pk=person.pk + 10_000) == []
    assert len(captured.captured_queries) == 2  # each run is a statement of its own, seen as such


def test_a_read_is_built_once_for_every_connection_to_its_database(monkeypatch: pytest.MonkeyPatch) -> None:
    # Under the server each request has a connection object of its own: a plan per connection was built again
    # on every request.
    by_pk = Prepared(lambda pk: Person.objects.filter(pk=pk), pk=int)
    person = Person.objects.get(username="arm.head")
    assert [found.username for found in by_pk(pk=person.pk)] == ["arm.head"]
    monkeypatch.setattr(by_pk, "_plan", lambda connection: pytest.fail("built again"))
    answers: list[list[str]] = []

    def on_another_connection() -> None:
        try:
            answers.append([found.username for found in by_pk(pk=person.pk)])
        finally:
            connections.close_all()

    thread = threading.Thread(target=on_another_connection)
    thread.start()
    thread.join()
    # Answered, without building: on a connection of its own, which does not see this test's uncommitted rows.
    assert answers == [[]]


def test_it_refuses_a_read_whose_parameter_does_not_reach_the_database_as_given() -> None:
    containing = Prepared(lambda text: Person.objects.filter(username__contains=text), text=str)
    with pytest.raises(TypeError, match="text"):
        containing(text="arm")  # sent as %arm%: a plan would answer for the stand-in's pattern


def test_it_refuses_a_read_declared_without_its_parameters_types() -> None:
    with pytest.raises(TypeError, match="username"):
        Prepared(lambda username: Person.objects.filter(username=username))


def test_it_reads_with_a_list_of_values_as_the_queryset_does() -> None:
    def named(names: list[str | None], members: list[str]) -> Any:
        return Person.objects.filter(username__in=names, member_id__in=members).order_by("username")

    by_names = Prepared(named, names=list[str], members=list[str])
    usernames: list[str | None] = [*sorted(Person.objects.values_list("username", flat=True))]
    lists: list[list[str | None]] = [usernames[:1], usernames[:3], usernames[:5], usernames[2:9], usernames,
             ["nobody", *usernames[:2]], [usernames[0], usernames[0], None], [], [None]]
    for names in lists:
        for members in (["KAZ"], ["KAZ", "RUS", "ARM"], ["nowhere"], []):
            orm = list(named(names, members))
            assert [_fields(found) for found in by_names(names=names, members=members)] == [
                _fields(found) for found in orm], (names, members)
    # Each list compiled for a length that is a power of two (3 and 4 values share a plan, as do 5 to 8).
    compiled = {length for _, _, lengths in by_names._plans for length in lengths}
    assert compiled >= {1, 2, 4, 8}
    assert all(length & (length - 1) == 0 for length in compiled)


def test_a_list_longer_than_prepared_is_read_as_the_queryset_reads_it() -> None:
    by_pks = Prepared(lambda pks: Person.objects.filter(pk__in=pks).order_by("pk").values_list("pk", flat=False),
                      pks=list[int])
    pks = sorted(Person.objects.values_list("pk", flat=True))
    many = [*pks, *range(10**6, 10**6 + LONGEST_LIST)]
    assert by_pks(pks=many) == [(pk,) for pk in pks]
    assert by_pks._plans == {}


def test_it_refuses_a_parameter_of_another_type() -> None:
    with pytest.raises(TypeError, match="float"):
        Prepared(lambda share: Person.objects.filter(pk=share), share=float)
    with pytest.raises(TypeError, match="bytes"):
        Prepared(lambda keys: Person.objects.filter(pk__in=keys), keys=list[bytes])


FIELDS = ("kind", "ref", "parent", "language", "config", "title", "text", "classification", "audience")


def test_it_inserts_rows_as_bulk_create_does() -> None:
    def rows(ref: int) -> list[tuple[Any, ...]]:
        return [("act", ref, None, language, "simple", "A title", "Ёлка · text", "participants", "ARM KAZ")
                for language in ("en", "ru")]

    insert(SearchEntry, FIELDS, rows(10**9))
    SearchEntry.objects.bulk_create([SearchEntry(**dict(zip(FIELDS, row, strict=True)))
                                     for row in rows(10**9 + 1)])
    written = {ref: sorted((row.language, row.title, row.text, row.classification, row.audience, row.parent)
                           for row in SearchEntry.objects.filter(kind="act", ref=ref))
               for ref in (10**9, 10**9 + 1)}
    assert written[10**9] == written[10**9 + 1]
    assert len(written[10**9]) == 2
    insert(SearchEntry, FIELDS, [])  # nothing to write, nothing written
    assert SearchEntry.objects.filter(kind="act", ref__gte=10**9).count() == 4


def test_it_refuses_an_inserted_value_the_database_would_not_take_as_given() -> None:
    with pytest.raises(TypeError, match="whole number"):
        insert(SearchEntry, FIELDS, [("act", 10**9, None, "en", "simple", "A title", b"bytes", "public", "")])
    with pytest.raises(TypeError, match="whole number"):
        insert(SearchEntry, FIELDS, [("act", 10**9, None, "en")])
    assert not SearchEntry.objects.filter(kind="act", ref=10**9).exists()


def _heard(signal: Any) -> list[dict[str, Any]]:
    heard: list[dict[str, Any]] = []

    def hear(sender: type[Model], **kwargs: Any) -> None:
        if sender is Person:
            heard.append({"update_fields": kwargs["update_fields"], "created": kwargs.get("created"),
                          "raw": kwargs["raw"], "using": kwargs["using"]})

    signal.connect(hear, weak=False, dispatch_uid=f"test-prepared-{id(heard)}")
    return heard


def test_it_saves_fields_as_django_save_does_in_one_update_with_the_same_signals() -> None:
    one, other = Person.objects.get(username="kaz.delegate"), Person.objects.get(username="arm.head")
    heard = {"pre": _heard(pre_save), "post": _heard(post_save)}
    try:
        with inside_an_action("tests.prepared"):
            one.role, one.is_delegation_admin = "liaison", True
            with CaptureQueriesContext(connection) as queries:
                save(one, ["role", "is_delegation_admin"])
            other.role, other.is_delegation_admin = "liaison", True
            other.save(update_fields=["role", "is_delegation_admin"])
    finally:
        for signal in (pre_save, post_save):
            for key in list(heard):
                signal.disconnect(dispatch_uid=f"test-prepared-{id(heard[key])}")
    [update] = queries.captured_queries
    assert update["sql"].startswith('UPDATE "members_person" SET ')
    for person in (one, other):
        person.refresh_from_db()
        assert (person.role, person.is_delegation_admin) == ("liaison", True)
    assert heard["pre"][0] == heard["pre"][1] == {"update_fields": frozenset({"role", "is_delegation_admin"}),
                                                  "created": None, "raw": False, "using": "default"}
    assert heard["post"][0] == heard["post"][1] == {"update_fields": frozenset({"role", "is_delegation_admin"}),
                                                    "created": False, "raw": False, "using": "default"}


def test_a_save_is_refused_as_django_refuses_it() -> None:
    person = Person.objects.get(username="kaz.delegate")
    person.role = "liaison"
    with pytest.raises(WriteOutsideAction):  # the write guard, a pre_save receiver
        save(person, ["role"])
    with inside_an_action("tests.prepared"):
        person.role = "x" * 31
        with pytest.raises(InvalidInput):  # the columns' limits, another
            save(person, ["role"])
        with pytest.raises(ValueError, match="no field to save named nothing"):
            save(person, ["nothing"])
        person.role = F("role")
        with pytest.raises(TypeError, match="expression"):
            save(person, ["role"])
        person.role = "delegate"
        key = SigningKey.objects.filter(person__username="arm.head").get()
        key.person = Person(username="nobody")  # not saved: Django refuses to save a reference to it
        with pytest.raises(ValueError, match="unsaved related object 'person'"):
            save(key, ["person"])
        assert Person.objects.get(username="kaz.delegate").role != "liaison"
        gone = Person.objects.get(username="kaz.delegate")
        gone.pk = 10**9
        # Django's error, the transaction marked to roll back as Django marks it.
        with pytest.raises(DatabaseError, match="did not affect any rows"):
            save(gone, ["role"])


def test_a_password_set_is_saved_by_the_models_own_save(monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    monkeypatch.setattr("django.contrib.auth.password_validation.password_changed",
                        lambda password, user=None, password_validators=None: told.append(password))
    person = Person.objects.get(username="kaz.delegate")
    with inside_an_action("tests.prepared"):
        person.set_password("a new password of some length")
        save(person, ["password"])
        save(person, ["password"])  # told once: the model forgets the password it has told
    assert told == ["a new password of some length"]
    assert Person.objects.get(username="kaz.delegate").check_password("a new password of some length")
