"""Benchmark of live fan-out: a crisis request filed while N member consoles hold the event stream open.

N server-sent-event connections (default 1,000) are opened to GET /api/v1/events, each signed in as a
member's official, against the app served by uvicorn in this process. Then a member files a request
through the real action (one transaction with its ledger entry, its live event published on commit);
the time from the filing call to the moment each connection has read the event's frame is measured.
In the same run, as the baseline, the same event is broadcast bare through the broker (no act, no
database) to the same connections, and timed the same way. Rounds alternate the two.

Two servers, one organization (--servers 2, PostgreSQL only; issue 18): a second `accord serve` process on
the same database and var/ directory, and the connections split between the two, alternately. Rounds then
file the request through either server in turn: through the benchmark's own (the action called in process)
and through the other (POST /api/v1/crises, as a member's console does); each act reaches the other server
through PostgreSQL's NOTIFY. The bare baseline is then the same event sent with NOTIFY alone (no act), which
both servers' listeners hand to their connections. After the rounds, `accord ledger verify` checks the log
the two servers wrote (`log_verified=1`).

Run: .venv/bin/python bench/fanout.py [--connections N] [--rounds R] [--database-url URL] [--servers 2]. The
last line printed is `key=value` pairs (p50_ms, p99_ms, ratio, ...), for scripts.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import platform
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The ledger benchmark sets up the database and a throwaway var/ the same way.
from ledger import _configure

P99_TARGET_MS = 250.0  # issue 5


def _organization() -> str:
    """Two members, the requester's head and the other's delegate; the delegate's session cookie."""
    from django.test import Client

    from accord.core.acting import Actor
    from accord.members import actions
    from accord.members.models import Person

    console = Actor.console()
    for code in ("KAZ", "RUS"):
        actions.add_member(actor=console, code=code, acceded_on="1992-05-15")
    actions.add_person(actor=console, username="kaz.head", full_name="Head of Kazakhstan", role="head",
                       member="KAZ")
    actions.add_person(actor=console, username="rus.delegate", full_name="Delegate of Russia", role="delegate",
                       member="RUS")
    client = Client()
    client.force_login(Person.objects.get(username="rus.delegate"))
    return client.cookies["sessionid"].value


def _serve() -> tuple[Any, threading.Thread, int]:
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    config = uvicorn.Config("accord.asgi:application", host="127.0.0.1", port=port, lifespan="off",
                            log_level="warning", backlog=4096, timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise SystemExit("uvicorn did not start")
        time.sleep(0.05)
    return server, thread, port


class Console:
    """One open event stream; notes when the frame with a wanted id arrives."""

    def __init__(self) -> None:
        self.ready = asyncio.Event()
        self.wanted: int | None = None
        self.got = asyncio.Event()
        self.at = 0.0

    async def run(self, client: Any, url: str) -> None:
        async with client.stream("GET", url) as response:
            async for line in response.aiter_lines():
                if line.startswith("retry:"):
                    self.ready.set()
                elif line.startswith("id: ") and self.wanted is not None and int(line[4:]) == self.wanted:
                    self.at = time.perf_counter()
                    self.got.set()


def _file_request() -> tuple[float, Any]:
    from accord.core.acting import Actor
    from accord.core.history import events_after
    from accord.crises import actions
    from accord.ledger import log
    from accord.members.models import Person

    actor = Actor(person=Person.objects.get(username="kaz.head"))
    start = time.perf_counter()
    actions.file_request(actor=actor, legal_basis="relief", happened="Benchmark: floods", area="Benchmark area",
                         asks_for="Transport aircraft", classification="members")
    event = events_after(log.size() - 2)[-1]
    return start, event


async def _round(consoles: list[Console], wanted: int, send: Any) -> list[float]:
    for console in consoles:
        console.wanted, console.got = wanted, asyncio.Event()
    start = await send()
    await asyncio.wait_for(asyncio.gather(*(c.got.wait() for c in consoles)), timeout=60)
    return [(c.at - start) * 1000 for c in consoles]


async def _measure(ports: list[int], cookie: str, connections: int, rounds: int, quiet: bool
                   ) -> tuple[list[float], list[float]]:
    import httpx

    from accord.core.events import broker
    from accord.core.history import events_after
    from accord.ledger import log

    limits = httpx.Limits(max_connections=connections + 10, max_keepalive_connections=0)
    clients = [httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits,
                                 timeout=httpx.Timeout(60.0, read=None), cookies={"sessionid": cookie})
               for port in ports]
    filer = None
    if len(ports) > 1:
        head = await asyncio.to_thread(_cookie_of, "kaz.head")
        filer = httpx.AsyncClient(base_url=f"http://127.0.0.1:{ports[1]}", timeout=60.0,
                                  cookies={"sessionid": head, "csrftoken": CSRF_TOKEN},
                                  headers={"X-CSRFToken": CSRF_TOKEN})
    try:
        consoles = [Console() for _ in range(connections)]
        # The streams split over the servers, alternately.
        tasks = [asyncio.create_task(c.run(clients[i % len(clients)], "/api/v1/events"))
                 for i, c in enumerate(consoles)]
        await asyncio.wait_for(asyncio.gather(*(c.ready.wait() for c in consoles)), timeout=120)
        if not quiet:
            print(f"{connections} connections open, {broker.subscriber_count} subscribers", file=sys.stderr)
        acts: list[float] = []
        bare: list[float] = []
        for number in range(rounds):
            seq = await asyncio.to_thread(log.size)
            holder: dict[str, Any] = {}

            async def file(holder: dict[str, Any] = holder) -> float:
                start, holder["event"] = await asyncio.to_thread(_file_request)
                return start

            if filer is not None and number % 2:  # through the other server, every other round
                acts += await _round(consoles, seq, partial(_file_through, filer))
                holder["event"] = (await asyncio.to_thread(events_after, seq - 1))[-1]
            else:
                acts += await _round(consoles, seq, file)
            copy = dataclasses.replace(holder["event"], id=seq + 1)

            async def broadcast(event: Any = copy) -> float:
                if filer is not None:
                    return await asyncio.to_thread(_notify_bare, event)
                start = time.perf_counter()
                broker.deliver(event)
                return start

            bare += await _round(consoles, seq + 1, broadcast)
            # The next act takes seq + 1 as well; the streams already passed it, so skip ahead by one.
            await asyncio.to_thread(_skip_one)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        for client in [*clients, *([filer] if filer else [])]:
            await client.aclose()
    return acts, bare


