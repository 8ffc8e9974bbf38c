"""Reading the stored log back, with proofs; the log is public, only sealed bodies are protected
(see accord.core.policy). The one writer is `accord.ledger.actions.append`."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TypeVar

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Max, Subquery

from accord.ledger.models import Checkpoint, Entry, Head, Node
from accord_verify import merkle, tiles
from accord_verify.merkle import Subtree

T = TypeVar("T")


# The log's head, read on every request (its version tags the answer: accord.core.conditional) and by every act,
# in plain SQL as the append writes it (accord.ledger.actions): Django would build the query again each time,
# at several times the cost of answering it. The table is the model's (tests/ledger/test_log.py holds the two
# together).
READ_HEAD = 'SELECT "size", "frontier" FROM "ledger_head" WHERE "id" = 1'


# The same head read as two more columns of another statement's one row (a request's session:
# accord.core.sessions), so that a request which reads both makes one round trip to the database, not two: the
# columns, and the join that gives them (no row matched: both NULL, as an empty log).
HEAD_COLUMNS = '"ledger_head"."size", "ledger_head"."frontier"'
HEAD_JOIN = 'LEFT JOIN "ledger_head" ON "ledger_head"."id" = 1'


def head_of(size: int | None, frontier: bytes | memoryview | None) -> tuple[int, bytes] | None:
    """The head from its two columns as READ_HEAD or HEAD_COLUMNS read them (None: the log is empty)."""
    return None if size is None or frontier is None else (size, bytes(frontier))


def head() -> tuple[int, bytes] | None:
    """The log's size and right edge (`head_of`), None while it is empty. One query."""
    with connection.cursor() as cursor:
        cursor.execute(READ_HEAD)
        row = cursor.fetchone()
    return None if row is None else head_of(row[0], row[1])


def size() -> int:
    found = head()
    return found[0] if found else 0


def version() -> str:
    """The log's size and a digest of its right edge, which its root follows: an exact version of the whole
    state, which no other log of the same size shares (a database restored, or a demo loaded again, while a
    server process keeps what it answered for the one before). One query, as `size()`."""
    return version_of(head())


def version_of(head: tuple[int, bytes] | None) -> str:
    """`version()` of a head already read (`head`, or HEAD_COLUMNS with `head_of`)."""
    if head is None:
        return "0"
    return f"{head[0]}:{hashlib.sha256(head[1]).hexdigest()[:32]}"


def latest_checkpoint() -> Checkpoint | None:
    return Checkpoint.objects.order_by("-size").first()


def checkpoint_at(size: int) -> Checkpoint | None:
    return Checkpoint.objects.filter(size=size).first()


# Proofs read their nodes with plain SQL, in one query each: a proof is a few dozen rows, and the
# ORM's building of the query would cost more than SQLite's answering it (bench/ledger.py measures).
_SELECT_NODES = 'SELECT "key", "hash" FROM "ledger_node" WHERE "key" IN ({})'
# A node's key is never negative: -1 (below) marks the row of a checkpoint's root read with the nodes.
ROOT_ROW = -1
_WITH_SIGNED_ROOT = ' UNION ALL SELECT -1, "root" FROM "ledger_checkpoint" WHERE "size" = {}'
_SELECT_NODE_RANGE = 'SELECT "key", "hash" FROM "ledger_node" WHERE "key" >= %s AND "key" < %s ORDER BY "key"'
_PLACEHOLDER = bytes(merkle.HASH_SIZE)


@functools.cache
def _select_nodes(count: int, placeholder: str, with_signed_root: bool = False) -> str:
    # With no node to read (a tree of one), the key list is empty: "IN (NULL)" matches no row.
    nodes = _SELECT_NODES.format(", ".join([placeholder] * count) or "NULL")
    return nodes + _WITH_SIGNED_ROOT.format(placeholder) if with_signed_root else nodes


