"""Benchmark of the ledger: signed acts appended through the real write path, then the log verified offline.

Each figure is set beside a bare baseline measured in the same run, on the same bytes:

- appends: N acts, each signed with a person's Ed25519 key and submitted exactly as POST /api/v1/acts
  handles it (the request body parsed into its schema, the handler, `submit`, the action, `record`
  with its signature check, the append with its Merkle nodes and signed checkpoint; one transaction
  each), against bare INSERTs of the same entry bytes into a plain table, one transaction each;
- proofs: inclusion proofs with their root read from the database, in process, as the API answers
  them, against a bare one-row query by primary key through the same connection;
- verification: the log exported to a file and checked by the offline verifier, against a bare
  loop of SHA-256 leaf hashes plus one Ed25519 verification per signed entry;
- verification at scale: a log of a million signed entries, made in memory the way the append makes
  them, checked by the same verifier (`accord ledger verify`'s `verify`), against the same floor;
- batched appends: N more signed acts through the same handler, `--batch` of them a transaction with one
  checkpoint each (accord.core.acting.batched), against bare INSERTs of the same bytes as many a transaction;
- replay: the whole log run again through its actions as `accord audit` replays it (accord.core.replay,
  `--replay-batch` entries a transaction), in a fresh database in a process of its own.

Run: .venv/bin/python bench/ledger.py [--acts N] [--log-entries N] [--database-url URL]. The last
line printed is `key=value` pairs, for scripts.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import importlib
import json
import os
import platform
import pstats
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from tqdm import tqdm

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
APPENDS_TARGET = 2000.0  # per second, on SQLite (issue 2)
PROOFS_TARGET = 20_000.0  # per second, in process (issue 13)
VERIFY_RATIO_TARGET = 1.2  # on a log of a million entries (issue 13)
DB_FILE_RATIO_TARGET = 1.1  # `accord ledger verify` from the database against the same log's export (issue 18)
MEMBER, HEAD, DELEGATE = "ARM", "arm.head", "arm.delegate"


# The verifier, its floor, the proofs and their baseline are timed in this process's CPU time (user
# and system), not on the wall clock: each is computation in this one thread (SQLite included, in
# process), and the machines are shared, so on the wall clock the load of other work during one
# phase and not the other skews a ratio by more than the difference it measures.
_cpu_clock = time.process_time


@dataclass
class Figures:
    acts: int
    database: str
    values: dict[str, float] = field(default_factory=dict)


def _bar(quiet: bool, unit: str, description: str) -> Callable[[Iterable[T], int], Iterable[T]]:
    def bar(items: Iterable[T], total: int) -> Iterable[T]:
        return tqdm(items, total=total, unit=unit, desc=description, file=sys.stderr, leave=False,
                    disable=quiet, smoothing=0.05)

    return bar


@contextmanager
def _profiled(directory: Path | None, name: str) -> Iterator[None]:
    """cProfile around a phase when asked (the figures of such a run are then slower than real)."""
    if directory is None:
        yield
        return
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        yield
    finally:
        profiler.disable()
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{name}.prof"
        profiler.dump_stats(path)
        print(f"\n--- profile of {name} ({path}), by own time ---", file=sys.stderr)
        pstats.Stats(str(path), stream=sys.stderr).sort_stats("tottime").print_stats(25)


def _configure(database_url: str | None, workdir: Path) -> str:
    """Point Django at the benchmark's database and a throwaway var/ (log key, secret key)."""
    url = database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["ACCORD_DATABASE_URL"] = url
    os.environ["ACCORD_VAR_DIR"] = str(workdir / "var")
    os.environ["DJANGO_SETTINGS_MODULE"] = "accord.settings"
    os.environ.pop("ACCORD_LOG_KEY_FILE", None)
    # A throwaway log of its own name: the default origin is the demo's, which a server refuses.
    os.environ["ACCORD_LOG_ORIGIN"] = "bench.accord.invalid/log"
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return url


def _organization() -> Any:
    """A member, its head (who keeps its delegation) with a registered key, and a delegate."""
    from nacl.signing import SigningKey as PrivateKey

    from accord.core.acting import Actor
    from accord.members import actions
    from accord_verify import entries

    console = Actor.console()
    actions.add_member(actor=console, code=MEMBER, acceded_on="1992-05-15")
    actions.add_person(actor=console, username=HEAD, full_name="Head of the delegation", role="head",
                       member=MEMBER, delegation_admin=True)
    actions.add_person(actor=console, username=DELEGATE, full_name="A delegate", role="delegate", member=MEMBER)
    key = PrivateKey(hashlib.sha256(b"accord bench key").digest())
    actions.register_key(actor=console, person=HEAD, public_key=entries.b64(bytes(key.verify_key)),
                         label="bench")
    return key


