"""Benchmark of PostgreSQL against SQLite: a read mix through the real server, and many clients at once.

`accord serve` (a child process, as an operator runs it) on the reliability checks' small organization,
once on a SQLite file and once on a PostgreSQL database, each a fresh copy of the same cached organization.
N clients (default 10) for each server, each an asyncio task with its own httpx connection signed in as the
secretariat officer, read in a loop the pages and API answers the reliability load reads (reliability/load.py:
PAGES and API_READS, in a random order of its own); the figure is answers per second. The two servers run side
by side and are read in turns of --slice seconds each (2 s), in the order SQLite, PostgreSQL, PostgreSQL,
SQLite, each for half of it, turn after turn until each has been read for --seconds. The machines these run
on are shared, and their speed swings by half within a minute: only slices this short see the same machine.
`pg_ratio=` is PostgreSQL's answers per second over SQLite's over all their slices; `pg_ratio_low=` and
`pg_ratio_high=` the lowest and highest of the turns' ratios, to show the spread.

Then 200 clients (--crowd) on PostgreSQL for the same time: every answer's status is counted, and
`too_many_clients=` is how many times "too many clients" appears in the server's log or in an answer (the
pool bounds the connections: docs/operator.md). `errors=` counts answers other than 200 and requests that
got no answer.

Run: .venv/bin/python bench/databases.py [--clients N] [--seconds S] [--slice S] [--crowd N]. The last line
printed is `key=value` pairs, for scripts.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "reliability"))

import httpx  # noqa: E402
from harness import SMALL_PASSWORD, Server, database, load_on_machine, say  # noqa: E402
from load import API_READS, PAGES  # noqa: E402

PG_RATIO_TARGET = 0.9  # issue 18, at 10 clients
TOO_MANY = "too many clients"


@dataclass
class Tally:
    answers: int = 0
    errors: int = 0
    too_many: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    ms: list[float] = field(default_factory=list)


async def _signed_in(base: str) -> httpx.AsyncClient:
    """A client of its own connection, signed in as the small organization's secretariat officer."""
    client = httpx.AsyncClient(base_url=base, timeout=httpx.Timeout(60.0, connect=30.0),
                               limits=httpx.Limits(max_connections=1))
    for _attempt in range(10):
        try:
            await client.get("/login/")
            token = client.cookies.get("csrftoken", "")
            answer = await client.post("/login/", data={"username": "secretariat", "password": SMALL_PASSWORD,
                                                        "csrfmiddlewaretoken": token},
                                       headers={"Referer": f"{base}/login/"})
        except httpx.HTTPError:
            await asyncio.sleep(1)
            continue
        if answer.status_code == 302 and "sessionid" in client.cookies:
            return client
        await asyncio.sleep(float(answer.headers.get("Retry-After") or 1))
    raise RuntimeError(f"cannot sign in at {base}")


async def _reader(client: httpx.AsyncClient, until: float, seed: int, tally: Tally) -> None:
    rng = random.Random(seed)
    paths = list(PAGES + API_READS)
    while time.monotonic() < until:
        rng.shuffle(paths)
        for path in paths:
            if time.monotonic() >= until:
                return
            began = time.perf_counter()
            try:
                answer = await client.get(path)
            except httpx.HTTPError:
                tally.errors += 1
                continue
            tally.ms.append((time.perf_counter() - began) * 1000)
            tally.statuses[answer.status_code] = tally.statuses.get(answer.status_code, 0) + 1
            if answer.status_code == 200:
                tally.answers += 1
            else:
                tally.errors += 1
                if TOO_MANY in answer.text:
                    tally.too_many += 1


async def _warmed(base: str, clients: int) -> list[httpx.AsyncClient]:
    """`clients` clients signed in, after one warm-up pass through the mix by one of them (the server's first
    answers import and cache)."""
    signed = list(await asyncio.gather(*(_signed_in(base) for _ in range(clients))))
    await _reader(signed[0], time.monotonic() + 2, -1, Tally())
    return signed


async def _read_for(signed: list[httpx.AsyncClient], seconds: float, seed: int, tally: Tally) -> None:
    until = time.monotonic() + seconds
    await asyncio.gather(*(_reader(client, until, seed * len(signed) + n, tally)
                           for n, client in enumerate(signed)))


def _turns(seconds: float, piece: float) -> int:
    return max(1, round(seconds / piece))


