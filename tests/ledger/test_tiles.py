"""The log served as C2SP tlog-tiles under /log/, read back by a tile client written here from the spec.

`TileReader` uses nothing of accord.ledger: it reads the checkpoint, tiles and entry bundles as any
tiles client would (C2SP tlog-tiles, tlog-checkpoint and signed-note; RFC 6962 hashing; RFC 9162
proof verification), recomputes the checkpoint's root from the tiles and proves every entry included.
"""

from __future__ import annotations

import base64
import gzip
from hashlib import sha256

import pytest
from django.test import Client
from ledger_acts import Acts, build
from nacl.signing import VerifyKey
from pytest_django import DjangoAssertNumQueries

from accord.core.acting import Actor, action, record
from accord.ledger.logkey import log_key
from accord.ledger.models import Entry

PREFIX = "/log/"


@action
def public_note(*, actor: Actor, text: str) -> int:
    """A public act of any size, to grow the log past whole tiles."""
    return record(type="test.public_note", actor=actor, body={"text": text}).seq


# The reader, from the specs alone.


def mth(hashes: list[bytes]) -> bytes:
    """RFC 6962 2.1 over hashes already at the bottom of the subtree."""
    if len(hashes) == 1:
        return hashes[0]
    k = 1
    while k * 2 < len(hashes):
        k *= 2
    return sha256(b"\x01" + mth(hashes[:k]) + mth(hashes[k:])).digest()


def index_path(n: int) -> str:
    """tlog-tiles: zero-padded 3-digit elements, all but the last prefixed with "x"."""
    elements = [f"{n % 1000:03d}"]
    n //= 1000
    while n:
        elements.insert(0, f"x{n % 1000:03d}")
        n //= 1000
    return "/".join(elements)


