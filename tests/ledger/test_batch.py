"""Acts in a batch (`accord.core.acting.batched`): one transaction, one checkpoint; the same entries and nodes."""

from __future__ import annotations

import pytest
from ledger_acts import Acts

from accord.core.acting import Actor, batched
from accord.core.errors import AccordError
from accord.ledger import log
from accord.ledger.models import Checkpoint, Entry, Node
from accord.members import actions
from accord.members.models import Person
from accord.search import indexing
from accord.search.models import Kind, SearchEntry
from accord_verify import merkle, note


def _add(n: int) -> None:
    actions.add_person(actor=Actor.console(), username=f"adviser{n}", full_name=f"Adviser {n}", role="observer")


def test_a_batch_appends_every_entry_and_node_and_signs_one_checkpoint(acts: Acts) -> None:
    size, checkpoints = log.size(), Checkpoint.objects.count()
    with batched():
        for n in range(5):
            _add(n)
    assert log.size() == size + 5
    assert Checkpoint.objects.count() == checkpoints + 1
    latest = log.latest_checkpoint()
    assert latest is not None
    assert latest.size == size + 5
    # The entries and the stored nodes are the tree one append at a time makes, and the one checkpoint
    # is the log key's signature over its root.
    tree = merkle.MemoryTree()
    for data in Entry.objects.order_by("seq").values_list("data", flat=True):
        tree.append(merkle.leaf_hash(data.encode()))
    for key, value in Node.objects.values_list("key", "hash"):
        level, index = key >> Node.INDEX_BITS, key & ((1 << Node.INDEX_BITS) - 1)
        assert bytes(value) == tree.lookup(level, index)
    assert bytes(latest.root) == tree.root() == log.root_at(size + 5)
    signed = note.parse_checkpoint(note.open_note(latest.note, [note.parse_vkey(log_vkey())]).body)
    assert (signed.size, signed.root) == (size + 5, tree.root())
    assert set(Person.objects.filter(username__startswith="adviser").values_list("username", flat=True)) == {
        f"adviser{n}" for n in range(5)}


def log_vkey() -> str:
    from accord.ledger.logkey import log_key

    key = log_key()
    return note.format_vkey(key.name, bytes(key.signing_key.verify_key))


def test_an_error_that_leaves_the_batch_rolls_it_back_whole(acts: Acts) -> None:
    size, checkpoints = log.size(), Checkpoint.objects.count()
    def stopped() -> None:
        with batched():
            _add(1)
            _add(2)
            raise RuntimeError("the import stops")

    with pytest.raises(RuntimeError, match="the import stops"):
        stopped()
    assert log.size() == size == Entry.objects.count()
    assert Checkpoint.objects.count() == checkpoints
    assert not Person.objects.filter(username__startswith="adviser").exists()


def test_a_refused_act_leaves_the_batch_and_rolls_it_back(acts: Acts) -> None:
    size = log.size()
    def refused() -> None:
        with batched():
            _add(1)
            _add(1)  # the username is taken: refused

    with pytest.raises(AccordError):
        refused()
    assert log.size() == size
    assert not Person.objects.filter(username="adviser1").exists()


def test_a_refusal_caught_inside_the_batch_undoes_that_act_alone(acts: Acts) -> None:
    size = log.size()
    with batched():
        _add(1)
        with pytest.raises(AccordError):
            _add(1)
        _add(2)
    assert log.size() == size + 2
    seqs = Entry.objects.filter(seq__gte=size).order_by("seq").values_list("seq", flat=True)
    assert list(seqs) == [size, size + 1]
    assert log.latest_checkpoint().size == size + 2  # type: ignore[union-attr]


def test_no_batch_inside_an_act_or_another_batch(acts: Acts) -> None:
    with batched(), pytest.raises(RuntimeError, match="batch"), batched():
        pass


def _act_rows(since: int) -> list[tuple[int, str, str, str, str | None, str | None]]:
    return list(SearchEntry.objects.filter(kind=Kind.ACT, ref__gte=since).order_by("ref", "language")
                .values_list("ref", "language", "title", "text", "classification", "audience"))


def test_a_batch_indexes_its_acts_once_at_its_end_as_a_reindex_would(acts: Acts) -> None:
    """The search index is written once for the whole batch, after its last act (FTS5 writes a segment at every
    savepoint): an act undone inside the batch is not in it, every other is, each once, and the rows are those
    `accord search reindex` builds from the state."""
    size = log.size()
    with batched():
        _add(1)
        with pytest.raises(AccordError):
            _add(1)
        assert _act_rows(size) == []  # nothing yet: the batch indexes at its end
        _add(2)
    written = _act_rows(size)
    assert sorted({ref for ref, *_ in written}) == [size, size + 1]
    assert len(written) == len({(ref, language) for ref, language, *_ in written})
    assert any("Adviser 2" in text for _ref, _language, _title, text, *_ in written)
    indexing.reindex()
    assert _act_rows(size) == written
