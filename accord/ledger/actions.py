"""The ledger's one write: appending an entry, its Merkle nodes and a signed checkpoint.

It is not an act of its own: `accord.core.acting.record` calls it inside the action whose act it
records, so that the change and its entry commit together or not at all.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from accord.ledger import log
from accord.ledger.guard import acting
from accord.ledger.logkey import log_key
from accord.ledger.models import Checkpoint, Cosignature, Entry, Head, Node, Sealed
from accord_verify import entries, merkle, note

HASH = 32


def _frontier_levels(size: int) -> list[int]:
    """The levels of the perfect subtrees that make up a tree of `size` leaves, largest first."""
    return [level for level in range(size.bit_length() - 1, -1, -1) if size >> level & 1]


@dataclass(frozen=True)
class Appended:
    seq: int
    data: bytes
    root: bytes
    statement: Mapping[str, Any]  # as the public entry carries it


def _locked_head(cursor: Any) -> tuple[int, bytes]:
    """The log's size and right edge, locked until the action's transaction ends: as the action's
    `lock_log` read it (or the last append in it left it), else read now."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("the log is appended to only inside an action's transaction")
    held = _held.get()
    if held is not None and held[0] is not None:
        return held[0]
    # SQLite has no row locks: an action's transaction there begins IMMEDIATE, which holds the
    # database's one write lock from its start.
    cursor.execute(_LOCK_HEAD if connection.features.has_select_for_update else _READ_HEAD)
    row = cursor.fetchone()
    if row is None:
        cursor.execute(_INSERT_HEAD, [b""])
        head: tuple[int, bytes] = (0, b"")
    else:
        head = (row[0], bytes(row[1]))
    if held is not None:
        held[0] = head
    return head


# The head as the action in progress holds it, (size, right edge), once read under its lock and kept up to date
# by each append in the action, so that neither its appends nor its signature's check read it again. A list of
# one, which `holding_log` sets around the action; None outside an action.
_held: contextvars.ContextVar[list[tuple[int, bytes] | None] | None] = contextvars.ContextVar(
    "accord_log_head_held", default=None)


@contextlib.contextmanager
def holding_log() -> Iterator[None]:
    """Inside an action's transaction (`accord.core.acting.action`): the head it locks is read once. Ended
    with the action, for a head kept beyond its transaction could be one that was rolled back."""
    token = _held.set([None])
    try:
        yield
    finally:
        _held.reset(token)


def lock_log() -> int:
    """Hold the log's head for the rest of the action's transaction, before the action reads anything;
    returns the log's size, which no other act can change until this one ends.

    An act decides from the state it reads (the next speaker's place on the list, whether a member has
    answered already) and the replay decides again from the state the entries before it left. On
    PostgreSQL two acts used to read side by side and queue only at the append: two speakers inscribed
    at once both took place 5, which no replay gives (`accord ledger audit`, reliability/check_crash.py).
    Taken first, the lock makes every act see the state of the entries before its own, as SQLite's
    IMMEDIATE transactions always did (there the write lock is held from BEGIN: this reads the head only).
    """
    with connection.cursor() as cursor:
        return _locked_head(cursor)[0]


def held_size() -> int | None:
    """The log's size as the action in progress holds it locked, None before it has read it."""
    held = _held.get()
    return held[0][0] if held is not None and held[0] is not None else None


# The append is the one place where the log grows and the hottest code of every act: it writes
# its rows with plain SQL, through Django's connection and in the action's transaction, rather
# than through the ORM, whose building of each query costs several times the query itself.
# The tables are the models' (a test holds the two together).
_READ_HEAD = log.READ_HEAD
_LOCK_HEAD = _READ_HEAD + " FOR UPDATE"
_INSERT_HEAD = 'INSERT INTO "ledger_head" ("id", "size", "frontier") VALUES (1, 0, %s)'
_UPDATE_HEAD = 'UPDATE "ledger_head" SET "size" = %s, "frontier" = %s WHERE "id" = 1'
_INSERT_ENTRY = (
    'INSERT INTO "ledger_entry" ("seq", "time", "type", "classification", "member", "nonce", "data") '
    "VALUES (%s, %s, %s, %s, %s, %s, %s)"
)
# A node stored beyond the tree (written by no append: `accord ledger verify` names it) is replaced, not
# left to fail every later act with a database error: only nodes within the tree are ever read.
_INSERT_NODE = ('INSERT INTO "ledger_node" ("key", "hash") VALUES (%s, %s) '
                'ON CONFLICT ("key") DO UPDATE SET "hash" = excluded."hash"')
_INSERT_CHECKPOINT = 'INSERT INTO "ledger_checkpoint" ("size", "root", "note", "time") VALUES (%s, %s, %s, %s)'
TABLES = {"ledger_head": Head, "ledger_entry": Entry, "ledger_node": Node, "ledger_checkpoint": Checkpoint}

# Called after each commit that signed a checkpoint (the witnessing worker registers here), so that
# submitting it to the witnesses never holds up, nor undoes, the act that made it.
after_checkpoint: list[Callable[[], None]] = []


def _checkpoint_committed() -> None:
    for listener in after_checkpoint:
        listener()


