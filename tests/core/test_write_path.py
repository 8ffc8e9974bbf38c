"""The one write path: only actions.py writes, a write outside an action is refused, one transaction."""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import inspect
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from nacl.signing import SigningKey as PrivateKey

import accord
from accord.core import acting
from accord.core.acting import Actor, action, record
from accord.core.errors import SignatureRefused
from accord.ledger import log
from accord.ledger.guard import WriteOutsideAction, current_action
from accord.ledger.models import Checkpoint, Entry, Head, Node
from accord.members import actions
from accord.members.models import Member, MembershipEvent, Organization, Person, SigningKey
from accord_verify import entries, note

PACKAGE = Path(accord.__file__).resolve().parent


def actor(handle: str) -> Actor:
    return Actor(person=Person.objects.select_related("member").get(username=handle))


def ledger_size() -> int:
    return log.size()


def public_key(seed: str) -> str:
    return entries.b64(bytes(PrivateKey(hashlib.sha256(seed.encode()).digest()).verify_key))

# Methods that write whatever model or queryset they are called on.
ALWAYS_WRITES = frozenset(
    {
        "bulk_create", "bulk_update", "get_or_create", "update_or_create",
        "abulk_create", "abulk_update", "aget_or_create", "aupdate_or_create",
    }
)  # fmt: skip
# Names that other objects use too (dict.update, hashlib's update, an image's save(path)): the ORM
# spells them with keyword arguments only, or on a chain that goes through `.objects` or a queryset.
ORM_SPELLED = frozenset({"save", "delete", "create", "update", "asave", "adelete", "acreate", "aupdate"})
# The writes whose SQL is built once (accord.core.prepared): a write wherever they are called, as the ORM's.
PREPARED_WRITES = frozenset({"save", "insert"})
QUERYSET_METHODS = frozenset(
    {
        "objects", "all", "filter", "exclude", "select_related", "prefetch_related", "order_by",
        "annotate", "alias", "distinct", "only", "defer", "using", "select_for_update", "none",
        "get", "first", "last", "earliest", "latest", "values", "values_list", "reverse",
    }
)  # fmt: skip


def _receiver_is_orm(node: ast.expr) -> bool:
    """Whether an expression goes through a manager or a queryset: Model.objects.filter(...)...."""
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            if node.attr in QUERYSET_METHODS:
                return True
            node = node.value
        else:
            return False


def _is_prepared_write(method: str, receiver: ast.expr) -> bool:
    return method in PREPARED_WRITES and isinstance(receiver, ast.Name) and receiver.id == "prepared"


