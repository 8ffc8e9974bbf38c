"""RFC 9162 Merkle tree hashes, inclusion and consistency proofs over stored perfect subtrees."""

from collections.abc import Callable, Sequence
from hashlib import sha256

__all__ = [
    "EMPTY_ROOT",
    "MemoryTree",
    "NodeLookup",
    "Subtree",
    "consistency_proof",
    "hash_of_subtrees",
    "inclusion_proof",
    "inclusion_proof_subtrees",
    "leaf_hash",
    "node_hash",
    "nodes_completed_by_append",
    "perfect_subtrees",
    "root_hash",
    "subtree_hash",
    "verify_consistency",
    "verify_inclusion",
]

HASH_SIZE = 32
EMPTY_ROOT: bytes = sha256(b"").digest()

# lookup(level, index): the stored hash of the perfect subtree over the leaves
# [index << level, (index + 1) << level); level 0 holds the leaf hashes.
NodeLookup = Callable[[int, int], bytes]


def leaf_hash(entry: bytes) -> bytes:
    return sha256(b"\x00" + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return sha256(b"\x01" + left + right).digest()


def _split_point(n: int) -> int:
    """The largest power of two smaller than n (n > 1): where RFC 9162 splits a list of n leaves."""
    return 1 << ((n - 1).bit_length() - 1)


def nodes_completed_by_append(
    index: int, leaf: bytes, lookup: NodeLookup
) -> list[tuple[int, int, bytes]]:
    if index < 0:
        raise ValueError(f"leaf index must not be negative, got {index}")
    completed = [(0, index, leaf)]
    level, position, current = 0, index, leaf
    # A node becomes complete exactly when its right child does: while the new node is a right
    # child, its left sibling is already stored and the parent is now whole.
    while position & 1:
        current = node_hash(lookup(level, position - 1), current)
        level += 1
        position >>= 1
        completed.append((level, position, current))
    return completed


def _mth(start: int, n: int, lookup: NodeLookup) -> bytes:
    """MTH(D[start:start + n]) for n >= 1."""
    if n & (n - 1) == 0 and start % n == 0:
        return lookup(n.bit_length() - 1, start // n)
    k = _split_point(n)
    return node_hash(_mth(start, k, lookup), _mth(start + k, n - k, lookup))


def subtree_hash(start: int, end: int, lookup: NodeLookup) -> bytes:
    if not 0 <= start <= end:
        raise ValueError(f"leaf range [{start}, {end}) is not a range of leaves")
    if start == end:
        return EMPTY_ROOT
    # Ranges starting at a multiple of a power of two at least their length (every range a proof
    # asks for) cost O(log n) lookups; any other range is still hashed right, only slower.
    return _mth(start, end - start, lookup)


def root_hash(size: int, lookup: NodeLookup) -> bytes:
    if size < 0:
        raise ValueError(f"tree size must not be negative, got {size}")
    return subtree_hash(0, size, lookup)


def inclusion_proof(index: int, size: int, lookup: NodeLookup) -> list[bytes]:
    if not 0 <= index < size:
        raise ValueError(f"leaf index {index} is not in a tree of size {size}")
    # Walk PATH(m, D[start:end]) from the root down; the RFC lists siblings from the leaf up.
    siblings: list[bytes] = []
    start, end = 0, size
    while end - start > 1:
        k = _split_point(end - start)
        if index < start + k:
            siblings.append(subtree_hash(start + k, end, lookup))
            end = start + k
        else:
            siblings.append(subtree_hash(start, start + k, lookup))
            start += k
    siblings.reverse()
    return siblings


# (level, index): the perfect subtree over the leaves [index << level, (index + 1) << level).
Subtree = tuple[int, int]


def perfect_subtrees(start: int, end: int) -> list[Subtree]:
    """The stored subtrees whose hashes make up MTH(D[start:end]), largest (leftmost) first.

    For a range that starts at a multiple of a power of two at least its length, which is every
    range a proof or a root asks for: MTH then splits into the binary digits of the length.
    """
    if not 0 <= start <= end:
        raise ValueError(f"leaf range [{start}, {end}) is not a range of leaves")
    pieces: list[Subtree] = []
    remaining = end - start
    while remaining:
        level = remaining.bit_length() - 1
        if start & ((1 << level) - 1):
            raise ValueError(f"leaf range [{start}, {end}) does not start on a whole subtree")
        pieces.append((level, start >> level))
        start += 1 << level
        remaining -= 1 << level
    return pieces


def hash_of_subtrees(hashes: Sequence[bytes]) -> bytes:
    """MTH of a range from the hashes of its `perfect_subtrees`, in their order."""
    if not hashes:
        return EMPTY_ROOT
    # RFC 9162 splits at the largest power of two first, so the smaller pieces nest on the right.
    result = hashes[-1]
    for left in reversed(hashes[:-1]):
        result = node_hash(left, result)
    return result


def inclusion_proof_subtrees(index: int, size: int) -> list[list[Subtree]]:
    """For each hash of the inclusion proof of leaf `index` in a tree of `size`, from the leaf up,
    the stored subtrees it is made of: what a store reads, in one query, to answer the proof."""
    if not 0 <= index < size:
        raise ValueError(f"leaf index {index} is not in a tree of size {size}")
    # As transparency-dev/merkle computes it: below the level where the leaf's path parts from the
    # tree's right edge, every sibling is a whole stored subtree; at that level the sibling is the
    # rest of the tree to the right (made of several stored subtrees, or none); above it, the
    # siblings are the whole subtrees to the left, which the binary digits of `begin` name.
    fork = (index ^ size).bit_length() - 1
    plan = [[(level, (index >> level) ^ 1)] for level in range(fork)]
    begin = index >> fork << fork
    end = begin + (1 << fork)
    if end < size:
        plan.append(perfect_subtrees(end, size))
    plan.extend([(level, (begin >> level) - 1)] for level in range(fork, begin.bit_length()) if begin >> level & 1)
    return plan


def consistency_proof(old_size: int, new_size: int, lookup: NodeLookup) -> list[bytes]:
    if not 0 <= old_size <= new_size:
        raise ValueError(
            f"no consistency proof from size {old_size} to size {new_size}: "
            "sizes must satisfy 0 <= old_size <= new_size"
        )
    if old_size == 0 or old_size == new_size:
        return []
    # SUBPROOF(m, D[start:end], b), unrolled: each step's hash goes after its inner result.
    outer: list[bytes] = []
    m, start, end, whole_old_tree = old_size, 0, new_size, True
    while m != end - start:
        k = _split_point(end - start)
        if m <= k:
            outer.append(subtree_hash(start + k, end, lookup))
            end = start + k
        else:
            outer.append(subtree_hash(start, start + k, lookup))
            m -= k
            start += k
            whole_old_tree = False
    proof = [] if whole_old_tree else [subtree_hash(start, end, lookup)]
    proof.extend(reversed(outer))
    return proof


def _is_hash(value: object) -> bool:
    return isinstance(value, bytes) and len(value) == HASH_SIZE


def _is_size(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def verify_inclusion(
    leaf: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> bool:
    if not (_is_size(index) and _is_size(size) and index < size):
        return False
    if not (_is_hash(leaf) and _is_hash(root) and all(_is_hash(p) for p in proof)):
        return False
    # RFC 9162 section 2.1.3.2, step for step.
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not (fn & 1 or fn == 0):
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    if not (_is_size(old_size) and _is_size(new_size) and old_size <= new_size):
        return False
    if not (_is_hash(old_root) and _is_hash(new_root) and all(_is_hash(p) for p in proof)):
        return False
    if old_size == 0:
        # Every tree extends the empty one, but only if the old root really is the empty root.
        return not proof and old_root == EMPTY_ROOT and (new_size > 0 or new_root == EMPTY_ROOT)
    if old_size == new_size:
        return not proof and old_root == new_root
    # RFC 9162 section 2.1.4.2, step for step.
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    if not path:
        return False
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not (fn & 1 or fn == 0):
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == old_root and sr == new_root


class MemoryTree:
    """An append-only tree held in memory, storing the same perfect nodes the database does.

    Each level is one buffer of 32-byte hashes, `_levels[level][32 * index:32 * (index + 1)]` the node
    over the leaves [index << level, (index + 1) << level). An append only adds its leaf; the interior
    nodes it completes are hashed when a node is first looked up, all of a level's new pairs in one go,
    the same hashes as hashing them at each append without the loop's work per leaf (the verifier
    appends every entry of a log and looks up only at the end). Buffers rather than a bytes object per
    node: a million entries' tree is 64 MB in two million hashes, not two million objects.
    """

    __slots__ = ("_built", "_levels")

    def __init__(self) -> None:
        self._levels: list[bytearray] = [bytearray()]
        self._built = 0  # the size up to which the interior levels are complete

    @property
    def size(self) -> int:
        return len(self._levels[0]) // HASH_SIZE

    def append(self, leaf_hash: bytes) -> int:
        if len(leaf_hash) != HASH_SIZE:
            raise ValueError(f"a leaf hash is {HASH_SIZE} bytes, got {len(leaf_hash)}")
        leaves = self._levels[0]
        leaves += leaf_hash
        return len(leaves) // HASH_SIZE - 1

    def append_entry(self, entry: bytes) -> None:
        """`append(leaf_hash(entry))` in one call, for a verifier appending every entry of a log."""
        self._levels[0] += sha256(b"\x00" + entry).digest()

    def _complete(self) -> None:
        """Hash the pairs completed since the last lookup, level by level from the leaves up."""
        levels = self._levels
        pair = 2 * HASH_SIZE
        level = 0
        while len(levels[level]) >= pair:
            below = levels[level]
            if level + 1 == len(levels):
                levels.append(bytearray())
            above = levels[level + 1]
            start, end = 2 * len(above), len(below) - len(below) % pair
            if end > start:
                above += b"".join([sha256(b"\x01" + below[offset : offset + pair]).digest()
                                   for offset in range(start, end, pair)])
            level += 1
        self._built = self.size

    def lookup(self, level: int, index: int) -> bytes:
        if self._built != len(self._levels[0]) // HASH_SIZE:
            self._complete()
        # Checked by hand: a negative index would otherwise quietly read from the end of a buffer.
        if 0 <= level < len(self._levels) and 0 <= index < len(self._levels[level]) // HASH_SIZE:
            offset = index * HASH_SIZE
            return bytes(self._levels[level][offset : offset + HASH_SIZE])
        raise IndexError(f"no complete node at level {level}, index {index}")

    def level(self, level: int) -> bytes:
        """The hashes of every complete node at `level`, in order of index, one after another: a level
        stored elsewhere is compared with it in one go rather than node by node."""
        if self._built != len(self._levels[0]) // HASH_SIZE:
            self._complete()
        return bytes(self._levels[level]) if 0 <= level < len(self._levels) else b""

    def root(self) -> bytes:
        return root_hash(self.size, self.lookup)
