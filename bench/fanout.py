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

The readers (--readers process, the default): the connections are opened and read by a child process of
their own, each with h11 over a bare asyncio protocol, so that they take neither the GIL of the server in the
benchmark's process nor much of the machine's two CPUs (httpx's readers, in the server's own process, cost
more than the serving and were most of what the figure measured). The child notes when it reads each frame
on time.monotonic (CLOCK_MONOTONIC, one clock for every process of the machine), and the figure is still the
time from the act's call to each connection's reading of its frame. --readers inline is the earlier way (httpx
in this process), kept to compare with earlier figures. server_cpu_ms is the CPU time both servers' processes
spent on one bare broadcast (read from /proc; in the benchmark's process, whatever else it did meanwhile, which
is waiting), reader_cpu_ms the readers' own.

Run: .venv/bin/python bench/fanout.py [--connections N] [--rounds R] [--database-url URL] [--servers 2]
[--readers inline]. The last line printed is `key=value` pairs (p50_ms, p99_ms, ratio, ...), for scripts.
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
    """One open event stream read with httpx in this process (--readers inline); notes when the frame with a
    wanted id arrives."""

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
                    self.at = time.monotonic()
                    self.got.set()


class InlineReaders:
    """The connections read by httpx in the benchmark's own process, beside the server it measures."""

    def __init__(self, ports: list[int], cookie: str, connections: int) -> None:
        self.ports, self.cookie, self.connections = ports, cookie, connections
        self.consoles: list[Console] = []
        self.tasks: list[asyncio.Task[None]] = []
        self.clients: list[Any] = []

    async def open(self) -> None:
        import httpx

        limits = httpx.Limits(max_connections=self.connections + 10, max_keepalive_connections=0)
        self.clients = [httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits,
                                          timeout=httpx.Timeout(60.0, read=None),
                                          cookies={"sessionid": self.cookie}) for port in self.ports]
        self.consoles = [Console() for _ in range(self.connections)]
        # The streams split over the servers, alternately.
        self.tasks = [asyncio.create_task(c.run(self.clients[i % len(self.clients)], "/api/v1/events"))
                      for i, c in enumerate(self.consoles)]
        await asyncio.wait_for(asyncio.gather(*(c.ready.wait() for c in self.consoles)), timeout=120)

    async def expect(self, wanted: int) -> None:
        for console in self.consoles:
            console.wanted, console.got = wanted, asyncio.Event()

    async def arrivals(self, wanted: int) -> list[float]:
        await asyncio.wait_for(asyncio.gather(*(c.got.wait() for c in self.consoles)), timeout=60)
        return [c.at for c in self.consoles]

    def cpu_seconds(self) -> float:
        return 0.0  # inside the benchmark's process: counted with the server's

    async def close(self) -> tuple[int, int]:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        for client in self.clients:
            await client.aclose()
        return 0, 0


class _Stream(asyncio.Protocol):
    """One event stream in the reader process: h11 parses the response, each frame's id and its arrival are
    noted, and an id not above the last one read (a duplicate, or out of order) is counted."""

    def __init__(self, request: bytes, board: _Board) -> None:
        import h11

        self.request, self.board = request, board
        self.http = h11.Connection(h11.CLIENT)
        self.text = b""
        self.last = -1
        self.ready = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: Any) -> None:
        transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        import h11

        now = time.monotonic()
        self.http.receive_data(data)
        while True:
            event = self.http.next_event()
            if event is h11.NEED_DATA or event is h11.PAUSED:
                return
            if isinstance(event, h11.Response) and event.status_code != 200:
                self._fail(f"the server answered {event.status_code}")
            elif isinstance(event, h11.Data):
                self._frames(bytes(event.data), now)
            elif isinstance(event, h11.EndOfMessage | h11.ConnectionClosed):
                self._fail("the server ended the stream")
                return

    def _frames(self, data: bytes, now: float) -> None:
        self.text += data
        *frames, self.text = self.text.split(b"\n\n")
        for frame in frames:
            if frame.startswith(b"id: "):
                seq = int(frame[4:frame.index(b"\n")])
                if seq <= self.last:
                    self.board.disorder += 1
                else:
                    self.last = seq
                    self.board.arrived(seq, now)
            elif frame.startswith(b"retry:") and not self.ready.done():
                self.ready.set_result(None)

    def _fail(self, why: str) -> None:
        if not self.ready.done():
            self.ready.set_exception(RuntimeError(why))
        else:
            self.board.lost += 1

    def connection_lost(self, exc: Exception | None) -> None:
        self._fail("the connection was lost")


