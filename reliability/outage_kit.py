"""What check_backup, check_outage and check_disk share: a scratch Accord (its own var folder and database),
a small organization made through the real actions, `accord serve` on a free loopback port, and a bounded
httpx client that signs in and records acts. Only 127.0.0.1 is ever contacted."""

from __future__ import annotations

import itertools
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ACCORD = str(Path(PYTHON).parent / "accord")
PASSWORD = "reliability-check"
ACT_COUNTER = itertools.count(1)

SEED = """
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


def say(line: str) -> None:
    print(line, flush=True)


def environment(var_dir: Path, database_url: str) -> dict[str, str]:
    return {**os.environ, "ACCORD_VAR_DIR": str(var_dir), "ACCORD_DATABASE_URL": database_url,
            "ACCORD_DEMO": "1", "DJANGO_SETTINGS_MODULE": "accord.settings", "ACCORD_LOG_LEVEL": "ERROR",
            "ACCORD_WITNESS_SUBMISSION": "manual"}


def accord(env: dict[str, str], *args: str, check: bool = True,
           timeout: float = 600) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([ACCORD, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          check=False)
    if check and done.returncode != 0:
        raise RuntimeError(f"accord {' '.join(args)} exited {done.returncode}: {done.stdout}{done.stderr}")
    return done


def prepare(env: dict[str, str]) -> None:
    """Migrate the scratch database and make the small organization through the real actions."""
    accord(env, "migrate", "-v0")
    subprocess.run([PYTHON, "-c", SEED % PASSWORD], env=env, cwd=ROOT, check=True, timeout=300)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(env: dict[str, str], startup: float = 60) -> Iterator[str]:
    """`accord serve` on a free loopback port; stopped (SIGTERM, then SIGKILL) when the block ends."""
    port = free_port()
    server = subprocess.Popen([ACCORD, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"accord serve exited: {server.stderr.read() if server.stderr else ''}")
            try:
                if httpx.get(f"{base}/api/v1/organization", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("accord serve did not answer in time")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def signed_in(base: str) -> httpx.Client:
    """A client signed in as the secretariat officer, with the CSRF token every act needs."""
    client = httpx.Client(base_url=base, timeout=10)
    client.get("/login/")
    token = client.cookies.get("csrftoken", "")
    answer = client.post("/login/", data={"username": "secretariat", "password": PASSWORD,
                                          "csrfmiddlewaretoken": token}, headers={"Referer": f"{base}/login/"})
    if answer.status_code not in (200, 302) or "sessionid" not in client.cookies:
        raise RuntimeError(f"cannot sign in: {answer.status_code}")
    client.headers["X-CSRFToken"] = client.cookies.get("csrftoken") or ""
    client.headers["Referer"] = f"{base}/"
    return client


def act(client: httpx.Client, tag: str) -> tuple[str, int]:
    """One act (a person added to the secretariat): its username and the status the server answered,
    0 when no answer came."""
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
    done = subprocess.run([PYTHON, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True,
                          timeout=300)
    return set(done.stdout.split())


def log_sound(env: dict[str, str]) -> tuple[bool, str]:
    """`accord ledger verify` and `accord ledger audit`: the log stands and the state is its replay."""
    verify = accord(env, "ledger", "verify", "--quiet", check=False)
    audit = accord(env, "ledger", "audit", "--quiet", check=False)
    ok = verify.returncode == 0 and audit.returncode == 0
    return ok, (verify.stdout + verify.stderr).strip()[:300] + " | " + (audit.stdout + audit.stderr).strip()[:300]
