"""The log as the server's own database holds it, for the verifier: entries, and the stored derived rows."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson
from django.conf import settings
from django.db.models import Q

from accord.ledger import log, witnessing
from accord.ledger.models import Checkpoint, Cosignature, Entry, Head, Node, Sealed
from accord_verify import cosignature, merkle, note
from accord_verify.keys import parse_private_key
from accord_verify.verify import Damage, SealedContent

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

    def sealed(self) -> Iterator[SealedContent]:
        """Each sealed content, with the columns kept beside it (who may read it, the member it concerns)
        held to what it commits to: the verifier opens the commitment with it."""
        rows = (Sealed.objects.filter(entry_id__lt=self._size).order_by("entry_id")
                .values_list("entry_id", "salt", "content", "classification", "audience", "member"))
        for seq, salt, content, classification, audience, member in rows.iterator(chunk_size=2000):
            try:
                parsed = json.loads(content)
                inner = parsed["statement"]
                indexed = (inner["classification"], inner.get("audience", []), parsed["member"] or "")
            except (ValueError, TypeError, KeyError):
                indexed = None  # the verifier names what is wrong with the content itself
            if indexed is not None and indexed != (classification, audience, member):
                raise Damage("the classification, audience or member stored beside its sealed content differs "
                             "from what the content holds", seq)
            yield SealedContent(seq=seq, salt=salt, content=content.encode("utf-8"))

    def checks(self, progress: Progress) -> Callable[[merkle.MemoryTree], list[str]]:
        """The checks of the rows derived from the entries, against the tree the verifier rebuilt."""

        def run(tree: merkle.MemoryTree) -> list[str]:
            # The verifier has already checked that the source's key is the pinned one.
            key = note.parse_vkey((self._pinned or self.vkey()).strip())
            columns = _check_entry_columns(tree.size, progress)
            nodes = _check_nodes(tree)
            checkpoints = _check_checkpoints(tree, key, progress, _signer_of(key))
            head_size = _check_head(tree)
            _check_no_stray_node(head_size)
            cosignatures = _check_cosignatures(tree.size)
            return [f"the stored columns of {columns} entries, {nodes} stored Merkle nodes (and none beyond the "
                    f"tree), {checkpoints} stored checkpoints (one per entry), {cosignatures} stored "
                    "cosignatures and the head agree with the entries"]

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


def _signer_of(key: note.VerifierKey) -> Callable[[str], str] | None:
    """The log key's own signing of notes, when its key file is here and holds `key` (the one checked
    against); None otherwise (a copy checked where only the public key is pinned)."""
    try:
        private = parse_private_key(Path(settings.LOG_KEY_FILE).read_text())
    except (OSError, ValueError, note.NoteError):
        return None
    if private.vkey.strip() != note.format_vkey(key.name, key.public_key):
        return None
    return note.signer(private.name, private.signing_key)


def _signed_again(text: str, signer: Callable[[str], str]) -> str | None:
    """The text of a note that `signer` makes again byte for byte (so it signed it), or None."""
    blank = text.rfind("\n\n")
    if blank < 0:
        return None
    try:
        return text[: blank + 1] if signer(text[: blank + 1]) == text else None
    except note.NoteError:
        return None


def _check_checkpoints(tree: merkle.MemoryTree, key: note.VerifierKey, progress: Progress,
                       signer: Callable[[str], str] | None = None) -> int:
    """Every stored checkpoint is signed by the log key over the root of the entries at its size; there is
    one for each size, as `append` signs one after each entry, stored with the time of that entry.

    With the log key's `signer` (the server's own database, its key file beside it), a checkpoint is first
    signed again: Ed25519 is deterministic, so a note the key signed is the same text again, made in a third
    of a verification's time (`accord ledger verify` from the database within 1.1x of the file's, issue 18);
    a note that differs is then verified as any other, and refused only if that fails."""
    rows = (Checkpoint.objects.filter(size__lte=tree.size).order_by("size")
            .values_list("size", "root", "note", "time"))
    # The entries' time columns, themselves held to the entries by `_check_entry_columns`.
    times = iter(Entry.objects.filter(seq__lt=tree.size).order_by("seq").values_list("time", flat=True)
                 .iterator(chunk_size=2000))
    checked = 0
    roots = _roots(tree)
    for size, root, text, time in progress(rows.iterator(chunk_size=2000), rows.count()):
        what = f"the stored checkpoint of size {size}"
        if size != checked + 1:
            raise Damage(f"the stored checkpoint of size {checked + 1} is missing: the log signs one after each "
                         "entry, and keeps every one")
        if time != next(times, None):
            raise Damage(f"{what}: its time column differs from the time of entry #{size - 1}, the entry it was "
                         "signed after")
        try:
            body = _signed_again(text, signer) if signer else None
            signed = note.parse_checkpoint(body if body is not None else note.open_note(text, [key]).body)
        except note.NoteError as error:
            raise Damage(f"{what} does not verify against the log key {key.name}: {error}") from None
        recomputed = next(roots)
        if signed.size != size or signed.root != recomputed:
            raise Damage(f"{what} is signed over another tree than the entries make: the log key signed "
                         "a fork of this history")
        if bytes(root) != recomputed:
            raise Damage(f"{what} stores a root hash that is not the one signed in its note")
        checked += 1
    if checked != tree.size:
        raise Damage(f"the stored checkpoint of size {checked + 1} is missing: the log signs one after each "
                     "entry, and keeps every one")
    return checked


def _roots(tree: merkle.MemoryTree) -> Iterator[bytes]:
    """The root of the tree at each size from 1 to the tree's, in one pass.

    The right edge (the perfect subtrees making up the root, largest first) is kept from one size to
    the next: the entry that makes size n completes the subtrees of the trailing one bits of n - 1,
    which take the place of their halves on the edge, read from the tree. Each root is then the edge
    hashed from the right, as RFC 9162 splits it; nothing is looked up again from the top.
    """
    edge: list[bytes] = []
    for index in range(tree.size):
        level = 0
        while index >> level & 1:
            edge.pop()
            level += 1
        edge.append(tree.lookup(level, index >> level))
        yield merkle.hash_of_subtrees(edge)


def _check_head(tree: merkle.MemoryTree) -> int:
    """The head against the entries; the size it says, which is the tree's or, if the log was appended to
    while being verified, that of a checkpoint signed since."""
    # Read entries past the tree before the head: an append committing in between then shows in the
    # head too, and is not mistaken for an entry written without one.
    beyond = Entry.objects.filter(seq__gte=tree.size).exists()
    head = Head.objects.filter(pk=1).first()
    head_size = head.size if head else 0
    if head_size < tree.size:
        raise Damage(f"the head says the log has {head_size} entries, fewer than the {tree.size} signed")
    if head is None:
        return head_size
    if head_size > tree.size:
        # Appended to while being verified: the new entries are not part of this check, but the append
        # that moved the head signed a checkpoint of its size in the same transaction, over the root its
        # right edge makes.
        signed = Checkpoint.objects.filter(size=head_size).values_list("root", flat=True).first()
        if signed is None:
            raise Damage(f"the head's size column says the log has {head_size} entries, but no checkpoint of "
                         f"that size is stored: only {tree.size} are signed")
        edge = bytes(head.frontier)
        if merkle.hash_of_subtrees([edge[i : i + 32] for i in range(0, len(edge), 32)]) != bytes(signed):
            raise Damage(f"the head's right edge (frontier) column does not make the root signed at its size "
                         f"{head_size}")
        return head_size
    if beyond:
        raise Damage("is stored without the head or a checkpoint counting it", tree.size)
    # The perfect subtrees along the right edge, largest first, as `append` keeps them.
    levels = [level for level in reversed(range(tree.size.bit_length())) if tree.size >> level & 1]
    frontier = b"".join(tree.lookup(level, (tree.size >> level) - 1) for level in levels)
    if bytes(head.frontier) != frontier:
        raise Damage("the head's right edge (frontier) differs from the tree recomputed from the entries")
    return head_size


def _stray_nodes(size: int) -> Iterator[int]:
    """The keys of stored nodes that are no perfect subtree of a tree of `size` leaves."""
    top = size.bit_length()
    for level in range(top + 1):
        within = size >> level
        yield from Node.objects.filter(key__gte=Node.key_of(level, within), key__lt=Node.key_of(level + 1, 0)) \
            .order_by("key").values_list("key", flat=True)[:1]
    yield from Node.objects.filter(Q(key__gte=Node.key_of(top + 1, 0)) | Q(key__lt=0)).values_list(
        "key", flat=True)[:1]


def _check_no_stray_node(head_size: int) -> None:
    """No node is stored beyond the tree: none is read, but one there would stand for a part of the log
    that no entry makes."""
    found = next(_stray_nodes(head_size), None)
    if found is None:
        return
    # One written since by an append that committed after the head was read is not stray.
    if next(_stray_nodes(max(head_size, log.size())), None) is None:
        return
    level, index = found >> Node.INDEX_BITS, found & ((1 << Node.INDEX_BITS) - 1)
    raise Damage(f"a Merkle node is stored beyond the tree (the node over entries #{index << level} to "
                 f"#{((index + 1) << level) - 1}, at level {level}), which no entry of the log makes")


_ENTRY_COLUMNS = ("type", "classification", "member", "nonce", "time")


def _check_entry_columns(size: int, progress: Progress) -> int:
    """Each entry's stored columns say what its data, already checked against the log, says: its type,
    classification and nonce (in its statement, or a sealed act's public part), its member (beside the
    statement; blank for a sealed act, whose member only its sealed content holds) and its time."""
    rows = (Entry.objects.filter(seq__lt=size).order_by("seq")
            .values_list("seq", "data", *_ENTRY_COLUMNS))
    checked = 0
    for seq, data, *stored in progress(rows.iterator(chunk_size=2000), size):
        # Read again for its columns, after the verifier has shown it canonical: orjson, in half the time
        # of the standard library's decoder, which reads only what orjson does not (a lone surrogate).
        try:
            parsed = orjson.loads(data)
        except orjson.JSONDecodeError:
            parsed = json.loads(data)
        stmt = parsed["statement"]
        expected = (stmt.get("type"), stmt.get("classification"), parsed.get("member") or "", stmt.get("nonce"),
                    dt.datetime.fromisoformat(parsed["time"]))
        for column, value, wanted in zip(_ENTRY_COLUMNS, stored, expected, strict=True):
            if value != wanted:
                raise Damage(f"its stored {column} column differs from what the entry says", seq)
        checked += 1
    return checked


def _check_cosignatures(size: int) -> int:
    """Each stored cosignature within the tree verifies on its checkpoint with the key in its vkey column,
    whose name is its witness column, and was made at the time in its time column."""
    rows = (Cosignature.objects.filter(size__lte=size).order_by("size", "witness")
            .values_list("size", "witness", "vkey", "line", "time"))
    checked = 0
    for at, witness, vkey, line, time in rows.iterator(chunk_size=2000):
        what = f"the stored cosignature of {witness} on the checkpoint of size {at}"
        signed = Checkpoint.objects.filter(size=at).values_list("note", flat=True).first()
        if signed is None:
            raise Damage(f"{what} is on a checkpoint that is not stored")
        try:
            key = cosignature.parse_cosigner_vkey(vkey)
        except note.NoteError as error:
            raise Damage(f"{what}: its vkey column is not a witness key: {error}") from None
        if key.name != witness:
            raise Damage(f"{what}: its witness column differs from the name in its vkey column")
        try:
            _, lines = note.split_note(signed + line)
            timestamps = cosignature.verified_cosignatures(signed + line, [key])
        except note.NoteError as error:
            raise Damage(f"{what}: its line does not verify with the key in its vkey column: {error}") from None
        if witness not in timestamps or lines[-1].line.strip() != line.strip():
            raise Damage(f"{what}: its line is not a cosignature by the key in its vkey column")
        if time != dt.datetime.fromtimestamp(timestamps[witness], dt.UTC):
            raise Damage(f"{what}: its time column differs from the time the witness signed in its line")
        checked += 1
    return checked
