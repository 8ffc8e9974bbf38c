"""The ledger's one write: appending an entry, its Merkle nodes and a signed checkpoint.

It is not an act of its own: `accord.core.acting.record` calls it inside the action whose act it
records, so that the change and its entry commit together or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction

from accord.ledger import entries, merkle, note
from accord.ledger.logkey import log_key
from accord.ledger.models import Checkpoint, Entry, Head, Node, Sealed

HASH = 32


def _frontier_levels(size: int) -> list[int]:
    """The levels of the perfect subtrees that make up a tree of `size` leaves, largest first."""
    return [level for level in range(size.bit_length() - 1, -1, -1) if size >> level & 1]


def _root_of_frontier(hashes: Sequence[bytes]) -> bytes:
    if not hashes:
        return merkle.EMPTY_ROOT
    root = hashes[-1]
    for left in reversed(hashes[:-1]):
        root = merkle.node_hash(left, root)
    return root


@dataclass(frozen=True)
class Appended:
    seq: int
    data: bytes
    root: bytes


def _locked_head() -> Head:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("the log is appended to only inside an action's transaction")
    head = Head.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head = Head(pk=1, size=0, frontier=b"")
        head.save(force_insert=True)
    return head


def append(
    *,
    stmt: Mapping[str, Any],
    signatures: Sequence[Mapping[str, str]],
    time: dt.datetime,
    member: str | None,
    sealed: tuple[str, Mapping[str, Any], Sequence[str]] | None = None,
) -> Appended:
    """Append one entry, its new Merkle nodes and a checkpoint, in the caller's transaction.

    `sealed` is (salt, body, audience) for a non-public act: kept apart from the public entry.
    """
    head = _locked_head()
    seq = head.size
    time_text = time.astimezone(dt.UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
    data = entries.entry(seq=seq, time=time_text, stmt=stmt, signatures=signatures)
    leaf = merkle.leaf_hash(data)
    frontier = bytes(head.frontier)
    hashes = [frontier[i : i + HASH] for i in range(0, len(frontier), HASH)]
    by_level = dict(zip(_frontier_levels(seq), hashes, strict=True))
    new_nodes = merkle.nodes_completed_by_append(
        seq, leaf, lambda level, index: by_level[level]
    )
    Entry.objects.create(
        seq=seq,
        time=time,
        type=stmt["type"],
        classification=stmt["classification"],
        member=member or "",
        nonce=stmt["nonce"],
        data=data.decode("utf-8"),
    )
    Node.objects.bulk_create(
        [Node(key=Node.key_of(level, index), hash=value) for level, index, value in new_nodes]
    )
    if sealed is not None:
        salt, body, audience = sealed
        Sealed.objects.create(
            entry_id=seq,
            salt=salt,
            body=entries.canonical(dict(body)).decode("utf-8"),
            classification=stmt["classification"],
            audience=sorted(audience),
        )
    size = seq + 1
    # The new right edge: the completed node of the highest level replaces every level below it.
    top_level, _, top_hash = new_nodes[-1]
    kept = [by_level[level] for level in _frontier_levels(seq) if level > top_level]
    new_frontier = [*kept, top_hash]
    root = _root_of_frontier(new_frontier)
    head.size = size
    head.frontier = b"".join(new_frontier)
    head.save(update_fields=["size", "frontier"])
    _sign_checkpoint(size, root, time)
    return Appended(seq=seq, data=data, root=root)


def _sign_checkpoint(size: int, root: bytes, time: dt.datetime) -> Checkpoint:
    key = log_key()
    body = note.checkpoint_body(settings.LOG_ORIGIN, size, root)
    return Checkpoint.objects.create(
        size=size, root=root, note=note.sign_note(body, key.name, key.signing_key), time=time
    )
