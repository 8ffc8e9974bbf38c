"""The load the reliability checks drive: demo delegations acting and reading through the real HTTP API and
pages, and consoles holding the live stream, with every answer counted and every acknowledged act noted.

A simulated user is an asyncio task with an httpx client signed in as one of the demo's people (the fifty
users of a delegation share its head's and delegate's sessions, as the tabs of one delegation's office do).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import itertools
import random
import ssl
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import httpx
from harness import MEMBERS, sign_in

PAGES = ("/", "/decisions/", "/crises/", "/meetings/", "/ledger/", "/members/")
API_READS = ("/api/v1/decisions", "/api/v1/crises", "/api/v1/meetings/sessions", "/api/v1/members")
TIMEOUT = httpx.Timeout(30.0, connect=5.0)


@dataclass
class Acked:
    """An act whose request was answered 2xx: what to find in the state, and the seq field to find it by."""

    kind: str  # proposal, procedure, position, pledge, listed, delivered
    key: tuple[Any, ...]


@dataclass
class Tally:
    acked: list[Acked] = field(default_factory=list)
    answers: dict[int, int] = field(default_factory=dict)  # status code -> count
    unanswered: int = 0  # connection refused or cut: the server was down (an unknown outcome, not an ack)
    silences: dict[str, int] = field(default_factory=dict)  # why unanswered (httpx's error) -> count
    page_ms: list[float] = field(default_factory=list)
    api_ms: list[float] = field(default_factory=list)
    act_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # 5xx and unexpected 4xx, with what was asked
    shed: int = 0  # of the failures, the server's own 503 "busy" with Retry-After: nothing was done

    def count(self, status: int) -> None:
        self.answers[status] = self.answers.get(status, 0) + 1

    def refused(self, answer: httpx.Response, line: str) -> None:
        """An answer that is neither what was asked nor an expected refusal."""
        self.failures.append(line)
        if answer.status_code == 503 and "Retry-After" in answer.headers:
            self.shed += 1

    def no_answer(self, error: httpx.TransportError) -> None:
        self.unanswered += 1
        self.silences[type(error).__name__] = self.silences.get(type(error).__name__, 0) + 1

    @property
    def errors(self) -> int:
        return len(self.failures)


class Down(Exception):
    """The server did not answer (killed, restarting): the request's outcome is unknown."""


@functools.cache
def _tls() -> ssl.SSLContext:
    """One TLS context for every client (none is used: the server is plain HTTP on the loopback). httpx makes
    one per client otherwise, reading the system's certificates each time: on a busy machine the 300 consoles'
    clients of check_load took the first minute of a 1.5-minute run (5 December 2026)."""
    return ssl.create_default_context()


class Session:
    """One demo person's signed-in client."""

    def __init__(self, base_url: str, username: str, tally: Tally, connections: int = 100) -> None:
        self.username = username
        self.tally = tally
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        self.client = httpx.AsyncClient(base_url=base_url, timeout=TIMEOUT, limits=limits, verify=_tls())
        self.headers: dict[str, str] = {}

    async def sign_in(self) -> None:
        self.headers = await sign_in(self.client, self.username)

    async def close(self) -> None:
        await self.client.aclose()

    async def read(self, path: str) -> None:
        began = time.monotonic()
        try:
            answer = await self.client.get(path)
        except httpx.TransportError as error:
            self.tally.no_answer(error)
            raise Down() from error
        (self.tally.api_ms if path.startswith("/api/") else self.tally.page_ms).append(
            (time.monotonic() - began) * 1000)
        self.tally.count(answer.status_code)
        if answer.status_code != 200:
            self.tally.refused(answer, f"GET {path} as {self.username}: {answer.status_code} {answer.text[:200]}")

    async def act(self, path: str, payload: dict[str, Any], *, expected: tuple[int, ...] = ()) -> Any:
        """POST an act; its answer's JSON when 2xx, None when refused as `expected` (a 4xx the caller allows)."""
        began = time.monotonic()
        try:
            answer = await self.client.post(path, json=payload, headers=self.headers)
        except httpx.TransportError as error:
            self.tally.no_answer(error)
            raise Down() from error
        self.tally.count(answer.status_code)
        if 200 <= answer.status_code < 300:
            self.tally.act_ms.append((time.monotonic() - began) * 1000)
            return answer.json()
        if answer.status_code not in expected:
            self.tally.refused(answer, f"POST {path} as {self.username}: {answer.status_code} {answer.text[:300]}")
        return None


def _texts(text: str) -> dict[str, str]:
    return {"ru": text, "en": text}


