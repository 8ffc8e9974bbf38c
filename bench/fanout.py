"""Benchmark of live fan-out: a crisis request filed while N member consoles hold the event stream open.

N server-sent-event connections (default 1,000) are opened to GET /api/v1/events, each signed in as a
member's official, against the app served by uvicorn in this process. Then a member files a request
through the real action (one transaction with its ledger entry, its live event published on commit);
the time from the filing call to the moment each connection has read the event's frame is measured.
In the same run, as the baseline, the same event is broadcast bare through the broker (no act, no
database) to the same connections, and timed the same way. Rounds alternate the two.

Run: .venv/bin/python bench/fanout.py [--connections N] [--rounds R] [--database-url URL]. The last line
printed is `key=value` pairs (p50_ms, p99_ms, ratio, ...), for scripts.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import platform
import resource
import socket
import statistics
import sys
import tempfile
import threading
import time
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


async def _measure(port: int, cookie: str, connections: int, rounds: int, quiet: bool
                   ) -> tuple[list[float], list[float]]:
    import httpx

    from accord.core.events import broker
    from accord.ledger import log

    limits = httpx.Limits(max_connections=connections + 10, max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits,
                                 timeout=httpx.Timeout(60.0, read=None),
                                 cookies={"sessionid": cookie}) as client:
        consoles = [Console() for _ in range(connections)]
        tasks = [asyncio.create_task(c.run(client, "/api/v1/events")) for c in consoles]
        await asyncio.wait_for(asyncio.gather(*(c.ready.wait() for c in consoles)), timeout=120)
        if not quiet:
            print(f"{connections} connections open, {broker.subscriber_count} subscribers", file=sys.stderr)
        acts: list[float] = []
        bare: list[float] = []
        for _ in range(rounds):
            seq = await asyncio.to_thread(log.size)
            holder: dict[str, Any] = {}

            async def file(holder: dict[str, Any] = holder) -> float:
                start, holder["event"] = await asyncio.to_thread(_file_request)
                return start

            acts += await _round(consoles, seq, file)
            copy = dataclasses.replace(holder["event"], id=seq + 1)

            async def broadcast(event: Any = copy) -> float:
                start = time.perf_counter()
                broker.deliver(event)
                return start

            bare += await _round(consoles, seq + 1, broadcast)
            # The next act takes seq + 1 as well; the streams already passed it, so skip ahead by one.
            await asyncio.to_thread(_skip_one)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return acts, bare


def _skip_one() -> None:
    """An act nobody waits for, so that the next request's id is above the bare broadcast's."""
    from accord.core.acting import Actor
    from accord.members import actions

    actions.add_person(actor=Actor.console(), username=f"bench.{time.monotonic_ns()}", full_name="Bench",
                       role="observer")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database-url", help="an empty database (default: a fresh SQLite file)")
    parser.add_argument("--quiet", action="store_true")
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
        broker.listen()
        server, thread, port = _serve()
        try:
            acts, bare = asyncio.run(_measure(port, cookie, args.connections, args.rounds, args.quiet))
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            broker.stop()
    figures = {
        "p50_ms": statistics.median(acts), "p99_ms": _percentile(acts, 0.99),
        "bare_p50_ms": statistics.median(bare), "bare_p99_ms": _percentile(bare, 0.99),
    }
    figures["ratio"] = figures["p99_ms"] / figures["bare_p99_ms"] if figures["bare_p99_ms"] else float("inf")
    when = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    print(f"Accord live fan-out benchmark, {when} UTC, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"{vendor}, {args.connections} connections, {args.rounds} rounds")
    print(f"request filed -> each connection: p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms "
          f"(target p99 < {P99_TARGET_MS:.0f} ms)")
    print(f"bare broadcast -> each connection: p50 {figures['bare_p50_ms']:.1f} ms, "
          f"p99 {figures['bare_p99_ms']:.1f} ms")
    print(f"ratio (p99 request / p99 bare): {figures['ratio']:.2f}")
    print(" ".join([f"database={vendor}", f"connections={args.connections}", f"rounds={args.rounds}"]
                   + [f"{name}={value:.2f}" for name, value in figures.items()]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
