"""The log as the server's own database holds it, for the verifier: entries, and the stored derived rows."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings

from accord.ledger import entries, log, merkle, note, witnessing
from accord.ledger.logkey import parse_private_key
from accord.ledger.models import Checkpoint, Entry, Head, Node, Sealed
from accord.ledger.verify import Damage

Progress = Callable[[Iterable[Any], int], Iterable[Any]]


class EmptyLog(LookupError):
    """The log has no entry yet, so no checkpoint either: there is nothing to verify or export."""


def stored_vkey() -> str:
    """The log's public key, from the key file; unlike `log_key()`, never creating one."""
    path = Path(settings.LOG_KEY_FILE)
    try:
        return parse_private_key(path.read_text()).vkey
    except FileNotFoundError:
        raise FileNotFoundError(f"the log key file {path} does not exist") from None


class DatabaseSource:
    """The configured database, read up to its latest checkpoint (appends may go on meanwhile)."""

    description = "the database"

    def __init__(self, pinned_vkey: str | None = None) -> None:
        self._pinned = pinned_vkey
        self._size = 0

    def vkey(self) -> str:
        # A copy of the database checked where the key file is not (a member's auditor) has only the
        # key the auditor pinned.
        if self._pinned and not Path(settings.LOG_KEY_FILE).exists():
            return self._pinned
        return stored_vkey()

    def checkpoint(self) -> str:
        latest = log.latest_checkpoint()
        if latest is None:
            raise EmptyLog("the log is empty: no checkpoint has been signed yet")
        self._size = latest.size
        return latest.note

    def checkpoint_at(self, size: int) -> str | None:
        found = log.checkpoint_at(size)
        return found.note if found else None

    def count(self) -> int:
        return self._size

    def entries(self) -> Iterator[bytes]:
        rows = Entry.objects.filter(seq__lt=self._size).order_by("seq").values_list("data", flat=True)
        return (data.encode("utf-8") for data in rows.iterator(chunk_size=2000))

    def consistency(self, first: int, second: int) -> list[bytes] | None:
        try:
            return log.consistency_proof(first, second)
        except Node.DoesNotExist:
            return None  # the check of the stored nodes names the missing one

    def cosigned(self) -> list[str]:
        # Also those beyond the size verified (appended meanwhile): the check asks for a proof to them.
        return witnessing.cosigned_notes()

    def checks(self, progress: Progress) -> Callable[[merkle.MemoryTree, dict[int, str]], list[str]]:
        """The checks of the rows derived from the entries, against the tree the verifier rebuilt."""

        def run(tree: merkle.MemoryTree, commitments: dict[int, str]) -> list[str]:
            # The verifier has already checked that the source's key is the pinned one.
            key = note.parse_vkey((self._pinned or self.vkey()).strip())
            nodes = _check_nodes(tree)
            sealed = _check_sealed(tree.size, commitments)
            checkpoints = _check_checkpoints(tree, key, progress)
            _check_head(tree)
            return [f"{nodes} stored Merkle nodes, {checkpoints} stored checkpoints, {sealed} sealed contents "
                    "and the head agree with the entries"]

        return run


def _check_nodes(tree: merkle.MemoryTree) -> int:
    """Every perfect subtree within the tree is stored, with the hash recomputed from the entries."""
    checked = 0
    for level in range(tree.size.bit_length()):
        width = tree.size >> level
        stored = (
            Node.objects.filter(key__gte=Node.key_of(level, 0), key__lt=Node.key_of(level, width))
            .order_by("key").values_list("key", "hash").iterator(chunk_size=2000)
        )
        expected = 0
        for key, value in stored:
            index = key - Node.key_of(level, 0)
            first, last = index << level, ((index + 1) << level) - 1
            if index != expected:
                raise Damage(f"the stored Merkle node over entries #{expected << level} to "
                             f"#{((expected + 1) << level) - 1} is missing", expected << level)
            if bytes(value) != tree.lookup(level, index):
                raise Damage(f"the stored Merkle node over entries #{first} to #{last} differs from the hash "
                             "recomputed from the entries", first)
            expected += 1
        if expected != width:
            raise Damage(f"the stored Merkle node over entries #{expected << level} to "
                         f"#{((expected + 1) << level) - 1} is missing", expected << level)
        checked += width
    return checked


def _check_sealed(size: int, commitments: dict[int, str]) -> int:
    """Each non-public entry's sealed content is stored, and is what its commitment commits to."""
    rows = Sealed.objects.filter(entry_id__lt=size).order_by("entry_id").values_list("entry_id", "salt", "body")
    seen = set()
    for seq, salt, body in rows.iterator(chunk_size=2000):
        expected = commitments.get(seq)
        if expected is None:
            raise Damage("is public, yet sealed content is stored for it", seq)
        try:
            matches = entries.commitment(salt, json.loads(body)) == expected
        except ValueError:
            matches = False
        if not matches:
            raise Damage("its stored sealed content does not match the commitment in the entry", seq)
        seen.add(seq)
    missing = sorted(set(commitments) - seen)
    if missing:
        raise Damage("its sealed content (behind the commitment) is missing", missing[0])
    return len(seen)


def _check_checkpoints(tree: merkle.MemoryTree, key: note.VerifierKey, progress: Progress) -> int:
    """Every stored checkpoint is signed by the log key over the root of the entries at its size."""
    rows = Checkpoint.objects.filter(size__lte=tree.size).order_by("size").values_list("size", "root", "note")
    checked = 0
    for size, root, text in progress(rows.iterator(chunk_size=2000), rows.count()):
        what = f"the stored checkpoint of size {size}"
        try:
            signed = note.parse_checkpoint(note.open_note(text, [key]).body)
        except note.NoteError as error:
            raise Damage(f"{what} does not verify against the log key {key.name}: {error}") from None
        recomputed = merkle.root_hash(size, tree.lookup)
        if signed.size != size or signed.root != recomputed:
            raise Damage(f"{what} is signed over another tree than the entries make: the log key signed "
                         "a fork of this history")
        if bytes(root) != recomputed:
            raise Damage(f"{what} stores a root hash that is not the one signed in its note")
        checked += 1
    return checked


def _check_head(tree: merkle.MemoryTree) -> None:
    # Read entries past the tree before the head: an append committing in between then shows in the
    # head too, and is not mistaken for an entry written without one.
    beyond = Entry.objects.filter(seq__gte=tree.size).exists()
    head = Head.objects.filter(pk=1).first()
    head_size = head.size if head else 0
    if head_size < tree.size:
        raise Damage(f"the head says the log has {head_size} entries, fewer than the {tree.size} signed")
    if head_size > tree.size or head is None:
        return  # appended to while being verified: the new entries are not part of this check
    if beyond:
        raise Damage("is stored without the head or a checkpoint counting it", tree.size)
    # The perfect subtrees along the right edge, largest first, as `append` keeps them.
    levels = [level for level in reversed(range(tree.size.bit_length())) if tree.size >> level & 1]
    frontier = b"".join(tree.lookup(level, (tree.size >> level) - 1) for level in levels)
    if bytes(head.frontier) != frontier:
        raise Damage("the head's right edge (frontier) differs from the tree recomputed from the entries")
