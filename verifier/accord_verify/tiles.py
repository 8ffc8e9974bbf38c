"""The log as C2SP tlog-tiles: tile paths, which stored nodes a tile holds, entry bundles.

A tile at level L holds up to 256 consecutive hashes of the tree's level 8L, the perfect subtrees of
256**L leaves: exactly the nodes the log already stores, so a tile is one range of node keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

HEIGHT = 8
WIDTH = 1 << HEIGHT  # hashes in a full tile, entries in a full bundle
MAX_LEVEL = 63
MAX_ENTRY_SIZE = 0xFFFF  # an entry bundle prefixes each entry with a big-endian uint16 length

# <N> is zero-padded 3-digit path elements, all but the last prefixed with "x"; `.p/<W>` marks a
# partial tile of W hashes (1 to 255). Numbers have no leading zeros but those of the 3-digit padding.
# Seven elements reach 10**21, past any tile of a log of 2**64 entries: a longer path names none.
_PATH = re.compile(r"(?P<level>entries|0|[1-9][0-9]?)/(?P<index>(?:x[0-9]{3}/){0,6}[0-9]{3})"
                   r"(?:\.p/(?P<width>[1-9][0-9]*))?")


@dataclass(frozen=True)
class Tile:
    """A tile (`level` 0 to 63) or, with `level` None, an entry bundle; `width` < 256 when partial."""

    level: int | None
    index: int
    width: int = WIDTH

    @property
    def partial(self) -> bool:
        return self.width < WIDTH

    def path(self) -> str:
        return tile_path(self.level, self.index, self.width)

    def needed_size(self) -> int:
        """The smallest tree that holds the whole tile."""
        return (self.index * WIDTH + self.width) << (HEIGHT * (self.level or 0))  # times WIDTH ** level

    def first_hash(self) -> int:
        """The index, within the tree's level 8L (or among entries), of the tile's first hash."""
        return self.index * WIDTH


def encode_index(index: int) -> str:
    if index < 0:
        raise ValueError(f"a tile index must not be negative, got {index}")
    groups = []
    while True:
        groups.append(f"{index % 1000:03d}")
        index //= 1000
        if not index:
            break
    return "/".join([*("x" + group for group in reversed(groups[1:])), groups[0]])


def tile_path(level: int | None, index: int, width: int = WIDTH) -> str:
    """The path of a tile below the log's prefix: `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`."""
    if not 1 <= width <= WIDTH:
        raise ValueError(f"a tile is 1 to {WIDTH} hashes wide, not {width}")
    name = "entries" if level is None else str(level)
    suffix = "" if width == WIDTH else f".p/{width}"
    return f"tile/{name}/{encode_index(index)}{suffix}"


def parse_tile_path(path: str) -> Tile | None:
    """The tile that `path` (below `tile/`) names, or None unless it is the one way of writing one."""
    match = _PATH.fullmatch(path)
    if match is None:
        return None
    level_text, width_text = match["level"], match["width"]
    level = None if level_text == "entries" else int(level_text)
    if level is not None and level > MAX_LEVEL:
        return None
    width = int(width_text) if width_text else WIDTH
    if width_text and width >= WIDTH:
        return None
    index = int(match["index"].replace("x", "").replace("/", ""))
    tile = Tile(level=level, index=index, width=width)
    # One name per tile: "x000/005" is 5 only as "005", so a cache never holds a tile twice.
    return tile if "tile/" + path == tile.path() else None


class EntryTooLarge(ValueError):
    def __init__(self, seq: int, size: int) -> None:
        super().__init__(f"entry #{seq} is {size:,} bytes; an entry bundle holds entries of at most "
                         f"{MAX_ENTRY_SIZE:,} bytes (C2SP tlog-tiles)")
        self.seq = seq


def entry_bundle(first_seq: int, data: Iterable[bytes]) -> bytes:
    """The entries, each prefixed with its length as a big-endian uint16."""
    parts = []
    for seq, entry in enumerate(data, start=first_seq):
        if len(entry) > MAX_ENTRY_SIZE:
            raise EntryTooLarge(seq, len(entry))
        parts.append(len(entry).to_bytes(2, "big"))
        parts.append(entry)
    return b"".join(parts)
