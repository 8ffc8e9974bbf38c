"""The offline verifier: recompute every hash and the root, check every signature and checkpoint.

It trusts nothing the server says about the tree: it rebuilds it from the entries, and needs only
the log's public key (which a careful member pins with --key) and, for consistency over time, a
checkpoint it stored itself. A non-public act's entry shows only that it happened: where the source
holds what it commits to (the server's own database), the verifier opens each commitment and checks
the signatures behind it too; elsewhere it counts the acts it could not open.
"""

from __future__ import annotations

import base64
import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import rfc8785

from accord_verify import body_signatures, cosignature, entries, merkle, note

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

    def cosigned(self) -> list[str]: ...

    def sealed(self) -> Iterable[SealedContent] | None:
        """What each non-public entry within the latest checkpoint commits to, in order of `seq`; None
        when the source does not hold it (a public export or server)."""
        ...


@dataclass(frozen=True)
class SealedContent:
    seq: int
    salt: str
    content: bytes  # the RFC 8785 JSON of {"member", "signatures", "statement"}


@dataclass
class Report:
    size: int
    root: bytes
    checkpoint_size: int
    key_name: str
    signatures: int
    document_signatures: int = 0
    sealed_opened: int = 0
    sealed_signatures: int = 0
    sealed_unopened: int = 0
    since_size: int | None = None
    extra_checks: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            f"ok: {self.size} entries",
            f"root {base64.b64encode(self.root).decode()}",
            f"checkpoint of size {self.checkpoint_size} signed by {self.key_name}",
            f"{self.signatures} act signatures and {self.document_signatures} document signatures checked",
        ]
        if self.sealed_opened:
            parts.append(f"{self.sealed_opened} sealed acts opened and their {self.sealed_signatures} signatures "
                         "checked")
        if self.sealed_unopened:
            parts.append(f"{self.sealed_unopened} sealed acts not opened (this source does not hold their "
                         "content)")
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
    extra: Callable[[merkle.MemoryTree], list[str]] | None = None,
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
    signatures = 0
    document_signatures = 0
    contents = source.sealed()
    opener = _Opener(iter(contents)) if contents is not None else None
    unopened = 0
    # The loop runs once per entry of logs of millions: its names are bound here, and its checks are plain
    # comparisons in the order of their refusals (no generator, no call that a comparison can do).
    append_entry = tree.append_entry
    read_entry = entries.read_entry
    key_acts = entries.KEY_ACTS
    body_checks = body_signatures.CHECKS
    problem_with = registry.problem_with
    entry_fields, entry_fields_with_member = entries.ENTRY_FIELDS, entries.ENTRY_FIELDS_WITH_MEMBER
    for position, data in enumerate(progress(source.entries(), source.count())):
        try:
            parsed, stmt_bytes = read_entry(data)
        except ValueError:
            raise Damage("is not JSON", position) from None
        if type(parsed) is not dict or (parsed.keys() != entry_fields
                                        and parsed.keys() != entry_fields_with_member):
            raise Damage(f"is not an entry: it must hold exactly {', '.join(sorted(entries.ENTRY_FIELDS))}, "
                         "and member if the act concerns one", position)
        stmt, lines, seq = parsed["statement"], parsed["signatures"], parsed["seq"]
        if stmt_bytes is None:  # not canonical in one pass: written again from its parts, as the log does
            stmt_bytes = _rewritten_statement(parsed, data, position)
        if seq != position or type(seq) is not int:
            # An entry slipped in before this one under a number of its own hides here: the entries
            # so far then differ from what the log key signed at this size, and bisecting finds it.
            slipped_in = _first_unsigned(source, tree, key, position)
            if slipped_in is not None:
                raise Damage("differs from what the log key signed here: an entry was inserted or changed",
                             slipped_in)
            raise Damage(
                f"holds sequence number {seq}: an entry was removed, inserted or reordered here",
                position,
            )
        if type(stmt) is not dict or stmt.get("log") != origin:
            raise Damage(f"does not belong to the log {origin}", position)
        if type(lines) is not list:
            raise Damage("its signatures are not a list of signature lines", position)
        if lines:
            for line in lines:
                if type(line) is not dict:
                    raise Damage("its signatures are not a list of signature lines", position)
            problem = problem_with(stmt, lines, stmt_bytes)
            if problem:
                raise Damage(problem, position)
            signatures += len(lines)
        if "commitment" in stmt:
            if "member" in parsed:
                raise Damage("names the member state of a sealed act, which only its sealed content may hold",
                             position)
            if opener is None:
                unopened += 1
            else:
                opener.open(position, stmt, registry)
        else:
            kind = stmt.get("type")
            if kind in body_checks:
                document_signatures += _check_body_signature(stmt, registry, position)
            # Only public acts change the keys: a verifier without the sealed contents must know them too.
            if kind in key_acts:
                registry.apply(stmt)
        append_entry(data)

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
    if opener is not None:
        opener.finish(size)
    report = Report(size=size, root=merkle.root_hash(latest.size, tree.lookup),
                    checkpoint_size=latest.size, key_name=key.name, signatures=signatures,
                    document_signatures=document_signatures + (opener.body_signatures if opener else 0),
                    sealed_opened=opener.opened if opener else 0,
                    sealed_signatures=opener.signatures if opener else 0, sealed_unopened=unopened)
    if since is not None:
        stored = _open_checkpoint(since, key, "your stored checkpoint")
        if stored.origin != origin:
            raise Damage(f"your stored checkpoint is of another log ({stored.origin})")
        if stored.size > latest.size:
            raise Damage(
                f"rollback: the log now has {latest.size} entries, fewer than the {stored.size} of your "
                "stored checkpoint: its history was cut (an older backup restored, or entries removed)"
            )
        if merkle.root_hash(stored.size, tree.lookup) != stored.root:
            raise Damage(
                f"rollback or fork: the history forks from your stored checkpoint: its first {stored.size} "
                "entries do not hash to the root you stored (an older backup restored and written on, or "
                "another history)"
            )
        proof = source.consistency(stored.size, latest.size)
        if proof is not None and not merkle.verify_consistency(
            stored.size, latest.size, stored.root, latest.root, proof
        ):
            raise Damage("the server's consistency proof does not verify against your stored checkpoint")
        report.since_size = stored.size
    if extra is not None:
        report.extra_checks = extra(tree)
    return report