class _Board:
    """When each connection read each id; who waits for an id to reach them all."""

    def __init__(self, connections: int) -> None:
        self.connections = connections
        self.times: dict[int, list[float]] = {}
        self.waiting: dict[int, asyncio.Future[list[float]]] = {}
        self.disorder = 0
        self.lost = 0

    def arrived(self, seq: int, now: float) -> None:
        times = self.times.setdefault(seq, [])
        times.append(now)
        if len(times) == self.connections and seq in self.waiting:
            self.waiting.pop(seq).set_result(self.times.pop(seq))

    async def all_of(self, seq: int) -> list[float]:
        times = self.times.get(seq, [])
        if len(times) == self.connections:
            return self.times.pop(seq)
        self.waiting[seq] = asyncio.get_running_loop().create_future()
        return await asyncio.wait_for(self.waiting[seq], timeout=60)


OPEN_AT_ONCE = 100  # connections opened together: a console's page opens one, not two thousand in a burst


async def _read_streams(pipe: Any, ports: list[int], cookie: str, connections: int) -> None:
    """The reader process's loop: opens the connections, then answers the benchmark's questions on the pipe."""
    loop = asyncio.get_running_loop()
    board = _Board(connections)
    streams: list[_Stream] = []
    commands: asyncio.Queue[Any] = asyncio.Queue()
    loop.add_reader(pipe.fileno(), lambda: commands.put_nowait(pipe.recv()))
    for first in range(0, connections, OPEN_AT_ONCE):
        batch = []
        for number in range(first, min(first + OPEN_AT_ONCE, connections)):
            port = ports[number % len(ports)]  # the streams split over the servers, alternately
            request = (f"GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n"
                       f"Cookie: sessionid={cookie}\r\n\r\n").encode()
            _, stream = await loop.create_connection(partial(_Stream, request, board), "127.0.0.1", port)
            batch.append(stream)
        await asyncio.wait_for(asyncio.gather(*(stream.ready for stream in batch)), timeout=120)
        streams += batch
    pipe.send(("open", len(streams)))
    while True:
        command, argument = await commands.get()
        if command == "arrivals":
            try:
                pipe.send(("arrivals", await board.all_of(argument)))
            except TimeoutError:
                pipe.send(("arrivals", None))
        elif command == "cpu":
            pipe.send(("cpu", time.process_time()))
        elif command == "close":
            pipe.send(("close", (board.disorder, board.lost)))
            return


def _reader_process(pipe: Any, ports: list[int], cookie: str, connections: int) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, connections + 200), hard))
    asyncio.run(_read_streams(pipe, ports, cookie, connections))


class ProcessReaders:
    """The connections read in a child process of their own (see the module's docstring)."""

    def __init__(self, ports: list[int], cookie: str, connections: int) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")  # not fork: this process has threads and a server
        self.pipe, theirs = context.Pipe()
        self.process = context.Process(target=_reader_process, args=(theirs, ports, cookie, connections),
                                       name="fanout-readers", daemon=True)

    async def _ask(self, command: str, argument: Any = None) -> Any:
        self.pipe.send((command, argument))
        answer, value = await asyncio.to_thread(self.pipe.recv)
        if answer != command:
            raise RuntimeError(f"the readers answered {answer!r} to {command!r}")
        return value

    async def open(self) -> None:
        self.process.start()
        answer, _ = await asyncio.to_thread(self.pipe.recv)
        if answer != "open":
            raise RuntimeError("the readers did not open their connections")

    async def expect(self, wanted: int) -> None:
        pass  # the readers note every frame

    async def arrivals(self, wanted: int) -> list[float]:
        times = await self._ask("arrivals", wanted)
        if times is None:
            raise TimeoutError(f"act {wanted} did not reach every connection within 60 s")
        return list(times)

    def cpu_seconds(self) -> float:
        self.pipe.send(("cpu", None))
        return float(self.pipe.recv()[1])

    async def close(self) -> tuple[int, int]:
        disorder, lost = await self._ask("close")
        await asyncio.to_thread(self.process.join, 30)
        return disorder, lost


