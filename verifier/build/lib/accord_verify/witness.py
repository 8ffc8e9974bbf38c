"""A C2SP tlog-witness, run by a member state: it cosigns a checkpoint only if it extends the last one it saw.

The witness keeps, per log origin, the last checkpoint it cosigned, in an SQLite file of its own (never
the log server's database): the check of a submission against it and the update run in one
`BEGIN IMMEDIATE` transaction, so two submissions can never both pass against the same old state
(the rollback race the spec describes), even with several witness processes on one file.

It is served by uvicorn, already the project's ASGI server, as a tiny ASGI app: the protocol is two
plain-text endpoints, which need no framework; uvicorn gives keep-alive and a production HTTP parser.
Nothing here needs Django.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import Any

import nacl.signing

from accord_verify import cosignature, merkle, note

__all__ = ["MAX_REQUEST", "Answer", "Witness", "WitnessApp", "WitnessState", "parse_request"]

MAX_REQUEST = 64 * 1024  # a checkpoint with its signatures and 63 proof lines is a few kilobytes
MAX_PROOF_LINES = 63
# SQLite's integers are signed 64-bit: a larger tree is refused rather than stored wrongly.
MAX_SIZE = 2**63 - 1
SIZE_CONTENT_TYPE = "text/x.tlog.size"
TEXT = "text/plain; charset=utf-8"
_OLD_LINE = re.compile(r"old (0|[1-9][0-9]*)")
_MONITOR_PATH = re.compile(r"/([0-9a-f]{64})/checkpoint")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS latest (
    origin TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    root BLOB NOT NULL,
    note TEXT NOT NULL,
    cosigned_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS refused (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    origin TEXT NOT NULL,
    status INTEGER NOT NULL,
    reason TEXT NOT NULL,
    request TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Answer:
    status: int
    body: str
    content_type: str = TEXT


class BadRequest(ValueError):
    """A submission that is not an add-checkpoint request body."""


def parse_request(text: str) -> tuple[int, list[bytes], str]:
    """The old size, the consistency proof and the signed checkpoint of an add-checkpoint body."""
    head, blank, checkpoint = text.partition("\n\n")
    if not blank:
        raise BadRequest("the request has no empty line between the proof and the checkpoint")
    old_line, *proof_lines = head.split("\n")
    match = _OLD_LINE.fullmatch(old_line)
    if match is None:
        raise BadRequest("the first line is not `old <size>` with a decimal size")
    if len(proof_lines) > MAX_PROOF_LINES:
        raise BadRequest(f"the proof has {len(proof_lines)} lines; at most {MAX_PROOF_LINES} are allowed")
    proof = []
    for number, line in enumerate(proof_lines, start=1):
        raw = note.b64decode_canonical(line)
        if raw is None or len(raw) != merkle.HASH_SIZE:
            raise BadRequest(f"proof line {number} is not a base64 SHA-256 hash")
        proof.append(raw)
    return int(match.group(1)), proof, checkpoint


class WitnessState:
    """The witness's own record: the latest cosigned checkpoint per origin, and the refusals it gave."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        with closing(self._connect()) as db:
            # Durability before speed: the spec asks that a cosigned checkpoint be on disk before the
            # cosignature leaves, and a witness sees a handful of requests a minute.
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("PRAGMA synchronous=FULL")
        return db

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    @staticmethod
    def latest(db: sqlite3.Connection, origin: str) -> tuple[int, bytes, str] | None:
        row = db.execute("SELECT size, root, note FROM latest WHERE origin = ?", (origin,)).fetchone()
        return (int(row[0]), bytes(row[1]), str(row[2])) if row else None

    def latest_note(self, origin: str) -> str | None:
        with closing(self._connect()) as db:
            found = self.latest(db, origin)
        return found[2] if found else None

    def origins(self) -> list[str]:
        with closing(self._connect()) as db:
            return [row[0] for row in db.execute("SELECT origin FROM latest ORDER BY origin")]

    def refusals(self) -> list[tuple[int, str, int, str]]:
        with closing(self._connect()) as db:
            rows = db.execute("SELECT at, origin, status, reason FROM refused ORDER BY id")
            return [(int(a), str(o), int(s), str(r)) for a, o, s, r in rows]