async def _side_by_side(bases: dict[str, str], clients: int, seconds: float, piece: float
                        ) -> tuple[dict[str, Tally], list[float]]:
    """Each server read for `piece` seconds a turn (SQLite, PostgreSQL, PostgreSQL, SQLite, each half of it)
    until each was read for `seconds`; the tallies by kind, and each turn's ratio."""
    signed = {kind: await _warmed(base, clients) for kind, base in bases.items()}
    tallies = {kind: Tally() for kind in bases}
    ratios: list[float] = []
    try:
        for turn in range(_turns(seconds, piece)):
            answers = {kind: 0 for kind in bases}
            for kind in ("sqlite", "postgresql", "postgresql", "sqlite"):
                before = tallies[kind].answers
                await _read_for(signed[kind], piece / 2, turn, tallies[kind])
                answers[kind] += tallies[kind].answers - before
            if answers["sqlite"]:
                ratios.append(answers["postgresql"] / answers["sqlite"])
    finally:
        await asyncio.gather(*(client.aclose() for each in signed.values() for client in each))
    return tallies, ratios


def _report(kind: str, clients: int, seconds: float, tally: Tally) -> float:
    rate = tally.answers / seconds
    p50 = statistics.median(tally.ms) if tally.ms else 0.0
    say(f"[{kind}, {clients} clients] {rate:.1f} answers/s, p50 {p50:.0f} ms, errors {tally.errors}, "
        f"statuses {dict(sorted(tally.statuses.items()))}, too many clients {tally.too_many}, "
        f"load {load_on_machine()}")
    return rate


def _compare(clients: int, seconds: float, piece: float) -> tuple[dict[str, float], list[float]]:
    """Answers per second of `clients` readers on each of two fresh servers of the small organization, one on
    SQLite and one on PostgreSQL, read side by side (`_side_by_side`)."""
    with database("sqlite") as lite, database("postgresql") as pg:
        servers = {}
        try:
            for kind, db in (("sqlite", lite), ("postgresql", pg)):
                db.prepare("small")
                servers[kind] = Server(db)
                servers[kind].start()
            tallies, ratios = asyncio.run(_side_by_side({kind: server.url for kind, server in servers.items()},
                                                        clients, seconds, piece))
        finally:
            for server in servers.values():
                server.stop()
        for kind, server in servers.items():
            log = server.log.read_text(errors="replace") if server.log else ""
            tallies[kind].too_many += log.lower().count(TOO_MANY)
    read = _turns(seconds, piece) * piece
    return {kind: _report(kind, clients, read, tally) for kind, tally in tallies.items()}, ratios


def _run(kind: str, clients: int, seconds: float) -> tuple[float, Tally]:
    """Answers per second of `clients` readers on a fresh server of the small organization on `kind`."""
    with database(kind) as db:
        db.prepare("small")
        server = Server(db)
        server.start()
        try:
            async def drive() -> Tally:
                signed = await _warmed(server.url, clients)
                tally = Tally()
                try:
                    await _read_for(signed, seconds, 0, tally)
                finally:
                    await asyncio.gather(*(client.aclose() for client in signed))
                return tally

            tally = asyncio.run(drive())
        finally:
            server.stop()
        log = server.log.read_text(errors="replace") if server.log else ""
        tally.too_many += log.lower().count(TOO_MANY)
    return _report(kind, clients, seconds, tally), tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=20.0,
                        help="each server's reading time in all (default 20), and the crowd run's")
    parser.add_argument("--slice", type=float, default=2.0,
                        help="seconds each server is read in each turn (default 2), in the order SQLite, "
                             "PostgreSQL, PostgreSQL, SQLite, each for half of it")
    parser.add_argument("--crowd", type=int, default=200, help="clients of the PostgreSQL crowd run (0: none)")
    options = parser.parse_args()
    rates, ratios = _compare(options.clients, options.seconds, options.slice)
    sqlite, postgresql = rates["sqlite"], rates["postgresql"]
    pg_ratio = postgresql / sqlite
    pairs = [f"clients={options.clients}", f"sqlite_per_s={sqlite:.1f}", f"pg_per_s={postgresql:.1f}",
             f"pg_ratio={pg_ratio:.2f}", f"pg_ratio_low={min(ratios):.2f}", f"pg_ratio_high={max(ratios):.2f}",
             f"turns={len(ratios)}"]
    met = "met" if pg_ratio >= PG_RATIO_TARGET else "NOT met"
    say(f"pg_ratio {pg_ratio:.2f} (target >= {PG_RATIO_TARGET}: {met})")
    if options.crowd:
        crowd_rate, crowd = _run("postgresql", options.crowd, options.seconds)
        pairs += [f"crowd={options.crowd}", f"crowd_per_s={crowd_rate:.1f}", f"crowd_errors={crowd.errors}",
                  f"too_many_clients={crowd.too_many}"]
    say(" ".join(pairs) + f" load={load_on_machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
