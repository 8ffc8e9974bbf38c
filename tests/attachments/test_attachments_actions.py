"""Attaching and withdrawing files: who may, what each refusal names, what the entry records, the store
by hash, and the visibility an attachment inherits from what it is attached to."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import meetings_world
import pytest
from django.core.management import call_command
from files import EXECUTABLE, PDF, TEXT

from accord.attachments import actions, queries, store
from accord.attachments.models import Attachment
from accord.core.acting import Actor
from accord.core.errors import AccordError, InvalidInput, NotFound, NotPermitted
from accord.core.policy import viewer_of
from accord.ledger.models import Entry
from accord.meetings.models import Session
from accord.members.models import Person


def _actor(handle: str) -> Actor:
    return Actor(person=Person.objects.get(username=handle))


def _viewer(handle: str) -> Any:
    return viewer_of(Person.objects.get(username=handle))


def _entry(seq: int) -> dict[str, Any]:
    return json.loads(Entry.objects.get(seq=seq).data)["statement"]  # type: ignore[no-any-return]


def test_it_stores_the_file_by_its_hash_and_names_it_in_the_entry(world: meetings_world.World,
                                                                  own_store: Path) -> None:
    row = actions.attach(actor=_actor("secretariat"), on="session", target=world.summit,
                         name="C:\\docs\\agenda.pdf", content=PDF)
    sha = hashlib.sha256(PDF).hexdigest()
    assert (own_store / sha[:2] / sha).read_bytes() == PDF
    assert (row.name, row.sha256, row.size, row.content_type) == ("agenda.pdf", sha, len(PDF), "application/pdf")
    statement = _entry(row.entry_seq)
    assert statement["type"] == "attachments.attached"
    assert statement["classification"] == "public"
    assert statement["body"] == {"attachment": row.pk, "on": "session", "target": world.summit,
                                 "session": world.summit, "name": "agenda.pdf", "sha256": sha, "size": len(PDF),
                                 "content_type": "application/pdf"}


def test_it_keeps_one_copy_of_a_file_attached_twice(world: meetings_world.World, own_store: Path) -> None:
    actions.attach(actor=_actor("secretariat"), on="session", target=world.summit, name="a.txt", content=TEXT)
    actions.attach(actor=_actor("secretariat"), on="item", target=world.open_item, name="b.txt", content=TEXT)
    assert len([p for p in own_store.rglob("*") if p.is_file()]) == 1
    assert Attachment.objects.count() == 2


def test_an_attachment_on_a_closed_part_item_is_sealed_and_hidden_like_the_item(
        world: meetings_world.World) -> None:
    row = actions.attach(actor=_actor("secretariat"), on="item", target=world.closed_item, name="closed.txt",
                         content=TEXT)
    statement = _entry(row.entry_seq)
    assert statement["classification"] == "participants"
    assert "body" not in statement  # a commitment only, as the item's own acts
    assert [a.pk for a in queries.attachments(_viewer("kaz.head"), "item", world.closed_item)] == [row.pk]
    with pytest.raises(NotFound) as hidden:
        queries.attachment(_viewer("arm.head"), row.pk)
    with pytest.raises(NotFound) as missing:
        queries.attachment(_viewer("arm.head"), 987654)
    assert str(hidden.value) == str(missing.value)


def _chair(world: meetings_world.World) -> str:
    return f"{str(Session.objects.get(pk=world.summit).chair_id).lower()}.head"


@pytest.mark.parametrize(("who", "arguments", "error", "field"), [
    ("kgz.delegate", {}, NotPermitted, "actor"),
    ("observer", {}, NotPermitted, "actor"),
    ("arm.head", {"on": "item", "target": "closed"}, NotFound, "item"),
    ("secretariat", {"on": "part"}, InvalidInput, "on"),
    ("secretariat", {"target": 987654}, NotFound, "session"),
    ("secretariat", {"content": b""}, InvalidInput, "file"),
    ("secretariat", {"content": EXECUTABLE}, InvalidInput, "file"),
    ("secretariat", {"name": "   "}, InvalidInput, "file"),
    ("secretariat", {"content": b"%PDF-" + bytes(6 * 1024 * 1024)}, InvalidInput, "file"),
])
def test_it_refuses_naming_the_field_and_writes_nothing(world: meetings_world.World, who: str,
                                                        arguments: dict[str, Any], error: type[AccordError],
                                                        field: str) -> None:
    if who == "kgz.delegate" and _chair(world).startswith("kgz"):
        who = "arm.delegate"
    given: dict[str, Any] = {"on": "session", "target": world.summit, "name": "agenda.pdf", "content": PDF,
                             **arguments}
    if given["target"] == "closed":
        given["target"] = world.closed_item
    before = Entry.objects.count()
    with pytest.raises(error) as refused:
        actions.attach(actor=_actor(who), **given)
    assert refused.value.field == field
    assert Entry.objects.count() == before
    assert not Attachment.objects.exists()


def test_the_chairing_delegation_attaches_to_its_session(world: meetings_world.World) -> None:
    row = actions.attach(actor=_actor(_chair(world)), on="item", target=world.open_item, name="notes.txt",
                         content=TEXT)
    assert row.by == _chair(world)


def test_withdrawing_hides_the_file_and_keeps_the_bytes(world: meetings_world.World, own_store: Path) -> None:
    row = actions.attach(actor=_actor("secretariat"), on="session", target=world.summit, name="a.pdf", content=PDF)
    done = actions.withdraw(actor=_actor("secretariat"), attachment=row.pk)
    assert _entry(done.withdrawn_seq or 0)["type"] == "attachments.withdrawn"
    assert queries.attachments(_viewer("secretariat"), "session", world.summit) == []
    assert store.read(row.sha256) == PDF
    with pytest.raises(NotFound):
        actions.withdraw(actor=_actor("secretariat"), attachment=row.pk)


def test_only_the_secretariat_or_who_attached_withdraws(world: meetings_world.World) -> None:
    row = actions.attach(actor=_actor("secretariat"), on="session", target=world.summit, name="a.pdf", content=PDF)
    before = Entry.objects.count()
    with pytest.raises(NotPermitted) as refused:
        actions.withdraw(actor=_actor(_chair(world)), attachment=row.pk)
    assert refused.value.field == "actor"
    assert Entry.objects.count() == before


def test_verify_finds_an_altered_or_missing_file(world: meetings_world.World, own_store: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    kept = actions.attach(actor=_actor("secretariat"), on="session", target=world.summit, name="a.pdf",
                          content=PDF)
    changed = actions.attach(actor=_actor("secretariat"), on="session", target=world.summit, name="b.txt",
                             content=TEXT)
    call_command("attachments", "verify")
    assert "0 problems" in capsys.readouterr().out
    store.path_of(changed.sha256).write_bytes(b"tampered")
    store.path_of(kept.sha256).unlink()
    with pytest.raises(SystemExit) as failed:
        call_command("attachments", "verify")
    out = capsys.readouterr().out
    assert failed.value.code == 1
    assert f"the file {changed.sha256} is altered" in out
    assert f"the file {kept.sha256} is missing" in out