def _append(figures: Figures, key: Any, quiet: bool, profile: Path | None) -> None:
    """N signed acts through the handler of POST /api/v1/acts: the head changes its delegate's role."""
    from django.conf import settings
    from django.http import HttpRequest

    from accord.core.api import SignedActIn, submit_signed_act
    from accord.ledger import actions as ledger_actions
    from accord.ledger import log
    from accord_verify import entries

    # As the server does: loading the API loads every app's, which registers its signable acts (the URLs
    # load it only on first use since the API became lazy, accord/api_urls.py).
    importlib.import_module(settings.ROOT_URLCONF)
    importlib.import_module("accord.api")
    start_size = log.size()
    request = HttpRequest()
    spent = 0.0
    # The acts' CPU time too: on the shared machine the wall clock waits for other jobs' turns as much as
    # for the disk, while the CPU time is the act's own work (its queries' building, the signature, hashing).
    spent_cpu = 0.0
    tenth = max(1, figures.acts // 10)
    # The first and the last tenth timed apart: a rate that falls as the log grows shows there.
    first_tenth = before_last_tenth = 0.0
    clock = time.perf_counter
    bar = _bar(quiet, "act", "appending signed acts")
    # The ledger's own share (the entry, its Merkle nodes, the signed checkpoint) is timed apart:
    # the rest of each act is its action (its own reads and writes) and the signature's checks.
    in_ledger = 0.0
    real_append = ledger_actions.append

    def timed_append(**kwargs: Any) -> Any:
        nonlocal in_ledger
        started = clock()
        try:
            return real_append(**kwargs)
        finally:
            in_ledger += clock() - started

    ledger_actions.append = timed_append
    with _profiled(profile, "append"):
        for index in bar(range(figures.acts), figures.acts):
            # The client's part, on the signer's own machine: not timed.
            body = {"person": DELEGATE, "role": "liaison" if index % 2 == 0 else "delegate",
                    "delegation_admin": False}
            stmt = entries.statement(log=settings.LOG_ORIGIN, type="members.role_changed", member=MEMBER,
                                     person=HEAD, classification=entries.PUBLIC, body=body,
                                     nonce=entries.new_nonce())
            request_body = json.dumps({"statement": stmt, "signature": entries.sign_statement(stmt, key)})
            started, started_cpu = clock(), time.process_time()
            payload = SignedActIn.model_validate_json(request_body)
            response = submit_signed_act(request, payload)
            elapsed = clock() - started
            spent_cpu += time.process_time() - started_cpu
            if index == figures.acts - tenth:
                before_last_tenth = spent
            spent += elapsed
            if index + 1 == tenth:
                first_tenth = spent
            if response.status_code != 201 or response.value.seq != start_size + index:
                raise RuntimeError(f"act {index}: status {response.status_code}, entry #{response.value.seq}")
    ledger_actions.append = real_append
    figures.values["append_s"] = spent
    figures.values["ledger_appends_per_s"] = figures.acts / in_ledger
    figures.values["ledger_share"] = in_ledger / spent
    figures.values["appends_per_s"] = figures.acts / spent
    figures.values["appends_per_cpu_s"] = figures.acts / spent_cpu
    figures.values["first_tenth_per_s"] = tenth / first_tenth
    figures.values["last_tenth_per_s"] = tenth / (spent - before_last_tenth)


BATCH_APPENDS_TARGET = 10_000.0  # per second, on SQLite (issue 18)
REPLAY_TARGET = 10_000.0  # entries per second (issue 18)


def _signed_requests(key: Any, count: int, first_role: int) -> list[str]:
    """The request bodies of `count` signed role changes, made on the signer's machine (never timed)."""
    from django.conf import settings

    from accord_verify import entries

    bodies = []
    for index in range(first_role, first_role + count):
        role = "liaison" if index % 2 == 0 else "delegate"
        body = {"person": DELEGATE, "role": role, "delegation_admin": False}
        stmt = entries.statement(log=settings.LOG_ORIGIN, type="members.role_changed", member=MEMBER, person=HEAD,
                                 classification=entries.PUBLIC, body=body, nonce=entries.new_nonce())
        bodies.append(json.dumps({"statement": stmt, "signature": entries.sign_statement(stmt, key)}))
    return bodies


def _batch_append(figures: Figures, key: Any, batch: int, quiet: bool, profile: Path | None) -> None:
    """The same signed acts through the same handler, `batch` of them a transaction (accord.core.acting.batched):
    each act checked as alone, one checkpoint signed per batch. Bulk work (an archive loaded) goes so."""
    from django.http import HttpRequest

    from accord.core.acting import batched
    from accord.core.api import SignedActIn, submit_signed_act
    from accord.ledger import log

    # An even number of acts before: the role alternates as in the single acts.
    bodies = _signed_requests(key, figures.acts, figures.acts + figures.acts % 2)
    request = HttpRequest()
    start_size = log.size()
    firsts = range(0, len(bodies), batch)
    bar = _bar(quiet, "act", "appending signed acts in batches")(firsts, len(firsts))
    started, started_cpu = time.perf_counter(), time.process_time()
    with _profiled(profile, "batch-append"):
        for first in bar:
            with batched():
                seqs = [submit_signed_act(request, SignedActIn.model_validate_json(text)).value.seq
                        for text in bodies[first : first + batch]]
            # Acknowledged once the batch has committed, not before.
            if seqs != list(range(start_size + first, start_size + first + len(seqs))):
                raise RuntimeError(f"the batch from act {first} recorded entries {seqs[0]} to {seqs[-1]}")
    figures.values["batch_appends_per_s"] = figures.acts / (time.perf_counter() - started)
    figures.values["batch_appends_per_cpu_s"] = figures.acts / (time.process_time() - started_cpu)
    figures.values["batch"] = batch


def _replay(figures: Figures, workdir: Path, batch: int, quiet: bool, profile: Path | None) -> None:
    """The log replayed through its actions as `accord audit` runs it (accord.core.replay.replay_all), into a
    fresh database in a process of its own (as the audit does): only the replay itself is timed, not the
    process's start, the scratch database's migration or the reading of the log's file."""
    import subprocess

    from accord.core.audit import export_log

    source = workdir / "replay-log.json"
    count = export_log(source)
    folder = workdir / "replay"
    folder.mkdir()
    command = [sys.executable, str(Path(__file__).resolve()), "--replay-from", str(source),
               "--workdir", str(folder), "--batch", str(batch)]
    if quiet:
        command.append("--quiet")
    if profile is not None:
        command += ["--profile", str(profile)]
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    found = dict(pair.split("=", 1) for pair in done.stdout.split()[-3:])
    if int(found["replay_entries"]) != count:
        raise RuntimeError(f"the replay ran {found['replay_entries']} entries of {count}")
    figures.values["replay_entries"] = count
    figures.values["replay_batch"] = batch
    figures.values["replay_per_s"] = count / float(found["replay_s"])
    figures.values["replay_per_cpu_s"] = count / float(found["replay_cpu_s"])


def _replay_child(source: Path, workdir: Path, batch: int, quiet: bool, profile: Path | None) -> int:
    """In the replay's own process and fresh database: replay the log of `source`, print its times."""
    import datetime as dt

    _configure(None, workdir)
    from accord.core import replay

    data = json.loads(source.read_text(encoding="utf-8"))
    from django.conf import settings

    settings.LOG_ORIGIN = data["origin"]
    logged = [replay.logged_entry(e["seq"], dt.datetime.fromisoformat(e["time"]), e["data"], e["salt"],
                                  e["content"]) for e in data["entries"]]
    replay.discover()
    bar = tqdm(total=len(logged), unit="entry", desc="replaying", file=sys.stderr, leave=False, disable=quiet)
    started, started_cpu = time.perf_counter(), time.process_time()
    with _profiled(profile, "replay"):
        replay.replay_all(logged, after=bar.update, batch=batch)
    spent, spent_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    bar.close()
    print(f"replay_entries={len(logged)} replay_s={spent} replay_cpu_s={spent_cpu}")
    return 0


def _batch_baseline(figures: Figures, data: list[bytes], database_url: str, workdir: Path) -> None:
    """Bare INSERTs of the same entry bytes, as many a transaction as the batches hold: the batches' floor."""
    rows = [text.decode("utf-8") for text in data[-figures.acts :]]
    batch = int(figures.values["batch"])
    if database_url.startswith("sqlite"):
        connection = sqlite3.connect(workdir / "bare-batch.sqlite3", isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("CREATE TABLE bare (seq INTEGER PRIMARY KEY, data TEXT NOT NULL)")
        started = time.perf_counter()
        for first in range(0, len(rows), batch):
            connection.execute("BEGIN IMMEDIATE")
            connection.executemany("INSERT INTO bare (seq, data) VALUES (?, ?)",
                                   [(first + n, text) for n, text in enumerate(rows[first : first + batch])])
            connection.execute("COMMIT")
        spent = time.perf_counter() - started
        connection.close()
    else:
        import psycopg

        with psycopg.connect(database_url, autocommit=True) as pg:
            pg.execute("DROP TABLE IF EXISTS bench_bare_batch")
            pg.execute("CREATE TABLE bench_bare_batch (seq bigint PRIMARY KEY, data text NOT NULL)")
            started = time.perf_counter()
            for first in range(0, len(rows), batch):
                with pg.transaction(), pg.cursor() as cursor:
                    cursor.executemany("INSERT INTO bench_bare_batch (seq, data) VALUES (%s, %s)",
                                       [(first + n, text) for n, text in enumerate(rows[first : first + batch])])
            spent = time.perf_counter() - started
            pg.execute("DROP TABLE bench_bare_batch")
    figures.values["bare_batch_inserts_per_s"] = len(rows) / spent
    v = figures.values
    v["batch_ratio"] = v["bare_batch_inserts_per_s"] / v["batch_appends_per_s"]


def _export(figures: Figures, path: Path, quiet: bool) -> None:
    """The log exported as `accord ledger export` writes it."""
    from accord.ledger import log
    from accord.ledger.models import Checkpoint, Entry
    from accord.ledger.sources import stored_vkey
    from accord_verify.verify import export_document

    latest = log.latest_checkpoint()
    assert latest is not None
    checkpoints = Checkpoint.objects.filter(size__lte=latest.size).order_by("size").values_list("note", flat=True)
    data = Entry.objects.filter(seq__lt=latest.size).order_by("seq").values_list("data", flat=True)
    bar = _bar(quiet, "entry", "exporting")
    started = time.perf_counter()
    document = export_document(stored_vkey(), latest.note, checkpoints.iterator(chunk_size=2000),
                               bar(data.iterator(chunk_size=2000), latest.size))
    with open(path, "w", encoding="utf-8") as handle:
        handle.writelines(document)
    figures.values["export_s"] = time.perf_counter() - started
    figures.values["export_mb"] = path.stat().st_size / 1e6


def _verify(figures: Figures, path: Path, quiet: bool, profile: Path | None) -> list[bytes]:
    """The offline verifier over the export; returns the entries' bytes for the baseline."""
    from accord_verify.verify import FileSource, verify

    started = time.perf_counter()
    source = FileSource(str(path))
    figures.values["load_s"] = time.perf_counter() - started
    with _profiled(profile, "verify"):
        started = _cpu_clock()
        report = verify(source, progress=_bar(quiet, "entry", "verifying"))
        figures.values["verify_s"] = _cpu_clock() - started
    if report.size != source.count() or report.signatures < figures.acts:
        raise RuntimeError(f"the verifier checked {report.size} entries and {report.signatures} signatures")
    figures.values["entries"] = report.size
    figures.values["signatures"] = report.signatures
    return list(source.entries())


def _verify_database(figures: Figures, path: Path, quiet: bool, profile: Path | None) -> None:
    """`accord ledger verify` from the database (the verifier and the checks of the stored rows: columns,
    Merkle nodes, every checkpoint, the head) beside `accord ledger verify FILE` on the export of the same
    log (its JSON read included), each timed twice in this process's CPU time, file, database, database,
    file, so that a change of the machine's load weighs on both (`db_file_ratio=`). On PostgreSQL the
    server's own work is not in this process's time: the wall clock is printed beside it."""
    from accord.ledger.sources import DatabaseSource
    from accord_verify.verify import FileSource, verify

    def from_file() -> tuple[float, float]:
        cpu, wall = _cpu_clock(), time.perf_counter()
        verify(FileSource(str(path)))
        return _cpu_clock() - cpu, time.perf_counter() - wall

    def from_database() -> tuple[float, float]:
        cpu, wall = _cpu_clock(), time.perf_counter()
        source = DatabaseSource()
        report = verify(source, extra=source.checks(_bar(quiet, "checkpoint", "verifying the database")))
        spent = _cpu_clock() - cpu, time.perf_counter() - wall
        if report.size != figures.values["entries"]:
            raise RuntimeError(f"the database path checked {report.size} entries")
        return spent

    file_runs = [from_file()]
    with _profiled(profile, "verify-database"):
        database_runs = [from_database()]
    database_runs.append(from_database())
    file_runs.append(from_file())
    figures.values["file_verify_s"] = sum(cpu for cpu, _ in file_runs) / 2
    figures.values["db_verify_s"] = sum(cpu for cpu, _ in database_runs) / 2
    figures.values["db_file_ratio"] = figures.values["db_verify_s"] / figures.values["file_verify_s"]
    figures.values["db_file_wall_ratio"] = (sum(wall for _, wall in database_runs)
                                            / sum(wall for _, wall in file_runs))


FloorWork = list[tuple[bytes, tuple[bytes, bytes, Any] | None]]


def _floor_work(data: list[bytes], quiet: bool) -> FloorWork:
    """Prepared untimed, for the floor: each entry with its signed message, signature and key."""
    from nacl.signing import VerifyKey

    from accord_verify import entries

    keys: dict[str, VerifyKey] = {}
    work: FloorWork = []
    for text in _bar(quiet, "entry", "preparing the baseline")(data, len(data)):
        parsed = json.loads(text)
        stmt, lines = parsed["statement"], parsed.get("signatures") or []
        if stmt.get("type") == entries.KEY_REGISTERED:
            public_key = entries.unb64(stmt["body"]["public_key"])
            keys[entries.key_id_of(public_key)] = VerifyKey(public_key)
        if not lines:
            work.append((text, None))
            continue
        if len(lines) != 1:
            raise RuntimeError("the baseline expects one signature per signed entry")
        check = (entries.signing_message(stmt), entries.unb64(lines[0]["sig"]), keys[lines[0]["key"]])
        work.append((text, check))
    return work


def _time_floor(work: FloorWork, quiet: bool) -> float:
    """What any verifier must do at least: hash each entry as a leaf and verify each act's signature."""
    sha256 = hashlib.sha256
    started = _cpu_clock()
    for text, signed in _bar(quiet, "entry", "baseline")(work, len(work)):
        sha256(b"\x00" + text).digest()
        if signed is not None:
            message, signature, verify_key = signed
            verify_key.verify(message, signature)
    return _cpu_clock() - started


def _floor_seconds(data: list[bytes], quiet: bool) -> float:
    return _time_floor(_floor_work(data, quiet), quiet)


def _verify_baseline(figures: Figures, data: list[bytes], quiet: bool) -> None:
    figures.values["baseline_s"] = _floor_seconds(data, quiet)
    figures.values["export_verify_ratio"] = figures.values["verify_s"] / figures.values["baseline_s"]


def _proofs(figures: Figures, count: int, quiet: bool, profile: Path | None) -> None:
    """Inclusion proofs of random entries in the latest tree, with its root, as the API reads them."""
    from django.db import connection

    from accord.ledger import log
    from accord.ledger.models import Node
    from accord_verify import merkle

    latest = log.latest_checkpoint()
    assert latest is not None
    size, signed_root = latest.size, bytes(latest.root)
    chosen = random.Random(13)
    seqs = [chosen.randrange(size) for _ in range(count)]
    clock = _cpu_clock
    with _profiled(profile, "proofs"):
        started = clock()
        for seq in _bar(quiet, "proof", "inclusion proofs")(seqs, count):
            log.inclusion_proof_and_root(seq, size)
        spent = clock() - started
    # Untimed: the proofs are right, against the root the log key signed.
    for seq in seqs[:500]:
        proof, root = log.inclusion_proof_and_root(seq, size)
        leaf = bytes(Node.objects.get(key=Node.key_of(0, seq)).hash)
        if root != signed_root or not merkle.verify_inclusion(leaf, seq, size, proof, root):
            raise RuntimeError(f"the inclusion proof of entry #{seq} does not verify")
    # The floor: one query per proof, of one row by its key, through the same connection.
    keys = [Node.key_of(0, seq) for seq in seqs]
    started = clock()
    for key in _bar(quiet, "query", "bare one-row queries")(keys, count):
        with connection.cursor() as cursor:
            cursor.execute('SELECT "hash" FROM "ledger_node" WHERE "key" = %s', [key])
            cursor.fetchone()
    bare = clock() - started
    figures.values["proof_tree_size"] = size
    figures.values["proof_hashes"] = len(merkle.inclusion_proof_subtrees(seqs[0], size))
    figures.values["proofs_per_s"] = count / spent
    figures.values["bare_queries_per_s"] = count / bare
    figures.values["proof_ratio"] = spent / bare


class MemorySource:
    """A log held in memory, as `accord_verify.verify` reads a source: no database, no file."""

    def __init__(self, vkey: str, checkpoint: str, data: list[bytes]) -> None:
        self.description = "a log in memory"
        self._vkey, self._checkpoint, self.data = vkey, checkpoint, data

    def vkey(self) -> str:
        return self._vkey

    def checkpoint(self) -> str:
        return self._checkpoint

    def checkpoint_at(self, size: int) -> str | None:
        return None

    def count(self) -> int:
        return len(self.data)

    def entries(self) -> Iterable[bytes]:
        return iter(self.data)

    def consistency(self, first: int, second: int) -> list[bytes] | None:
        return None

    def cosigned(self) -> list[str]:
        return []  # no witnesses: the check of a quorum is not part of the floor compared

    def sealed(self) -> None:
        return None  # a public log, as an export: sealed contents are opened on the server's database


def _memory_log(size: int, quiet: bool) -> MemorySource:
    """A log of `size` entries made as the append makes them: the console registers a head's key,
    then the head signs every other act (a role change of its delegate, as in the append phase)."""
    import datetime as dt

    from nacl.signing import SigningKey as PrivateKey

    from accord_verify import entries, merkle, note

    origin = "bench.accord.invalid/memory-log"
    log_key = PrivateKey(hashlib.sha256(b"accord bench memory log key").digest())
    head_key = PrivateKey(hashlib.sha256(b"accord bench memory head key").digest())
    head_key_id = entries.key_id_of(bytes(head_key.verify_key))
    start = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    data: list[bytes] = []
    tree = merkle.MemoryTree()
    for seq in _bar(quiet, "entry", "making a log in memory")(range(size), size):
        time_text = (start + dt.timedelta(milliseconds=seq)).isoformat(timespec="microseconds")
        time_text = time_text.replace("+00:00", "Z")
        if seq == 0:
            body: dict[str, Any] = {"person": HEAD, "member": MEMBER, "label": "bench",
                                    "public_key": entries.b64(bytes(head_key.verify_key))}
            stmt = entries.statement(log=origin, type=entries.KEY_REGISTERED, member=None, person=None,
                                     classification=entries.PUBLIC, body=body, nonce=entries.new_nonce())
            lines: list[dict[str, str]] = []
            stmt_bytes = entries.canonical(stmt)
        else:
            body = {"person": DELEGATE, "role": "liaison" if seq % 2 else "delegate", "delegation_admin": False}
            stmt = entries.statement(log=origin, type="members.role_changed", member=MEMBER, person=HEAD,
                                     classification=entries.PUBLIC, body=body, nonce=entries.new_nonce())
            stmt_bytes = entries.canonical(stmt)
            signature = head_key.sign(entries.signing_message(stmt, stmt_bytes)).signature
            lines = [{"key": head_key_id, "sig": entries.b64(signature)}]
        entry = entries.entry(seq=seq, time=time_text, stmt=stmt, signatures=lines, stmt_bytes=stmt_bytes)
        data.append(entry)
        tree.append(merkle.leaf_hash(entry))
    checkpoint = note.sign_note(note.checkpoint_body(origin, size, tree.root()), origin, log_key)
    return MemorySource(note.format_vkey(origin, bytes(log_key.verify_key)), checkpoint, data)


def _verify_memory_log(figures: Figures, size: int, quiet: bool, profile: Path | None) -> None:
    """The verifier over a million entries, against the floor of hashing and signatures on the same bytes."""
    from accord_verify.verify import verify

    started = time.perf_counter()
    source = _memory_log(size, quiet)
    figures.values["memory_log_make_s"] = time.perf_counter() - started
    work = _floor_work(source.data, quiet)
    # The floor is timed half before and half after the verifier, so that a machine whose load
    # changes during the run weighs on both sides of the ratio alike.
    floor = _time_floor(work[: size // 2], quiet)
    with _profiled(profile, "verify-memory"):
        started = _cpu_clock()
        report = verify(source, progress=_bar(quiet, "entry", "verifying the log in memory"))
        spent = _cpu_clock() - started
    if report.size != size or report.signatures != size - 1:
        raise RuntimeError(f"the verifier checked {report.size} entries and {report.signatures} signatures")
    floor += _time_floor(work[size // 2 :], quiet)
    del work
    figures.values["log_entries"] = size
    figures.values["memory_verify_s"] = spent
    figures.values["memory_floor_s"] = floor
    figures.values["verify_us_per_entry"] = spent / size * 1e6
    figures.values["floor_us_per_entry"] = floor / size * 1e6
    figures.values["verify_ratio"] = spent / floor


def _append_baseline(figures: Figures, data: list[bytes], database_url: str, workdir: Path, quiet: bool) -> None:
    """Bare INSERTs of the acts' entry bytes into a plain table, one transaction each, on the same kind of
    database: a separate SQLite file with the same settings (WAL, synchronous=NORMAL), or a scratch table
    in the same PostgreSQL database."""
    rows = [text.decode("utf-8") for text in data[-figures.acts :]]
    bar = _bar(quiet, "row", "bare inserts")
    if database_url.startswith("sqlite"):
        connection = sqlite3.connect(workdir / "bare.sqlite3", isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("CREATE TABLE bare (seq INTEGER PRIMARY KEY, data TEXT NOT NULL)")
        started = time.perf_counter()
        for seq, text in enumerate(bar(rows, len(rows))):
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO bare (seq, data) VALUES (?, ?)", (seq, text))
            connection.execute("COMMIT")
        spent = time.perf_counter() - started
        connection.close()
    else:
        import psycopg

        with psycopg.connect(database_url, autocommit=True) as pg:
            pg.execute("DROP TABLE IF EXISTS bench_bare_entries")
            pg.execute("CREATE TABLE bench_bare_entries (seq bigint PRIMARY KEY, data text NOT NULL)")
            started = time.perf_counter()
            for seq, text in enumerate(bar(rows, len(rows))):
                with pg.transaction():
                    pg.execute("INSERT INTO bench_bare_entries (seq, data) VALUES (%s, %s)", (seq, text))
            spent = time.perf_counter() - started
            pg.execute("DROP TABLE bench_bare_entries")
    figures.values["bare_inserts_per_s"] = len(rows) / spent
    figures.values["append_ratio"] = figures.values["bare_inserts_per_s"] / figures.values["appends_per_s"]


def _table(figures: Figures) -> str:
    v = figures.values
    met = {True: "met", False: "NOT met"}
    rows = [
        ("database", figures.database, ""),
        ("acts appended (signed, one transaction each)", f"{figures.acts:,}", ""),
        ("entries in the log (with the setup acts)", f"{int(v['entries']):,}", ""),
        ("appends per second", f"{v['appends_per_s']:,.0f}",
         f"target >= {APPENDS_TARGET:,.0f}: {met[v['appends_per_s'] >= APPENDS_TARGET]}"),
        ("  in the first tenth of the acts", f"{v['first_tenth_per_s']:,.0f}", ""),
        ("  in the last tenth of the acts", f"{v['last_tenth_per_s']:,.0f}", ""),
        ("  the ledger's own part alone, per second", f"{v['ledger_appends_per_s']:,.0f}",
         f"entry, Merkle nodes, signed checkpoint: {v['ledger_share']:.0%} of each act's time"),
        ("bare inserts per second (baseline)", f"{v['bare_inserts_per_s']:,.0f}", ""),
        ("append_ratio (bare / real)", f"{v['append_ratio']:.1f}", "how much slower than a bare insert"),
        ("export", f"{v['export_s']:.1f} s", f"{v['export_mb']:.0f} MB"),
        ("load the export (JSON)", f"{v['load_s']:.1f} s", "not part of verify_s"),
        ("verify the export offline", f"{v['verify_s']:.1f} s", f"{int(v['signatures']):,} act signatures"),
        ("baseline: SHA-256 leaves + Ed25519 verifies", f"{v['baseline_s']:.1f} s", ""),
        ("export_verify_ratio (verify / baseline)", f"{v['export_verify_ratio']:.2f}", ""),
        ("`accord ledger verify` from the database", f"{v['db_verify_s']:.2f} s",
         f"from the file {v['file_verify_s']:.2f} s, JSON read included; wall-clock ratio "
         f"{v['db_file_wall_ratio']:.2f}"),
        ("db_file_ratio (database / file)", f"{v['db_file_ratio']:.2f}",
         f"target <= {DB_FILE_RATIO_TARGET}: {met[v['db_file_ratio'] <= DB_FILE_RATIO_TARGET]}"),
        ("inclusion proofs per second", f"{v['proofs_per_s']:,.0f}",
         f"target >= {PROOFS_TARGET:,.0f}: {met[v['proofs_per_s'] >= PROOFS_TARGET]}"),
        ("  tree size, hashes in a proof", f"{int(v['proof_tree_size']):,}", f"{int(v['proof_hashes'])} hashes"),
        ("bare one-row queries per second (baseline)", f"{v['bare_queries_per_s']:,.0f}",
         f"proof_ratio (proof / bare query): {v['proof_ratio']:.2f}"),
        ("log in memory: entries", f"{int(v['log_entries']):,}", f"made in {v['memory_log_make_s']:.0f} s"),
        ("  verify, per entry", f"{v['verify_us_per_entry']:.1f} us", f"{v['memory_verify_s']:.1f} s in all"),
        ("  floor: SHA-256 leaf + Ed25519 verify, per entry", f"{v['floor_us_per_entry']:.1f} us",
         f"{v['memory_floor_s']:.1f} s in all"),
        ("verify_ratio (verify / floor)", f"{v['verify_ratio']:.2f}",
         f"target <= {VERIFY_RATIO_TARGET}: {met[v['verify_ratio'] <= VERIFY_RATIO_TARGET]}"),
    ]
    rows += _batch_rows(figures)
    width = max(len(name) for name, _, _ in rows)
    value_width = max(len(value) for _, value, _ in rows)
    return "\n".join(f"{name:<{width}}  {value:>{value_width}}  {note}".rstrip() for name, value, note in rows)


def _batch_rows(figures: Figures) -> list[tuple[str, str, str]]:
    v = figures.values
    met = {True: "met", False: "NOT met"}
    return [
        (f"acts appended in batches of {int(v['batch']):,} per second", f"{v['batch_appends_per_s']:,.0f}",
         f"target >= {BATCH_APPENDS_TARGET:,.0f}: {met[v['batch_appends_per_s'] >= BATCH_APPENDS_TARGET]}"),
        ("bare inserts in batches per second (baseline)", f"{v['bare_batch_inserts_per_s']:,.0f}",
         f"batch_ratio (bare / real): {v['batch_ratio']:.1f}"),
        ("replay of the log, entries per second", f"{v['replay_per_s']:,.0f}",
         f"target >= {REPLAY_TARGET:,.0f}: {met[v['replay_per_s'] >= REPLAY_TARGET]}; "
         f"{int(v['replay_entries']):,} entries"),
    ]


def _batch_pairs(figures: Figures) -> list[tuple[str, str]]:
    v = figures.values
    return [
        ("batch", str(int(v["batch"]))),
        ("replay_batch", str(int(v["replay_batch"]))),
        ("batch_appends_per_s", f"{v['batch_appends_per_s']:.0f}"),
        ("batch_appends_per_cpu_s", f"{v['batch_appends_per_cpu_s']:.0f}"),
        ("bare_batch_inserts_per_s", f"{v['bare_batch_inserts_per_s']:.0f}"),
        ("batch_ratio", f"{v['batch_ratio']:.2f}"),
        ("replay_entries", str(int(v["replay_entries"]))),
        ("replay_per_s", f"{v['replay_per_s']:.0f}"),
        ("replay_per_cpu_s", f"{v['replay_per_cpu_s']:.0f}"),
    ]


def _summary_line(figures: Figures) -> str:
    v = figures.values
    pairs = [
        ("acts", str(figures.acts)),
        ("entries", str(int(v["entries"]))),
        ("appends_per_s", f"{v['appends_per_s']:.0f}"),
        ("appends_per_cpu_s", f"{v['appends_per_cpu_s']:.0f}"),
        ("first_tenth_per_s", f"{v['first_tenth_per_s']:.0f}"),
        ("last_tenth_per_s", f"{v['last_tenth_per_s']:.0f}"),
        ("ledger_appends_per_s", f"{v['ledger_appends_per_s']:.0f}"),
        ("bare_inserts_per_s", f"{v['bare_inserts_per_s']:.0f}"),
        ("append_ratio", f"{v['append_ratio']:.2f}"),
        ("export_s", f"{v['export_s']:.2f}"),
        ("load_s", f"{v['load_s']:.2f}"),
        ("verify_s", f"{v['verify_s']:.2f}"),
        ("baseline_s", f"{v['baseline_s']:.2f}"),
        ("export_verify_ratio", f"{v['export_verify_ratio']:.2f}"),
        ("db_file_ratio", f"{v['db_file_ratio']:.2f}"),
        ("db_file_wall_ratio", f"{v['db_file_wall_ratio']:.2f}"),
        ("bare_queries_per_s", f"{v['bare_queries_per_s']:.0f}"),
        ("proof_ratio", f"{v['proof_ratio']:.2f}"),
        ("log_entries", str(int(v["log_entries"]))),
        ("verify_us_per_entry", f"{v['verify_us_per_entry']:.2f}"),
        ("floor_us_per_entry", f"{v['floor_us_per_entry']:.2f}"),
        ("database", figures.database),
        ("verify_ratio", f"{v['verify_ratio']:.2f}"),
        ("proofs_per_s", f"{v['proofs_per_s']:.0f}"),
        *_batch_pairs(figures),
    ]
    return " ".join(f"{name}={value}" for name, value in pairs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--acts", type=int, default=20_000, help="signed acts to append (default 20000)")
    parser.add_argument("--proofs", type=int, default=20_000, help="inclusion proofs to read (default 20000)")
    parser.add_argument("--log-entries", type=int, default=1_000_000,
                        help="entries of the log verified in memory (default 1000000)")
    parser.add_argument("--database-url", help="an empty database to use (default: a fresh SQLite file, WAL)")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    parser.add_argument("--profile", type=Path, metavar="DIR",
                        help="profile appends and verification with cProfile into DIR (slows both)")
    parser.add_argument("--batch", type=int, default=1000, help="acts a transaction in the batched appends")
    parser.add_argument("--replay-batch", type=int, default=1000,
                        help="entries a transaction in the replay (default 1000; 1: one act a transaction)")
    parser.add_argument("--replay-from", type=Path, help=argparse.SUPPRESS)  # the replay's own process
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.replay_from is not None:
        return _replay_child(args.replay_from, args.workdir, args.replay_batch, args.quiet, args.profile)
    if args.acts < 1:
        parser.error("--acts must be at least 1")
    if args.proofs < 1 or args.log_entries < 2:
        parser.error("--proofs must be at least 1 and --log-entries at least 2")

    with tempfile.TemporaryDirectory(prefix="accord-bench-") as temporary:
        workdir = Path(temporary)
        url = _configure(args.database_url, workdir)
        from django.db import connection

        from accord.ledger import log

        if log.size():
            print(f"the database at {url} already holds a log; give an empty one", file=sys.stderr)
            return 2
        figures = Figures(acts=args.acts, database=connection.vendor)
        key = _organization()
        _append(figures, key, args.quiet, args.profile)
        _proofs(figures, args.proofs, args.quiet, args.profile)
        export = workdir / "export.json"
        _export(figures, export, args.quiet)
        connection.close()
        data = _verify(figures, export, args.quiet, args.profile)
        _verify_baseline(figures, data, args.quiet)
        _verify_database(figures, export, args.quiet, args.profile)
        _append_baseline(figures, data, url, workdir, args.quiet)
        _batch_append(figures, key, args.batch, args.quiet, args.profile)
        _batch_baseline(figures, data, url, workdir)
        del data
        _replay(figures, workdir, args.replay_batch, args.quiet, args.profile)
        _verify_memory_log(figures, args.log_entries, args.quiet, args.profile)

    when = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    print(f"Accord ledger benchmark, {when} UTC, Python {platform.python_version()}, {os.cpu_count()} CPUs")
    print(_table(figures))
    print(_summary_line(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
