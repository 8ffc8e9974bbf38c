"""Crashes under load: the real server SIGKILLed at random moments while delegations act, read and follow
the live stream; after each restart nothing acknowledged is lost and the log and the state agree.

Each cycle: load runs until an act is answered, then for a random moment; the server's process group gets
SIGKILL, the writers pause, the server starts again (its start-up time measured), and then:
  - every act whose request was answered 2xx is in the state, and its ledger entry is in the log;
  - `accord ledger verify` passes (every cycle) and `accord ledger audit` passes (the log replayed and
    compared with every domain table: every --audit-every cycles and after the last);
  - the consoles reconnect with Last-Event-ID; at the end each has received every entry, in order, once.
A request the server refused as busy (503 with Retry-After: it had more in hand than it answers in time, and
did nothing) is counted as `busy_503`, not as a server error: that is the server shedding load as designed,
which a loaded machine shows after a restart, when every console reconnects at once; any other 5xx, or an
unexpected 4xx, is a server error and fails the check.
Runs on SQLite and on PostgreSQL (a database of its own, dropped after), each in a child process of its own.

Run: .venv/bin/python reliability/check_crash.py [--quick] [--crashes N] [--streams S] [--database D]
The last line is key=value pairs: crashes, acked, acked_lost, verify_failures, audit_failures, gaps, ...
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Database, Server, database, load_on_machine, median, percentile, run_child, say, scale

DATABASES = ("sqlite", "postgresql")
ACT_WAIT = 30.0  # seconds: a bound on the wait for the first act answered after a restart


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 crashes, 20 streams, 3 writers per database")
    parser.add_argument("--crashes", type=int, help="SIGKILLs per database (default 100, 10 with --quick)")
    parser.add_argument("--streams", type=int, help="live streams held open (default 500, 20 with --quick)")
    parser.add_argument("--writers", type=int, help="concurrent writers (default 8, 3 with --quick)")
    parser.add_argument("--readers", type=int, help="concurrent readers (default 8, 3 with --quick)")
    parser.add_argument("--audit-every", type=int, default=25,
                        help="replay audit every N cycles, 0: only after the last")
    parser.add_argument("--database", choices=(*DATABASES, "both"), default="both")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    return scale(parser.parse_args(), crashes=(10, 100), streams=(20, 500), writers=(3, 8), readers=(3, 8))


def main() -> int:
    options = _arguments()
    if options.database != "both":
        return _one_database(options)
    # Each database in a process of its own: Django is set up once per process, for one database.
    results: list[dict[str, str]] = []
    for kind in DATABASES:
        code, last, _ = run_child([sys.executable, __file__, *_forwarded(options), "--database", kind], kind)
        last["exit"] = str(code)
        results.append(last)
    total = {key: sum(int(r.get(key, 0)) for r in results)
             for key in ("crashes", "acked", "acked_lost", "verify_failures", "audit_failures", "gaps",
                         "duplicates", "server_errors", "busy_503", "streams_behind")}
    good = all(r["exit"] == "0" for r in results) and len(results) == len(DATABASES)
    figures = " ".join(f"{r.get('database', '?')}.{key}={r.get(key, '?')}" for r in results
                       for key in ("start_p50_s", "cycle_p50_s", "act_p99_ms"))
    say(" ".join(f"{key}={value}" for key, value in total.items()) + f" databases={len(results)} {figures}"
        + f" status={'ok' if good else 'failed'}")
    return 0 if good else 1


def _forwarded(options: argparse.Namespace) -> list[str]:
    return ["--crashes", str(options.crashes), "--streams", str(options.streams), "--writers",
            str(options.writers), "--readers", str(options.readers), "--audit-every", str(options.audit_every),
            "--seed", str(options.seed)]


def _one_database(options: argparse.Namespace) -> int:
    kind = options.database
    with database(kind) as db:
        began = time.monotonic()
        db.prepare()
        say(f"[{kind}] the demo ready in {time.monotonic() - began:.1f} s (load {load_on_machine()})")
        os.environ.update(db.env())
        import django

        django.setup()
        server = Server(db)
        try:
            figures = asyncio.run(_campaign(server, db, options))
        finally:
            server.stop()
            from django.db import connections

            connections.close_all()
    good = not any(figures[key] for key in ("acked_lost", "verify_failures", "audit_failures", "gaps",
                                            "duplicates", "server_errors", "streams_behind"))
    # A run where no act was answered (every request waiting on a stalled server) proves nothing.
    good = good and figures["crashes"] == options.crashes and figures["acked"] > 0
    say(" ".join(f"{key}={value}" for key, value in figures.items()) + f" status={'ok' if good else 'failed'}")
    return 0 if good else 1


async def _campaign(server: Server, db: Database, options: argparse.Namespace) -> dict[str, Any]:
    from load import Stream, Summit, Tally

    kind = db.kind
    rng = random.Random(options.seed)
    first_start = await asyncio.to_thread(server.start)
    say(f"[{kind}] server up on {server.url} in {first_start:.2f} s; seed {options.seed}")
    tally = Tally()
    summit = Summit(server.url, tally)
    await summit.open()
    start = await asyncio.to_thread(latest_seq)
    streams = []
    names = list(summit.people)
    for number in range(options.streams):
        person = summit.person(names[number % len(names)])
        streams.append(Stream(person=stream_session(person), last=start))
    tasks = [asyncio.create_task(stream.follow(summit)) for stream in streams]
    tasks += [asyncio.create_task(summit.writer(random.Random(rng.random()), 0.2)) for _ in range(options.writers)]
    tasks += [asyncio.create_task(summit.reader(random.Random(rng.random()), 0.3)) for _ in range(options.readers)]
    starts: list[float] = []
    cycles: list[float] = []
    lost: set[str] = set()
    verify_failures = audit_failures = crashes = 0
    checks_s: list[float] = []
    for cycle in range(1, options.crashes + 1):
        began = time.monotonic()
        # Load runs until an act is answered since the restart (at most ACT_WAIT), then a random moment more:
        # on a busy machine the first act after a restart took longer than the whole moment of load, and
        # runs killed the server before any act was answered, which showed nothing (5 December 2026).
        acked_before = len(tally.acked)
        while len(tally.acked) == acked_before and time.monotonic() - began < ACT_WAIT:
            await asyncio.sleep(0.05)
        await asyncio.sleep(rng.uniform(0.3, 2.0))
        server.kill()
        crashes += 1
        summit.running.clear()
        starts.append(await asyncio.to_thread(server.start))
        checked = time.monotonic()
        missing = await asyncio.to_thread(_missing, list(tally.acked))
        lost.update(missing)
        if not await asyncio.to_thread(_verify):
            verify_failures += 1
        audited = ""
        if (options.audit_every and cycle % options.audit_every == 0) or cycle == options.crashes:
            if not await asyncio.to_thread(_audit):
                audit_failures += 1
            audited = " audit"
        checks_s.append(time.monotonic() - checked)
        summit.running.set()
        cycles.append(time.monotonic() - began)
        say(f"[{kind}] crash {cycle}/{options.crashes}: restarted in {starts[-1]:.2f} s, checks{audited} "
            f"{checks_s[-1]:.2f} s; acked {len(tally.acked)}, lost {len(lost)}, "
            f"verify failures {verify_failures}, errors {tally.errors - tally.shed}, busy 503 {tally.shed}")
    # The end: writers stop, every console must catch up with the last entry, once and in order.
    summit.running.clear()
    await asyncio.sleep(1)
    final = await asyncio.to_thread(latest_seq)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and any(stream.last < final for stream in streams):
        await asyncio.sleep(0.5)
    behind = sum(1 for stream in streams if stream.last < final)
    summit.stopping = True
    summit.running.set()
    rss = server.rss_kib()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await asyncio.gather(*(stream.person.close() for stream in streams))
    await summit.close()
    for failure in tally.failures[:20]:
        say(f"[{kind}] failure: {failure}")
    for stream in streams:
        if stream.gaps:
            say(f"[{kind}] gap on a stream of {stream.person.username}: {stream.gaps[:5]}")
    entries = final - start
    return {
        "database": kind, "crashes": crashes, "acked": len(tally.acked), "acked_lost": len(lost),
        "verify_failures": verify_failures, "audit_failures": audit_failures,
        "gaps": sum(len(s.gaps) for s in streams), "duplicates": sum(s.duplicates for s in streams),
        "streams": len(streams), "streams_behind": behind, "server_errors": tally.errors - tally.shed,
        "busy_503": tally.shed,
        "unanswered": tally.unanswered, "entries": entries,
        "reconnects": sum(s.reconnects for s in streams),
        "start_p50_s": f"{median(starts):.2f}", "start_max_s": f"{max(starts, default=0):.2f}",
        "checks_p50_s": f"{median(checks_s):.2f}", "cycle_p50_s": f"{median(cycles):.2f}",
        "act_p99_ms": f"{percentile(tally.act_ms, 0.99):.0f}", "rss_mib": rss // 1024,
        "load": load_on_machine(),
    }


def stream_session(person: Any) -> Any:
    """A client of its own for each console, with the person's session: one connection held for hours."""
    from load import Session

    stream = Session(person.client.base_url, person.username, person.tally, connections=2)
    stream.client.cookies.update(person.client.cookies)
    return stream