def _skip_one() -> None:
    """An act nobody waits for, so that the next request's id is above the bare broadcast's."""
    from accord.core.acting import Actor
    from accord.members import actions

    actions.add_person(actor=Actor.console(), username=f"bench.{time.monotonic_ns()}", full_name="Bench",
                       role="observer")


CSRF_TOKEN = "bench" * 6 + "fo"  # any 32 letters: Django compares the cookie and the header


def _cookie_of(username: str) -> str:
    from django.test import Client

    from accord.members.models import Person

    client = Client()
    client.force_login(Person.objects.get(username=username))
    return client.cookies["sessionid"].value


def _second_server() -> tuple[subprocess.Popen[bytes], int]:
    """`accord serve` in a child process on this benchmark's database and var/ directory (its environment)."""
    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    accord = str(Path(sys.executable).with_name("accord"))
    process = subprocess.Popen([accord, "serve", "--host", "127.0.0.1", "--port", str(port)],
                               env={**os.environ, "ACCORD_LOG_LEVEL": "ERROR"}, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/login/", timeout=5).status_code == 200:
                return process, port
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise SystemExit("the second server did not start")


def _notify_bare(event: Any) -> float:
    """The event sent with NOTIFY alone, as an act's transaction sends it: every server's listener hears it."""
    from django.db import connection

    from accord.core.events import CHANNEL

    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, event.to_json()])
    return start


async def _file_through(client: Any) -> float:
    """The request filed through the other server's API, as a member's console files it."""
    texts = {"en": "Benchmark: floods"}
    start = time.perf_counter()
    answer = await client.post("/api/v1/crises", json={
        "legal_basis": "relief", "happened": texts, "area": texts, "asks_for": texts, "classification": "members"})
    if answer.status_code != 201:
        raise RuntimeError(f"the other server answered {answer.status_code}: {answer.text[:300]}")
    return start


def _log_verified() -> bool:
    accord = str(Path(sys.executable).with_name("accord"))
    done = subprocess.run([accord, "ledger", "verify", "--quiet"], env=os.environ.copy(), capture_output=True,
                          text=True, timeout=1800, check=False)
    if done.returncode:
        print(done.stdout + done.stderr, file=sys.stderr)
    return done.returncode == 0


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database-url", help="an empty database (default: a fresh SQLite file)")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--servers", type=int, choices=(1, 2), default=1,
                        help="2: a second `accord serve` on the same PostgreSQL database, the streams split")
    args = parser.parse_args(argv)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    needed = args.connections * 2 + 200
    if soft < needed:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, needed), hard))
    with tempfile.TemporaryDirectory(prefix="accord-fanout-") as temporary:
        workdir = Path(temporary)
        _configure(args.database_url, workdir)
        from django.db import connection

        from accord.core.events import broker
        from accord.ledger import log

        if log.size():
            print("the database already holds a log; give an empty one", file=sys.stderr)
            return 2
        cookie = _organization()
        vendor = connection.vendor
        if args.servers > 1 and vendor != "postgresql":
            print("two servers share one organization through PostgreSQL: give --database-url", file=sys.stderr)
            return 2
        broker.listen()
        server, thread, port = _serve()
        ports = [port]
        other = None
        try:
            if args.servers > 1:
                other, second = _second_server()
                ports.append(second)
            acts, bare = asyncio.run(_measure(ports, cookie, args.connections, args.rounds, args.quiet))
        finally:
            if other is not None:
                os.killpg(other.pid, signal.SIGTERM)
                other.wait(timeout=30)
            server.should_exit = True
            thread.join(timeout=10)
            broker.stop()
        verified = _log_verified() if args.servers > 1 else None
    figures = {
        "p50_ms": statistics.median(acts), "p99_ms": _percentile(acts, 0.99),
        "bare_p50_ms": statistics.median(bare), "bare_p99_ms": _percentile(bare, 0.99),
    }
    figures["ratio"] = figures["p99_ms"] / figures["bare_p99_ms"] if figures["bare_p99_ms"] else float("inf")
    when = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    print(f"Accord live fan-out benchmark, {when} UTC, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"{vendor}, {args.connections} connections over {args.servers} server(s), {args.rounds} rounds")
    print(f"request filed -> each connection: p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms "
          f"(target p99 < {P99_TARGET_MS:.0f} ms)")
    print(f"bare broadcast -> each connection: p50 {figures['bare_p50_ms']:.1f} ms, "
          f"p99 {figures['bare_p99_ms']:.1f} ms")
    print(f"ratio (p99 request / p99 bare): {figures['ratio']:.2f}")
    print(" ".join([f"database={vendor}", f"servers={args.servers}", f"connections={args.connections}",
                    f"rounds={args.rounds}"] + [f"{name}={value:.2f}" for name, value in figures.items()]
                   + ([f"log_verified={int(verified)}"] if verified is not None else [])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
