"""`accord ledger verify` on a database holds every stored column of the ledger's tables to the signed log:
each alteration below is made with raw SQL on a log built through the real actions, as someone holding
the database (but not the log key) makes it, and is named with its entry or checkpoint and its column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from ledger_acts import Acts
from nacl.signing import SigningKey as PrivateKey
from test_verify import damaged, ledger, rewrite_history, sound

from accord.core.acting import Actor
from accord.ledger import actions as ledger_actions
from accord.ledger import log
from accord.ledger.logkey import log_key
from accord.ledger.models import Checkpoint, Entry, Node
from accord.members import actions
from accord_verify import cosignature, note

ROLLBACK = "a rollback of the newest entries, or another history shown to others, cannot be excluded"


def sql(statement: str, *parameters: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, list(parameters))


def instant(text: str) -> Any:
    return connection.ops.adapt_datetimefield_value(dt.datetime.fromisoformat(text))


def public_entry_about_arm(acts: Acts) -> int:
    row = Entry.objects.filter(member="ARM", seq__gt=acts.sealed).order_by("seq").first()
    assert row is not None
    return row.seq


# The entries' columns.


def test_it_names_an_entry_whose_type_column_was_changed(acts: Acts) -> None:
    sql('UPDATE "ledger_entry" SET "type" = %s WHERE "seq" = %s', "documents.adopted", acts.signed)
    damaged(ledger("verify"), acts.signed, "its stored type column differs")


def test_it_names_an_entry_whose_member_column_was_changed(acts: Acts) -> None:
    seq = public_entry_about_arm(acts)
    sql('UPDATE "ledger_entry" SET "member" = %s WHERE "seq" = %s', "KAZ", seq)
    damaged(ledger("verify"), seq, "its stored member column differs")


def test_it_names_a_member_column_filled_in_on_an_act_about_no_member(acts: Acts) -> None:
    sql('UPDATE "ledger_entry" SET "member" = %s WHERE "seq" = 0', "ARM")
    damaged(ledger("verify"), 0, "its stored member column differs")


def test_it_names_a_sealed_entry_whose_member_column_is_not_blank(acts: Acts) -> None:
    # The member of a sealed act is sealed with it; the public column must not say it.
    sql('UPDATE "ledger_entry" SET "member" = %s WHERE "seq" = %s', "ARM", acts.sealed)
    damaged(ledger("verify"), acts.sealed, "its stored member column differs")


def test_it_names_a_sealed_entry_that_names_its_member_even_signed_by_the_log(acts: Acts) -> None:
    rewrite_history(acts.sealed, lambda parsed: parsed.update(member="ARM"))
    damaged(ledger("verify"), acts.sealed, "names the member state of a sealed act")


def test_it_names_an_entry_whose_classification_column_was_changed(acts: Acts) -> None:
    sql('UPDATE "ledger_entry" SET "classification" = %s WHERE "seq" = %s', "public", acts.sealed)
    damaged(ledger("verify"), acts.sealed, "its stored classification column differs")


def test_it_names_an_entry_whose_time_column_was_changed(acts: Acts) -> None:
    sql('UPDATE "ledger_entry" SET "time" = %s WHERE "seq" = %s', instant("2022-05-16T09:00:00+00:00"), 3)
    damaged(ledger("verify"), 3, "its stored time column differs")


def test_it_names_an_entry_whose_nonce_column_was_changed(acts: Acts) -> None:
    sql('UPDATE "ledger_entry" SET "nonce" = %s WHERE "seq" = %s', "0" * 32, 2)
    damaged(ledger("verify"), 2, "its stored nonce column differs")


# The checkpoints.


def test_it_names_a_checkpoint_whose_time_column_was_changed(acts: Acts) -> None:
    sql('UPDATE "ledger_checkpoint" SET "time" = %s WHERE "size" = 5', instant("2022-05-16T09:00:00+00:00"))
    damaged(ledger("verify"), None, "the stored checkpoint of size 5: its time column differs from the time of "
                                    "entry #4")


def test_it_names_a_middle_checkpoint_deleted(acts: Acts) -> None:
    sql('DELETE FROM "ledger_checkpoint" WHERE "size" = 5')
    damaged(ledger("verify"), None, "the stored checkpoint of size 5 is missing")


def test_it_names_the_first_checkpoint_deleted(acts: Acts) -> None:
    sql('DELETE FROM "ledger_checkpoint" WHERE "size" = 1')
    damaged(ledger("verify"), None, "the stored checkpoint of size 1 is missing")


# A checkpoint's note. With its key file beside the database, the log signs each note again (Ed25519 is
# deterministic) and verifies only one it does not make again byte for byte; without it, it verifies each.


def _note_of(size: int) -> str:
    return str(Checkpoint.objects.values_list("note", flat=True).get(size=size))


def _with_key_file_or_not(with_key_file: bool, settings: Any, tmp_path: Path) -> tuple[str, ...]:
    """The arguments of `accord ledger verify`: none, or the public key pinned and the key file gone."""
    if with_key_file:
        return ()
    vkey = log_key().vkey
    settings.LOG_KEY_FILE = tmp_path / "absent.key"
    return ("--key", vkey)


@pytest.mark.parametrize("with_key_file", [True, False])
def test_it_names_a_checkpoint_whose_signature_was_changed(acts: Acts, with_key_file: bool, settings: Any,
                                                           tmp_path: Path) -> None:
    body, signatures = note.split_note(_note_of(5))
    raw = bytearray(signatures[0].signature)
    raw[10] ^= 1
    first = signatures[0]
    changed = body + "\n" + first.line.replace(note._b64encode(first.key_id + first.signature),
                                               note._b64encode(first.key_id + bytes(raw)))
    sql('UPDATE "ledger_checkpoint" SET "note" = %s WHERE "size" = 5', changed)
    args = _with_key_file_or_not(with_key_file, settings, tmp_path)
    damaged(ledger("verify", *args), None, "the stored checkpoint of size 5 does not verify against the log key")


@pytest.mark.parametrize("with_key_file", [True, False])
def test_it_names_a_checkpoint_signed_by_the_log_key_over_another_tree(acts: Acts, with_key_file: bool,
                                                                       settings: Any, tmp_path: Path) -> None:
    key = log_key()
    forked = note.sign_note(note.checkpoint_body(settings.LOG_ORIGIN, 5, bytes(32)), key.name, key.signing_key)
    sql('UPDATE "ledger_checkpoint" SET "note" = %s WHERE "size" = 5', forked)
    args = _with_key_file_or_not(with_key_file, settings, tmp_path)
    damaged(ledger("verify", *args), None, "the stored checkpoint of size 5 is signed over another tree")


def test_it_names_a_checkpoint_signed_by_another_key_of_the_same_name(acts: Acts) -> None:
    other = PrivateKey(bytes(range(32)))
    body, _ = note.split_note(_note_of(5))
    sql('UPDATE "ledger_checkpoint" SET "note" = %s WHERE "size" = 5', note.sign_note(body, log_key().name, other))
    damaged(ledger("verify"), None, "the stored checkpoint of size 5 does not verify against the log key")


def test_it_verifies_a_checkpoint_the_log_key_did_not_make_byte_for_byte(acts: Acts) -> None:
    """A note that also bears another key's signature is not what the log makes again: it is verified, and
    stands, as the log key's signature on it is sound."""
    noted = note.add_signature(_note_of(5), "another.example", PrivateKey(bytes(range(32))))
    sql('UPDATE "ledger_checkpoint" SET "note" = %s WHERE "size" = 5', noted)
    sound(ledger("verify"), acts.size)