def _select_keys(keys: list[int], signed_at: int | None = None) -> list[tuple[int, bytes]]:
    """The stored (key, hash) rows of these node keys, in one query through the database driver's cursor;
    with `signed_at`, also the root of the checkpoint of that size, if one was signed, as the row
    (ROOT_ROW, root).

    Django's cursor around the driver's costs about what SQLite takes to answer a proof's query
    (bench/ledger.py measures both): at every call it checks the thread and the transaction, maps
    errors and rewrites the placeholders of the SQL. This query is fixed SQL over integer keys, so
    it skips the wrapper; it keeps Django's error types and its refusal to read in a broken
    transaction. When Django records queries (DEBUG, or a test counting them), it goes through
    Django's cursor instead, so that it is recorded; tests/ledger/test_log.py counts it at the driver.
    """
    if not keys and signed_at is None:
        return []  # a proof of the only entry of a tree of one: no query at all
    parameters: list[int] = keys if signed_at is None else [*keys, signed_at]
    database = connections[DEFAULT_DB_ALIAS]  # `connection` is a proxy, looked up at each use
    if database.queries_logged:
        with database.cursor() as cursor:
            cursor.execute(_select_nodes(len(keys), "%s", signed_at is not None), parameters)
            return cursor.fetchall()  # type: ignore[no-any-return]
    database.ensure_connection()
    database.validate_no_broken_transaction()
    placeholder = "?" if database.vendor == "sqlite" else "%s"
    with database.wrap_database_errors:
        cursor = database.connection.cursor()
        try:
            cursor.execute(_select_nodes(len(keys), placeholder, signed_at is not None), parameters)
            # Both drivers read a BLOB or bytea as bytes.
            return cursor.fetchall()  # type: ignore[no-any-return]
        finally:
            cursor.close()


def _missing(wanted: Collection[int], rows: list[tuple[int, bytes]]) -> Node.DoesNotExist:
    found = {key for key, _ in rows}
    key = min(key for key in wanted if key not in found)
    level, index = key >> Node.INDEX_BITS, key & ((1 << Node.INDEX_BITS) - 1)
    return Node.DoesNotExist(f"no stored node at level {level}, index {index}")


def _hashes(subtrees: Collection[Subtree]) -> dict[Subtree, bytes]:
    """The stored hashes of these subtrees, in one query; Node.DoesNotExist if one is not stored."""
    bits = Node.INDEX_BITS
    keys = {(level << bits) | index: (level, index) for level, index in subtrees}
    rows = _select_keys(list(keys))
    if len(rows) != len(keys):
        raise _missing(keys, rows)
    return {keys[key]: value for key, value in rows}


def _in_one_query(compute: Callable[[merkle.NodeLookup], T]) -> T:
    """`compute` over the stored nodes, reading all it needs in one query: it runs once to learn
    which nodes it reads (the nodes a proof needs depend on sizes only, never on hashes), then again
    over them."""
    wanted: set[Subtree] = set()

    def record(level: int, index: int) -> bytes:
        wanted.add((level, index))
        return _PLACEHOLDER

    compute(record)
    found = _hashes(wanted)
    return compute(lambda level, index: found[(level, index)])


# Proofs keep the upper nodes of the trees that checkpoints signed in memory, found only through the
# root the log key signed. A perfect subtree never changes once stored, but a database can under a running
# process: a transaction that appended is rolled back, a test's database is emptied, a backup is restored.
# So a tree's peaks (the perfect subtrees its root is made of) are kept under its size once they hash to
# the root signed at that size, and the nodes inside a peak under that peak's key and hash; each proof
# reads the signed root again, in its one query, beside the nodes of the lowest levels. When that root is
# not the one kept, the proof is read whole from the database again (a second query) and kept anew. One
# root, one tree: a different tree under a kept root would be a collision of SHA-256.
CACHED_LEVEL = 4  # nodes below it are read each time: they are nearly all of a tree's nodes
_CACHED_TREES = 64  # sizes
_CACHED_NODES = 1 << 18  # about 30 MB at most; all are dropped when there are more


@dataclass(frozen=True)
class _Peak:
    key: int
    hash: bytes
    # The proof's hashes above this peak, from it up: the rest of the tree to its right, if any, then
    # each peak to its left, the nearest first.
    above: list[bytes]


@dataclass(frozen=True)
class _SignedTree:
    root: bytes
    peaks: dict[int, _Peak]  # by level: a tree has at most one peak of each level


class _KeptNodes:
    def __init__(self) -> None:
        self.trees: dict[int, _SignedTree] = {}
        self.inner: dict[int, tuple[bytes, dict[int, bytes]]] = {}
        self.count = 0

    def forget(self) -> None:
        self.trees, self.inner, self.count = {}, {}, 0

    def keep_tree(self, size: int, tree: _SignedTree) -> None:
        if len(self.trees) >= _CACHED_TREES:
            self.trees.pop(next(iter(self.trees)), None)
        self.trees[size] = tree

    def inside(self, peak: _Peak) -> dict[int, bytes]:
        """The nodes kept inside `peak`, which holds `peak.hash` in the database now."""
        kept = self.inner.get(peak.key)
        if kept is None or kept[0] != peak.hash:
            kept = (peak.hash, {})
            self.inner[peak.key] = kept
        return kept[1]

    def keep_inside(self, nodes: dict[int, bytes], found: dict[int, bytes], keys: list[int]) -> None:
        if self.count + len(keys) > _CACHED_NODES:
            self.inner, self.count = {}, 0
            return
        for key in keys:
            nodes[key] = found[key]
        self.count += len(keys)


