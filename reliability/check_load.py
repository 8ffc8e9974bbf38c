"""Sustained load: a summit day compressed. Six delegations of fifty users each read pages and the API, act
(proposals answered by every member, pledges, statements) and hold a live console open, at a person's pace,
first against one server on SQLite, then against two servers sharing one PostgreSQL database.

Reported per phase: error rate (any 5xx or unexpected 4xx, any gap or duplicate on a console: must be 0),
p50/p99 of page reads and of API reads, p99 of an act's commit (its POST answered), and the server's
resident memory sampled every few seconds (it must stay flat after the first fifth of the run).

Run: .venv/bin/python reliability/check_load.py [--minutes M] [--users N] [--quick] [--phase P]
`--minutes 10` is the full scale; `--minutes 60 --phase two-servers` a one-hour soak (docs/reliability.md).
The last line is key=value pairs, `errors=0` when good.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Server, database, load_on_machine, median, percentile, run_child, say, scale

# Per phase: the database, the servers (`accord serve` commands, each on a port of its own) and the processes
# of each (`--workers`). One server runs a process per core, as docs/operator.md says to: one process uses one
# core at most, and on this campaign's machine (two cores) one process on SQLite answered a summit's pace only
# by queueing (p50 5.3 s) and refused 1 % busy (docs/reliability.md, 6 December 2026).
CORES = os.cpu_count() or 1
PHASES = {"one-server": ("sqlite", 1, CORES), "two-servers": ("postgresql", 2, 1)}
# Not in the campaign: one process on SQLite or PostgreSQL, to tell what one process takes.
DIAGNOSTIC_PHASES = {"one-process-sqlite": ("sqlite", 1, 1), "one-server-postgresql": ("postgresql", 1, 1)}
THINK_SECONDS = (5.0, 25.0)  # between two clicks of one person: reading, then the next page or act
ACT_SHARE = 0.1  # one turn in ten is an act, the rest reads
RSS_GROWTH_LIMIT = 0.25  # "flat": at most a quarter more at the end than after the warm-up
SAMPLE_SECONDS = 5.0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 minute per phase, 60 users")
    parser.add_argument("--minutes", type=float, help="per phase (default 10, 1 with --quick)")
    parser.add_argument("--users", type=int, help="simulated users in six delegations (default 300; 60 --quick)")
    parser.add_argument("--phase", choices=(*PHASES, *DIAGNOSTIC_PHASES, "both"), default="both")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    return scale(parser.parse_args(), minutes=(1.0, 10.0), users=(60, 300))


def main() -> int:
    options = _arguments()
    if options.phase != "both":
        return _phase(options)
    results = []
    for phase in PHASES:
        command = [sys.executable, __file__, "--minutes", str(options.minutes), "--users", str(options.users),
                   "--seed", str(options.seed), "--phase", phase]
        code, last, _ = run_child(command, phase)
        last["exit"] = str(code)
        results.append(last)
    good = all(r["exit"] == "0" for r in results)
    errors = sum(int(r.get("errors", 1)) for r in results)
    figures = " ".join(f"{r.get('phase', '?')}.{key}={r.get(key, '?')}" for r in results
                       for key in ("page_p99_ms", "api_p99_ms", "act_p99_ms", "rss_growth"))
    say(f"errors={errors} {figures} status={'ok' if good else 'failed'}")
    return 0 if good else 1


def _phase(options: argparse.Namespace) -> int:
    kind, servers, workers = {**PHASES, **DIAGNOSTIC_PHASES}[options.phase]
    with database(kind) as db:
        began = time.monotonic()
        db.prepare()
        say(f"[{options.phase}] the demo ready in {time.monotonic() - began:.1f} s")
        os.environ.update(db.env())
        import django

        django.setup()
        running = [Server(db, workers=workers) for _ in range(servers)]
        try:
            for server in running:
                server.start()
            figures = asyncio.run(_run(running, options))
        finally:
            for server in running:
                server.stop()
            from django.db import connections

            connections.close_all()
    good = figures["errors"] == 0 and figures["entries"] > 0  # a run where no act went through shows nothing
    say(" ".join(f"{key}={value}" for key, value in figures.items()) + f" status={'ok' if good else 'failed'}")
    return 0 if good else 1


async def _run(servers: list[Server], options: argparse.Namespace) -> dict[str, Any]:
    from check_crash import latest_seq, stream_session
    from load import Stream, Summit, Tally

    rng = random.Random(options.seed)
    tally = Tally()
    summits = [Summit(server.url, tally, connections=200) for server in servers]
    for summit in summits:
        await summit.open()
    # The summits' set-up acts (a crisis, a session, its plenary: five each) come before `start`, and are
    # not the load's: counted, `acts` exceeded the log's growth by five a server.
    tally.act_ms.clear()
    start = await asyncio.to_thread(latest_seq)
    streams: list[Stream] = []
    users: list[asyncio.Task[None]] = []
    consoles: list[asyncio.Task[None]] = []
    followed: list[tuple[Stream, Any]] = []
    for number in range(options.users):
        summit = summits[number % len(summits)]
        names = list(summit.people)
        person = summit.person(names[number % len(names)])
        followed.append((Stream(person=stream_session(person), last=start), summit))
    # The run's minutes count from here: making the clients is the harness's time, not the load's.
    stop_at = time.monotonic() + options.minutes * 60
    for stream, summit in followed:
        streams.append(stream)
        consoles.append(asyncio.create_task(stream.follow(summit)))
        users.append(asyncio.create_task(_user(summit, random.Random(rng.random()), stop_at)))
    samples: list[int] = []
    processes = sum(server.workers for server in servers)
    say(f"[{options.phase}] {options.users} users on {len(servers)} server(s), {processes} process(es), "
        f"for {options.minutes:g} min (load {load_on_machine()})")
    next_report = time.monotonic() + 60
    while time.monotonic() < stop_at:
        await asyncio.sleep(SAMPLE_SECONDS)
        samples.append(sum(server.rss_kib() for server in servers))
        if time.monotonic() >= next_report:
            next_report += 60
            say(f"[{options.phase}] {len(tally.page_ms) + len(tally.api_ms)} reads, {len(tally.act_ms)} acts, "
                f"{tally.errors} errors, rss {samples[-1] // 1024} MiB (load {load_on_machine()})")
    # Each user ends the turn it is in (every act of it answered) before the log's last entry is read, so
    # that `acts` and `entries` count the same acts: read while users still acted, the acts answered after
    # it made `acts` exceed `entries`.
    await asyncio.wait(users, timeout=120)
    final = await asyncio.to_thread(latest_seq)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and any(stream.last < final for stream in streams):
        await asyncio.sleep(0.5)
    behind = sum(1 for stream in streams if stream.last < final)
    for summit in summits:
        summit.stopping = True
    for task in users + consoles:
        task.cancel()
    await asyncio.gather(*users, *consoles, return_exceptions=True)
    await asyncio.gather(*(stream.person.close() for stream in streams))
    for summit in summits:
        await summit.close()
    for failure in tally.failures[:20]:
        say(f"[{options.phase}] failure: {failure}")
    if tally.silences:
        say(f"[{options.phase}] unanswered, by httpx's error: {tally.silences}")
    warm = samples[len(samples) // 5:] or samples or [0]
    settled, end = median(warm[: max(1, len(warm) // 3)]), median(warm[-max(1, len(warm) // 3):])
    growth = (end - settled) / settled if settled else 0.0
    gaps = sum(len(s.gaps) for s in streams)
    duplicates = sum(s.duplicates for s in streams)
    requests = sum(tally.answers.values())
    errors = tally.errors + gaps + duplicates + behind + tally.unanswered + (1 if growth > RSS_GROWTH_LIMIT else 0)
    return {
        "phase": options.phase, "servers": len(servers), "processes": processes, "users": options.users,
        "minutes": f"{options.minutes:g}",
        "requests": requests, "acts": len(tally.act_ms), "entries": final - start, "errors": errors,
        "error_rate": f"{errors / requests if requests else 0:.4f}", "unanswered": tally.unanswered,
        # Answered 503 at once by a server past its bound of requests in flight (ACCORD_MAX_REQUESTS_IN_FLIGHT):
        # errors still, but told, where they used to wait until the client gave up.
        "busy_503": tally.answers.get(503, 0),
        "gaps": gaps, "duplicates": duplicates, "streams_behind": behind,
        "page_p50_ms": f"{median(tally.page_ms):.0f}", "page_p99_ms": f"{percentile(tally.page_ms, 0.99):.0f}",
        "api_p50_ms": f"{median(tally.api_ms):.0f}", "api_p99_ms": f"{percentile(tally.api_ms, 0.99):.0f}",
        "act_p50_ms": f"{median(tally.act_ms):.0f}", "act_p99_ms": f"{percentile(tally.act_ms, 0.99):.0f}",
        "rss_settled_mib": int(settled) // 1024, "rss_end_mib": int(end) // 1024, "rss_growth": f"{growth:.3f}",
        "load": load_on_machine(),
    }


async def _user(summit: Any, rng: random.Random, stop_at: float) -> None:
    """One person: think, then read a page or the API, or now and then act."""
    from load import Down

    names = list(summit.people)
    await asyncio.sleep(rng.uniform(0, THINK_SECONDS[1]))  # arrivals spread, not a stampede at 0 s
    while time.monotonic() < stop_at:
        try:
            if rng.random() < ACT_SHARE:
                await rng.choice([summit.decision, summit.pledge, summit.statement])()
            else:
                person = summit.person(rng.choice(names))
                await person.read(rng.choice(_paths()))
        except Down:
            pass
        await asyncio.sleep(min(rng.uniform(*THINK_SECONDS), max(0.0, stop_at - time.monotonic())))


def _paths() -> tuple[str, ...]:
    from load import API_READS, PAGES

    return PAGES + API_READS


if __name__ == "__main__":
    sys.exit(main())