class TileReader:
    def __init__(self, client: Client, vkey: str) -> None:
        self.client = client
        name, key_hash, encoded = vkey.split("+", 2)
        raw = base64.b64decode(encoded)
        assert raw[0] == 1
        assert len(raw) == 33
        assert sha256(name.encode() + b"\n" + raw).digest()[:4].hex() == key_hash
        self.name, self.key_id, self.key = name, bytes.fromhex(key_hash), VerifyKey(raw[1:])
        self.fetched: list[str] = []
        # Tiles are immutable: like any tiles client, the reader fetches each once.
        self.cache: dict[str, bytes] = {}

    def get(self, path: str) -> bytes:
        if path in self.cache:
            return self.cache[path]
        response = self.client.get(PREFIX + path, HTTP_ACCEPT_ENCODING="gzip, identity")
        assert response.status_code == 200, (path, response.status_code)
        self.fetched.append(path)
        body = bytes(response.content)
        body = gzip.decompress(body) if response.get("Content-Encoding") == "gzip" else body
        if path.startswith("tile/"):
            self.cache[path] = body
        return body

    def checkpoint(self) -> tuple[str, int, bytes]:
        """The origin, size and root of the checkpoint, with the log's signature checked."""
        text = self.get("checkpoint").decode()
        body, _, signatures = text.rpartition("\n\n")
        body += "\n"
        verified = False
        for line in signatures.splitlines():
            name, encoded = line.removeprefix("\N{EM DASH} ").split(" ")
            raw = base64.b64decode(encoded)
            if name == self.name and raw[:4] == self.key_id:
                self.key.verify(body.encode(), raw[4:])
                verified = True
        assert verified, "the checkpoint is not signed by the log's key"
        origin, size, root = body.splitlines()[:3]
        return origin, int(size), base64.b64decode(root)

    def width(self, level: int, n: int, size: int) -> int:
        """How many hashes tile n of level holds in a tree of size: 256 when full."""
        span: int = 256**level  # typeshed types int ** int as Any (a negative power is a float)
        if (n + 1) * 256 * span <= size:
            return 256
        return (size // span) % 256

    def tile(self, level: int, n: int, size: int) -> list[bytes]:
        width = self.width(level, n, size)
        suffix = "" if width == 256 else f".p/{width}"
        data = self.get(f"tile/{level}/{index_path(n)}{suffix}")
        assert len(data) == 32 * width
        return [data[i : i + 32] for i in range(0, len(data), 32)]

    def bundle(self, n: int, size: int) -> list[bytes]:
        width = self.width(0, n, size)
        suffix = "" if width == 256 else f".p/{width}"
        data = self.get(f"tile/entries/{index_path(n)}{suffix}")
        entries, offset = [], 0
        while offset < len(data):
            length = int.from_bytes(data[offset : offset + 2], "big")
            entries.append(data[offset + 2 : offset + 2 + length])
            offset += 2 + length
        assert offset == len(data)
        assert len(entries) == width
        return entries

    def subtree(self, height: int, index: int, size: int) -> bytes:
        """The hash of the perfect subtree of 2**height leaves at `index`, from one tile."""
        level, within = divmod(height, 8)
        first = index << within
        hashes = self.tile(level, first // 256, size)
        return mth(hashes[first % 256 : first % 256 + (1 << within)])

    def range_hash(self, start: int, end: int, size: int) -> bytes:
        """MTH(D[start:end]) for the ranges RFC 6962 recursion visits."""
        n = end - start
        if n & (n - 1) == 0 and start % n == 0:
            return self.subtree(n.bit_length() - 1, start // n, size)
        k = 1
        while k * 2 < n:
            k *= 2
        return sha256(b"\x01" + self.range_hash(start, start + k, size) + self.range_hash(start + k, end, size))\
            .digest()

    def inclusion_proof(self, m: int, start: int, end: int, size: int) -> list[bytes]:
        """RFC 6962 2.1.1 PATH(m, D[start:end])."""
        n = end - start
        if n == 1:
            return []
        k = 1
        while k * 2 < n:
            k *= 2
        if m < k:
            return [*self.inclusion_proof(m, start, start + k, size), self.range_hash(start + k, end, size)]
        return [*self.inclusion_proof(m - k, start + k, end, size), self.range_hash(start, start + k, size)]


def verify_inclusion(leaf: bytes, index: int, size: int, proof: list[bytes], root: bytes) -> bool:
    """RFC 9162 2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = sha256(b"\x01" + p + r).digest()
            while not fn & 1 and fn:
                fn >>= 1
                sn >>= 1
        else:
            r = sha256(b"\x01" + r + p).digest()
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def read_and_check(reader: TileReader) -> tuple[int, list[bytes]]:
    """Everything a mirror does: entries from bundles, leaves against level 0, every level against the
    one below, the root against the signed checkpoint, and every entry's inclusion."""
    _, size, root = reader.checkpoint()
    entries = [e for n in range((size + 255) // 256) for e in reader.bundle(n, size)]
    assert len(entries) == size
    leaves = [sha256(b"\x00" + e).digest() for e in entries]
    level_hashes, level = leaves, 0
    while len(level_hashes) >= 256 or level == 0:
        tiled = [h for n in range((len(level_hashes) + 255) // 256) for h in reader.tile(level, n, size)]
        assert tiled == level_hashes, f"level {level} tiles differ from the hashes below them"
        # A hash of the level above is the MTH of a whole tile of this level; partial tiles are not hashed up.
        level_hashes = [mth(level_hashes[i : i + 256]) for i in range(0, len(level_hashes) - 255, 256)]
        level += 1
    assert reader.range_hash(0, size, size) == root
    for index, leaf in enumerate(leaves):
        assert verify_inclusion(leaf, index, size, reader.inclusion_proof(index, 0, size, size), root), index
    return size, entries


@pytest.fixture
def reader() -> TileReader:
    return TileReader(Client(), log_key().vkey)


def stored_entries() -> list[bytes]:
    return [text.encode() for text in Entry.objects.order_by("seq").values_list("data", flat=True)]


# The tests.


def test_it_serves_a_small_log_that_a_tiles_client_reads_and_checks(acts: Acts, reader: TileReader) -> None:
    size, entries = read_and_check(reader)
    assert size == acts.size < 256
    # The entries exactly as hashed, the sealed act in its public form included.
    assert entries == stored_entries()
    assert b'"commitment":' in entries[acts.sealed]
    assert acts.sealed_text.encode() not in entries[acts.sealed]
    assert f"tile/0/000.p/{size}" in reader.fetched
    assert f"tile/entries/000.p/{size}" in reader.fetched


def test_it_serves_full_tiles_and_the_level_above_them(db: None, reader: TileReader) -> None:
    acts = build()
    console = Actor.console()
    for number in range(2 * 256 + 40 - acts.size):
        public_note(actor=console, text=f"note {number}")
    size, entries = read_and_check(reader)
    assert size == 2 * 256 + 40
    assert entries == stored_entries()
    assert {"tile/0/000", "tile/0/001", "tile/0/002.p/40", "tile/1/000.p/2", "tile/entries/001"} <= set(
        reader.fetched)
    # A partial tile that a smaller checkpoint needed stays served, the same bytes as its full tile's start.
    client = Client()
    full = client.get(PREFIX + "tile/0/000").content
    assert client.get(PREFIX + "tile/0/000.p/7").content == full[: 7 * 32]


def test_it_answers_with_the_types_and_caching_the_spec_asks_for(acts: Acts) -> None:
    client = Client()
    checkpoint = client.get(PREFIX + "checkpoint")
    assert checkpoint["Content-Type"] == "text/plain; charset=utf-8"
    assert checkpoint["Cache-Control"] == "no-cache"
    assert checkpoint.content.decode() == client.get("/api/v1/log/checkpoint").content.decode()
    for path in (f"tile/0/000.p/{acts.size}", f"tile/entries/000.p/{acts.size}"):
        response = client.get(PREFIX + path)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    zipped = client.get(PREFIX + f"tile/entries/000.p/{acts.size}", HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == client.get(PREFIX + f"tile/entries/000.p/{acts.size}").content
    assert client.head(PREFIX + "checkpoint").status_code == 200
    assert client.post(PREFIX + "checkpoint").status_code == 405
    assert client.post(PREFIX + "tile/0/000.p/1").status_code == 405


@pytest.mark.parametrize("path", [
    "tile/0/000",  # full, but the log holds fewer than 256 entries
    "tile/entries/000",
    "tile/0/000.p/{beyond}",  # wider than the latest checkpoint
    "tile/entries/000.p/{beyond}",
    "tile/1/000.p/1",  # no full tile below it yet
    "tile/0/001.p/1",
    "tile/0/x000/000.p/1",  # not the one spelling of index 0
    "tile/00/000.p/1",
    "tile/0/0.p/1",
    "tile/0/000.p/01",
    "tile/0/000.p/0",
    "tile/0/000.p/256",
    "tile/64/000",
    "tile/-1/000",
    "tile/0/x1099511627/776",  # an index past what a node key holds
    "tile/0/x001/x099/x511/x627/776.p/1",
    "tile/0/" + "x999/" * 2000 + "999",  # a number too long to read
    "tile/100000000000000000000/000",
    "tile/0/000.p/1/extra",
    "tile/entries/000.p/1.p/1",
])
def test_it_serves_no_tile_the_latest_checkpoint_does_not_cover(acts: Acts, path: str) -> None:
    response = Client().get(PREFIX + path.format(beyond=acts.size + 1))
    assert response.status_code == 404
    assert response["Cache-Control"] == "no-cache"


@pytest.mark.django_db
def test_it_has_no_checkpoint_or_tile_for_an_empty_log() -> None:
    client = Client()
    assert client.get(PREFIX + "checkpoint").status_code == 404
    assert client.get(PREFIX + "tile/0/000.p/1").status_code == 404
    assert client.get(PREFIX + "tile/entries/000.p/1").status_code == 404


def test_it_reads_a_tile_in_two_queries(acts: Acts, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    client = Client()
    for path in (f"tile/0/000.p/{acts.size}", f"tile/entries/000.p/{acts.size}"):
        with django_assert_max_num_queries(2):
            assert client.get(PREFIX + path).status_code == 200


def test_it_says_plainly_that_a_bundle_cannot_carry_an_entry_over_64_kib(db: None) -> None:
    public_note(actor=Actor.console(), text="x" * 70_000)
    client = Client()
    assert client.get(PREFIX + "tile/0/000.p/1").status_code == 200
    response = client.get(PREFIX + "tile/entries/000.p/1")
    assert response.status_code == 501
    assert "entry #0" in response.content.decode()
    assert "/api/v1/log/entries/0" in response.content.decode()


def test_it_names_tiles_as_the_spec_spells_them() -> None:
    from accord_verify import tiles

    assert tiles.tile_path(0, 1234067) == "tile/0/x001/x234/067"
    assert tiles.tile_path(None, 1000, 3) == "tile/entries/x001/000.p/3"
    assert tiles.parse_tile_path("2/x001/x234/067.p/9") == tiles.Tile(level=2, index=1234067, width=9)
    assert tiles.entry_bundle(0, [b"ab", b""]) == b"\x00\x02ab\x00\x00"
