"""The log as the server's own database holds it, for the verifier: entries, and the stored derived rows."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson
from django.conf import settings
from django.db import connection, connections
from django.db.models import BooleanField, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

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
        self._latest = ""

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
        self._latest = latest.note
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
            # The verifier has opened the latest checkpoint with the key: its origin is the log's.
            origin = note.parse_checkpoint(note.split_note(self._latest)[0]).origin
            checkpoints = _check_checkpoints(tree, key, progress, _signer_of(key, origin))
            head_size = _check_head(tree)
            _check_no_stray_node(head_size)
            cosignatures = _check_cosignatures(tree.size)
            return [f"the stored columns of {columns} entries, {nodes} stored Merkle nodes (and none beyond the "
                    f"tree), {checkpoints} stored checkpoints (one per entry), {cosignatures} stored "
                    "cosignatures and the head agree with the entries"]

        return run


def _raw_rows(rows: QuerySet[Any, Any], chunk_size: int = 2000) -> Iterator[tuple[Any, ...]]:
    """The rows of a `values_list` as the database's driver gives them, a chunk at a time (on PostgreSQL
    through a server-side cursor, as the ORM's `iterator()`), without Django's converters: per row and
    column they were a tenth of the database path's time (issue 18). A time is then naive on SQLite (aware on
    PostgreSQL), compared as such; where two differ, they are read again through the ORM (`_same_instant`,
    `_stored_time`), so that a time is refused exactly where the converted values differ."""
    sql, params = rows.query.get_compiler(using=rows.db).as_sql()
    with connections[rows.db].chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(chunk_size):
            yield from chunk


def _check_nodes(tree: merkle.MemoryTree) -> int:
    """Every perfect subtree within the tree is stored, with the hash recomputed from the entries."""
    checked = 0
    for level in range(tree.size.bit_length()):
        width, first_key = tree.size >> level, Node.key_of(level, 0)
        keys, hashes = [], []
        for key, value in _raw_rows(Node.objects.filter(key__gte=first_key, key__lt=Node.key_of(level, width))
                                    .order_by("key").values_list("key", "hash")):
            keys.append(key - first_key)
            hashes.append(bytes(value))
        # A level at a time: the stored hashes, one after another, against the tree's level.
        if keys == list(range(width)) and b"".join(hashes) == tree.level(level)[: width * merkle.HASH_SIZE]:
            checked += width
            continue
        for expected, index in enumerate(keys):
            if index != expected:
                raise Damage(f"the stored Merkle node over entries #{expected << level} to "
                             f"#{((expected + 1) << level) - 1} is missing", expected << level)
            if hashes[index] != tree.lookup(level, index):
                first, last = index << level, ((index + 1) << level) - 1
                raise Damage(f"the stored Merkle node over entries #{first} to #{last} differs from the hash "
                             "recomputed from the entries", first)
        # Those stored are all there is and all as recomputed: the level ends early.
        missing = len(keys)
        raise Damage(f"the stored Merkle node over entries #{missing << level} to "
                     f"#{((missing + 1) << level) - 1} is missing", missing << level)
    return checked


def _signer_of(key: note.VerifierKey, origin: str) -> Callable[[int, bytes], str] | None:
    """The log key's own signing of its checkpoints, when its key file is here and holds `key` (the one
    checked against); None otherwise (a copy checked where only the public key is pinned)."""
    try:
        private = parse_private_key(Path(settings.LOG_KEY_FILE).read_text())
        if private.vkey.strip() != note.format_vkey(key.name, key.public_key):
            return None
        return note.checkpoint_signer(origin, private.name, private.signing_key)
    except (OSError, ValueError, note.NoteError):
        return None


def _check_checkpoints(tree: merkle.MemoryTree, key: note.VerifierKey, progress: Progress,
                       signer: Callable[[int, bytes], str] | None = None) -> int:
    """Every stored checkpoint is signed by the log key over the root of the entries at its size; there is
    one for each size, as `append` signs one after each entry, stored with the time of that entry.

    With the log key's `signer` (the server's own database, its key file beside it), the checkpoint the log
    signs at each size over the recomputed root is made again: Ed25519 is deterministic, so a stored note
    that is that text byte for byte is signed by the key over the right tree, found in a third of a
    verification's time and without parsing it (`accord ledger verify` from the database within 1.1x of the
    file's, issue 18). Any other note (and every note without the key file) is verified and parsed, and
    refused only if that fails or it holds another tree."""
    # Each checkpoint with whether its time is that of the entry it was signed after (itself held to the
    # entry by `_check_entry_columns`), in one query.
    # `same_time` compared by the database (SQLite: the stored texts), not parsed here; unequal (or no
    # entry: NULL), the two are read again through the ORM.
    entry_time = Subquery(Entry.objects.filter(seq=OuterRef("size") - 1).values("time"))
    same_time = ExpressionWrapper(Q(time=F("entry_time")), output_field=BooleanField())
    rows = _raw_rows(Checkpoint.objects.filter(size__lte=tree.size).order_by("size")
                     .annotate(entry_time=entry_time, same_time=same_time)
                     .values_list("size", "root", "note", "same_time"))
    checked = 0
    roots = _roots(tree)
    for size, root, text, same in progress(rows, tree.size):
        if size != checked + 1:
            raise Damage(f"the stored checkpoint of size {checked + 1} is missing: the log signs one after each "
                         "entry, and keeps every one")
        if not same and not _same_instant(size):
            raise Damage(f"the stored checkpoint of size {size}: its time column differs from the time of entry "
                         f"#{size - 1}, the entry it was signed after")
        recomputed = next(roots)
        if signer is None or text != signer(size, recomputed):
            _check_note(text, size, recomputed, key)
        if bytes(root) != recomputed:
            raise Damage(f"the stored checkpoint of size {size} stores a root hash that is not the one signed in "
                         "its note")
        checked += 1
    if checked != tree.size:
        raise Damage(f"the stored checkpoint of size {checked + 1} is missing: the log signs one after each "
                     "entry, and keeps every one")
    return checked


def _same_instant(size: int) -> bool:
    """Whether the checkpoint of `size` and the entry it was signed after hold the same time, as Django
    reads them: where their stored texts differ (SQLite), a time written otherwise is still the same."""
    stored = Checkpoint.objects.filter(size=size).values_list("time", flat=True).first()
    return stored is not None and stored == _stored_time(size - 1)


def _check_note(text: str, size: int, root: bytes, key: note.VerifierKey) -> None:
    """The stored checkpoint `text` of `size` verifies against the log key, over `root`."""
    what = f"the stored checkpoint of size {size}"
    try:
        signed = note.parse_checkpoint(note.open_note(text, [key]).body)
    except note.NoteError as error:
        raise Damage(f"{what} does not verify against the log key {key.name}: {error}") from None
    if signed.size != size or signed.root != root:
        raise Damage(f"{what} is signed over another tree than the entries make: the log key signed a fork of "
                     "this history")


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
    """The keys of stored nodes that are no perfect subtree of a tree of `size` leaves: the first beyond the
    tree at the lowest level that has one, then any at a level above the tree's or of a negative key."""
    top = size.bit_length()
    beyond = Q()
    for level in range(top + 1):
        beyond |= Q(key__gte=Node.key_of(level, size >> level), key__lt=Node.key_of(level + 1, 0))
    yield from Node.objects.filter(beyond).order_by("key").values_list("key", flat=True)[:1]
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
    rows = _raw_rows(Entry.objects.filter(seq__lt=size).order_by("seq")
                     .values_list("seq", "data", *_ENTRY_COLUMNS))
    as_read = _as_read_raw()
    checked = 0
    for seq, data, *stored in progress(rows, size):
        # Read again for its columns, after the verifier has shown it canonical: orjson, in half the time
        # of the standard library's decoder, which reads only what orjson does not (a lone surrogate).
        try:
            parsed = orjson.loads(data)
        except orjson.JSONDecodeError:
            parsed = json.loads(data)
        stmt = parsed["statement"]
        time = dt.datetime.fromisoformat(parsed["time"])
        expected = [stmt.get("type"), stmt.get("classification"), parsed.get("member") or "", stmt.get("nonce"),
                    as_read(time)]
        if stored != expected:
            for column, value, wanted in zip(_ENTRY_COLUMNS, stored, expected, strict=True):
                if value != wanted and (column != "time" or _stored_time(seq) != time):
                    raise Damage(f"its stored {column} column differs from what the entry says", seq)
        checked += 1
    return checked


def _as_read_raw() -> Callable[[dt.datetime], dt.datetime | None]:
    """An instant as the database's driver gives back a time column that holds it (`_raw_rows`): naive in
    the connection's time zone where the database keeps none (SQLite), as it is where it does (PostgreSQL);
    None for a naive time, which Django never stores (so the column is read again, and differs)."""
    if connection.features.supports_timezones:
        return lambda time: time if timezone.is_aware(time) else None
    zone = connection.timezone
    return lambda time: timezone.make_naive(time, zone) if timezone.is_aware(time) else None


def _stored_time(seq: int) -> dt.datetime | None:
    """The time column of entry `seq` as Django reads it (where its stored text is not the one expected)."""
    return Entry.objects.filter(seq=seq).values_list("time", flat=True).first()


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
