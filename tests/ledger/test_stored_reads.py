"""`accord ledger verify` on a database reads its rows without Django's converters and checks each stored
checkpoint by signing it again: what that changes must be nothing that is accepted or refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st
from ledger_acts import Acts
from nacl.signing import SigningKey as PrivateKey
from test_verify import damaged, ledger, sound

from accord.ledger.logkey import log_key
from accord.ledger.models import Checkpoint, Entry, Node
from accord_verify import merkle, note


def sql(statement: str, *parameters: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, list(parameters))


def written_otherwise(instant: dt.datetime) -> Any:
    """The same instant two hours east of UTC, in a form Django itself never writes (on SQLite, the text
    of another zone; on PostgreSQL, the same timestamp)."""
    return instant.astimezone(dt.timezone(dt.timedelta(hours=2))).isoformat()


@given(size=st.integers(min_value=0, max_value=2**64 - 1), root=st.binary(min_size=32, max_size=32))
def test_it_signs_a_checkpoint_again_as_the_log_signs_it(size: int, root: bytes) -> None:
    key = PrivateKey(bytes(range(32)))
    signed = note.checkpoint_signer("example.org/log", "example.org/log", key)
    assert signed(size, root) == note.sign_note(note.checkpoint_body("example.org/log", size, root),
                                                "example.org/log", key)


def test_it_refuses_to_sign_a_checkpoint_the_log_would_not() -> None:
    signed = note.checkpoint_signer("example.org/log", "example.org/log", PrivateKey(bytes(range(32))))
    for size, root in ((-1, bytes(32)), (2**64, bytes(32)), (1, bytes(31))):
        try:
            signed(size, root)
        except note.NoteError:
            continue
        raise AssertionError(f"signed a checkpoint of size {size} over a root of {len(root)} bytes")


@given(size=st.integers(min_value=0, max_value=300))
def test_it_gives_a_level_of_the_tree_as_its_nodes_one_after_another(size: int) -> None:
    tree = merkle.MemoryTree()
    for index in range(size):
        tree.append_entry(index.to_bytes(4, "big"))
    for level in range(size.bit_length() + 1):
        width = size >> level
        assert tree.level(level) == b"".join(tree.lookup(level, index) for index in range(width))


def test_it_passes_a_time_column_written_otherwise_for_the_same_instant(acts: Acts) -> None:
    entry = Entry.objects.get(seq=4)
    sql('UPDATE "ledger_entry" SET "time" = %s WHERE "seq" = 4', written_otherwise(entry.time))
    sql('UPDATE "ledger_checkpoint" SET "time" = %s WHERE "size" = 5', written_otherwise(entry.time))
    sound(ledger("verify"), acts.size)


def test_it_names_a_time_column_written_otherwise_for_another_instant(acts: Acts) -> None:
    entry = Entry.objects.get(seq=4)
    sql('UPDATE "ledger_entry" SET "time" = %s WHERE "seq" = 4',
        written_otherwise(entry.time + dt.timedelta(microseconds=1)))
    damaged(ledger("verify"), 4, "its stored time column differs")


def test_it_names_a_checkpoint_time_written_otherwise_for_another_instant(acts: Acts) -> None:
    sql('UPDATE "ledger_checkpoint" SET "time" = %s WHERE "size" = 6',
        written_otherwise(Entry.objects.get(seq=5).time - dt.timedelta(microseconds=1)))
    damaged(ledger("verify"), None, "the stored checkpoint of size 6: its time column differs from the time of "
                                    "entry #5")


def test_it_verifies_a_checkpoint_of_another_origin_signed_by_the_log_key(acts: Acts) -> None:
    """A note the log key signed over the right tree under another origin is not what the log makes again:
    it is verified, as before the log signed its checkpoints again, and stands."""
    key = log_key()
    root = bytes(Checkpoint.objects.get(size=5).root)
    other = note.sign_note(note.checkpoint_body("another.example/log", 5, root), key.name, key.signing_key)
    sql('UPDATE "ledger_checkpoint" SET "note" = %s WHERE "size" = 5', other)
    assert settings.LOG_ORIGIN != "another.example/log"
    sound(ledger("verify"), acts.size)


def test_it_names_the_last_merkle_node_of_a_level_missing(acts: Acts) -> None:
    width = acts.size >> 1
    sql(f'DELETE FROM "{Node._meta.db_table}" WHERE "key" = %s', Node.key_of(1, width - 1))
    last = 2 * width - 1
    damaged(ledger("verify"), last - 1, f"the stored Merkle node over entries #{last - 1} to #{last} is missing")