def _cpu_seconds(pid: int) -> float:
    """A process's CPU time so far (user and system), from /proc: 10 ms steps."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _file_request() -> tuple[float, Any]:
    from accord.core.acting import Actor
    from accord.core.history import events_after
    from accord.crises import actions
    from accord.ledger import log
    from accord.members.models import Person

    actor = Actor(person=Person.objects.get(username="kaz.head"))
    start = time.monotonic()
    actions.file_request(actor=actor, legal_basis="relief", happened="Benchmark: floods", area="Benchmark area",
                         asks_for="Transport aircraft", classification="members")
    event = events_after(log.size() - 2)[-1]
    return start, event


@dataclasses.dataclass
class Measured:
    acts: list[float] = dataclasses.field(default_factory=list)
    bare: list[float] = dataclasses.field(default_factory=list)
    server_cpu: list[float] = dataclasses.field(default_factory=list)  # seconds per bare broadcast, both servers
    reader_cpu: list[float] = dataclasses.field(default_factory=list)
    disorder: int = 0
    lost: int = 0


async def _round(readers: Any, wanted: int, send: Any) -> list[float]:
    await readers.expect(wanted)
    start = await send()
    return [(at - start) * 1000 for at in await readers.arrivals(wanted)]


async def _measure(ports: list[int], cookie: str, connections: int, rounds: int, quiet: bool, inline: bool,
                   other_pid: int | None) -> Measured:
    import httpx

    from accord.core.events import broker
    from accord.core.history import events_after
    from accord.ledger import log

    measured = Measured()
    readers = (InlineReaders if inline else ProcessReaders)(ports, cookie, connections)
    filer = None
    if len(ports) > 1:
        head = await asyncio.to_thread(_cookie_of, "kaz.head")
        filer = httpx.AsyncClient(base_url=f"http://127.0.0.1:{ports[1]}", timeout=60.0,
                                  cookies={"sessionid": head, "csrftoken": CSRF_TOKEN},
                                  headers={"X-CSRFToken": CSRF_TOKEN})

    def servers_cpu() -> float:
        return time.process_time() + (_cpu_seconds(other_pid) if other_pid else 0.0)

    try:
        await readers.open()
        if not quiet:
            print(f"{connections} connections open, {broker.subscriber_count} subscribers here", file=sys.stderr)
        for number in range(rounds):
            seq = await asyncio.to_thread(log.size)
            holder: dict[str, Any] = {}

            async def file(holder: dict[str, Any] = holder) -> float:
                start, holder["event"] = await asyncio.to_thread(_file_request)
                return start

            if filer is not None and number % 2:  # through the other server, every other round
                measured.acts += await _round(readers, seq, partial(_file_through, filer))
                holder["event"] = (await asyncio.to_thread(events_after, seq - 1))[-1]
            else:
                measured.acts += await _round(readers, seq, file)
            copy = dataclasses.replace(holder["event"], id=seq + 1)

            async def broadcast(event: Any = copy) -> float:
                if filer is not None:
                    return await asyncio.to_thread(_notify_bare, event)
                start = time.monotonic()
                broker.deliver(event)
                return start

            cpu, reader_cpu = servers_cpu(), readers.cpu_seconds()
            measured.bare += await _round(readers, seq + 1, broadcast)
            measured.server_cpu.append(servers_cpu() - cpu)
            measured.reader_cpu.append(readers.cpu_seconds() - reader_cpu)
            # The next act takes seq + 1 as well; the streams already passed it, so skip ahead by one.
            await asyncio.to_thread(_skip_one)
    finally:
        measured.disorder, measured.lost = await readers.close()
        if filer is not None:
            await filer.aclose()
    return measured


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

    start = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, event.to_json()])
    return start


async def _file_through(client: Any) -> float:
    """The request filed through the other server's API, as a member's console files it."""
    texts = {"en": "Benchmark: floods"}
    start = time.monotonic()
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
    parser.add_argument("--readers", choices=("process", "inline"), default="process",
                        help="inline: httpx readers in this process, beside its server (the earlier figures)")
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
            measured = asyncio.run(_measure(ports, cookie, args.connections, args.rounds, args.quiet,
                                            args.readers == "inline", other.pid if other else None))
        finally:
            if other is not None:
                os.killpg(other.pid, signal.SIGTERM)
                other.wait(timeout=30)
            server.should_exit = True
            thread.join(timeout=10)
            broker.stop()
        verified = _log_verified() if args.servers > 1 else None
    acts, bare = measured.acts, measured.bare
    figures = {
        "p50_ms": statistics.median(acts), "p99_ms": _percentile(acts, 0.99),
        "bare_p50_ms": statistics.median(bare), "bare_p99_ms": _percentile(bare, 0.99),
    }
    figures["ratio"] = figures["p99_ms"] / figures["bare_p99_ms"] if figures["bare_p99_ms"] else float("inf")
    figures["server_cpu_ms"] = statistics.mean(measured.server_cpu) * 1000
    figures["reader_cpu_ms"] = statistics.mean(measured.reader_cpu) * 1000
    when = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    print(f"Accord live fan-out benchmark, {when} UTC, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"{vendor}, {args.connections} connections over {args.servers} server(s), {args.rounds} rounds, "
          f"readers {args.readers}")
    print(f"request filed -> each connection: p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms "
          f"(target p99 < {P99_TARGET_MS:.0f} ms)")
    print(f"bare broadcast -> each connection: p50 {figures['bare_p50_ms']:.1f} ms, "
          f"p99 {figures['bare_p99_ms']:.1f} ms")
    print(f"ratio (p99 request / p99 bare): {figures['ratio']:.2f}")
    print(f"CPU time of one bare broadcast: servers {figures['server_cpu_ms']:.0f} ms, "
          f"readers {figures['reader_cpu_ms']:.0f} ms; frames out of order or twice: {measured.disorder}, "
          f"streams lost: {measured.lost}")
    print(" ".join([f"database={vendor}", f"servers={args.servers}", f"connections={args.connections}",
                    f"rounds={args.rounds}", f"readers={args.readers}"]
                   + [f"{name}={value:.2f}" for name, value in figures.items()]
                   + [f"disorder={measured.disorder}", f"lost={measured.lost}"]
                   + ([f"log_verified={int(verified)}"] if verified is not None else [])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