def _rewritten_statement(parsed: dict[str, Any], data: bytes, position: int) -> bytes:
    """The statement's canonical bytes, once the entry written again from its parts is `data` itself;
    Damage when it is not (the entry was edited out of RFC 8785's form)."""
    stmt = parsed["statement"]
    try:
        stmt_bytes = entries.canonical(stmt)
        written = entries.entry(seq=parsed["seq"], time=parsed["time"], stmt=stmt, signatures=parsed["signatures"],
                                stmt_bytes=stmt_bytes, member=parsed.get("member"))
    except (TypeError, ValueError, rfc8785.CanonicalizationError):
        written = b""
    if written != data:
        raise Damage("is not in RFC 8785 canonical form (it was edited)", position)
    return stmt_bytes


def _check_body_signature(stmt: dict[str, Any], registry: entries.KeyRegistry, position: int) -> int:
    """Check the signature the act's body carries (a head's signature of a document) with the key its
    signer had registered at this point of the log; the number checked."""
    problem = body_signatures.problem_with(stmt, registry)
    if problem is not None:
        raise Damage(problem, position)
    return 1


# Witnesses.

Prover = Callable[[int, int], list[bytes] | None]


def check_witnessed(
    cosigned: Iterable[str],
    tree: merkle.MemoryTree,
    key: note.VerifierKey,
    witnesses: Sequence[cosignature.CosignerKey],
    quorum: int,
    prove: Prover,
) -> str:
    """Require `quorum` of `witnesses` to have cosigned this log at its verified size or beyond.

    A witness vouches for the verified entries when it cosigned a checkpoint of their size with their
    root, or a larger one that they are a prefix of (by a consistency proof from `prove`). Every
    checkpoint these witnesses cosigned must fit the entries: a witness that saw another root at some
    size, or more entries than the log now extends to, proves that the log showed it another history
    (a fork) or lost entries it had shown (a rollback).
    """
    size, root = tree.size, tree.root()
    vouching: set[str] = set()
    behind: dict[str, int] = {}
    for text in cosigned:
        try:
            checkpoint = note.parse_checkpoint(note.open_note(text, [key]).body)
        except note.NoteError as error:
            raise Damage(f"a cosigned checkpoint is not signed by the log key: {error}") from None
        try:
            names = sorted(cosignature.verified_cosignatures(text, witnesses))
        except note.NoteError as error:
            raise Damage(f"the cosigned checkpoint of size {checkpoint.size}: {error}") from None
        if not names:
            continue
        who = ", ".join(names)
        if checkpoint.size <= size:
            if merkle.root_hash(checkpoint.size, tree.lookup) != checkpoint.root:
                raise Damage(f"{who} cosigned another history at size {checkpoint.size} than these entries: "
                             "the log showed the witnesses a fork")
        else:
            proof = prove(size, checkpoint.size)
            if proof is None:
                raise Damage(f"{who} cosigned a checkpoint of {checkpoint.size} entries, and the source cannot "
                             f"prove that these {size} entries are its beginning: the log was rolled back "
                             "after the witnesses saw it (unless the source is an export older than that)")
            if not merkle.verify_consistency(size, checkpoint.size, root, checkpoint.root, proof):
                raise Damage(f"{who} cosigned a checkpoint of {checkpoint.size} entries that these {size} "
                             "entries are not the beginning of: the log was rolled back or forked after the "
                             "witnesses saw it")
        for name in names:
            if checkpoint.size >= size:
                vouching.add(name)
            else:
                behind[name] = max(checkpoint.size, behind.get(name, 0))
    if len(vouching) < quorum:
        found = f"only {', '.join(sorted(vouching))}" if vouching else "none of them"
        lagging = "".join(f"; {name} last cosigned size {at}" for name, at in sorted(behind.items())
                          if name not in vouching)
        raise Damage(f"no quorum: {quorum} of the {len(witnesses)} witnesses you trust must have cosigned the "
                     f"log at its size {size}, and {found} did{lagging} (if the log is being written to right "
                     "now, the witnesses may not have cosigned it yet: run again in a moment)")
    return f"witnessed at size {size} by {', '.join(sorted(vouching))} ({len(vouching)} of {len(witnesses)}, " \
           f"quorum {quorum})"


