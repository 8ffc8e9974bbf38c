"""The stored log, appended to through real actions: its entries, nodes, checkpoints and proofs verify."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from ledger_acts import Acts
from pytest_django import DjangoAssertNumQueries

from accord.ledger import log
from accord.ledger.logkey import log_key
from accord.ledger.models import Checkpoint, Entry, Node, Sealed
from accord_verify import entries, merkle, note


def stored_data() -> list[bytes]:
    return [data.encode() for data in Entry.objects.order_by("seq").values_list("data", flat=True)]


def test_it_numbers_entries_from_zero_without_gaps_in_canonical_form(acts: Acts) -> None:
    data = stored_data()
    assert len(data) == acts.size == log.size() > 8
    for seq, text in enumerate(data):
        parsed = json.loads(text)
        assert parsed["seq"] == seq
        assert entries.canonical(parsed) == text
        assert parsed["statement"]["log"] == settings.LOG_ORIGIN


def test_it_stores_the_root_the_entries_hash_to_at_every_size(acts: Acts) -> None:
    tree = merkle.MemoryTree()
    for size, data in enumerate(stored_data(), start=1):
        tree.append(merkle.leaf_hash(data))
        assert log.root_at(size) == tree.root()


def test_it_signs_a_checkpoint_of_every_size_with_the_log_key(acts: Acts) -> None:
    key = note.parse_vkey(log_key().vkey)
    sizes = Checkpoint.objects.order_by("size").values_list("size", flat=True)
    assert list(sizes) == list(range(1, acts.size + 1))
    for row in Checkpoint.objects.all():
        signed = note.parse_checkpoint(note.open_note(row.note, [key]).body)
        assert (signed.origin, signed.size, signed.root) == (settings.LOG_ORIGIN, row.size, log.root_at(row.size))
        assert bytes(row.root) == signed.root
    latest = log.latest_checkpoint()
    assert latest is not None
    assert latest.size == acts.size


def test_it_proves_every_entry_included_in_every_tree_that_holds_it(acts: Acts) -> None:
    leaves = [merkle.leaf_hash(data) for data in stored_data()]
    for size in range(1, acts.size + 1):
        root = log.root_at(size)
        for seq in range(size):
            proof = log.inclusion_proof(seq, size)
            assert merkle.verify_inclusion(leaves[seq], seq, size, proof, root), (seq, size)
    # A proof is for its own leaf and position only.
    proof = log.inclusion_proof(3, acts.size)
    assert not merkle.verify_inclusion(leaves[4], 3, acts.size, proof, log.root_at(acts.size))
    assert not merkle.verify_inclusion(leaves[3], 4, acts.size, proof, log.root_at(acts.size))


def test_it_proves_every_tree_consistent_with_every_later_one(acts: Acts) -> None:
    roots = {size: log.root_at(size) for size in range(1, acts.size + 1)}
    for old in roots:
        for new in range(old, acts.size + 1):
            proof = log.consistency_proof(old, new)
            assert merkle.verify_consistency(old, new, roots[old], roots[new], proof), (old, new)
    # Not with a root the log never had.
    proof = log.consistency_proof(5, acts.size)
    assert not merkle.verify_consistency(5, acts.size, roots[6], roots[acts.size], proof)


def test_it_keeps_a_non_public_act_out_of_its_entry_and_its_sealed_content_matches(acts: Acts) -> None:
    entry = Entry.objects.get(seq=acts.sealed)
    parsed = json.loads(entry.data)
    stmt = parsed["statement"]
    assert (entry.classification, stmt["classification"]) == ("participants", "participants")
    # The public entry shows that the act happened, its type and when: not who, about whom, for whom or what.
    assert set(stmt) == {"v", "log", "type", "classification", "nonce", "commitment"}
    assert stmt["v"] == 2
    assert parsed["signatures"] == []
    assert entry.member == ""
    for hidden in (acts.sealed_text, "arm.head", "ARM", "secretariat", acts.first_key_id):
        assert hidden not in entry.data, hidden
    sealed = Sealed.objects.get(entry_id=acts.sealed)
    content = json.loads(sealed.content)
    assert content["statement"]["body"] == {"text": acts.sealed_text}
    assert content["statement"]["actor"] == {"member": "ARM", "person": "arm.head"}
    assert content["statement"]["audience"] == ["ARM", "secretariat"]
    assert content["member"] == sealed.member == "ARM"
    assert [line["key"] for line in content["signatures"]] == [acts.first_key_id]
    assert entries.commitment(sealed.salt, content) == stmt["commitment"]
    assert entries.sealed_problem(stmt, sealed.salt, content) is None
    # The commitment binds the salt: the content alone does not reproduce it.
    assert entries.commitment(entries.new_salt(), content) != stmt["commitment"]
    assert Sealed.objects.count() == 1  # only the non-public act is sealed


def test_it_records_the_signatures_of_signed_acts_as_the_keys_in_force_allow(acts: Acts) -> None:
    registry = entries.KeyRegistry()
    signed = []
    for data in stored_data():
        parsed = json.loads(data)
        if parsed["signatures"]:
            assert registry.problem_with(parsed["statement"], parsed["signatures"]) is None
            signed.append(parsed["seq"])
        registry.apply(parsed["statement"])
    # The sealed act's signature is sealed with it, not in its public entry.
    assert signed == [acts.signed, acts.revocation, acts.signed_after_revocation]
    assert entries.key_id_of(bytes(acts.first_key.verify_key)) in registry.revoked


def test_the_appends_plain_sql_names_the_models_tables_and_columns() -> None:
    from accord.ledger import actions

    statements = [actions._READ_HEAD, actions._INSERT_HEAD, actions._UPDATE_HEAD, actions._INSERT_ENTRY,
                  actions._INSERT_NODE, actions._INSERT_CHECKPOINT]
    for table, model in actions.TABLES.items():
        assert model._meta.db_table == table
        columns = {field.column for field in model._meta.concrete_fields}
        for sql in statements:
            if f'"{table}"' in sql:
                named = set(re.findall(r'"(\w+)"', sql)) - {table}
                assert named <= columns, (sql, named - columns)


def test_it_reads_an_inclusion_proof_and_its_root_in_one_query(
        acts: Acts, django_assert_num_queries: DjangoAssertNumQueries) -> None:
    leaves = [merkle.leaf_hash(data) for data in stored_data()]
    for seq in (0, acts.sealed, acts.size - 1):
        with django_assert_num_queries(1):
            proof, root = log.inclusion_proof_and_root(seq, acts.size)
        assert root == log.root_at(acts.size)
        assert merkle.verify_inclusion(leaves[seq], seq, acts.size, proof, root)
    with django_assert_num_queries(1):
        proof = log.inclusion_proof(3, acts.size)
    assert proof == log.inclusion_proof_and_root(3, acts.size)[0]
    with django_assert_num_queries(1):
        log.consistency_proof_and_roots(3, acts.size)
    with django_assert_num_queries(1):
        log.root_at(acts.size)


def test_it_keeps_the_nodes_by_their_key_alone_on_sqlite(db: None) -> None:
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        # No index beside the table: the key is the rowid, which a proof's lookups go straight to.
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger_node'")
        assert cursor.fetchall() == []


@contextmanager
def statements_at_the_driver() -> Iterator[list[str]]:
    """Every statement the database driver runs meanwhile, through whichever cursor: Django counts
    only what goes through its own cursor, and a proof's nodes are read past it when it is not
    recording (accord.ledger.log._select_keys)."""
    connection.ensure_connection()
    driver: Any = connection.connection
    seen: list[str] = []
    if connection.vendor == "sqlite":
        driver.set_trace_callback(seen.append)
        try:
            yield seen
        finally:
            driver.set_trace_callback(None)
        return
    factory = driver.cursor_factory

    class Counting(factory):  # type: ignore[misc, valid-type]
        def execute(self, query: Any, params: Any = None, **options: Any) -> Any:
            seen.append(str(query))
            return super().execute(query, params, **options)

    driver.cursor_factory = Counting
    try:
        yield seen
    finally:
        driver.cursor_factory = factory


def test_it_answers_proofs_in_at_most_two_statements_at_the_driver(acts: Acts) -> None:
    assert not connection.queries_logged  # the path the server takes, past Django's cursor
    leaves = [merkle.leaf_hash(data) for data in stored_data()]
    for seq in (0, acts.sealed, acts.size - 2, acts.size - 1):
        for size in (seq + 1, acts.size):
            with statements_at_the_driver() as seen:
                proof, root = log.inclusion_proof_and_root(seq, size)
            assert len(seen) == 1, seen
            assert 'FROM "ledger_node"' in seen[0]
            assert root == log.root_at(size)
            assert merkle.verify_inclusion(leaves[seq], seq, size, proof, root), (seq, size)
    with statements_at_the_driver() as seen:
        proof, first_root, second_root = log.consistency_proof_and_roots(3, acts.size)
    assert len(seen) == 1, seen
    assert merkle.verify_consistency(3, acts.size, first_root, second_root, proof)
    # As the API answers them: the entry, the log's sizes and its signed root, then the proof's nodes.
    for path in ("/api/v1/log/entries/3", f"/api/v1/log/entries/3?tree_size={acts.size - 1}",
                 f"/api/v1/log/consistency?first=3&second={acts.size}"):
        client = Client()
        with statements_at_the_driver() as seen:
            response = client.get(path)
        assert response.status_code == 200, response.content
        assert 1 <= len(seen) <= 2, seen


def test_a_proof_refuses_a_tree_whose_nodes_are_not_all_stored(acts: Acts) -> None:
    # Deleted behind the actions' back, as by hand in the database.
    with connection.cursor() as cursor:
        cursor.execute('DELETE FROM "ledger_node" WHERE "key" = %s', [Node.key_of(0, 1)])
    with pytest.raises(Node.DoesNotExist, match="level 0, index 1"):
        log.inclusion_proof_and_root(0, acts.size)
    with pytest.raises(Node.DoesNotExist, match="level 0, index 1"):
        log.consistency_proof(1, 2)


def test_a_proof_from_the_kept_upper_nodes_is_the_proof_from_the_database(
        acts: Acts, monkeypatch: pytest.MonkeyPatch) -> None:
    # The log of these tests is small: kept from the second level up, its peaks hold kept nodes.
    monkeypatch.setattr(log, "CACHED_LEVEL", 1)
    leaves = [merkle.leaf_hash(data) for data in stored_data()]
    for size in range(1, acts.size + 1):
        root = log.root_at(size)
        for seq in range(size):
            first = log.inclusion_proof_and_root(seq, size)  # the first of a size reads all from the database
            with statements_at_the_driver() as seen:
                kept = log.inclusion_proof_and_root(seq, size)
            assert len(seen) == 1, seen
            assert kept == first == (merkle.inclusion_proof(seq, size, _stored_lookup()), root), (seq, size)
            assert merkle.verify_inclusion(leaves[seq], seq, size, kept[0], root)
            assert log.inclusion_proof(seq, size) == kept[0]


def _stored_lookup() -> merkle.NodeLookup:
    stored = {key: bytes(value) for key, value in Node.objects.values_list("key", "hash")}
    return lambda level, index: stored[Node.key_of(level, index)]


def test_a_proof_reads_the_tree_again_when_the_database_no_longer_holds_the_kept_one(
        acts: Acts, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(log, "CACHED_LEVEL", 1)
    size = acts.size
    for seq in range(size):
        log.inclusion_proof_and_root(seq, size)
    # Another tree of the same size under the same keys, as after a rollback or a restored backup:
    # every leaf changed, every node written again, and a checkpoint of its root at that size.
    tree = merkle.MemoryTree()
    for seq in range(size):
        tree.append(merkle.leaf_hash(b"another entry %d" % seq))
    with connection.cursor() as cursor:
        for level in range(size.bit_length()):
            for index in range(size >> level):
                cursor.execute('UPDATE "ledger_node" SET "hash" = %s WHERE "key" = %s',
                               [tree.lookup(level, index), Node.key_of(level, index)])
        cursor.execute('UPDATE "ledger_checkpoint" SET "root" = %s WHERE "size" = %s', [tree.root(), size])
    for seq in range(size):
        with statements_at_the_driver() as seen:
            proof, root = log.inclusion_proof_and_root(seq, size)
        # The first finds the signed root changed and reads the tree again; the rest keep it.
        assert len(seen) == (2 if seq == 0 else 1), seen
        assert root == tree.root()
        assert proof == merkle.inclusion_proof(seq, size, tree.lookup)
        with statements_at_the_driver() as seen:
            assert log.inclusion_proof_and_root(seq, size) == (proof, root)
        assert len(seen) == 1, seen


def test_a_tree_no_checkpoint_signed_is_proved_from_the_database_each_time(
        acts: Acts, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(log, "CACHED_LEVEL", 1)
    size = acts.size
    log.inclusion_proof_and_root(0, size)
    # The nodes read from here on are no tree's: without a signed root to find them by, nothing kept is used.
    with connection.cursor() as cursor:
        cursor.execute('DELETE FROM "ledger_checkpoint" WHERE "size" = %s', [size])
        cursor.execute('UPDATE "ledger_node" SET "hash" = %s WHERE "key" = %s', [bytes(32), Node.key_of(1, 1)])
    proof, root = log.inclusion_proof_and_root(0, size)
    assert proof[1] == bytes(32)
    assert root == log.root_at(size)