class Witness:
    """The add-checkpoint and monitoring logic of one witness key over the logs it follows."""

    def __init__(
        self,
        *,
        name: str,
        signing_key: nacl.signing.SigningKey,
        logs: Sequence[note.VerifierKey],
        state: WitnessState,
        clock: Callable[[], float] = time.time,
    ) -> None:
        note.check_key_name(name)
        self.name = name
        self.signing_key = signing_key
        self.state = state
        self.clock = clock
        # A log is known by its origin, which is its key's name (as every C2SP log names its key).
        self.logs: dict[str, list[note.VerifierKey]] = {}
        for key in logs:
            self.logs.setdefault(key.name, []).append(key)
        self.by_hash = {sha256(origin.encode()).hexdigest(): origin for origin in self.logs}

    @property
    def vkey(self) -> str:
        return cosignature.format_cosigner_vkey(self.name, bytes(self.signing_key.verify_key))

    def add_checkpoint(self, request: bytes) -> Answer:
        try:
            old, proof, text = parse_request(request.decode("utf-8"))
            body, _ = note.split_note(text)
            checkpoint = note.parse_checkpoint(body)
        except (BadRequest, note.NoteError, UnicodeDecodeError) as error:
            return Answer(400, f"{error}\n")
        keys = self.logs.get(checkpoint.origin)
        if keys is None:
            return Answer(404, f"this witness does not follow the log {checkpoint.origin}\n")
        try:
            note.open_note(text, keys)
        except note.NoteError as error:
            return Answer(403, f"{error}\n")
        # From here the log's key vouches for the request: a refusal is kept as evidence against it.
        if old > checkpoint.size:
            return self._refuse(checkpoint.origin, 400, f"old size {old} is larger than the checkpoint's "
                                f"size {checkpoint.size}", request)
        if checkpoint.size > MAX_SIZE:
            return self._refuse(checkpoint.origin, 400, f"a tree of {checkpoint.size} leaves is larger "
                                "than this witness records", request)
        if checkpoint.size == 0 and checkpoint.root != merkle.EMPTY_ROOT:
            return self._refuse(checkpoint.origin, 422, "a checkpoint of size 0 must have the empty root",
                                request)
        with self.state.transaction() as db:
            stored = self.state.latest(db, checkpoint.origin)
            stored_size, stored_root = (stored[0], stored[1]) if stored else (0, merkle.EMPTY_ROOT)
            if old != stored_size:
                self._record(db, checkpoint.origin, 409, f"old size {old}, but this witness last cosigned "
                             f"size {stored_size}", request)
                return Answer(409, f"{stored_size}\n", SIZE_CONTENT_TYPE)
            if old == 0:
                consistent = not proof
            else:
                consistent = merkle.verify_consistency(old, checkpoint.size, stored_root, checkpoint.root, proof)
            if not consistent:
                reason = (f"the checkpoint of size {checkpoint.size} is not consistent with the one of size "
                          f"{stored_size} this witness cosigned: the log forked or rewrote its history")
                self._record(db, checkpoint.origin, 422, reason, request)
                return Answer(422, reason + "\n")
            timestamp = int(self.clock())
            line = cosignature.cosign(body, self.name, self.signing_key, timestamp)
            cosigned = body + "\n" + "".join(_trusted_lines(text, keys)) + line
            db.execute(
                "INSERT INTO latest (origin, size, root, note, cosigned_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (origin) DO UPDATE SET size = excluded.size, root = excluded.root, "
                "note = excluded.note, cosigned_at = excluded.cosigned_at",
                (checkpoint.origin, checkpoint.size, checkpoint.root, cosigned, timestamp),
            )
        return Answer(200, line)

    def checkpoint_of(self, origin_hash: str) -> Answer:
        origin = self.by_hash.get(origin_hash)
        found = self.state.latest_note(origin) if origin else None
        if found is None:
            return Answer(404, "this witness has cosigned no checkpoint of that log\n")
        return Answer(200, found)

    def _refuse(self, origin: str, status: int, reason: str, request: bytes) -> Answer:
        with self.state.transaction() as db:
            self._record(db, origin, status, reason, request)
        return Answer(status, reason + "\n")

    def _record(self, db: sqlite3.Connection, origin: str, status: int, reason: str, request: bytes) -> None:
        db.execute("INSERT INTO refused (at, origin, status, reason, request) VALUES (?, ?, ?, ?, ?)",
                   (int(self.clock()), origin, status, reason, request.decode("utf-8", "replace")))


def _trusted_lines(text: str, keys: Sequence[note.VerifierKey]) -> list[str]:
    """The log's own signature lines (already verified), for the checkpoint the witness serves back."""
    _, signatures = note.split_note(text)
    known = {(key.name, key.key_id) for key in keys}
    return [line.line for line in signatures if (line.name, line.key_id) in known]


Scope = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[dict[str, Any]], Any]


class WitnessApp:
    """The witness over HTTP: POST <prefix>/add-checkpoint and GET <prefix>/<origin hash>/checkpoint."""

    def __init__(self, witness: Witness, prefix: str = "") -> None:
        self.witness = witness
        self.prefix = prefix.rstrip("/")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        answer = await self._answer(scope, receive)
        await send({"type": "http.response.start", "status": answer.status,
                    "headers": [(b"content-type", answer.content_type.encode())]})
        await send({"type": "http.response.body", "body": answer.body.encode("utf-8")})

    async def _answer(self, scope: Scope, receive: Receive) -> Answer:
        path: str = scope["path"]
        if not path.startswith(self.prefix + "/"):
            return Answer(404, "not found\n")
        path = path[len(self.prefix):]
        method = scope["method"]
        if path == "/add-checkpoint":
            if method != "POST":
                return Answer(405, "add-checkpoint takes a POST\n")
            body = await _read_body(receive)
            if body is None:
                return Answer(413, f"the request is larger than {MAX_REQUEST} bytes\n")
            # The check and the update wait on SQLite and fsync: off the event loop.
            return await asyncio.to_thread(self.witness.add_checkpoint, body)
        if match := _MONITOR_PATH.fullmatch(path):
            if method != "GET":
                return Answer(405, "a checkpoint is read with GET\n")
            return await asyncio.to_thread(self.witness.checkpoint_of, match.group(1))
        return Answer(404, "not found\n")


async def _read_body(receive: Receive) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b""
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_REQUEST:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)
