"""What the reliability checks share: a throwaway database made from a cache (the demo organization, or a
small one for the outage checks), the real server as a child process on a free port of the loopback, people
signed in over HTTP, an act and its trace in the database, and the figures each check prints.

Every check runs `accord serve` exactly as an operator does (its own process, its own var/ directory under
/tmp), so that a SIGKILL, a restart or a slow start-up is the real one. Nothing here talks to anything but
127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import itertools
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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ACCORD = str(BIN / "accord")
POSTGRES_SERVER = os.environ.get("ACCORD_RELIABILITY_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
PASSWORD = "accord-demo"
SMALL_PASSWORD = "reliability-check"  # the secretariat officer of the small organization
ACT_COUNTER = itertools.count(1)
MEMBERS = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")  # the six delegations of the demo
# The demo organization, loaded once per version of the code (Database.prepare).
CACHE = Path(os.environ.get("ACCORD_RELIABILITY_CACHE", Path(tempfile.gettempdir()) / "accord-reliability-cache"))
START_TIMEOUT = 60.0  # seconds: a bound on a wait, never a measurement
SIGN_IN_ATTEMPTS = 5  # a sign-in answered 503 (a busy server) is tried again, this many times in all
UNAVAILABLE = 503


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
        return {**environment(self.var_dir, self.url), "ACCORD_SECRET_KEY": "reliability-" + self.var_dir.name,
                **extra}

    def accord(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return accord(self.env(), *args, check=check)

    def prepare(self, what: str = "demo") -> None:
        """The schema and an organization (`demo`: the demo, as `make run` makes it; `small`: the small
        organization of SMALL_SEED), copied from the cache: see _cached."""
        cached = _cached(self.kind, what)
        shutil.copytree(cached, self.var_dir, dirs_exist_ok=True)
        if self.kind == "postgresql":
            _postgres(f"CREATE DATABASE {self.name} TEMPLATE {_template_name(cached)}")


def environment(var_dir: Path, database_url: str) -> dict[str, str]:
    """The environment of an `accord` command on this var/ directory and database."""
    return {**os.environ, "ACCORD_VAR_DIR": str(var_dir), "ACCORD_DATABASE_URL": database_url,
            "ACCORD_DEMO": "on", "ACCORD_LOG_LEVEL": "ERROR", "ACCORD_WITNESS_SUBMISSION": "manual",
            "DJANGO_SETTINGS_MODULE": "accord.settings"}


def accord(env: dict[str, str], *args: str, check: bool = True,
           timeout: float = 600) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([ACCORD, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          check=False)
    if check and done.returncode != 0:
        raise RuntimeError(f"accord {' '.join(args)} exited {done.returncode}: {done.stdout}{done.stderr}")
    return done


def prepare(env: dict[str, str]) -> None:
    """The small organization in the (empty) database and var/ directory `env` names, from the cache.

    A SQLite file is copied; a PostgreSQL database (of any cluster: check_outage runs its own) gets the
    cached dump through pg_restore. Seconds, where migrating and making it took minutes on a busy machine.
    """
    url = env["ACCORD_DATABASE_URL"]
    kind = "sqlite" if url.startswith("sqlite") else "postgresql"
    cached = _cached(kind, "small")
    var_dir = Path(env["ACCORD_VAR_DIR"])
    shutil.copytree(cached, var_dir, dirs_exist_ok=True, ignore=shutil.ignore_patterns("accord.sqlite3*"))
    if kind == "sqlite":
        shutil.copyfile(cached / "accord.sqlite3", url.removeprefix("sqlite:///"))
        return
    dump = cached.parent / f"{cached.name}.dump"
    if not dump.exists():
        subprocess.run(["pg_dump", "-Fc", "--no-owner", "--file", str(dump),
                        f"{POSTGRES_SERVER}/{_template_name(cached)}"], check=True, timeout=300)
    subprocess.run(["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", "--dbname", url, str(dump)],
                   check=True, timeout=300)


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
    _, what, version = cached.name.split("-")
    return f"accord_reliability_{what}_{version}"


# The small organization of the outage checks, made through the real actions.
SMALL_SEED = """
import django
django.setup()
from accord.core.acting import Actor
from accord.members import actions
console = Actor.console()
actions.configure_organization(actor=console, working_languages=["ru"], languages=["ru", "en"],
    name={"ru": "Организация (проверка надёжности)", "en": "Organization (reliability check)"},
    abbreviation={"ru": "ОП", "en": "RC"})
for code in ("ARM", "KAZ", "RUS"):
    actions.add_member(actor=console, code=code, acceded_on="1992-05-15")
actions.add_person(actor=console, username="secretariat", full_name="Secretariat Officer",
                   role="secretariat_officer", password=%r)
