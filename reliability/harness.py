"""What the reliability checks share: a throwaway database, the real server as a child process on a free port
of the loopback, demo users signed in over HTTP, and the figures each check prints.

Every check runs `accord serve` exactly as an operator does (its own process, its own var/ directory under
/tmp), so that a SIGKILL, a restart or a slow start-up is the real one. Nothing here talks to anything but
127.0.0.1.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ACCORD = str(BIN / "accord")
POSTGRES_SERVER = os.environ.get("ACCORD_RELIABILITY_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
PASSWORD = "accord-demo"
MEMBERS = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")  # the six delegations of the demo
# The demo organization, loaded once per version of the code (Database.prepare).
CACHE = Path(os.environ.get("ACCORD_RELIABILITY_CACHE", Path(tempfile.gettempdir()) / "accord-reliability-cache"))
START_TIMEOUT = 60.0  # seconds: a bound on a wait, never a measurement


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def say(*parts: object) -> None:
    print(*parts, flush=True)


def percentile(values: Sequence[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else 0.0


@dataclass
class Database:
    """A database of the check's own: a SQLite file in its var/ directory, or a PostgreSQL database created
    for it and dropped after."""

    kind: str  # "sqlite" or "postgresql"
    var_dir: Path
    name: str = ""

    @property
    def url(self) -> str:
        if self.kind == "sqlite":
            return f"sqlite:///{self.var_dir / 'accord.sqlite3'}"
        return f"{POSTGRES_SERVER}/{self.name}"

    def env(self, **extra: str) -> dict[str, str]:
        return {**os.environ, "ACCORD_VAR_DIR": str(self.var_dir), "ACCORD_DATABASE_URL": self.url,
                "ACCORD_DEMO": "on", "ACCORD_SECRET_KEY": "reliability-" + self.var_dir.name,
                "ACCORD_LOG_LEVEL": "ERROR", "ACCORD_WITNESS_SUBMISSION": "manual",
                "DJANGO_SETTINGS_MODULE": "accord.settings", **extra}

    def accord(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run([ACCORD, *args], env=self.env(), check=check, capture_output=True,
                              text=True)

    def prepare(self) -> None:
        """The schema and the demo organization, as `make run` makes them, copied from the cache.

        Loading the demo runs each of its acts through its action (minutes on a busy machine), so it is done
        once per version of the code and kept: a copy of the var/ directory (the SQLite file, the log key,
        the demo's keys) and, for PostgreSQL, a template database that CREATE DATABASE copies.
        """
        cached = _cached_demo(self.kind)
        shutil.copytree(cached, self.var_dir, dirs_exist_ok=True)
        if self.kind == "postgresql":
            _postgres(f"CREATE DATABASE {self.name} TEMPLATE {_template_name(cached)}")


@contextmanager
def database(kind: str) -> Iterator[Database]:
    with tempfile.TemporaryDirectory(prefix=f"accord-reliability-{kind}-") as tmp:
        found = Database(kind, Path(tmp), name=f"accord_reliability_{uuid.uuid4().hex[:12]}")
        try:
            yield found
        finally:
            if kind == "postgresql":
                _postgres(f"DROP DATABASE IF EXISTS {found.name} WITH (FORCE)")


def fingerprint() -> str:
    """The version of the code a cached demo was made by: any change to accord/ makes a new one."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "accord").rglob("*.py")):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _template_name(cached: Path) -> str:
    return f"accord_reliability_demo_{cached.name.rsplit('-', 1)[-1]}"


def _cached_demo(kind: str) -> Path:
    cached = CACHE / f"{kind}-{fingerprint()}"
    if cached.exists() and (kind == "sqlite" or _exists(_template_name(cached))):
        return cached
    shutil.rmtree(cached, ignore_errors=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f"building-{kind}-", dir=CACHE))
    maker = Database(kind, building, name=_template_name(cached))
    began = time.monotonic()
    if kind == "postgresql":
        _postgres(f"DROP DATABASE IF EXISTS {maker.name} WITH (FORCE)")
        _postgres(f"CREATE DATABASE {maker.name}")
    maker.accord("migrate", "--verbosity", "0")
    maker.accord("demo")
    say(f"[{kind}] loaded the demo once for this version of the code in {time.monotonic() - began:.0f} s "
        f"(kept in {cached})")
    try:
        building.rename(cached)
    except OSError:  # another check made it meanwhile
        shutil.rmtree(building, ignore_errors=True)
    for older in CACHE.glob(f"{kind}-*"):  # what earlier versions of the code made
        if older != cached:
            shutil.rmtree(older, ignore_errors=True)
            if kind == "postgresql":
                _postgres(f"DROP DATABASE IF EXISTS {_template_name(older)} WITH (FORCE)")
    return cached