# The head and the tree.


def test_it_names_the_heads_size_raised(acts: Acts) -> None:
    sql('UPDATE "ledger_head" SET "size" = "size" + 1 WHERE "id" = 1')
    damaged(ledger("verify"), None, f"the head's size column says the log has {acts.size + 1} entries",
            "no checkpoint of that size")


def test_it_names_the_heads_size_raised_with_its_frontier(acts: Acts) -> None:
    sql('UPDATE "ledger_head" SET "size" = "size" + 1, "frontier" = %s WHERE "id" = 1', b"\x01" * 64)
    damaged(ledger("verify"), None, "the head's size column")


def test_it_names_a_stray_merkle_node_beyond_the_tree(acts: Acts) -> None:
    sql('INSERT INTO "ledger_node" ("key", "hash") VALUES (%s, %s)', Node.key_of(1, 40), b"\x00" * 32)
    damaged(ledger("verify"), None, "a Merkle node is stored beyond the tree (the node over entries #80 to #81, "
                                    "at level 1)")


def test_it_names_a_stray_merkle_node_at_a_level_above_the_tree(acts: Acts) -> None:
    sql('INSERT INTO "ledger_node" ("key", "hash") VALUES (%s, %s)', Node.key_of(20, 0), b"\x00" * 32)
    damaged(ledger("verify"), None, "a Merkle node is stored beyond the tree")


