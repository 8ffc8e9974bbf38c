"""The in-process broker: what an act's commit hands to the subscriptions of each event loop.

No database: the broker is given events directly, as the on-commit hook or the listener gives them.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from accord.core import events
from accord.core.policy import Viewer

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