def _exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        return connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def _postgres(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(statement)  # a name we made, not input


@dataclass
class Server:
    """`accord serve` in a child process of its own group, so that a SIGKILL takes it whole."""

    database: Database
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    log: Path | None = None
    workers: int = 1

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> float:
        """Start the server and wait until it answers a page; the seconds that took (its start-up time)."""
        self.log = self.database.var_dir / f"server-{self.port}.log"
        began = time.monotonic()
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [ACCORD, "serve", "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(self.workers)],
                env=self.database.env(), stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        self.wait_until_ready(began)
        return time.monotonic() - began

    def wait_until_ready(self, began: float) -> None:
        import httpx

        while time.monotonic() - began < START_TIMEOUT:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}: {self.tail()}")
            try:
                if httpx.get(self.url + "/login/", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"the server did not answer within {START_TIMEOUT:.0f} s: {self.tail()}")

    def kill(self) -> None:
        """SIGKILL, as a crash or the out-of-memory killer does: no shutdown code runs."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def rss_kib(self) -> int:
        """Resident memory of the server's processes (the group), in KiB."""
        if self.process is None:
            return 0
        total = 0
        for status in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = status.read_text().rsplit(")", 1)[1].split()
                if int(fields[2]) == self.process.pid:  # the process group
                    total += int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
            except (OSError, IndexError, ValueError):
                continue
        return total

    def tail(self) -> str:
        if self.log is None or not self.log.exists():
            return ""
        return self.log.read_text(errors="replace")[-2000:]


async def sign_in(client: Any, username: str) -> dict[str, str]:
    """Sign in through the login page as a person does; the headers an API write needs (its CSRF token)."""
    page = await client.get("/login/")
    token = page.cookies.get("csrftoken") or client.cookies.get("csrftoken")
    answer = await client.post("/login/", data={"username": username, "password": PASSWORD,
                                                "csrfmiddlewaretoken": token},
                               headers={"Referer": str(client.base_url) + "/login/"})
    if answer.status_code != 302 or "sessionid" not in client.cookies:
        raise RuntimeError(f"{username} could not sign in: {answer.status_code}")
    return {"X-CSRFToken": client.cookies.get("csrftoken") or "", "Referer": str(client.base_url) + "/"}


def scale(options: argparse.Namespace, **defaults: tuple[float, float]) -> argparse.Namespace:
    """Each option not given takes its default: (at the small scale of --quick, at full scale)."""
    for name, (quick, full) in defaults.items():
        if getattr(options, name) is None:
            setattr(options, name, type(full)(quick if options.quick else full))
    return options


def run_child(command: list[str], prefix: str) -> tuple[int, dict[str, str], str]:
    """Run a part of a check in a process of its own, echoing its progress as it comes; its exit status,
    its last line's key=value pairs, and that line."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    last = ""
    for line in process.stdout:
        if last:
            say(last)
        last = line.rstrip("\n")
    code = process.wait()
    say(f"[{prefix}] {last or 'no output'}")
    return code, dict(pair.split("=", 1) for pair in last.split() if "=" in pair), last


def load_on_machine() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f}/{five:.1f}"