def latest_seq() -> int:
    from django.db import connection

    from accord.ledger.models import Entry

    try:
        return Entry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    finally:
        connection.close()


def _missing(acked: list[Any]) -> set[str]:
    """The acknowledged acts not found in the state, or whose ledger entry is not in the log."""
    from django.db import connection

    from accord.crises.models import Pledge
    from accord.decisions.models import Position, Procedure, Proposal
    from accord.ledger.models import Entry
    from accord.meetings.models import Statement

    try:
        missing: set[str] = set()
        seqs: dict[str, int | None] = {}
        for act in acked:
            name = f"{act.kind}{act.key}"
            if act.kind == "proposal":
                seq = Proposal.objects.filter(pk=act.key[0]).values_list("entry_seq", flat=True).first()
            elif act.kind == "procedure":
                seq = Procedure.objects.filter(proposal_id=act.key[0]).values_list("entry_seq", flat=True).first()
            elif act.kind == "position":
                seq = Position.objects.filter(procedure__proposal_id=act.key[0], member_id=act.key[1]).values_list(
                    "entry_seq", flat=True).first()
            elif act.kind == "pledge":
                seq = Pledge.objects.filter(crisis_id=act.key[0], member_id=act.key[1], quantity=act.key[2]
                                            ).values_list("entry_seq", flat=True).first()
            elif act.kind == "listed":
                seq = Statement.objects.filter(pk=act.key[0]).values_list("entry_seq", flat=True).first()
            else:
                seq = Statement.objects.filter(pk=act.key[0]).values_list("delivered_seq", flat=True).first()
            seqs[name] = seq
        present = set(Entry.objects.filter(seq__in=[s for s in seqs.values() if s]).values_list("seq", flat=True))
        for name, seq in seqs.items():
            if seq is None or seq not in present:
                missing.add(name)
        return missing
    finally:
        connection.close()


def _command(*args: str) -> bool:
    from django.core.management import call_command
    from django.db import connection

    out = io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=out)
        return True
    except SystemExit as exit_:
        ok = not exit_.code
    except Exception as error:
        out.write(repr(error))
        ok = False
    finally:
        connection.close()
    if not ok:
        say(f"`accord {' '.join(args)}` failed: {out.getvalue()[-1500:]}")
    return ok


def _verify() -> bool:
    return _command("ledger", "verify", "--quiet")


def _audit() -> bool:
    return _command("ledger", "audit", "--quiet")


if __name__ == "__main__":
    sys.exit(main())
