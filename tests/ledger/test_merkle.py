"""Merkle hashing and proofs: the Certificate Transparency vectors, then properties."""

import functools
from collections.abc import Callable, Sequence
from hashlib import sha256
from typing import TypeAlias, TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord_verify.merkle import (
    EMPTY_ROOT,
    MemoryTree,
    consistency_proof,
    hash_of_subtrees,
    inclusion_proof,
    inclusion_proof_subtrees,
    leaf_hash,
    node_hash,
    nodes_completed_by_append,
    perfect_subtrees,
    root_hash,
    subtree_hash,
    verify_consistency,
    verify_inclusion,
)

# The RFC 6962 test data of certificate-transparency-go and transparency-dev/merkle.
CT_ENTRIES = [
    bytes.fromhex(h)
    for h in [
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ]
]
CT_ROOTS = {
    size: bytes.fromhex(h)
    for size, h in enumerate(
        [
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        ]
    )
}


def hashes(*hexes: str) -> list[bytes]:
    return [bytes.fromhex(h) for h in hexes]


# (leaf index, tree size, path); the Go sources number leaves from 1, these from 0.
CT_INCLUSION = [
    (0, 1, []),
    (
        0,
        8,
        hashes(
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ),
    ),
    (
        5,
        8,
        hashes(
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ),
    ),
    (2, 3, hashes("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
    (
        1,
        5,
        hashes(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ),
    ),
]

# (old size, new size, proof)
CT_CONSISTENCY = [
    (1, 1, []),
    (
        1,
        8,
        hashes(
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ),
    ),
    (
        6,
        8,
        hashes(
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ),
    ),
    (
        2,
        5,
        hashes(
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ),
    ),
    (
        6,
        7,
        hashes(
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ),
    ),
]

SOME_HASH = bytes.fromhex("abacaba000000000000000000000000000000000000000000060061e00123456")


def tree_of_leaves(leaves: Sequence[bytes]) -> MemoryTree:
    tree = MemoryTree()
    for leaf in leaves:
        tree.append(leaf)
    return tree


def tree_of(entries: Sequence[bytes]) -> MemoryTree:
    return tree_of_leaves([leaf_hash(entry) for entry in entries])


CT_TREE = tree_of(CT_ENTRIES)


# A second implementation, written straight from the RFC's recursive definitions over a list, so
# the stored-node arithmetic is checked against the text and not against itself. It is generic in
# how two subtrees combine: with node_hash it gives hashes; with a pair it gives the tree's shape.
T = TypeVar("T")


def split(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def reference_mth(leaves: Sequence[T], pair: Callable[[T, T], T]) -> T:
    if len(leaves) == 1:
        return leaves[0]
    k = split(len(leaves))
    return pair(reference_mth(leaves[:k], pair), reference_mth(leaves[k:], pair))


def reference_path(m: int, leaves: Sequence[T], pair: Callable[[T, T], T]) -> list[T]:
    if len(leaves) == 1:
        return []
    k = split(len(leaves))
    if m < k:
        return [*reference_path(m, leaves[:k], pair), reference_mth(leaves[k:], pair)]
    return [*reference_path(m - k, leaves[k:], pair), reference_mth(leaves[:k], pair)]


def reference_subproof(
    m: int, leaves: Sequence[T], whole: bool, pair: Callable[[T, T], T]
) -> list[T]:
    n = len(leaves)
    if m == n:
        return [] if whole else [reference_mth(leaves, pair)]
    k = split(n)
    if m <= k:
        return [*reference_subproof(m, leaves[:k], whole, pair), reference_mth(leaves[k:], pair)]
    return [*reference_subproof(m - k, leaves[k:], False, pair), reference_mth(leaves[:k], pair)]


def reference_root(leaves: Sequence[bytes]) -> bytes:
    return reference_mth(leaves, node_hash) if leaves else EMPTY_ROOT


# A shape is a leaf's position or a pair of shapes: a hash with the hashing left out. Two honest
# hashes are equal exactly when their shapes are, so shapes tell which wrong claims must fail.
Shape: TypeAlias = int | tuple["Shape", "Shape"]
Pattern: TypeAlias = str | tuple["Pattern", "Pattern"]


def pair_of(left: Shape, right: Shape) -> Shape:
    return (left, right)


def positions(size: int) -> list[Shape]:
    return list(range(size))


@functools.cache
def shape_of_root(size: int) -> Shape:
    return reference_mth(positions(size), pair_of)


def pattern_of(shape: Shape, pieces: dict[Shape, str]) -> Pattern:
    """The shape with the given pieces cut out: how a verifier assembles a root from them."""
    if shape in pieces:
        return pieces[shape]
    assert isinstance(shape, tuple), "a verifier builds every root from the pieces it is given"
    return (pattern_of(shape[0], pieces), pattern_of(shape[1], pieces))


def filled(pattern: Pattern, values: dict[str, Shape]) -> Shape:
    if isinstance(pattern, str):
        return values[pattern]
    return (filled(pattern[0], values), filled(pattern[1], values))


def could_accept_inclusion(claimed_index: int, claimed_size: int, index: int, size: int) -> bool:
    """Whether the real leaf, path and root of (index, size) fit a tree claimed to be otherwise."""
    if not 0 <= claimed_index < claimed_size:
        return False
    claimed = reference_path(claimed_index, positions(claimed_size), pair_of)
    actual = reference_path(index, positions(size), pair_of)
    if len(claimed) != len(actual):
        return False
    pieces: dict[Shape, str] = {shape: f"proof[{i}]" for i, shape in enumerate(claimed)}
    pieces[claimed_index] = "leaf"
    values: dict[str, Shape] = {f"proof[{i}]": shape for i, shape in enumerate(actual)}
    values["leaf"] = index
    return filled(pattern_of(shape_of_root(claimed_size), pieces), values) == shape_of_root(size)


def could_accept_consistency(claimed_old: int, claimed_new: int, old: int, new: int) -> bool:
    """Whether the real roots and proof of (old, new) fit sizes claimed to be otherwise."""
    if not 0 < claimed_old < claimed_new:
        return False  # these claims need an empty proof, and a real one between 0 < old < new isn't
    claimed = reference_subproof(claimed_old, positions(claimed_new), True, pair_of)
    actual = reference_subproof(old, positions(new), True, pair_of)
    pieces: dict[Shape, str] = {shape: f"proof[{i}]" for i, shape in enumerate(claimed)}
    values: dict[str, Shape] = {f"proof[{i}]": shape for i, shape in enumerate(actual)}
    if claimed_old & (claimed_old - 1) == 0:
        # The old root is then a whole subtree of the new one; the verifier puts it in itself.
        pieces[shape_of_root(claimed_old)] = "old root"
        values["old root"] = shape_of_root(old)
    if len(claimed) != len(actual):
        return False
    return filled(pattern_of(shape_of_root(claimed_old), pieces), values) == shape_of_root(
        old
    ) and filled(pattern_of(shape_of_root(claimed_new), pieces), values) == shape_of_root(new)


def synthetic_leaves(n: int) -> list[bytes]:
    return [leaf_hash(i.to_bytes(4, "big")) for i in range(n)]


def all_nodes(tree: MemoryTree) -> dict[tuple[int, int], bytes]:
    nodes = {}
    level = 0
    while (1 << level) <= tree.size:
        for index in range(tree.size >> level):
            nodes[level, index] = tree.lookup(level, index)
        level += 1
    return nodes


def flip(proof: list[bytes], element: int, byte: int, bit: int) -> list[bytes]:
    changed = bytearray(proof[element])
    changed[byte] ^= 1 << bit
    return [*proof[:element], bytes(changed), *proof[element + 1 :]]


# --- Certificate Transparency vectors ----------------------------------------------------------


def test_it_hashes_leaves_and_nodes_with_the_rfc_prefixes() -> None:
    assert EMPTY_ROOT == sha256(b"").digest() == CT_ROOTS[0]
    assert leaf_hash(b"") == CT_ROOTS[1]
    assert node_hash(leaf_hash(b""), leaf_hash(b"\x00")) == CT_ROOTS[2]


@pytest.mark.parametrize("size", range(9))
def test_it_matches_the_ct_root_for_every_size(size: int) -> None:
    assert root_hash(size, CT_TREE.lookup) == CT_ROOTS[size]
    assert tree_of(CT_ENTRIES[:size]).root() == CT_ROOTS[size]


@pytest.mark.parametrize(("index", "size", "path"), CT_INCLUSION)
def test_it_produces_and_verifies_the_ct_inclusion_proofs(
    index: int, size: int, path: list[bytes]
) -> None:
    leaf = leaf_hash(CT_ENTRIES[index])
    root = CT_ROOTS[size]
    assert inclusion_proof(index, size, CT_TREE.lookup) == path
    assert verify_inclusion(leaf, index, size, path, root)


@pytest.mark.parametrize(("index", "size", "path"), CT_INCLUSION)
def test_it_rejects_corrupted_ct_inclusion_proofs(index: int, size: int, path: list[bytes]) -> None:
    leaf = leaf_hash(CT_ENTRIES[index])
    root = CT_ROOTS[size]
    probes = [
        (index - 1, size, leaf, path, root),
        (index + 1, size, leaf, path, root),
        (index ^ 2, size, leaf, path, root),
        (index, size * 2, leaf, path, root),
        (index, size // 2, leaf, path, root),
        (index, size, leaf_hash(b"WrongLeaf"), path, root),
        (index, size, b"WrongLeaf", path, root),
        (index, size, leaf, path, EMPTY_ROOT),
        (index, size, leaf, path, SOME_HASH),
        (index, size, leaf, [*path, b""], root),
        (index, size, leaf, [*path, root], root),
        (index, size, leaf, [b"", *path], root),
        (index, size, leaf, [root, *path], root),
    ]
    if path:
        probes.append((index, size, leaf, path[:-1], root))
        probes.extend((index, size, leaf, flip(path, i, 0, 3), root) for i in range(len(path)))
    if len(path) > 1:
        probes.append((index, size, leaf, [path[0], SOME_HASH, *path[1:]], root))
    for wrong_index, wrong_size, wrong_leaf, wrong_path, wrong_root in probes:
        assert not verify_inclusion(wrong_leaf, wrong_index, wrong_size, wrong_path, wrong_root)


@pytest.mark.parametrize(("old_size", "new_size", "proof"), CT_CONSISTENCY)
def test_it_produces_and_verifies_the_ct_consistency_proofs(
    old_size: int, new_size: int, proof: list[bytes]
) -> None:
    assert consistency_proof(old_size, new_size, CT_TREE.lookup) == proof
    assert verify_consistency(old_size, new_size, CT_ROOTS[old_size], CT_ROOTS[new_size], proof)


@pytest.mark.parametrize(("old_size", "new_size", "proof"), CT_CONSISTENCY[1:])
def test_it_rejects_corrupted_ct_consistency_proofs(
    old_size: int, new_size: int, proof: list[bytes]
) -> None:
    old, new = CT_ROOTS[old_size], CT_ROOTS[new_size]
    probes = [
        (old_size - 1, new_size, old, new, proof),
        (old_size + 1, new_size, old, new, proof),
        (old_size ^ 2, new_size, old, new, proof),
        (old_size, new_size * 2, old, new, proof),
        (old_size, new_size // 2, old, new, proof),
        (old_size, new_size, b"WrongRoot", new, proof),
        (old_size, new_size, old, b"WrongRoot", proof),
        (old_size, new_size, SOME_HASH, new, proof),
        (old_size, new_size, old, SOME_HASH, proof),
        (old_size, new_size, new, old, proof),
        (old_size, new_size, old, new, []),
        (old_size, new_size, old, new, [*proof, b""]),
        (old_size, new_size, old, new, [*proof, old]),
        (old_size, new_size, old, new, [*proof, new]),
        (old_size, new_size, old, new, [b"", *proof]),
        (old_size, new_size, old, new, [old, *proof]),
        (old_size, new_size, old, new, [new, *proof]),
        (old_size, new_size, old, new, [proof[0], *proof]),
        (old_size, new_size, old, new, proof[:-1]),
        *((old_size, new_size, old, new, flip(proof, i, 0, 4)) for i in range(len(proof))),
    ]
    for probe in probes:
        assert not verify_consistency(*probe), probe


def test_it_treats_equal_and_empty_sizes_as_the_rfc_does() -> None:
    root = CT_ROOTS[3]
    assert verify_consistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, [])
    assert verify_consistency(0, 3, EMPTY_ROOT, root, [])
    assert verify_consistency(3, 3, root, root, [])
    assert consistency_proof(0, 3, CT_TREE.lookup) == []
    assert consistency_proof(3, 3, CT_TREE.lookup) == []
    assert consistency_proof(0, 0, CT_TREE.lookup) == []
    # Equal sizes need equal roots and nothing else; an empty old tree has the empty root.
    assert not verify_consistency(3, 3, root, CT_ROOTS[4], [])
    assert not verify_consistency(3, 3, root, root, [root])
    assert not verify_consistency(0, 3, SOME_HASH, root, [])
    assert not verify_consistency(0, 3, EMPTY_ROOT, root, [EMPTY_ROOT])
    assert not verify_consistency(0, 0, EMPTY_ROOT, SOME_HASH, [])
    # Time runs forwards.
    assert not verify_consistency(4, 3, CT_ROOTS[4], root, [])
    assert not verify_consistency(-1, 3, EMPTY_ROOT, root, [])


def test_it_never_verifies_inclusion_in_an_impossible_tree() -> None:
    leaf = leaf_hash(b"data")
    assert verify_inclusion(leaf, 0, 1, [], leaf)
    for index, size in [(0, 0), (1, 0), (1, 1), (2, 1), (-1, 1)]:
        assert not verify_inclusion(leaf, index, size, [], leaf)
        assert not verify_inclusion(leaf, index, size, [], EMPTY_ROOT)
    assert not verify_inclusion(b"", 0, 1, [], b"")
    assert not verify_inclusion(leaf, 0, 1, [], b"")


def test_it_does_not_raise_on_proofs_of_the_wrong_shape() -> None:
    leaf = leaf_hash(b"data")
    garbage: list[object] = [None, "text", 3, b"short", [b"x"]]
    for item in garbage:
        assert not verify_inclusion(leaf, 0, 2, [item], leaf)  # type: ignore[list-item]
        assert not verify_consistency(1, 2, leaf, leaf, [item])  # type: ignore[list-item]
    assert not verify_inclusion(leaf, True, 2, [leaf], leaf)
    assert not verify_consistency(1, 2, "root", leaf, [leaf])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: inclusion_proof(8, 8, CT_TREE.lookup), "leaf index 8 is not in a tree of size 8"),
        (lambda: inclusion_proof(-1, 8, CT_TREE.lookup), "leaf index -1"),
        (lambda: inclusion_proof(0, 0, CT_TREE.lookup), "tree of size 0"),
        (lambda: consistency_proof(5, 4, CT_TREE.lookup), "from size 5 to size 4"),
        (lambda: consistency_proof(-1, 4, CT_TREE.lookup), "from size -1 to size 4"),
        (lambda: root_hash(-1, CT_TREE.lookup), "tree size must not be negative"),
        (lambda: subtree_hash(3, 2, CT_TREE.lookup), "leaf range [3, 2)"),
        (lambda: nodes_completed_by_append(-1, SOME_HASH, CT_TREE.lookup), "must not be negative"),
        (lambda: MemoryTree().append(b"entry"), "a leaf hash is 32 bytes"),
    ],
)
def test_it_rejects_arguments_out_of_range(call: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace(")", r"\)")):
        call()


def test_it_refuses_to_look_up_nodes_it_does_not_have() -> None:
    with pytest.raises(IndexError, match="no complete node at level 0, index -1"):
        CT_TREE.lookup(0, -1)
    with pytest.raises(IndexError):
        CT_TREE.lookup(3, 1)
    with pytest.raises(IndexError):
        CT_TREE.lookup(4, 0)
    with pytest.raises(IndexError):
        inclusion_proof(3, 9, CT_TREE.lookup)


def test_it_lists_the_nodes_an_append_completes() -> None:
    store = {key: value for key, value in all_nodes(tree_of(CT_ENTRIES[:7])).items()}
    completed = nodes_completed_by_append(7, leaf_hash(CT_ENTRIES[7]), lambda lv, i: store[lv, i])
    assert [(level, index) for level, index, _ in completed] == [(0, 7), (1, 3), (2, 1), (3, 0)]
    assert completed[-1][2] == CT_ROOTS[8]
    completed = nodes_completed_by_append(4, leaf_hash(CT_ENTRIES[4]), lambda lv, i: store[lv, i])
    assert [(level, index) for level, index, _ in completed] == [(0, 4)]


def test_it_counts_lookups_logarithmically() -> None:
    tree = MemoryTree()
    for leaf in synthetic_leaves(1000):
        tree.append(leaf)
    calls = 0

    def counting(level: int, index: int) -> bytes:
        nonlocal calls
        calls += 1
        return tree.lookup(level, index)

    for size in (1, 2, 3, 999, 1000, 513):
        calls = 0
        root_hash(size, counting)
        assert calls <= size.bit_count()
        calls = 0
        inclusion_proof(size - 1, size, counting)
        assert calls <= 2 * size.bit_length()
        calls = 0
        consistency_proof(size // 3, size, counting)
        assert calls <= 2 * size.bit_length()


def test_it_hashes_unaligned_ranges_as_the_rfc_defines_them() -> None:
    leaves = synthetic_leaves(40)
    tree = tree_of_leaves(leaves)
    for start in range(0, 40, 3):
        for end in range(start, 41, 5):
            assert subtree_hash(start, end, tree.lookup) == reference_root(leaves[start:end])


def test_it_binds_the_tree_size_only_as_far_as_the_path_shape_does() -> None:
    # Leaf 0's path in a 3-leaf tree is (leaf 1, leaf 2); read as a 4-leaf tree, leaf 2 passes for
    # the node over leaves 2 and 3, and the 3-leaf root verifies. No hash covers the size, which is
    # why a verifier takes size and root together from one signed checkpoint, never apart.
    proof = inclusion_proof(0, 3, CT_TREE.lookup)
    assert verify_inclusion(leaf_hash(CT_ENTRIES[0]), 0, 4, proof, CT_ROOTS[3])
    assert could_accept_inclusion(0, 4, 0, 3)
    consistency = consistency_proof(1, 3, CT_TREE.lookup)
    assert verify_consistency(1, 4, CT_ROOTS[1], CT_ROOTS[3], consistency)
    assert could_accept_consistency(1, 4, 1, 3)


# --- properties --------------------------------------------------------------------------------

LEAVES = synthetic_leaves(700)
BIG_TREE = tree_of_leaves(LEAVES)
sizes = st.integers(min_value=1, max_value=300)


@st.composite
def tree_and_index(draw: st.DrawFn, max_size: int = 300) -> tuple[int, int]:
    size = draw(st.integers(min_value=1, max_value=max_size))
    return size, draw(st.integers(min_value=0, max_value=size - 1))


@st.composite
def two_sizes(draw: st.DrawFn, max_size: int = 300) -> tuple[int, int]:
    new = draw(st.integers(min_value=1, max_value=max_size))
    return draw(st.integers(min_value=0, max_value=new)), new


def big_root(size: int) -> bytes:
    return root_hash(size, BIG_TREE.lookup)


@given(tree_and_index())
def test_it_proves_every_leaf_in_every_tree(case: tuple[int, int]) -> None:
    size, index = case
    proof = inclusion_proof(index, size, BIG_TREE.lookup)
    assert proof == reference_path(index, LEAVES[:size], node_hash)
    assert verify_inclusion(LEAVES[index], index, size, proof, big_root(size))


@given(tree_and_index())
def test_it_plans_the_stored_nodes_of_a_proof_and_a_root_before_reading_them(case: tuple[int, int]) -> None:
    size, index = case
    plan = inclusion_proof_subtrees(index, size)
    planned = [hash_of_subtrees([BIG_TREE.lookup(*subtree) for subtree in hashes]) for hashes in plan]
    assert planned == inclusion_proof(index, size, BIG_TREE.lookup)
    # Nothing beyond the tree is read, and never more than one stored node per level and hash.
    assert all(((i + 1) << level) <= size for hashes in plan for level, i in hashes)
    root_plan = perfect_subtrees(0, size)
    assert len(root_plan) == size.bit_count()
    assert hash_of_subtrees([BIG_TREE.lookup(*subtree) for subtree in root_plan]) == big_root(size)


def test_it_refuses_to_plan_a_range_that_is_not_made_of_whole_subtrees() -> None:
    assert perfect_subtrees(8, 8) == []
    assert perfect_subtrees(8, 13) == [(2, 2), (0, 12)]
    assert hash_of_subtrees([]) == EMPTY_ROOT
    with pytest.raises(ValueError, match="whole subtree"):
        perfect_subtrees(3, 7)
    with pytest.raises(ValueError, match="not in a tree"):
        inclusion_proof_subtrees(5, 5)


@given(tree_and_index(), st.data())
def test_it_rejects_an_inclusion_proof_with_any_bit_flipped(
    case: tuple[int, int], data: st.DataObject
) -> None:
    size, index = case
    proof = inclusion_proof(index, size, BIG_TREE.lookup)
    if not proof:
        return
    element = data.draw(st.integers(0, len(proof) - 1))
    byte = data.draw(st.integers(0, 31))
    bit = data.draw(st.integers(0, 7))
    changed = flip(proof, element, byte, bit)
    assert not verify_inclusion(LEAVES[index], index, size, changed, big_root(size))


@settings(max_examples=40)
@given(tree_and_index(max_size=100))
def test_it_rejects_an_inclusion_proof_for_a_wrong_index_or_a_wrong_tree_shape(
    case: tuple[int, int],
) -> None:
    size, index = case
    proof = inclusion_proof(index, size, BIG_TREE.lookup)
    root = big_root(size)
    leaf = LEAVES[index]
    for other in range(-1, size + 2):
        if other != index:
            assert not verify_inclusion(leaf, other, size, proof, root), other
    for other in range(0, 2 * size + 2):
        if other != size:
            accepted = verify_inclusion(leaf, index, other, proof, root)
            assert accepted == could_accept_inclusion(index, other, index, size), other
    assert not verify_inclusion(LEAVES[index + 1], index, size, proof, root)
    assert not verify_inclusion(leaf, index, size, proof, big_root(size + 1))


@given(two_sizes())
def test_it_proves_every_tree_consistent_with_its_prefixes(case: tuple[int, int]) -> None:
    old_size, new_size = case
    proof = consistency_proof(old_size, new_size, BIG_TREE.lookup)
    if 0 < old_size < new_size:
        assert proof == reference_subproof(old_size, LEAVES[:new_size], True, node_hash)
    else:
        assert proof == []
    assert verify_consistency(old_size, new_size, big_root(old_size), big_root(new_size), proof)


@given(two_sizes(), st.data())
def test_it_rejects_a_consistency_proof_with_any_bit_flipped(
    case: tuple[int, int], data: st.DataObject
) -> None:
    old_size, new_size = case
    proof = consistency_proof(old_size, new_size, BIG_TREE.lookup)
    if not proof:
        return
    element = data.draw(st.integers(0, len(proof) - 1))
    byte = data.draw(st.integers(0, 31))
    bit = data.draw(st.integers(0, 7))
    changed = flip(proof, element, byte, bit)
    assert not verify_consistency(
        old_size, new_size, big_root(old_size), big_root(new_size), changed
    )


@settings(max_examples=40)
@given(two_sizes(max_size=100))
def test_it_rejects_a_consistency_proof_for_wrong_roots_or_a_wrong_tree_shape(
    case: tuple[int, int],
) -> None:
    old_size, new_size = case
    if not 0 < old_size < new_size:
        return
    proof = consistency_proof(old_size, new_size, BIG_TREE.lookup)
    old_root, new_root = big_root(old_size), big_root(new_size)
    for other in range(0, new_size + 2):
        if other != old_size:
            accepted = verify_consistency(other, new_size, old_root, new_root, proof)
            assert accepted == could_accept_consistency(other, new_size, old_size, new_size), other
    for other in range(0, 2 * new_size + 2):
        if other != new_size:
            accepted = verify_consistency(old_size, other, old_root, new_root, proof)
            assert accepted == could_accept_consistency(old_size, other, old_size, new_size), other
    # A root the log never had at that size fails, whichever side it is on.
    for wrong in {big_root(old_size - 1), big_root(old_size + 1), SOME_HASH} - {old_root}:
        assert not verify_consistency(old_size, new_size, wrong, new_root, proof)
    for wrong in {big_root(new_size - 1), big_root(new_size + 1), SOME_HASH} - {new_root}:
        assert not verify_consistency(old_size, new_size, old_root, wrong, proof)


@given(st.lists(st.binary(max_size=8), max_size=80))
def test_it_keeps_the_memory_tree_root_equal_to_the_rfc_root(entries: list[bytes]) -> None:
    leaves = [leaf_hash(entry) for entry in entries]
    tree = MemoryTree()
    for position, leaf in enumerate(leaves):
        assert tree.append(leaf) == position
        assert tree.size == position + 1
        assert tree.root() == reference_root(leaves[: position + 1])
    assert tree.root() == root_hash(tree.size, tree.lookup) == reference_root(leaves)
    for size in range(len(leaves) + 1):
        assert root_hash(size, tree.lookup) == reference_root(leaves[:size])


@given(st.integers(min_value=0, max_value=300))
def test_it_stores_the_same_nodes_when_appending_one_by_one(size: int) -> None:
    store: dict[tuple[int, int], bytes] = {}
    for index, leaf in enumerate(LEAVES[:size]):
        completed = nodes_completed_by_append(index, leaf, lambda lv, i: store[lv, i])
        assert completed[0] == (0, index, leaf)
        for level, position, node in completed:
            assert (level, position) not in store
            store[level, position] = node
    assert store == all_nodes(tree_of_leaves(LEAVES[:size]))
    assert root_hash(size, lambda lv, i: store[lv, i]) == reference_root(LEAVES[:size])


def test_it_starts_empty() -> None:
    tree = MemoryTree()
    assert tree.size == 0
    assert tree.root() == EMPTY_ROOT
    assert root_hash(0, tree.lookup) == EMPTY_ROOT
