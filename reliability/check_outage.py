"""The database going away under load: PostgreSQL restarted (`pg_ctl restart`) and every backend of Accord
terminated (`pg_terminate_backend`) while a bounded client records acts and reads pages and the API.

Requests during an outage must get a clear 503 (JSON for /api/, a page otherwise, with Retry-After) or
simply wait, never a 500; the server must answer again by itself; every act answered 201 must be in the
database; the log must verify and the state must be its replay. The restarts are done on a throwaway
cluster (initdb and pg_ctl on a free port under /tmp, as the postgres user), never on the machine's own
one; without initdb, only the terminations are done, on a scratch database of the machine's cluster.
Last line: outages=N restarts=R terminations=T acked=A acked_lost=0 errors_500=0 answered_503=K
recovery_max_s=S verify_failures=0. Exit 0 only if nothing was lost, no 500 and the log verifies.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import psycopg
from harness import act, environment, free_port, log_sound, persons_recorded, prepare, say, served, signed_in

ROUNDS = 2  # each: a termination of every backend, then a restart of the cluster
STEADY_SECONDS = 2.0  # of load before each outage
RECOVERY_BOUND = 60.0  # seconds an outage may last before the check gives up on it


class Cluster:
    """A PostgreSQL cluster of this check's own, on a free port, owned by the postgres user."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()
        self.tools = Path(shutil.which("initdb") or "").parent

    def _as_postgres(self, *args: str) -> None:
        # Not captured: the server that pg_ctl starts would hold the pipe open, and the wait would not end.
        subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=120)

    def start(self) -> None:
        shutil.chown(self.folder, "postgres")
        self._as_postgres(str(self.tools / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                          "--no-sync")
        self._as_postgres(str(self.tools / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"),
                          "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off",
                          "-w", "start")

    def restart(self) -> None:
        self._as_postgres(str(self.tools / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"),
                          "-m", "fast", "-w", "restart")

    def stop(self) -> None:
        if self.data.exists():
            subprocess.run(["runuser", "-u", "postgres", "--", str(self.tools / "pg_ctl"), "-D", str(self.data),
                            "-m", "immediate", "-w", "stop"], capture_output=True, timeout=120, check=False)

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"


def terminate_all(admin_url: str, database: str) -> int:
    with psycopg.connect(admin_url, autocommit=True) as admin:
        row = admin.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s "
                            "AND pid <> pg_backend_pid()", (database,)).fetchone()
    return int(row[0]) if row else 0


class Load:
    """One client in a loop: an act, an API read, a page read (alternately in Russian and English)."""

    def __init__(self, base: str) -> None:
        self.writer = signed_in(base)
        self.reader = httpx.Client(base_url=base, timeout=30)
        self.statuses: Counter[int] = Counter()
        self.acked: set[str] = set()
        self.bad_503: list[str] = []
        self.turn = 0

    def _check_503(self, answer: httpx.Response, api: bool) -> None:
        kind = answer.headers.get("content-type", "")
        if "retry-after" not in answer.headers or (("json" in kind) != api):
            self.bad_503.append(f"{answer.request.url}: {kind}, Retry-After {answer.headers.get('retry-after')}")

    def step(self) -> bool:
        """One round of requests; True when the act was recorded (201)."""
        self.turn += 1
        username, status = act(self.writer, "outage")
        self.statuses[status] += 1
        if status == 201:
            self.acked.add(username)
        for path, api in (("/api/v1/members", True), ("/", False)):
            language = "ru" if self.turn % 2 else "en"
            try:
                answer = self.reader.get(path, headers={"Accept-Language": language})
            except httpx.HTTPError:
                self.statuses[0] += 1
                continue
            self.statuses[answer.status_code] += 1
            if answer.status_code == 503:
                self._check_503(answer, api)
        return status == 201

    def steady(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.step()

    def until_recovered(self, outage: threading.Thread | None) -> float:
        """Load on until the outage is over and an act is recorded again: the seconds that took."""
        start = time.monotonic()
        while time.monotonic() - start < RECOVERY_BOUND:
            recorded = self.step()
            if recorded and (outage is None or not outage.is_alive()):
                return time.monotonic() - start
        return float("inf")


def main() -> int:
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="accord-check-outage-"))
    cluster = Cluster(folder) if shutil.which("initdb") and shutil.which("runuser") else None
    scratch = f"accord_outage_{int(time.time())}"
    admin_url = "postgresql://postgres@127.0.0.1:5432/postgres"
    try:
        if cluster is not None:
            say(f"a throwaway PostgreSQL cluster on 127.0.0.1:{cluster.port} under {folder}")
            cluster.start()
            database_url, admin_url, database = cluster.url, cluster.url, "postgres"
        else:
            say("no initdb: only terminations, on a scratch database of the machine's cluster (no restart)")
            with psycopg.connect(admin_url, autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{scratch}"')
            database_url, database = f"postgresql://postgres@127.0.0.1:5432/{scratch}", scratch
        env = environment(folder / "var", database_url)
        say("the small organization, from the cache")
        prepare(env)
        recoveries: list[float] = []
        terminations = restarts = 0
        with served(env) as base:
            load = Load(base)
            for round in range(1, ROUNDS + 1):
                load.steady(STEADY_SECONDS)
                killed = terminate_all(admin_url, database)
                terminations += 1
                took = load.until_recovered(None)
                recoveries.append(took)
                say(f"round {round}: {killed} backends terminated; an act recorded again after {took:.1f} s")
                if cluster is None:
                    continue
                load.steady(STEADY_SECONDS)
                restart = threading.Thread(target=cluster.restart)
                restart.start()
                took = load.until_recovered(restart)
                restart.join()
                restarts += 1
                recoveries.append(took)
                say(f"round {round}: cluster restarted; an act recorded again after {took:.1f} s")
            load.steady(STEADY_SECONDS)
        recorded = persons_recorded(env)
        lost = load.acked - recorded
        ok, detail = log_sound(env)
        say(f"statuses: {dict(sorted(load.statuses.items()))}; log: {detail}")
        for line in load.bad_503[:5]:
            say(f"a 503 without Retry-After or of the wrong kind: {line}")
        errors_500 = sum(count for status, count in load.statuses.items() if status >= 500 and status != 503)
        worst = max(recoveries) if recoveries else 0.0
        good = (not lost and errors_500 == 0 and ok and not load.bad_503 and worst != float("inf"))
        say(f"elapsed {time.monotonic() - started:.0f} s")
        say(f"outages={terminations + restarts} restarts={restarts} terminations={terminations} "
            f"acked={len(load.acked)} acked_lost={len(lost)} errors_500={errors_500} "
            f"answered_503={load.statuses[503]} no_answer={load.statuses[0]} bad_503={len(load.bad_503)} "
            f"recovery_max_s={worst:.1f} verify_failures={0 if ok else 1}")
        return 0 if good else 1
    finally:
        if cluster is not None:
            cluster.stop()
        else:
            try:
                with psycopg.connect(admin_url, autocommit=True) as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
            except psycopg.Error:
                pass
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