class Summit:
    """The demo organization in session: a crisis open for pledges, a session whose plenary hears
    statements, and proposals that each delegation answers. Writers take turns through these."""

    def __init__(self, base_url: str, tally: Tally, *, connections: int = 100) -> None:
        self.base_url = base_url
        self.tally = tally
        self.people: dict[str, Session] = {}
        self.connections = connections
        self.crisis = 0
        self.part = 0
        self.running = asyncio.Event()
        self.running.set()
        self.stopping = False
        self._numbers = itertools.count(1)

    def person(self, username: str) -> Session:
        return self.people[username]

    async def open(self) -> None:
        names = ["secretariat", "observer"] + [f"{m.lower()}.{r}" for m in MEMBERS for r in ("head", "delegate")]
        for name in names:
            self.people[name] = Session(self.base_url, name, self.tally, self.connections)
        await asyncio.gather(*(person.sign_in() for person in self.people.values()))
        crisis = await self.person("kaz.head").act("/api/v1/crises", {
            "legal_basis": "aggression", "happened": _texts("Reliability check: an illustrative request"),
            "area": _texts("Illustrative"), "asks_for": _texts("Collective forces")})
        self.crisis = crisis["id"]
        await self.person("secretariat").act(f"/api/v1/crises/{self.crisis}/response", {"response": "operation"})
        session = await self.person("secretariat").act("/api/v1/meetings/sessions", {
            "body": "CSC", "title": _texts("Reliability check: an illustrative session"), "kind": "extraordinary",
            "mode": "video", "starts_on": dt.date.today().isoformat()})
        await self.person("secretariat").act(f"/api/v1/meetings/sessions/{session['id']}/open", {})
        opened = await self.person("secretariat").act(f"/api/v1/meetings/sessions/{session['id']}/parts",
                                                      {"kind": "plenary", "is_open": True})
        self.part = opened["parts"][-1]["id"]

    async def close(self) -> None:
        await asyncio.gather(*(person.close() for person in self.people.values()))

    async def _turn(self, step: Callable[[], Awaitable[None]]) -> None:
        await self.running.wait()
        try:
            await step()
        except Down:
            await asyncio.sleep(0.1)

    async def writer(self, rng: random.Random, pause: float) -> None:
        """A delegation's office at work: a mix of proposals answered by every member, pledges and statements."""
        kinds = [self.decision, self.pledge, self.statement]
        while not self.stopping:
            await self._turn(rng.choice(kinds))
            await asyncio.sleep(rng.uniform(0, pause))

    async def reader(self, rng: random.Random, pause: float) -> None:
        names = list(self.people)
        while not self.stopping:
            person = self.person(rng.choice(names))
            path = rng.choice(PAGES + API_READS)
            await self._turn(partial(person.read, path))
            await asyncio.sleep(rng.uniform(0, pause))

    async def decision(self) -> None:
        number = next(self._numbers)
        secretariat = self.person("secretariat")
        proposed = await secretariat.act("/api/v1/decisions", {
            "title": _texts(f"Reliability proposal {number}"), "body": "CSC", "classification": "members"})
        if proposed is None:
            return
        pk = proposed["id"]
        self.tally.acked.append(Acked("proposal", (pk,)))
        deadline = (dt.datetime.now(dt.UTC) + dt.timedelta(days=30)).isoformat()
        if await secretariat.act(f"/api/v1/decisions/{pk}/procedure", {"kind": "written", "deadline": deadline}):
            self.tally.acked.append(Acked("procedure", (pk,)))
        else:
            return
        for member in MEMBERS:
            await self.running.wait()
            head = self.person(f"{member.lower()}.head")
            if await head.act(f"/api/v1/decisions/{pk}/positions", {"member": member, "stance": "join"}):
                self.tally.acked.append(Acked("position", (pk, member)))

    async def pledge(self) -> None:
        member = random.choice(MEMBERS)
        quantity = 1000 + next(self._numbers)  # unique: the pledge is found again by it
        if await self.person(f"{member.lower()}.head").act(
                f"/api/v1/crises/{self.crisis}/pledges", {"capability": "infantry_company", "quantity": quantity}):
            self.tally.acked.append(Acked("pledge", (self.crisis, member, quantity)))

    async def statement(self) -> None:
        member = random.choice(MEMBERS)
        token = f"Speaker {next(self._numbers)}"
        listed = await self.person("secretariat").act(f"/api/v1/meetings/parts/{self.part}/speakers",
                                                      {"delegation": member, "speaker_name": _texts(token)})
        if listed is None:
            return
        part = next(p for p in listed["parts"] if p["id"] == self.part)
        found = [s["id"] for s in part["statements"] if token in s["speaker"].values()]
        if not found:
            self.tally.failures.append(f"statement {token!r} listed but not shown")
            return
        self.tally.acked.append(Acked("listed", (found[0],)))
        await self.running.wait()
        if await self.person(f"{member.lower()}.delegate").act(
                f"/api/v1/meetings/statements/{found[0]}/deliver", {"language": "ru", "text": f"Text of {token}"}):
            self.tally.acked.append(Acked("delivered", (found[0],)))


@dataclass
class Stream:
    """A console holding GET /api/v1/events, reconnecting with Last-Event-ID whenever the stream ends."""

    person: Session
    last: int
    gaps: list[tuple[int, int]] = field(default_factory=list)  # (expected, received)
    duplicates: int = 0
    reconnects: int = 0
    received: int = 0

    async def follow(self, summit: Summit) -> None:
        while not summit.stopping:
            try:
                async with self.person.client.stream(
                        "GET", "/api/v1/events", headers={"Last-Event-ID": str(self.last)},
                        timeout=httpx.Timeout(None, connect=5.0)) as answer:
                    async for line in answer.aiter_lines():
                        if line.startswith("id: "):
                            self.take(int(line[4:]))
                        if summit.stopping:
                            return
            except (httpx.TransportError, httpx.StreamError):
                pass
            self.reconnects += 1
            await asyncio.sleep(random.uniform(0.05, 0.3))

    def take(self, seq: int) -> None:
        self.received += 1
        if seq <= self.last:
            self.duplicates += 1
            return
        if seq != self.last + 1:
            self.gaps.append((self.last + 1, seq))
        self.last = seq
