"""The in-process broker: what an act's commit hands to the subscriptions of each event loop.

No database: the broker is given events directly, as the on-commit hook or the listener gives them.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from accord.core import events
from accord.core.policy import Viewer, may_see, readable

READ_TIMEOUT = 5  # seconds; a bound on a wait that should end at once, never a measurement
EVENT = events.Event(id=7, type="test.note", time="2026-11-29T00:00:00+00:00", classification="members",
                     audience=(), actor="arm.head", member="ARM", body={"text": "hello"})


class ServingLoop:
    """An event loop in a thread of its own, as uvicorn runs one; counts the wakeups from other threads."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.wakeups = 0
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        call_soon_threadsafe = self.loop.call_soon_threadsafe

        def counted(callback: Any, *args: Any, **kwargs: Any) -> Any:
            self.wakeups += 1
            return call_soon_threadsafe(callback, *args, **kwargs)

        # Counting the wakeups means replacing the loop's method; no typed way to wrap a bound method.
        self.loop.call_soon_threadsafe = counted  # type: ignore[method-assign, assignment]

    def run(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(READ_TIMEOUT)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(READ_TIMEOUT)
        self.loop.close()


@pytest.fixture
def broker(monkeypatch: pytest.MonkeyPatch) -> events.Broker:
    broker = events.Broker()
    monkeypatch.setattr(broker, "_ensure_listener", lambda: None)  # no PostgreSQL listener here
    return broker


@pytest.fixture
def loops() -> Iterator[list[ServingLoop]]:
    serving = [ServingLoop(), ServingLoop()]
    yield serving
    for loop in serving:
        loop.close()


def test_it_wakes_each_event_loop_once_with_the_event_for_all_its_subscribers(
    broker: events.Broker, loops: list[ServingLoop]
) -> None:
    async def subscribe() -> events.Subscription:
        return broker.subscribe()

    subscriptions = [loop.run(subscribe()) for loop in loops for _ in range(3)]
    assert broker.subscriber_count == 6
    for loop in loops:
        loop.wakeups = 0

    broker.deliver(EVENT)
    wakeups = [loop.wakeups for loop in loops]

    async def received(subscription: events.Subscription) -> events.Event:
        return await subscription.queue.get()

    for subscription in subscriptions:
        owner = next(loop for loop in loops if loop.loop is subscription.loop)
        assert owner.run(received(subscription)) is EVENT
        assert subscription.queue.empty()
    assert wakeups == [1, 1]


def test_an_unsubscribed_loop_is_not_woken(broker: events.Broker, loops: list[ServingLoop]) -> None:
    async def subscribe() -> events.Subscription:
        return broker.subscribe()

    subscription = loops[0].run(subscribe())
    broker.unsubscribe(subscription)
    loops[0].wakeups = 0
    broker.deliver(EVENT)
    assert broker.subscriber_count == 0
    assert loops[0].wakeups == 0


def test_the_json_of_an_act_is_shared_by_viewers_alike_and_sealed_for_the_others() -> None:
    member = Viewer(handle="arm.delegate", member="ARM", role="delegate", member_in_good_standing=True)
    public = Viewer()
    assert events.Event.from_json(EVENT.json_for(member)) == EVENT
    assert EVENT.json_for(member) is EVENT.json_for(Viewer(handle="kaz.head", member="KAZ", role="head",
                                                           member_in_good_standing=True))
    sealed = EVENT.json_for(public)
    assert "hello" not in sealed
    assert json.loads(sealed) == {"id": EVENT.id, "type": EVENT.type, "time": EVENT.time,
                                  "classification": EVENT.classification, "sealed": True}


def test_the_frame_of_an_act_is_encoded_once_for_viewers_alike_and_sealed_for_the_others() -> None:
    member = Viewer(handle="arm.delegate", member="ARM", role="delegate", member_in_good_standing=True)
    other_member = Viewer(handle="kaz.head", member="KAZ", role="head", member_in_good_standing=True)
    frame = EVENT.frame_for(readable(member))
    assert frame == f"id: {EVENT.id}\nevent: act\ndata: {EVENT.json_for(member)}\n\n".encode()
    assert EVENT.frame_for(readable(other_member)) is frame
    sealed = EVENT.frame_for(readable(Viewer()))
    assert b"hello" not in sealed
    assert sealed == f"id: {EVENT.id}\nevent: act\ndata: {EVENT.json_for(Viewer())}\n\n".encode()


def test_a_viewer_receives_the_whole_frame_exactly_when_the_policy_lets_it_see_the_act() -> None:
    viewers = [Viewer(),
               Viewer(handle="arm.delegate", member="ARM", role="delegate", member_in_good_standing=True),
               Viewer(handle="kaz.head", member="KAZ", role="head", member_in_good_standing=True),
               Viewer(handle="kaz.observer", member="KAZ", role="observer", member_in_good_standing=True),
               Viewer(handle="rus.head", member="RUS", role="head"),  # a member not in good standing
               Viewer(handle="officer", role="secretariat_officer")]
    for classification, audience in [("public", ()), ("members", ()), ("participants", ("ARM",)),
                                     ("participants", ("secretariat", "KAZ")), ("secretariat", ())]:
        event = dataclasses.replace(EVENT, id=8, classification=classification, audience=audience)
        for viewer in viewers:
            whole = b"hello" in event.frame_for(readable(viewer))
            assert whole == may_see(viewer, classification, audience), (viewer, classification, audience)


def test_one_timer_per_loop_ticks_the_idle_subscriptions_to_keep_them_alive(
    broker: events.Broker, loops: list[ServingLoop], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(events, "KEEPALIVE_SECONDS", 0.05)
    timers: list[float] = []

    async def subscribe() -> events.Subscription:
        loop = asyncio.get_running_loop()
        call_later = loop.call_later

        def counted(delay: float, callback: Any, *args: Any) -> Any:
            timers.append(delay)
            return call_later(delay, callback, *args)

        # Counting the timers means replacing the loop's method, as ServingLoop counts its wakeups.
        loop.call_later = counted  # type: ignore[method-assign, assignment]
        return broker.subscribe()

    idle, busy = loops[0].run(subscribe()), loops[0].run(subscribe())
    assert timers == [0.05]  # the second subscription shares the first one's timer
    busy.offer(EVENT)

    async def received(subscription: events.Subscription) -> events.Event:
        return await subscription.queue.get()

    assert loops[0].run(received(idle)) is events.TICK  # the stream sends a keep-alive
    assert loops[0].run(received(busy)) is EVENT  # the act came first; no tick was queued behind it
    broker.unsubscribe(idle)
    broker.unsubscribe(busy)
    count = len(timers)
    threading.Event().wait(0.2)
    assert len(timers) <= count + 1  # with no subscription left, the loop's timer stops
