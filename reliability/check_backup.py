"""Backups that prove themselves, on SQLite and on PostgreSQL: `accord backup` taken while the server
records acts, `accord restore` into an empty database verifies and audits and holds every act answered 201
before the backup began; an older backup restored over a newer log is refused without --replace, and once
restored, is shown as a rollback by `accord ledger verify --checkpoint` with the newer checkpoint.

PostgreSQL runs on scratch databases of the machine's cluster (127.0.0.1:5432), dropped at the end; it is
skipped, and said so, where pg_dump is not installed or the cluster does not answer.
Last line: engines=... backups=B restores=R acked_lost=0 verify_failures=0 rollbacks_detected=D/E.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from pathlib import Path

import psycopg
from harness import accord, act, environment, persons_recorded, prepare, say, served, signed_in

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


class Writer(threading.Thread):
    """Acts recorded, one after another, until told to stop: the load a backup is taken under."""

    def __init__(self, base: str) -> None:
        super().__init__(daemon=True)
        self.client = signed_in(base)
        self.stop = threading.Event()
        self.acked: list[tuple[float, str]] = []  # when the answer came, and the act's username

    def run(self) -> None:
        while not self.stop.is_set():
            username, status = act(self.client, "backup")
            if status == 201:
                self.acked.append((time.monotonic(), username))


def check(engine: str, folder: Path, source_url: str, target_url: str) -> dict[str, int]:
    """One engine's run: backups, restores, and what they held."""
    counts = {"backups": 0, "restores": 0, "acked_lost": 0, "verify_failures": 0, "rollbacks_detected": 0}
    env = environment(folder / "var", source_url)
    # The copy is restored beside the source, under the same log key (the key is not in a backup).
    target = {**env, "ACCORD_DATABASE_URL": target_url}
    older, newest, newer = folder / "older.backup", folder / "newest.backup", folder / "newer.checkpoint"
    say(f"{engine}: the small organization, from the cache")
    prepare(env)
    with served(env) as base:
        writer = Writer(base)
        writer.start()
        time.sleep(2)
        began = time.monotonic()
        backup = accord(env, "backup", str(older))
        counts["backups"] += 1
        say(f"{engine}: {backup.stdout.splitlines()[0]} (taken while acts were recorded)")
        before_older = {name for when, name in writer.acked if when < began}
        time.sleep(2)
        writer.stop.set()
        writer.join()
        accord(env, "ledger", "checkpoint", "--output", str(newer))
        accord(env, "backup", str(newest), "--quiet")
        counts["backups"] += 1
    acked = {name for _, name in writer.acked}
    # The newest backup into an empty database: it verifies, audits and holds every act.
    restored = accord(target, "restore", str(newest), "--quiet", check=False)
    counts["restores"] += 1
    audit = accord(target, "ledger", "audit", "--quiet", check=False)
    say(f"{engine}: restored into an empty database: {restored.stdout.strip()[:200]} | audit: "
        f"{audit.stdout.strip()[:120]}")
    if restored.returncode != 0 or audit.returncode != 0:
        counts["verify_failures"] += 1
    counts["acked_lost"] += len(acked - persons_recorded(target))
    # The older one over it: refused without --replace; restored with it, it is a rollback.
    refused = accord(target, "restore", str(older), check=False)
    if refused.returncode != 2:
        say(f"{engine}: restoring over acts was not refused: {refused.returncode} {refused.stderr.strip()}")
        counts["verify_failures"] += 1
    restored = accord(target, "restore", str(older), "--replace", "--quiet", check=False)
    counts["restores"] += 1
    if restored.returncode != 0:
        counts["verify_failures"] += 1
    counts["acked_lost"] += len(before_older - persons_recorded(target))
    verify = accord(target, "ledger", "verify", "--quiet", "--checkpoint", str(newer), check=False)
    say(f"{engine}: the older backup against the newer checkpoint: {verify.stdout.strip()[:200]}")
    if verify.returncode == 1 and "rollback" in verify.stdout:
        counts["rollbacks_detected"] += 1
    return counts


def postgres_ready() -> str | None:
    """Why PostgreSQL is skipped, or None."""
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        return "pg_dump and pg_restore are not installed"
    try:
        with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5):
            return None
    except psycopg.Error as error:
        return f"PostgreSQL on 127.0.0.1:5432 does not answer: {error}"


def main() -> int:
    started = time.monotonic()
    totals = {"backups": 0, "restores": 0, "acked_lost": 0, "verify_failures": 0, "rollbacks_detected": 0}
    engines: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="accord-check-backup-"))
    scratch = [f"accord_backup_{int(time.time())}_{name}" for name in ("source", "target")]
    try:
        sqlite = folder / "sqlite"
        sqlite.mkdir()
        runs = [("sqlite", sqlite, f"sqlite:///{sqlite / 'source.sqlite3'}",
                 f"sqlite:///{sqlite / 'target.sqlite3'}")]
        skipped = postgres_ready()
        if skipped:
            say(f"postgresql skipped: {skipped}")
        else:
            with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
                for name in scratch:
                    admin.execute(f'CREATE DATABASE "{name}"')
            postgres = folder / "postgresql"
            postgres.mkdir()
            runs.append(("postgresql", postgres, f"postgresql://postgres@127.0.0.1:5432/{scratch[0]}",
                         f"postgresql://postgres@127.0.0.1:5432/{scratch[1]}"))
        for engine, where, source, target in runs:
            for key, value in check(engine, where, source, target).items():
                totals[key] += value
            engines.append(engine)
    finally:
        if not postgres_ready():
            with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
                for name in scratch:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(folder, ignore_errors=True)
    say(f"elapsed {time.monotonic() - started:.0f} s")
    good = (totals["acked_lost"] == 0 and totals["verify_failures"] == 0
            and totals["rollbacks_detected"] == len(engines))
    say(f"engines={','.join(engines)} backups={totals['backups']} restores={totals['restores']} "
        f"acked_lost={totals['acked_lost']} verify_failures={totals['verify_failures']} "
        f"rollbacks_detected={totals['rollbacks_detected']}/{len(engines)}")
    return 0 if good else 1


if __name__ == "__main__":
    raise SystemExit(main())