def witness_check(
    source: Source,
    witnesses: Sequence[cosignature.CosignerKey],
    quorum: int,
    pinned_vkey: str | None,
    more: Sequence[str] = (),
) -> Callable[[merkle.MemoryTree], list[str]]:
    """`check_witnessed` over the source's cosigned checkpoints and `more` (say, fetched from the witnesses
    themselves), as a verifier's extra check."""

    def prove(first: int, second: int) -> list[bytes] | None:
        try:
            return source.consistency(first, second)
        except Exception:
            # Whatever the source fails with (a server's 4xx, a missing node), it has no proof: which is
            # what the check reports.
            return None

    def run(tree: merkle.MemoryTree) -> list[str]:
        # The verifier has already checked that the source's key is the pinned one.
        key = note.parse_vkey((pinned_vkey or source.vkey()).strip())
        return [check_witnessed([*source.cosigned(), *more], tree, key, witnesses, quorum, prove)]

    return run


class _Opener:
    """Opens each non-public entry's commitment with the content the source holds, read alongside the
    entries (both in order of `seq`).

    A problem found is kept until the entries are known to be what the log key signed (`finish`): an
    entry changed behind the log's back is then named as changed, not as a commitment that fails to open.
    """

    def __init__(self, contents: Iterator[SealedContent]) -> None:
        self._contents = contents
        self._next = next(contents, None)
        self._first_problem: Damage | None = None
        self.opened = 0
        self.signatures = 0
        self.body_signatures = 0

    def open(self, position: int, stmt: dict[str, Any], registry: entries.KeyRegistry) -> None:
        try:
            self.signatures += self._open(position, stmt, registry)
            self.opened += 1
        except Damage as damage:
            self._first_problem = self._first_problem or damage

    def _open(self, position: int, stmt: dict[str, Any], registry: entries.KeyRegistry) -> int:
        found = self._next
        if found is not None and found.seq < position:
            self._next = next(self._contents, None)
            raise Damage("is public, yet sealed content is stored for it", found.seq)
        if found is None or found.seq != position:
            raise Damage("its sealed content (behind the commitment) is missing", position)
        self._next = next(self._contents, None)
        try:
            content, plain = entries.parse(found.content)
        except ValueError:
            content, plain = None, False
        problem = entries.sealed_problem(stmt, found.salt, content, found.content)
        if problem is None:
            inner, lines = content["statement"], content["signatures"]
            problem = registry.problem_with(inner, lines, entries.canonical(inner, plain=plain))
            if problem is None and inner.get("type") in body_signatures.CHECKS:
                problem = body_signatures.problem_with(inner, registry)
                self.body_signatures += problem is None
            if problem is not None:
                problem = f"its sealed statement: {problem}"
        if problem is not None:
            raise Damage(problem, position)
        return len(lines)

    def finish(self, size: int) -> None:
        """Raise the first problem found, once the entries stand."""
        if self._first_problem is not None:
            raise self._first_problem
        if self._next is not None and self._next.seq < size:
            raise Damage("is public, yet sealed content is stored for it", self._next.seq)


