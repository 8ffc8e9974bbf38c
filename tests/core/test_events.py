"""The live channel: events leave on commit only, and GET /api/v1/events streams them per viewer.

The stream is read through Django's AsyncClient, which runs the ASGI request path and hands back
the streaming body chunk by chunk; each read has a timeout, so a missing event fails the test
instead of hanging it. The tests commit (transactional_db), as the server does, so that the
on-commit delivery is the real one.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import AsyncGenerator, Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.db import connection
from django.test import AsyncClient
from pytest_django import Settings

from accord.core import api as core_api
from accord.core import events
from accord.core.acting import Actor, action, record
from accord.core.errors import NotPermitted
from accord.core.history import events_after
from accord.ledger import log
from accord.ledger.models import Entry
from accord.members import actions
from accord.members.models import Person

pytestmark = pytest.mark.usefixtures("committed_organization")
STREAM = "/api/v1/events"
READ_TIMEOUT = 5  # seconds; a bound on a wait that should end at once, never a measurement
SECRET = "the closed part's minutes"


def actor(handle: str) -> Actor:
    return Actor(person=Person.objects.select_related("member").get(username=handle))


@action
def closed_note(*, actor: Actor, text: str, fail_after_recording: bool = False) -> int:
    """A participants-only act (ARM and the secretariat), as a closed session will record them."""
    recorded = record(type="test.closed_note", actor=actor, body={"text": text},
                      classification="participants", audience=("ARM", "secretariat"))
    if fail_after_recording:
        raise RuntimeError("failed after recording")
    return recorded.seq


def promote_delegate() -> int:
    """A public act of the registry; returns its sequence number."""
    actions.change_role(actor=actor("arm.head"), person="arm.delegate", role="liaison")
    return log.size() - 1


# Published on commit, never on rollback.


class Delivered(list[events.Event]):
    """The events delivered so far, told to whoever waits for more."""

    def __init__(self) -> None:
        super().__init__()
        self.grown = threading.Condition()

    def add(self, event: events.Event) -> None:
        with self.grown:
            self.append(event)
            self.grown.notify_all()


@pytest.fixture
def delivered(monkeypatch: pytest.MonkeyPatch) -> Delivered:
    """The events of this test's acts that this process's broker hands to its subscribers.

    On PostgreSQL they come through LISTEN/NOTIFY, on the listener's thread: the listener is
    running before the test starts, and the setup's own acts, which may still be on their way,
    are left out.
    """
    seen = Delivered()
    first = log.size()

    def deliver(event: events.Event) -> None:
        if event.id >= first:
            seen.add(event)

    monkeypatch.setattr(events.broker, "deliver", deliver)
    assert events.broker.listen(timeout=READ_TIMEOUT), "the live-event listener did not start"
    return seen


def arrived(seen: Delivered, count: int) -> list[events.Event]:
    """`seen` once it holds `count` events (at once on SQLite; within READ_TIMEOUT on PostgreSQL)."""
    with seen.grown:
        seen.grown.wait_for(lambda: len(seen) >= count, timeout=READ_TIMEOUT)
        return list(seen)


def test_an_action_publishes_its_event_once_it_commits(delivered: Delivered) -> None:
    inside: list[list[events.Event]] = []

    @action
    def note_and_look(*, actor: Actor) -> int:
        seq = record(type="test.note", actor=actor, body={"text": "hello"}).seq
        inside.append(list(delivered))  # the entry is written, the transaction still open
        return seq

    seq = note_and_look(actor=actor("arm.delegate"))
    assert inside == [[]]
    assert [(e.id, e.type, e.actor, e.member, e.body) for e in arrived(delivered, 1)] == [
        (seq, "test.note", "arm.delegate", "ARM", {"text": "hello"})
    ]


def test_a_registry_action_publishes_its_act(delivered: Delivered) -> None:
    seq = promote_delegate()
    assert len(arrived(delivered, 1)) == 1
    event = delivered[0]
    assert (event.id, event.type, event.actor, event.member) == (seq, "members.role_changed", "arm.head", "ARM")
    assert event.body == {"person": "arm.delegate", "role": "liaison", "delegation_admin": False}


def test_an_action_rolled_back_publishes_nothing(delivered: Delivered) -> None:
    before = log.size()
    with pytest.raises(RuntimeError, match="failed after recording"):
        closed_note(actor=actor("arm.head"), text=SECRET, fail_after_recording=True)
    with pytest.raises(NotPermitted):
        actions.change_role(actor=actor("kaz.head"), person="arm.delegate", role="liaison")
    assert log.size() == before
    # Events leave in commit order: once a later act's event is here, the others would have come.
    seq = promote_delegate()
    assert [event.id for event in arrived(delivered, 1)] == [seq]


# The stream.


@dataclass(frozen=True)
class Frame:
    id: int
    event: str
    data: dict[str, Any]
    raw: str


def _frame(chunk: str) -> Frame | None:
    fields: dict[str, str] = {}
    for line in chunk.strip("\n").split("\n"):
        name, _, value = line.partition(": ")
        fields[name] = value
    if "id" not in fields:
        return None  # the retry hint or a keep-alive comment
    return Frame(int(fields["id"]), fields["event"], json.loads(fields["data"]), chunk)


class Stream:
    """One viewer's open event stream."""

    def __init__(self, chunks: AsyncGenerator[bytes, None]) -> None:
        self._chunks = chunks

    async def next_act(self) -> Frame:
        while True:
            chunk = await asyncio.wait_for(anext(self._chunks), READ_TIMEOUT)
            frame = _frame(chunk.decode())
            if frame is not None:
                return frame

    async def acts(self, count: int) -> list[Frame]:
        return [await self.next_act() for _ in range(count)]

    async def close(self) -> None:
        await self._chunks.aclose()