def test_it_acts_on_after_a_stray_node_where_the_next_entry_goes(acts: Acts) -> None:
    sql('INSERT INTO "ledger_node" ("key", "hash") VALUES (%s, %s)', Node.key_of(0, acts.size), b"\x00" * 32)
    damaged(ledger("verify"), None, "a Merkle node is stored beyond the tree")
    actions.add_member(actor=Actor.console(), code="TJK", acceded_on="1993-12-31")
    sound(ledger("verify"), acts.size + 1)


# The witnesses' cosignatures.


def cosigned(size: int, name: str = "witness.example/arm") -> PrivateKey:
    """A witness's cosignature on the checkpoint of `size`, kept as the log keeps what a witness answered."""
    key = PrivateKey.generate()
    checkpoint = log.checkpoint_at(size)
    assert checkpoint is not None
    line = cosignature.cosign(note.split_note(checkpoint.note)[0], name, key, 1_700_000_000)
    ledger_actions.record_cosignature(size=size, witness=name, line=line,
                                      vkey=cosignature.format_cosigner_vkey(name, bytes(key.verify_key)),
                                      time=dt.datetime.fromtimestamp(1_700_000_000, dt.UTC))
    return key


def test_it_passes_the_cosignatures_as_kept(acts: Acts) -> None:
    cosigned(acts.size)
    cosigned(acts.size - 1, "witness.example/kaz")
    assert "2 stored cosignatures" in sound(ledger("verify"), acts.size)


@pytest.mark.parametrize(("column", "value"), [
    ("witness", "witness.example/kaz"),
    ("time", "2026-01-01T00:00:00+00:00"),
])
def test_it_names_a_cosignature_whose_column_was_changed(acts: Acts, column: str, value: str) -> None:
    cosigned(acts.size)
    stored = instant(value) if column == "time" else value
    sql(f'UPDATE "ledger_cosignature" SET "{column}" = %s', stored)
    damaged(ledger("verify"), None, f"on the checkpoint of size {acts.size}: its {column} column differs")


def test_it_names_a_cosignature_whose_vkey_was_changed(acts: Acts) -> None:
    cosigned(acts.size)
    other = cosignature.format_cosigner_vkey("witness.example/arm", bytes(PrivateKey.generate().verify_key))
    sql('UPDATE "ledger_cosignature" SET "vkey" = %s', other)
    damaged(ledger("verify"), None, "its line is not a cosignature by the key in its vkey column")


def test_it_names_a_cosignature_moved_to_another_checkpoint(acts: Acts) -> None:
    cosigned(acts.size)
    sql('UPDATE "ledger_cosignature" SET "size" = %s', acts.size - 1)
    damaged(ledger("verify"), None, f"on the checkpoint of size {acts.size - 1}: its line does not verify")


# A rollback.


def roll_back(to: int) -> None:
    """The newest entries, their checkpoints and nodes deleted, and the head set back, as the host can."""
    sql('DELETE FROM "ledger_checkpoint" WHERE "size" > %s', to)
    sql('DELETE FROM "ledger_entry" WHERE "seq" >= %s', to)
    for key in list(Node.objects.values_list("key", flat=True)):
        level, index = key >> Node.INDEX_BITS, key & ((1 << Node.INDEX_BITS) - 1)
        if (index + 1) << level > to:
            sql('DELETE FROM "ledger_node" WHERE "key" = %s', key)
    levels = [level for level in reversed(range(to.bit_length())) if to >> level & 1]
    edge = b"".join(bytes(Node.objects.get(key=Node.key_of(level, (to >> level) - 1)).hash) for level in levels)
    sql('UPDATE "ledger_head" SET "size" = %s, "frontier" = %s WHERE "id" = 1', to, edge)


def test_it_says_a_rollback_cannot_be_excluded_without_since_or_witnesses(acts: Acts) -> None:
    roll_back(acts.size - 2)
    assert Checkpoint.objects.count() == acts.size - 2
    out = sound(ledger("verify"), acts.size - 2)
    assert ROLLBACK in out


def test_it_refuses_the_rollback_given_a_checkpoint_kept_elsewhere(acts: Acts, tmp_path: Path) -> None:
    kept = tmp_path / "kept.checkpoint"
    assert ledger("checkpoint", "--output", str(kept))[0] == 0
    assert ROLLBACK in sound(ledger("verify"), acts.size)
    assert ROLLBACK not in sound(ledger("verify", "--since", str(kept)), acts.size)
    roll_back(acts.size - 2)
    damaged(ledger("verify", "--since", str(kept)), None, "its history was cut")