def _is_super(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"


def writes_in(source: str, filename: str) -> list[str]:
    """Each `file:line` that calls a model's or a queryset's write method, with the call."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        method, receiver = node.func.attr, node.func.value
        if method in ALWAYS_WRITES or _is_prepared_write(method, receiver):
            writes = True
        elif method in ORM_SPELLED:
            positional = [a for a in node.args if not isinstance(a, ast.Starred)]
            writes = not _is_super(receiver) and (not positional or _receiver_is_orm(receiver))
        else:
            writes = False
        if writes:
            found.append(f"{filename}:{node.lineno}: {ast.unparse(node.func)}(...)")
    return found


# The operations the migrations share (a plain text becoming a text per language): run by migrations only,
# which carry stored state over to a new shape and are no acts.
MIGRATION_HELPERS = {PACKAGE / "core" / "migrating.py", PACKAGE / "decisions" / "migrating.py"}
# The search index: data derived from the state, no state (the audit leaves it out), written inside the act
# that changed what it shows (accord.core.acting.after_each_act) or rebuilt by `accord search reindex`.
DERIVED = {PACKAGE / "search" / "indexing.py"}
# The writes built once (accord.core.prepared), which the scan finds where they are called, as the ORM's own;
# the write guard refuses them outside an action as it refuses every save.
WRITE_HELPERS = {PACKAGE / "core" / "prepared.py"}


def _modules_outside_actions() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if (path.name == "actions.py" or "migrations" in path.parts
                or path in MIGRATION_HELPERS | DERIVED | WRITE_HELPERS):
            continue
        yield path


def test_it_finds_no_write_outside_an_actions_module() -> None:
    modules = list(_modules_outside_actions())
    assert any(path.name == "api.py" for path in modules)  # the scan does look at the package
    found = [
        hit
        for path in modules
        for hit in writes_in(path.read_text(), str(path.relative_to(PACKAGE.parent)))
    ]
    assert not found, "writes outside an actions.py (move them into an action):\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("source", "call"),
    [
        ("Member.objects.create(code='ARM')", "Member.objects.create"),
        ("Member.objects.filter(code='ARM').update(name_en='x')", "Member.objects.filter(code='ARM').update"),
        ("member.save()", "member.save"),
        ("member.save(update_fields=['name_en'])", "member.save"),
        ("member.delete()", "member.delete"),
        ("Member.objects.filter(code='ARM').delete()", "Member.objects.filter(code='ARM').delete"),
        ("person.keys.create(key_id='k')", "person.keys.create"),
        ("Member.objects.bulk_create(rows)", "Member.objects.bulk_create"),
        ("Member.objects.bulk_update(rows, ['name_en'])", "Member.objects.bulk_update"),
        ("Member.objects.get_or_create(code='ARM')", "Member.objects.get_or_create"),
        ("Member.objects.update_or_create(code='ARM', defaults={})", "Member.objects.update_or_create"),
        ("await member.asave()", "member.asave"),
        ("prepared.save(member, ['name_en'])", "prepared.save"),
        ("prepared.insert(SearchEntry, fields, rows)", "prepared.insert"),
    ],
)
def test_it_names_the_file_and_line_of_each_kind_of_write(source: str, call: str) -> None:
    code = f"async def f():\n    x = 1\n    {source}\n"
    assert writes_in(code, "accord/web/views.py") == [f"accord/web/views.py:3: {call}(...)"]


@pytest.mark.parametrize(
    "source",
    [
        "params.update({'a': 1})",
        "digest.update(data)",
        "seen.update(items)",
        "image.save(path)",
        "cache.delete(key)",
        "super().save(*args, **kwargs)",
        "Member.objects.filter(code='ARM').exists()",
    ],
)
def test_it_leaves_alone_what_only_looks_like_a_write(source: str) -> None:
    assert writes_in(f"{source}\n", "accord/web/views.py") == []


# At run time: the guard.


def test_it_refuses_to_save_a_guarded_model_outside_an_action(organization: None) -> None:
    before = ledger_size()
    with pytest.raises(WriteOutsideAction, match="Member was written outside an action"):
        Member(code="AZE", official_name={"en": "Azerbaijan Republic"}).save(force_insert=False)
    with pytest.raises(WriteOutsideAction):
        Member(code="MDA", official_name={"ru": "Молдова"}).save()
    assert not Member.objects.filter(code="MDA").exists()
    assert Member.objects.get(code="AZE").official_name == {}
    assert ledger_size() == before


def test_it_refuses_to_change_or_delete_a_row_outside_an_action(organization: None) -> None:
    person = Person.objects.get(username="arm.delegate")
    person.full_name = "Someone Else"
    with pytest.raises(WriteOutsideAction):
        person.save(update_fields=["full_name"])
    # A delete runs in a transaction of its own (a savepoint here), which the refusal rolls back.
    with pytest.raises(WriteOutsideAction), transaction.atomic():
        SigningKey.objects.filter(person=person).earliest("pk").delete()
    with pytest.raises(WriteOutsideAction), transaction.atomic():
        MembershipEvent.objects.filter(member_id="ARM").delete()
    assert Person.objects.get(username="arm.delegate").full_name["en"] == "Delegate of ARM"
    assert SigningKey.objects.filter(person=person).count() == 2
    assert MembershipEvent.objects.filter(member_id="ARM").count() == 2


def test_it_refuses_to_write_the_ledger_outside_an_action(organization: None) -> None:
    before = ledger_size()
    with pytest.raises(WriteOutsideAction):
        Entry(seq=before, time=dt.datetime.now(dt.UTC), type="x", classification="public", nonce="n" * 32,
              data="{}").save()
    with pytest.raises(WriteOutsideAction), transaction.atomic():
        Entry.objects.filter(seq=0).delete()
    with pytest.raises(RuntimeError, match="only from inside an action"):
        record(type="test.outside", actor=Actor.console(), body={})
    assert ledger_size() == before == Entry.objects.count()
    assert Entry.objects.filter(seq=0).exists()


def test_it_lifts_the_guard_only_for_the_action_in_progress(organization: None) -> None:
    seen: list[str | None] = []

    @action
    def look(*, actor: Actor) -> None:
        seen.append(current_action())

    look(actor=Actor.console())
    assert seen == [look.__qualname__]
    assert current_action() is None


def test_it_refuses_an_action_called_inside_another(organization: None) -> None:
    @action
    def outer(*, actor: Actor) -> None:
        actions.add_member(actor=actor, code="MDA", acceded_on="2000-01-01")

    with pytest.raises(RuntimeError, match="was called inside"):
        outer(actor=Actor.console())
    assert not Member.objects.filter(code="MDA").exists()


# One transaction: the change and its entry commit together or not at all.


class Boom(Exception):
    pass


def _ledger_rows() -> tuple[int, int, int, int]:
    return (Entry.objects.count(), Node.objects.count(), Checkpoint.objects.count(),
            Head.objects.get().size)


def test_an_action_failing_after_its_entry_leaves_neither_the_row_nor_the_entry(
    organization: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _ledger_rows()

    def record_then_fail(**kwargs: Any) -> acting.Recorded:
        acting.record(**kwargs)
        raise Boom

    monkeypatch.setattr(actions, "record", record_then_fail)
    with pytest.raises(Boom):
        actions.add_member(actor=Actor.console(), code="MDA", acceded_on="2000-01-01")
    assert not Member.objects.filter(code="MDA").exists()
    assert not MembershipEvent.objects.filter(member_id="MDA").exists()
    assert _ledger_rows() == before


def test_an_append_failing_at_its_checkpoint_leaves_nothing(
    organization: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _ledger_rows()

    def fail(*args: Any, **kwargs: Any) -> None:
        raise Boom

    monkeypatch.setattr(note, "sign_note", fail)
    with pytest.raises(Boom):
        actions.change_role(actor=actor("arm.head"), person="arm.delegate", role="liaison")
    assert Person.objects.get(username="arm.delegate").role == "delegate"
    assert _ledger_rows() == before


def test_an_action_refused_after_its_write_leaves_nothing(organization: None) -> None:
    # configure_organization saves first, then checks nothing more; the refusal comes from record()
    # (an unknown classification is not possible here), so use a refused signature instead.
    before = _ledger_rows()
    with pytest.raises(SignatureRefused):
        actions.configure_organization(
            actor=actor("secretariat"), headquarters={"ru": "Минск"},
            signed=acting.Signed(key="ed25519:0000000000000000", sig="AAAA", nonce="n" * 32),
        )
    assert Organization.objects.get().headquarters["ru"] == "Москва"
    assert _ledger_rows() == before


# The actor of every act is in its entry.


def _latest_statement() -> dict[str, Any]:
    statement: dict[str, Any] = json.loads(Entry.objects.latest("seq").data)["statement"]
    return statement


ARM_KEY = public_key("arm.delegate spare")
ROTATED_TO = public_key("arm.delegate rotated")
# Each registry action, run by a persona allowed to do it: (actor, call).
ACTS: dict[str, tuple[str | None, Callable[[Actor], object]]] = {
    "configure_organization": ("secretariat", lambda a: actions.configure_organization(
        actor=a, headquarters={"ru": "Москва, Россия"})),
    "add_member": ("secretariat", lambda a: actions.add_member(actor=a, code="SRB", acceded_on="2024-01-01")),
    "set_log_witnesses": ("secretariat", lambda a: actions.set_log_witnesses(actor=a, witnesses=[])),
    "set_official_name": ("secretariat", lambda a: actions.set_official_name(
        actor=a, member="KGZ", name={"ru": "Кыргызстан"})),
    "record_membership_event": ("secretariat", lambda a: actions.record_membership_event(
        actor=a, member="UZB", kind="withdrew", on="2013-01-01")),
    "change_handover_rule": ("secretariat", lambda a: actions.change_handover_rule(
        actor=a, rule="on_january_1", from_term=2030)),
    "record_handover": (None, lambda a: actions.record_handover(actor=a, term=2027, on="2026-11-20")),
    "record_chair_override": ("secretariat", lambda a: actions.record_chair_override(
        actor=a, member="RUS", start="2009-06-14", end="2009-06-15", reason="for Belarus' absence")),
    "add_person": ("arm.head", lambda a: actions.add_person(
        actor=a, username="arm.liaison", full_name="Liaison of ARM", role="liaison", member="ARM")),
    "change_role": ("arm.head", lambda a: actions.change_role(actor=a, person="arm.delegate", role="liaison")),
    "set_title": ("arm.head", lambda a: actions.set_title(actor=a, person="arm.delegate", title={"ru": "Посол"})),
    "deactivate_person": ("kaz.head", lambda a: actions.deactivate_person(actor=a, person="kaz.delegate")),
    "reactivate_person": ("kaz.head", lambda a: actions.reactivate_person(actor=a, person="kaz.delegate")),
    "set_password": ("arm.delegate", lambda a: actions.set_password(
        actor=a, person="arm.delegate", password="a long enough passphrase")),
    "register_key": ("arm.delegate", lambda a: actions.register_key(
        actor=a, person="arm.delegate", public_key=ARM_KEY)),
    "rotate_key": ("arm.delegate", lambda a: actions.rotate_key(
        actor=a, key_id=SigningKey.objects.filter(person__username="arm.delegate", label="test").get().key_id,
        public_key=ROTATED_TO)),
    "revoke_key": ("arm.head", lambda a: actions.revoke_key(
        actor=a, key_id=SigningKey.objects.filter(person__username="arm.delegate", label="laptop").get().key_id,
        reason="lost")),
    "establish_body": ("secretariat", lambda a: actions.establish_body(
        actor=a, code="PC", name={"ru": "Постоянный совет", "en": "Permanent Council"})),
    "seat_person": ("arm.head", lambda a: actions.seat_person(actor=a, body="CSC", person="arm.delegate")),
    "unseat_person": ("kaz.head", lambda a: actions.unseat_person(actor=a, body="CSC", person="kaz.head")),
    "establish_office": ("secretariat", lambda a: actions.establish_office(
        actor=a, code="SG", name={"ru": "Генеральный секретарь", "en": "Secretary General"}, term_years=3)),
    "record_appointment": ("secretariat", lambda a: actions.record_appointment(
        actor=a, office="SG", holder={"ru": "А. Иванов"}, start="2020-01-01")),
}


def test_every_registry_action_is_in_the_actor_test() -> None:
    registry_actions = {
        name for name, function in inspect.getmembers(actions, inspect.isfunction)
        if function.__module__ == actions.__name__ and hasattr(function, "__wrapped__")
    }
    assert registry_actions == set(ACTS)


@pytest.mark.parametrize("name", sorted(ACTS))
def test_each_action_records_its_actor_in_its_entry(organization: None, name: str) -> None:
    handle, call = ACTS[name]
    # record_handover is also the console operator's: the entry then names no person.
    who = actor(handle) if handle else Actor.console()
    if name == "record_handover":  # terms from 2024 on are handed over on 1 January, until said otherwise
        actions.change_handover_rule(actor=Actor.console(), rule="at_regular_session", from_term=2027)
    if name in ("seat_person", "unseat_person"):  # a body to sit on, and for the second a seat to end
        actions.establish_body(actor=Actor.console(), code="CSC", name={"ru": "Совет", "en": "Council"})
        actions.seat_person(actor=Actor.console(), body="CSC", person="kaz.head")
    if name == "record_appointment":  # an office to appoint to
        actions.establish_office(actor=Actor.console(), code="SG", name={"ru": "Генеральный секретарь"})
    if name == "reactivate_person":  # a person to reactivate
        actions.deactivate_person(actor=Actor.console(), person="kaz.delegate")
    before = ledger_size()
    call(who)
    assert ledger_size() == before + 1
    expected_member = who.person.member_id if who.person else None
    assert _latest_statement()["actor"] == {"member": expected_member, "person": handle}