async def open_stream(handle: str | None = None, *, query: str = "", **headers: str) -> Stream:
    client = AsyncClient()
    if handle is not None:
        await client.aforce_login(await Person.objects.aget(username=handle))
    response = await client.get(STREAM + query, headers=headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream"
    assert response["Cache-Control"] == "no-cache"
    chunks = aiter(response.streaming_content)  # type: ignore[attr-defined]
    # The first chunk is the retry hint, sent once the stream has subscribed: from here on no act
    # committed can be missed.
    first = await asyncio.wait_for(anext(chunks), READ_TIMEOUT)
    assert first == b"retry: 2000\n\n"
    return Stream(chunks)


def while_streaming(test: Callable[[], Any]) -> Callable[..., Any]:
    """Run an async test body from a synchronous test, its database work on the test's thread."""
    return async_to_sync(test)


def test_it_streams_a_committed_act_with_its_sequence_number_as_id() -> None:
    @while_streaming
    async def run() -> tuple[Frame, int]:
        stream = await open_stream()
        try:
            seq = await sync_to_async(promote_delegate)()
            return await stream.next_act(), seq
        finally:
            await stream.close()

    frame, seq = run()
    assert frame.id == seq
    assert frame.event == "act"
    assert frame.data["type"] == "members.role_changed"
    assert frame.data["body"] == {"person": "arm.delegate", "role": "liaison", "delegation_admin": False}
    assert frame.raw.startswith(f"id: {seq}\nevent: act\ndata: ")
    assert Entry.objects.get(seq=seq).type == frame.data["type"]


@pytest.fixture
def a_listener_slow_to_start(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process hears no other yet, and the first stream starts a listener that takes a moment to hear
    them: PostgreSQL's LISTEN, or on SQLite the follower of the log (settings.FOLLOW_LOG, several processes)."""
    settings.FOLLOW_LOG = connection.vendor == "sqlite"
    events.broker.stop()
    start = events.broker._listen if connection.vendor == "postgresql" else events.broker._follow

    def slowly() -> None:
        time.sleep(0.5)
        start()

    monkeypatch.setattr(events.broker, "_listen" if connection.vendor == "postgresql" else "_follow", slowly)
    yield
    events.broker.stop()


@pytest.mark.usefixtures("a_listener_slow_to_start")
def test_a_stream_opened_without_since_hears_the_act_committed_as_it_opened() -> None:
    """The first stream of a process began before its listener heard anything: an act committed in that moment
    reached no stream, and a stream opened without `since` went on as if none were missing."""
    before = log.size()

    @while_streaming
    async def run() -> tuple[list[int], list[int]]:
        stream = await open_stream()
        try:
            first = await sync_to_async(promote_delegate)()
            second = await sync_to_async(promote_delegate)()
            return [first, second], [frame.id for frame in await stream.acts(2)]
        finally:
            await stream.close()

    committed, streamed = run()
    assert committed == [before, before + 1]
    assert streamed == committed


def test_a_stream_opened_without_since_passes_on_nothing_older_than_itself() -> None:
    """A notice of an act committed before the stream opened (on PostgreSQL it can come after) is not passed on."""
    [older] = events_after(promote_delegate() - 1, limit=1)

    @while_streaming
    async def run() -> tuple[int, int]:
        stream = await open_stream()
        try:
            events.broker.deliver(older)
            newer = await sync_to_async(promote_delegate)()
            return newer, (await stream.next_act()).id
        finally:
            await stream.close()

    newer, streamed = run()
    assert streamed == newer


def test_a_closed_stream_unsubscribes() -> None:
    baseline = events.broker.subscriber_count

    @while_streaming
    async def run() -> int:
        stream = await open_stream()
        count = events.broker.subscriber_count
        await stream.close()
        return count

    assert run() == baseline + 1
    assert events.broker.subscriber_count == baseline


def test_it_resumes_after_the_last_event_id() -> None:
    first = log.size()
    for _ in range(3):
        promote_delegate()
        actions.change_role(actor=actor("arm.head"), person="arm.delegate", role="delegate")
    last = log.size() - 1

    @while_streaming
    async def run() -> tuple[list[Frame], list[Frame]]:
        stream = await open_stream(**{"Last-Event-ID": str(first + 1)})
        try:
            missed = await stream.acts(last - first - 1)
            await sync_to_async(promote_delegate)()
            return missed, [await stream.next_act()]
        finally:
            await stream.close()

    missed, live = run()
    assert [f.id for f in missed] == list(range(first + 2, last + 1))
    assert [f.data["type"] for f in missed] == ["members.role_changed"] * len(missed)
    assert [f.id for f in live] == [last + 1]


def test_since_resumes_too_and_the_header_wins() -> None:
    promote_delegate()
    last = log.size() - 1

    @while_streaming
    async def run() -> tuple[int, int]:
        by_query = await open_stream(query=f"?since={last - 1}")
        by_header = await open_stream(query="?since=0", **{"Last-Event-ID": str(last - 1)})
        try:
            return (await by_query.next_act()).id, (await by_header.next_act()).id
        finally:
            await by_query.close()
            await by_header.close()

    assert run() == (last, last)


def test_without_last_event_id_it_sends_only_new_acts() -> None:
    @while_streaming
    async def run() -> Frame:
        stream = await open_stream(**{"Last-Event-ID": "not a number"})
        try:
            await sync_to_async(promote_delegate)()
            return await stream.next_act()
        finally:
            await stream.close()

    assert run().id == log.size() - 1


def test_a_non_public_act_reaches_only_its_participants_with_its_body() -> None:
    viewers: Mapping[str, str | None] = {
        "public": None, "ARM's delegate": "arm.delegate", "KAZ's delegate": "kaz.delegate",
        "the secretariat": "secretariat",
    }

    # From the log's head: on PostgreSQL the notice of the organization's last act may reach this process after
    # a stream has subscribed, and a stream opened without `since` passes on whatever it hears from then on.
    head = log.size() - 1

    @while_streaming
    async def run() -> tuple[int, dict[str, Frame]]:
        streams = {name: await open_stream(handle, query=f"?since={head}") for name, handle in viewers.items()}
        try:
            seq = await sync_to_async(closed_note)(actor=await sync_to_async(actor)("arm.head"), text=SECRET)
            return seq, {name: await stream.next_act() for name, stream in streams.items()}
        finally:
            for stream in streams.values():
                await stream.close()

    seq, frames = run()
    for name in ("ARM's delegate", "the secretariat"):
        assert frames[name].data["body"] == {"text": SECRET}, name
        assert (frames[name].data["actor"], frames[name].data["member"]) == ("arm.head", "ARM"), name
        assert frames[name].data["audience"] == ["ARM", "secretariat"], name
        assert "sealed" not in frames[name].data
    for name in ("public", "KAZ's delegate"):
        an_outsiders_view_of_the_closed_note(frames[name], seq)


def an_outsiders_view_of_the_closed_note(frame: Frame, seq: int) -> None:
    """What the public log shows of a sealed act: that it happened, its type, time and classification."""
    assert (frame.id, frame.data["type"], frame.data["classification"]) == (
        seq, "test.closed_note", "participants")
    assert set(frame.data) == {"id", "type", "time", "classification", "sealed"}
    assert frame.data["sealed"] is True
    for hidden in (SECRET, "arm.head", "ARM", "secretariat", "actor", "member", "audience", "body"):
        assert hidden not in frame.raw, hidden


def test_a_non_public_act_missed_and_resumed_shows_an_outsider_only_that_it_happened() -> None:
    seq = closed_note(actor=actor("arm.head"), text=SECRET)

    @while_streaming
    async def run() -> dict[str | None, Frame]:
        streams = {handle: await open_stream(handle, **{"Last-Event-ID": str(seq - 1)})
                   for handle in (None, "kaz.delegate", "arm.delegate")}
        try:
            return {handle: await stream.next_act() for handle, stream in streams.items()}
        finally:
            for stream in streams.values():
                await stream.close()

    frames = run()
    for handle in (None, "kaz.delegate"):
        an_outsiders_view_of_the_closed_note(frames[handle], seq)
    insider = frames["arm.delegate"].data
    assert (insider["body"], insider["actor"], insider["member"]) == ({"text": SECRET}, "arm.head", "ARM")


# A stream's ids never skip (docs/reliability.md, "Crashes under load").


def test_a_console_back_after_more_acts_than_a_page_receives_them_all(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pages of two acts instead of five hundred: the log is read a page at a time.
    monkeypatch.setattr(core_api, "BACKLOG_PAGE", 2, raising=False)
    monkeypatch.setattr(core_api, "events_after", lambda seq, limit=2, **more: events_after(seq, 2, **more))
    first = log.size()
    for _ in range(3):
        promote_delegate()
        actions.change_role(actor=actor("arm.head"), person="arm.delegate", role="delegate")
    last = log.size() - 1

    @while_streaming
    async def run() -> list[Frame]:
        stream = await open_stream(**{"Last-Event-ID": str(first - 1)})
        try:
            missed = await stream.acts(last - first + 1)
            await sync_to_async(promote_delegate)()
            return [*missed, await stream.next_act()]
        finally:
            await stream.close()

    assert [frame.id for frame in run()] == list(range(first, last + 2))


def test_an_act_the_stream_missed_is_sent_before_the_next_one(monkeypatch: pytest.MonkeyPatch) -> None:
    dropped = log.size() + 1  # the second act's number: its live event is lost on the way to the stream
    offer = events.Subscription.offer

    def losing(subscription: events.Subscription, event: events.Event) -> None:
        if event.id != dropped:
            offer(subscription, event)

    monkeypatch.setattr(events.Subscription, "offer", losing)

    def three_acts() -> None:
        promote_delegate()
        actions.change_role(actor=actor("arm.head"), person="arm.delegate", role="delegate")
        promote_delegate()

    @while_streaming
    async def run() -> list[Frame]:
        stream = await open_stream()
        try:
            await sync_to_async(three_acts)()
            return await stream.acts(3)
        finally:
            await stream.close()

    frames = run()
    assert [frame.id for frame in frames] == [dropped - 1, dropped, dropped + 1]
    assert [frame.data["body"]["role"] for frame in frames] == ["liaison", "delegate", "liaison"]