_kept = _KeptNodes()


def forget_kept_nodes() -> None:
    """Drop what proofs keep in memory (a test's database is new; nothing else needs to)."""
    _kept.forget()


def _from_kept(seq: int, tree_size: int, fork: int, tree: _SignedTree) -> tuple[list[bytes], bytes] | None:
    """The proof from the kept peak of `seq`'s subtree and the nodes kept inside it, reading the lowest
    levels and any node not kept yet; None when the root signed at `tree_size` is not the kept one."""
    peak = tree.peaks[fork]
    kept = _kept.inside(peak)
    bits = Node.INDEX_BITS
    keys = [(level << bits) | ((seq >> level) ^ 1) for level in range(fork)]
    low = min(CACHED_LEVEL, fork)
    missing = [key for key in keys[low:] if key not in kept]
    wanted = keys[:low] + missing
    rows = _select_keys(wanted, signed_at=tree_size)
    found = dict(rows)
    if found.pop(ROOT_ROW, None) != tree.root:
        return None
    if len(found) != len(wanted):
        raise _missing(wanted, rows)
    if missing:
        _kept.keep_inside(kept, found, missing)
    proof = [found[key] if key in found else kept[key] for key in keys]
    proof.extend(peak.above)
    return proof, tree.root


def _from_database(seq: int, tree_size: int, fork: int) -> tuple[list[bytes], bytes]:
    """The proof and the root, every node read from the database, with the root signed at `tree_size`:
    when they agree, the tree's peaks and the proof's upper nodes are kept."""
    plan = merkle.inclusion_proof_subtrees(seq, tree_size)
    bits = Node.INDEX_BITS
    key_plan = [[(level << bits) | index for level, index in hashes] for hashes in plan]
    # The root needs one node more: it is made of the same stored subtrees as the proof's path above
    # the entry's own subtree (its peak, where the path leaves the tree's right edge), so it is that
    # subtree hashed with the proof's hashes from there up, as a verifier would.
    own = (fork << bits) | (seq >> fork)
    wanted = {key for keys in key_plan for key in keys}
    wanted.add(own)
    rows = _select_keys(list(wanted), signed_at=tree_size)
    found = dict(rows)
    signed = found.pop(ROOT_ROW, None)
    if len(found) != len(wanted):
        raise _missing(wanted, rows)
    proof = [found[keys[0]] if len(keys) == 1 else merkle.hash_of_subtrees([found[k] for k in keys])
             for keys in key_plan]
    root = found[own]
    # Above the fork every hash of the proof is a left sibling; at the fork, the rest of the tree to
    # the right of the entry's subtree, if any, is the right one.
    above = proof[fork:]
    if (seq >> fork) + 1 << fork < tree_size:
        root = merkle.node_hash(root, above[0])
        above = above[1:]
    for left in above:
        root = merkle.node_hash(left, root)
    if signed == root:
        tree = _signed_tree(tree_size, root, found)
        _kept.keep_tree(tree_size, tree)
        upper = [keys[0] for keys in key_plan[CACHED_LEVEL:fork]]
        if upper:
            _kept.keep_inside(_kept.inside(tree.peaks[fork]), found, upper)
    return proof, root


def _signed_tree(tree_size: int, root: bytes, found: dict[int, bytes]) -> _SignedTree:
    """The peaks of the tree of `tree_size` (every one among the nodes a proof with its root reads)."""
    bits = Node.INDEX_BITS
    subtrees = merkle.perfect_subtrees(0, tree_size)
    hashes = [found[(level << bits) | index] for level, index in subtrees]
    peaks = {}
    for position, (level, index) in enumerate(subtrees):
        right = hashes[position + 1:]
        above = [merkle.hash_of_subtrees(right)] if right else []
        above.extend(reversed(hashes[:position]))
        peaks[level] = _Peak((level << bits) | index, hashes[position], above)
    return _SignedTree(root, peaks)


def _proof_hashes(seq: int, tree_size: int) -> tuple[list[bytes], bytes]:
    """The inclusion proof of entry `seq` in the tree of `tree_size` and the tree's root: one query, or
    two when the database no longer holds what was kept of that tree.

    The nodes are planned from the two sizes (`merkle.inclusion_proof_subtrees`) and read by their keys.
    """
    if not 0 <= seq < tree_size:
        raise ValueError(f"leaf index {seq} is not in a tree of size {tree_size}")
    fork = (seq ^ tree_size).bit_length() - 1
    tree = _kept.trees.get(tree_size)
    if tree is not None:
        answer = _from_kept(seq, tree_size, fork, tree)
        if answer is not None:
            return answer
        _kept.trees.pop(tree_size, None)
    return _from_database(seq, tree_size, fork)