# The export file.


def export_document(vkey: str, checkpoint: str, checkpoints: Iterable[str], data: Iterable[str],
                    cosigned: Iterable[str] = ()) -> Iterator[str]:
    """The export as JSON text chunks, so that a large log is written without holding it twice."""
    yield '{"format":' + json.dumps(EXPORT_FORMAT)
    yield ',"vkey":' + json.dumps(vkey)
    yield ',"checkpoint":' + json.dumps(checkpoint)
    yield ',"cosigned":' + json.dumps(list(cosigned))
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

    def cosigned(self) -> list[str]:
        return [str(text) for text in self._document.get("cosigned", [])]
    def sealed(self) -> None:
        return None  # an export is public: it holds no sealed content


class Unreachable(Exception):
    """A server could not be read: unreachable, or it answered with an HTTP error."""


class UrlSource:
    """A running Accord server, read through its public API (with the standard library's HTTP client)."""

    PAGE = 1000
    TIMEOUT = 30

    def __init__(self, url: str) -> None:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"{url!r} is not an http:// or https:// URL")
        self.description = url
        self._base = url.rstrip("/") + "/api/v1/log"

    def _get(self, path: str, params: Mapping[str, int] | None = None, *, missing_ok: bool = False) -> str | None:
        url = self._base + path + (f"?{urllib.parse.urlencode(params)}" if params else "")
        try:
            with urllib.request.urlopen(url, timeout=self.TIMEOUT) as response:  # noqa: S310 (http(s) checked)
                return str(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            if missing_ok and error.code == 404:
                return None
            raise Unreachable(f"{url}: HTTP {error.code} {error.reason}") from None
        except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
            raise Unreachable(f"{url}: {getattr(error, 'reason', None) or error}") from None

    def _text(self, path: str, params: Mapping[str, int] | None = None) -> str:
        return self._get(path, params) or ""  # None is only a missing_ok read's answer

    def vkey(self) -> str:
        return self._text("/key")

    def checkpoint(self) -> str:
        text = self._text("/checkpoint")
        self._size = int(text.split("\n")[1])
        return text

    def checkpoint_at(self, size: int) -> str | None:
        return self._get(f"/checkpoints/{size}", missing_ok=True)

    def count(self) -> int:
        return self._size

    def entries(self) -> Iterator[bytes]:
        for start in range(0, self._size, self.PAGE):
            end = min(start + self.PAGE, self._size)
            for row in json.loads(self._text("/entries", {"start": start, "end": end})):
                yield row["data"].encode("utf-8")

    def consistency(self, first: int, second: int) -> list[bytes] | None:
        if first == second:
            return []
        answer = json.loads(self._text("/consistency", {"first": first, "second": second}))
        return [base64.b64decode(h) for h in answer["proof"]]

    def cosigned(self) -> list[str]:
        # A server from before witnessing serves none: then no quorum can be met, which the check says.
        text = self._get("/cosigned", missing_ok=True)
        return [] if text is None else [str(cosigned) for cosigned in json.loads(text)]
    def sealed(self) -> None:
        return None  # the public API: sealed content is opened on the server's own database
