"""The database source's own computations, apart from the database."""

from __future__ import annotations

import hashlib

from accord.ledger.sources import _roots
from accord_verify import merkle


def test_it_makes_the_root_of_every_size_in_one_pass_as_rfc_9162_defines_it() -> None:
    tree = merkle.MemoryTree()
    for index in range(130):  # past 2**7, so that the edge is rebuilt from the top more than once
        tree.append(hashlib.sha256(b"entry %d" % index).digest())
    roots = list(_roots(tree))
    assert len(roots) == tree.size
    assert roots == [merkle.root_hash(size, tree.lookup) for size in range(1, tree.size + 1)]
    assert roots[-1] == tree.root()
    assert list(_roots(merkle.MemoryTree())) == []