def inclusion_proof(seq: int, tree_size: int) -> list[bytes]:
    """The inclusion proof of entry `seq` in the tree of `tree_size`: one query (see `_proof_hashes`)."""
    if tree_size == 1 and seq == 0:
        return []  # the only entry of a tree of one: no query at all
    return _proof_hashes(seq, tree_size)[0]


def inclusion_proof_and_root(seq: int, tree_size: int) -> tuple[list[bytes], bytes]:
    """The inclusion proof of entry `seq` in the tree of `tree_size` and that tree's root: one query
    (see `_proof_hashes`)."""
    return _proof_hashes(seq, tree_size)


def consistency_proof(old_size: int, new_size: int) -> list[bytes]:
    return _in_one_query(lambda lookup: merkle.consistency_proof(old_size, new_size, lookup))


def consistency_proof_and_roots(old_size: int, new_size: int) -> tuple[list[bytes], bytes, bytes]:
    """The consistency proof between two sizes and the roots of both trees: one query."""
    return _in_one_query(lambda lookup: (merkle.consistency_proof(old_size, new_size, lookup),
                                         merkle.root_hash(old_size, lookup), merkle.root_hash(new_size, lookup)))


def root_at(tree_size: int) -> bytes:
    root_plan = merkle.perfect_subtrees(0, tree_size)
    found = _hashes(root_plan)
    return merkle.hash_of_subtrees([found[s] for s in root_plan])


@dataclass(frozen=True)
class EntryInTree:
    entry: Entry
    log_size: int
    latest_size: int
    # The root the log key signed for the tree asked for (the latest checkpoint's without a size),
    # None when no checkpoint was signed at that size.
    signed_root: bytes | None


def entry_in_tree(seq: int, tree_size: int | None) -> EntryInTree | None:
    """Entry `seq` with the sizes and signed root an inclusion proof needs besides its nodes: one query."""
    checkpoints = Checkpoint.objects.order_by("-size")
    if tree_size is not None:
        checkpoints = checkpoints.filter(size=tree_size)
    row = (Entry.objects.filter(seq=seq)
           .annotate(log_size=Subquery(Head.objects.filter(pk=1).values("size")[:1]),
                     latest_size=Subquery(Checkpoint.objects.order_by("-size").values("size")[:1]),
                     signed_root=Subquery(checkpoints.values("root")[:1]))
           .first())
    if row is None:
        return None
    root = row.signed_root
    return EntryInTree(entry=row, log_size=row.log_size or 0, latest_size=row.latest_size or 0,
                       signed_root=None if root is None else bytes(root))


def tile_hashes(tile: tiles.Tile) -> bytes | None:
    """The hashes of a tile of the tree, concatenated; None unless the latest checkpoint covers it.

    Two queries: the latest checkpoint's size, and the tile's nodes, one range of keys.
    """
    if tile.level is None:
        raise ValueError("an entry bundle is not a tile of hashes")
    first = tile.first_hash()
    if first + tile.width > 1 << Node.INDEX_BITS:
        return None  # beyond any stored index: the key would name a node of another level
    latest = latest_checkpoint_size()
    if tile.needed_size() > latest:
        return None
    level = tile.level * tiles.HEIGHT
    with connection.cursor() as cursor:
        cursor.execute(_SELECT_NODE_RANGE, [Node.key_of(level, first), Node.key_of(level, first + tile.width)])
        hashes = [bytes(value) for _, value in cursor.fetchall()]
    if len(hashes) != tile.width:
        raise Node.DoesNotExist(f"the nodes of {tile.path()} are not all stored though the log covers them")
    return b"".join(hashes)


def bundle_entries(tile: tiles.Tile) -> list[bytes] | None:
    """The entries of an entry bundle, exactly as hashed; None unless the latest checkpoint covers it."""
    if tile.level is not None:
        raise ValueError("a tile of hashes is not an entry bundle")
    if tile.needed_size() > latest_checkpoint_size():
        return None
    first = tile.first_hash()
    rows = (Entry.objects.filter(seq__gte=first, seq__lt=first + tile.width).order_by("seq")
            .values_list("data", flat=True))
    data = [text.encode("utf-8") for text in rows]
    if len(data) != tile.width:
        raise Entry.DoesNotExist(f"the entries of {tile.path()} are not all stored though the log covers them")
    return data


def latest_checkpoint_size() -> int:
    return Checkpoint.objects.aggregate(size=Max("size"))["size"] or 0


def entries_between(start: int, end: int) -> list[Entry]:
    return list(Entry.objects.filter(seq__gte=start, seq__lt=end).order_by("seq"))


def database_vendor() -> str:
    return connection.vendor