def append(
    *,
    stmt: Mapping[str, Any],
    signatures: Sequence[Mapping[str, str]],
    time: dt.datetime,
    member: str | None,
    audience: Sequence[str] = (),
    salt: str | None = None,
) -> Appended:
    """Append one entry, its new Merkle nodes and a checkpoint, in the caller's transaction.

    `stmt` is the act's whole statement and `signatures` its lines over it. A public act's entry
    carries both. A non-public act's entry carries only the statement's public part and a salted
    commitment to the statement, its signatures and `member`, which are sealed apart with the salt:
    the public log then says that such an act happened, and when, but not who did it, about whom,
    for whom or what. `salt` is a replay's, which writes a logged entry again; otherwise a new one.
    """
    sealed: tuple[str, bytes] | None = None
    if stmt["classification"] != entries.PUBLIC:
        salt = salt or entries.new_salt()
        content = entries.canonical(entries.sealed_content(stmt, signatures, member))
        stmt, signatures = entries.public_part(stmt, entries.commitment_to_bytes(salt, content)), []
        sealed = (salt, content)
    stored_time = connection.ops.adapt_datetimefield_value(time)
    with connection.cursor() as cursor:
        seq, frontier = _locked_head(cursor)
        time_text = time.astimezone(dt.UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
        data = entries.entry(seq=seq, time=time_text, stmt=stmt, signatures=signatures,
                             member=None if sealed else member or None)
        leaf = merkle.leaf_hash(data)
        hashes = [frontier[i : i + HASH] for i in range(0, len(frontier), HASH)]
        by_level = dict(zip(_frontier_levels(seq), hashes, strict=True))
        new_nodes = merkle.nodes_completed_by_append(seq, leaf, lambda level, index: by_level[level])
        cursor.execute(_INSERT_ENTRY, [seq, stored_time, stmt["type"], stmt["classification"],
                                       "" if sealed else member or "", stmt["nonce"], data.decode("utf-8")])
        cursor.executemany(_INSERT_NODE, [(Node.key_of(level, index), value) for level, index, value in new_nodes])
        size = seq + 1
        # The new right edge: the completed node of the highest level replaces every level below it.
        top_level, _, top_hash = new_nodes[-1]
        kept = [by_level[level] for level in _frontier_levels(seq) if level > top_level]
        new_frontier = [*kept, top_hash]
        root = merkle.hash_of_subtrees(new_frontier)
        cursor.execute(_UPDATE_HEAD, [size, b"".join(new_frontier)])
        held = _held.get()
        if held is not None:
            held[0] = (size, b"".join(new_frontier))
        batch = _batch.get()
        if batch is None:
            _sign_checkpoint(cursor, size, root, stored_time)
        else:
            batch[0] = (size, root, stored_time)  # signed once, at the batch's end (`one_checkpoint`)
    if sealed is not None:
        salt, content = sealed
        Sealed.objects.create(entry_id=seq, salt=salt, content=content.decode("utf-8"), member=member or "",
                              classification=stmt["classification"], audience=sorted(audience))
    return Appended(seq=seq, data=data, root=root, statement=stmt)


def _sign_checkpoint(cursor: Any, size: int, root: bytes, stored_time: Any) -> None:
    key = log_key()
    checkpoint = note.checkpoint_body(settings.LOG_ORIGIN, size, root)
    signed_note = note.sign_note(checkpoint, key.name, key.signing_key)
    cursor.execute(_INSERT_CHECKPOINT, [size, root, signed_note, stored_time])
    if after_checkpoint:
        transaction.on_commit(_checkpoint_committed)


# The checkpoint due at the end of the batch in progress (`one_checkpoint`): the size, root and time of its
# last append; a list of one, None outside a batch.
_batch: contextvars.ContextVar[list[tuple[int, bytes, Any] | None] | None] = contextvars.ContextVar(
    "accord_log_batch", default=None)


@contextlib.contextmanager
def one_checkpoint() -> Iterator[None]:
    """Inside one transaction (`accord.core.acting.batched`): its appends sign no checkpoint each, and one
    checkpoint of the log as the last of them left it is signed at the end, in the same transaction.

    The entries and the Merkle nodes are written exactly as one append at a time writes them; only the
    checkpoints of the sizes in between are not signed (a verifier checks the log against any checkpoint,
    and an inclusion or consistency proof is asked of a signed size). Nothing is signed when the block
    ends with an error: the transaction around it is then rolled back whole.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("a batch of appends runs inside one transaction")
    if _batch.get() is not None:
        raise RuntimeError("a batch of appends inside another")
    due: list[tuple[int, bytes, Any] | None] = [None]
    token = _batch.set(due)
    try:
        yield
    finally:
        _batch.reset(token)
    if due[0] is not None:
        with acting("accord.ledger.actions.one_checkpoint"), connection.cursor() as cursor:
            _sign_checkpoint(cursor, *due[0])


# Witnesses.


def record_cosignature(*, size: int, witness: str, vkey: str, line: str, time: dt.datetime) -> bool:
    """Keep a witness's cosignature on the checkpoint of `size`; False if it was kept already.

    Not an act, and it appends no entry: a cosignature is a witness's statement about the log, and
    an entry for it would sign a new checkpoint to cosign, without end. It is checked by the caller
    against the witness's key before it comes here.
    """
    with acting("accord.ledger.actions.record_cosignature"), transaction.atomic():
        _, created = Cosignature.objects.get_or_create(
            size=size, vkey=vkey, defaults={"witness": witness, "line": line, "time": time})
    return created
