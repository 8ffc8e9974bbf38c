"""The offline verifier: recompute every hash and the root, check every signature and checkpoint.

It trusts nothing the server says about the tree: it rebuilds it from the entries, and needs only
the log's public key (which a careful member pins with --key) and, for consistency over time, a
checkpoint it stored itself.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import rfc8785

from accord.ledger import entries, merkle, note

EXPORT_FORMAT = "accord-log-export/1"


class Damage(Exception):
    """The log is not sound; `seq` is the first bad entry where one can be named."""

    def __init__(self, what: str, seq: int | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.seq = seq

    def __str__(self) -> str:
        return f"entry #{self.seq}: {self.what}" if self.seq is not None else self.what


class Source(Protocol):
    """Where the public log comes from: the database, an export file or a running server."""

    description: str

    def vkey(self) -> str: ...

    def checkpoint(self) -> str: ...

    def checkpoint_at(self, size: int) -> str | None: ...

    def count(self) -> int: ...

    def entries(self) -> Iterable[bytes]: ...

    def consistency(self, first: int, second: int) -> list[bytes] | None: ...


@dataclass
class Report:
    size: int
    root: bytes
    checkpoint_size: int
    key_name: str
    signatures: int
    since_size: int | None = None
    extra_checks: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            f"ok: {self.size} entries",
            f"root {base64.b64encode(self.root).decode()}",
            f"checkpoint of size {self.checkpoint_size} signed by {self.key_name}",
            f"{self.signatures} act signatures checked",
        ]
        if self.since_size is not None:
            parts.append(f"consistent with your checkpoint of size {self.since_size}")
        parts.extend(self.extra_checks)
        return "; ".join(parts)


def _open_checkpoint(text: str, key: note.VerifierKey, what: str) -> note.Checkpoint:
    try:
        opened = note.open_note(text, [key])
        return note.parse_checkpoint(opened.body)
    except note.NoteError as error:
        raise Damage(f"{what} is not a checkpoint signed by the log key {key.name}: {error}") from None


def _locate_change(source: Source, tree: merkle.MemoryTree, key: note.VerifierKey, size: int) -> int | None:
    """The first entry whose hash differs from what the log key signed, found by bisecting the
    checkpoints signed along the way; None if the source keeps no such checkpoints."""
    low, high = 0, size  # the first `low` entries are known good; size `high` is known bad
    while high - low > 1:
        middle = (low + high) // 2
        text = source.checkpoint_at(middle)
        if text is None:
            return None
        signed = _open_checkpoint(text, key, f"the checkpoint of size {middle}")
        if signed.root == merkle.root_hash(middle, tree.lookup):
            low = middle
        else:
            high = middle
    return high - 1


def _first_unsigned(source: Source, tree: merkle.MemoryTree, key: note.VerifierKey, size: int) -> int | None:
    """The first changed entry among the first `size`, found through the checkpoint of that size; None
    when they are what it signed, or when the source keeps no such checkpoint."""
    text = source.checkpoint_at(size) if size else None
    if text is None:
        return None
    signed = _open_checkpoint(text, key, f"the checkpoint of size {size}")
    if signed.root == merkle.root_hash(size, tree.lookup):
        return None
    return _locate_change(source, tree, key, size)


def verify(
    source: Source,
    *,
    pinned_vkey: str | None = None,
    since: str | None = None,
    progress: Callable[[Iterable[bytes], int], Iterable[bytes]] = lambda it, total: it,
    extra: Callable[[merkle.MemoryTree, dict[int, str]], list[str]] | None = None,
) -> Report:
    """Check `source`; raise Damage naming the first bad entry and what is wrong."""
    try:
        key = note.parse_vkey((pinned_vkey or source.vkey()).strip())
    except note.NoteError as error:
        raise Damage(f"the log's public key is malformed: {error}") from None
    if pinned_vkey and source.vkey().strip() != pinned_vkey.strip():
        raise Damage("the source presents a different log key from the one you pinned")
    latest = _open_checkpoint(source.checkpoint(), key, "the latest checkpoint")
    origin = latest.origin

    tree = merkle.MemoryTree()
    registry = entries.KeyRegistry()
    commitments: dict[int, str] = {}
    signatures = 0
    leaf_hash = merkle.leaf_hash
    parse = entries.parse
    canonical = entries.canonical
    for position, data in enumerate(progress(source.entries(), source.count())):
        try:
            parsed, plain = parse(data)
        except ValueError:
            raise Damage("is not JSON", position) from None
        if not isinstance(parsed, dict) or parsed.keys() != entries.ENTRY_FIELDS:
            raise Damage(f"is not an entry: it must hold exactly {', '.join(sorted(entries.ENTRY_FIELDS))}",
                         position)
        stmt, lines = parsed["statement"], parsed["signatures"]
        try:
            stmt_bytes = canonical(stmt, plain=plain)
            written = entries.entry(seq=parsed["seq"], time=parsed["time"], stmt=stmt, signatures=lines,
                                    stmt_bytes=stmt_bytes, plain=plain)
        except (TypeError, ValueError, rfc8785.CanonicalizationError):
            written = b""
        if written != data:
            raise Damage("is not in RFC 8785 canonical form (it was edited)", position)
        if parsed.get("seq") != position:
            # An entry slipped in before this one under a number of its own hides here: the entries
            # so far then differ from what the log key signed at this size, and bisecting finds it.
            slipped_in = _first_unsigned(source, tree, key, position)
            if slipped_in is not None:
                raise Damage("differs from what the log key signed here: an entry was inserted or changed",
                             slipped_in)
            raise Damage(
                f"holds sequence number {parsed.get('seq')}: an entry was removed, inserted or "
                "reordered here",
                position,
            )
        if not isinstance(stmt, dict) or stmt.get("log") != origin:
            raise Damage(f"does not belong to the log {origin}", position)
        if not isinstance(lines, list) or not all(isinstance(line, dict) for line in lines):
            raise Damage("its signatures are not a list of signature lines", position)
        if lines:
            problem = registry.problem_with(stmt, lines, stmt_bytes)
            if problem:
                raise Damage(problem, position)
            signatures += len(lines)
        registry.apply(stmt)
        if "commitment" in stmt:
            commitments[position] = stmt["commitment"]
        tree.append(leaf_hash(data))

    size = tree.size
    if latest.size > size:
        raise Damage(
            f"the checkpoint covers {latest.size} entries but only {size} are present: entries "
            f"#{size} and later were removed",
            size,
        )
    if merkle.root_hash(latest.size, tree.lookup) != latest.root:
        bad = _locate_change(source, tree, key, latest.size)
        raise Damage(
            "its hash differs from what the log key signed: the entry was changed after it was "
            "logged" if bad is not None else
            f"the entries do not hash to the root signed in the checkpoint of size {latest.size}",
            bad,
        )
    if size > latest.size:
        raise Damage(
            f"is not covered by the latest checkpoint, of size {latest.size}: entries #{latest.size} and "
            "later were added without the log key signing them",
            latest.size,
        )
    report = Report(size=size, root=merkle.root_hash(latest.size, tree.lookup),
                    checkpoint_size=latest.size, key_name=key.name, signatures=signatures)
    if since is not None:
        stored = _open_checkpoint(since, key, "your stored checkpoint")
        if stored.origin != origin:
            raise Damage(f"your stored checkpoint is of another log ({stored.origin})")
        if stored.size > latest.size:
            raise Damage(
                f"the log now has {latest.size} entries, fewer than the {stored.size} of your stored "
                "checkpoint: its history was cut"
            )
        if merkle.root_hash(stored.size, tree.lookup) != stored.root:
            raise Damage(
                f"the history forks from your stored checkpoint: its first {stored.size} entries do "
                "not hash to the root you stored"
            )
        proof = source.consistency(stored.size, latest.size)
        if proof is not None and not merkle.verify_consistency(
            stored.size, latest.size, stored.root, latest.root, proof
        ):
            raise Damage("the server's consistency proof does not verify against your stored checkpoint")
        report.since_size = stored.size
    if extra is not None:
        report.extra_checks = extra(tree, commitments)
    return report


# The export file.


def export_document(vkey: str, checkpoint: str, checkpoints: Iterable[str], data: Iterable[str]) -> Iterator[str]:
    """The export as JSON text chunks, so that a large log is written without holding it twice."""
    yield '{"format":' + json.dumps(EXPORT_FORMAT)
    yield ',"vkey":' + json.dumps(vkey)
    yield ',"checkpoint":' + json.dumps(checkpoint)
    yield ',"checkpoints":['
    for index, text in enumerate(checkpoints):
        yield ("," if index else "") + json.dumps(text)
    yield '],"entries":['
    for index, text in enumerate(data):
        yield ("," if index else "") + json.dumps(text, ensure_ascii=False)
    yield "]}\n"


class FileSource:
    def __init__(self, path: str) -> None:
        self.description = path
        with open(path, encoding="utf-8") as handle:
            document: dict[str, Any] = json.load(handle)
        if document.get("format") != EXPORT_FORMAT:
            raise ValueError(f"{path} is not an Accord log export ({EXPORT_FORMAT})")
        self._document = document
        self._by_size: dict[int, str] | None = None

    def vkey(self) -> str:
        return str(self._document["vkey"])

    def checkpoint(self) -> str:
        return str(self._document["checkpoint"])

    def checkpoint_at(self, size: int) -> str | None:
        if self._by_size is None:
            self._by_size = {}
            for text in self._document.get("checkpoints", []):
                lines = text.split("\n")
                if len(lines) > 1 and lines[1].isdigit():
                    self._by_size[int(lines[1])] = text
        return self._by_size.get(size)

    def count(self) -> int:
        return len(self._document["entries"])

    def entries(self) -> Iterable[bytes]:
        return (text.encode("utf-8") for text in self._document["entries"])

    def consistency(self, first: int, second: int) -> list[bytes] | None:
        return None


class UrlSource:
    """A running Accord server, read through its public API."""

    PAGE = 1000

    def __init__(self, url: str) -> None:
        import httpx

        self.description = url
        self._base = url.rstrip("/") + "/api/v1/log"
        self._client = httpx.Client(timeout=30)

    def _text(self, path: str) -> str:
        response = self._client.get(self._base + path)
        response.raise_for_status()
        return response.text

    def vkey(self) -> str:
        return self._text("/key")

    def checkpoint(self) -> str:
        text = self._text("/checkpoint")
        self._size = int(text.split("\n")[1])
        return text

    def checkpoint_at(self, size: int) -> str | None:
        response = self._client.get(f"{self._base}/checkpoints/{size}")
        return response.text if response.status_code == 200 else None

    def count(self) -> int:
        return self._size

    def entries(self) -> Iterator[bytes]:
        for start in range(0, self._size, self.PAGE):
            end = min(start + self.PAGE, self._size)
            response = self._client.get(f"{self._base}/entries", params={"start": start, "end": end})
            response.raise_for_status()
            for row in response.json():
                yield row["data"].encode("utf-8")

    def consistency(self, first: int, second: int) -> list[bytes] | None:
        if first == second:
            return []
        response = self._client.get(f"{self._base}/consistency", params={"first": first, "second": second})
        response.raise_for_status()
        return [base64.b64decode(h) for h in response.json()["proof"]]