"""


def _cached(kind: str, what: str) -> Path:
    """The schema and an organization, made once per version of the code and kept in CACHE.

    Making them runs the migrations and each act through its action (minutes on a busy machine), so it is
    done once and kept: a copy of the var/ directory (the SQLite file, the log key, the demo's keys) and,
    for PostgreSQL, a template database that CREATE DATABASE copies (and its dump, made when first asked).
    """
    cached = CACHE / f"{kind}-{what}-{fingerprint()}"
    if cached.exists() and (kind == "sqlite" or _exists(_template_name(cached))):
        return cached
    shutil.rmtree(cached, ignore_errors=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f"building-{kind}-{what}-", dir=CACHE))
    maker = Database(kind, building, name=_template_name(cached))
    began = time.monotonic()
    if kind == "postgresql":
        _postgres(f"DROP DATABASE IF EXISTS {maker.name} WITH (FORCE)")
        _postgres(f"CREATE DATABASE {maker.name}")
    maker.accord("migrate", "--verbosity", "0")
    if what == "demo":
        maker.accord("demo")
    else:
        subprocess.run([sys.executable, "-c", SMALL_SEED % SMALL_PASSWORD], env=maker.env(), cwd=ROOT,
                       check=True, timeout=600)
    say(f"[{kind}] made the {what} organization once for this version of the code in "
        f"{time.monotonic() - began:.0f} s (kept in {cached})")
    try:
        building.rename(cached)
    except OSError:  # another check made it meanwhile
        shutil.rmtree(building, ignore_errors=True)
    for older in CACHE.glob(f"{kind}-{what}-*"):  # what earlier versions of the code made
        if older != cached and older.is_dir():
            shutil.rmtree(older, ignore_errors=True)
            older.with_name(older.name + ".dump").unlink(missing_ok=True)
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

    @classmethod
    def on(cls, env: dict[str, str]) -> Server:
        """A server of the var/ directory and database that `env` names (the outage checks')."""
        return cls(_GivenDatabase("given", Path(env["ACCORD_VAR_DIR"]), given=env))

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


@dataclass
class _GivenDatabase(Database):
    """A database whose environment was made by the check itself."""

    given: dict[str, str] = field(default_factory=dict)

    def env(self, **extra: str) -> dict[str, str]:
        return {**self.given, **extra}


@contextmanager
def served(env: dict[str, str]) -> Iterator[str]:
    """`accord serve` on a free loopback port, answering; stopped (SIGTERM, then SIGKILL) when the block ends."""
    server = Server.on(env)
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


def signed_in(base: str) -> httpx.Client:
    """A client signed in as the small organization's secretariat officer, with the CSRF token acts need."""
    import httpx

    client = httpx.Client(base_url=base, timeout=10)
    client.get("/login/")
    token = client.cookies.get("csrftoken", "")
    answer = client.post("/login/", data={"username": "secretariat", "password": SMALL_PASSWORD,
                                          "csrfmiddlewaretoken": token}, headers={"Referer": f"{base}/login/"})
    if answer.status_code not in (200, 302) or "sessionid" not in client.cookies:
        raise RuntimeError(f"cannot sign in: {answer.status_code}")
    client.headers["X-CSRFToken"] = client.cookies.get("csrftoken") or ""
    client.headers["Referer"] = f"{base}/"
    return client


def act(client: httpx.Client, tag: str) -> tuple[str, int]:
    """One act (a person added to the secretariat): its username and the status the server answered,
    0 when no answer came."""
    import httpx

    username = f"{tag}.{next(ACT_COUNTER)}"
    try:
        answer = client.post("/api/v1/persons", json={"username": username, "full_name": f"Officer {username}",
                                                       "role": "secretariat_officer"})
    except httpx.HTTPError:
        return username, 0
    return username, answer.status_code


def persons_recorded(env: dict[str, str]) -> set[str]:
    """Every username the database holds, read by a process of its own."""
    code = ("import django; django.setup()\n"
            "from accord.members.models import Person\n"
            "print('\\n'.join(Person.objects.values_list('username', flat=True)))")
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,
                          check=True, timeout=300)
    return set(done.stdout.split())


def log_sound(env: dict[str, str]) -> tuple[bool, str]:
    """`accord ledger verify` and `accord ledger audit`: the log stands and the state is its replay."""
    verify = accord(env, "ledger", "verify", "--quiet", check=False)
    audit = accord(env, "ledger", "audit", "--quiet", check=False)
    ok = verify.returncode == 0 and audit.returncode == 0
    return ok, (verify.stdout + verify.stderr).strip()[:300] + " | " + (audit.stdout + audit.stderr).strip()[:300]


async def sign_in(client: Any, username: str) -> dict[str, str]:
    """Sign in through the login page as a person does; the headers an API write needs (its CSRF token).
    A busy server's 503 is waited out as its Retry-After says, a few times, as a browser's user would: on a
    machine at load 19 a server just started answered a sign-in 503 (no turn within its wait) and the whole
    check_crash on PostgreSQL stopped before its first crash (6 December 2026)."""
    for _attempt in range(SIGN_IN_ATTEMPTS):
        page = await client.get("/login/")
        token = page.cookies.get("csrftoken") or client.cookies.get("csrftoken")
        answer = await client.post("/login/", data={"username": username, "password": PASSWORD,
                                                    "csrfmiddlewaretoken": token},
                                   headers={"Referer": str(client.base_url) + "/login/"})
        if UNAVAILABLE not in (page.status_code, answer.status_code):
            break
        await asyncio.sleep(float(answer.headers.get("Retry-After") or page.headers.get("Retry-After") or 5))
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
