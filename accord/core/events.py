"""Live events: published when an act commits, streamed to every viewer allowed to see them.

With SQLite an act's event goes straight to its own process's broker on commit; when several processes serve
one database file (settings.FOLLOW_LOG), each reads every act, its own and the others', from the log instead.
With PostgreSQL every process LISTENs on one channel and acts NOTIFY it inside their transaction,
which PostgreSQL delivers only on commit, so that several server processes share one stream.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import weakref
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from accord.core.policy import Readable, Viewer, may_see

log = logging.getLogger(__name__)
CHANNEL = "accord_events"
# PostgreSQL's NOTIFY payload limit is 8000 bytes; a larger event travels as a reference.
NOTIFY_LIMIT = 7900
# How often a process following the log (SQLite, several processes) looks for new acts: the most an act's event
# waits after its commit. One small read of the log each time.
FOLLOW_SECONDS = 0.1
FOLLOW_BATCH = 500
# How often an open stream hears from the server when no act comes, so that proxies and browsers keep it open.
KEEPALIVE_SECONDS = 15


def _compact_json(data: dict[str, Any]) -> str:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class Event:
    id: int
    type: str
    time: str
    classification: str
    audience: tuple[str, ...]
    actor: str | None
    member: str | None
    body: dict[str, Any] = field(default_factory=dict)

    def for_viewer(self, viewer: Viewer) -> dict[str, Any]:
        """The event as this viewer may receive it: an act it may not see arrives as the public log shows
        it, with its number, type, time and classification only (no actor, member, audience or body)."""
        return self._as_seen(visible=may_see(viewer, self.classification, self.audience))

    def json_for(self, viewer: Viewer) -> str:
        """`for_viewer` as JSON, encoded once for those who may see the act and once for those who may not.

        An act goes to every open console; copying and encoding it again for each was a third of the
        work of a thousand streams, for two different texts.
        """
        if may_see(viewer, self.classification, self.audience):
            return self._visible_json
        return self._sealed_json

    def frame_for(self, allowed: Readable) -> bytes:
        """The server-sent-event frame of the act for a stream whose viewer may read `allowed`
        (`policy.readable`): one of two texts, each encoded once, as `json_for` picks them.

        Two thousand streams built the same frame (a formatted string, then its bytes) each, for two texts;
        and each read the viewer's policy again, which a stream's viewer does not change while it is open.
        """
        if allowed.admits(self.classification, self.audience):
            return self._visible_frame
        return self._sealed_frame

    @cached_property
    def _visible_json(self) -> str:
        return _compact_json(self._as_seen(visible=True))

    @cached_property
    def _sealed_json(self) -> str:
        return _compact_json(self._as_seen(visible=False))

    @cached_property
    def _visible_frame(self) -> bytes:
        return _frame(self.id, self._visible_json)

    @cached_property
    def _sealed_frame(self) -> bytes:
        return _frame(self.id, self._sealed_json)

    def _as_seen(self, *, visible: bool) -> dict[str, Any]:
        if not visible:
            return {"id": self.id, "type": self.type, "time": self.time, "classification": self.classification,
                    "sealed": True}
        data = asdict(self)
        data["audience"] = list(self.audience)
        return data

    def to_json(self) -> str:
        return _compact_json(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Event:
        data = json.loads(text)
        data["audience"] = tuple(data["audience"])
        return cls(**data)


def _frame(seq: int, data: str) -> bytes:
    return f"id: {seq}\nevent: act\ndata: {data}\n\n".encode()


# Not an act: what the broker's keep-alive timer puts into an idle stream's queue (Broker._keep_alive).
TICK = Event(id=-1, type="keep-alive", time="", classification="public", audience=(), actor=None, member=None)


class Subscription:
    """One stream's events, in the order they came, and TICK when it has been idle for a while."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.queue: asyncio.Queue[Event] = asyncio.Queue(maxsize=10_000)

    def offer(self, event: Event) -> None:
        try:
            self.queue.put_nowait(event)
        except asyncio.QueueFull:  # a stalled client: drop, it catches up from Last-Event-ID
            log.warning("live event %s dropped for a stalled subscriber", event.id)

    def tick(self) -> None:
        if self.queue.empty():  # a stream with events waiting has something to send already
            self.queue.put_nowait(TICK)


def _offer_to_all(subscriptions: list[Subscription], event: Event) -> None:
    for subscription in subscriptions:
        subscription.offer(event)


class Broker:
    """The subscribers of this process, grouped by the event loop that serves them.

    `deliver` may be called from any thread.
    """

    def __init__(self) -> None:
        self._subscribers: dict[asyncio.AbstractEventLoop, set[Subscription]] = {}
        # The loops whose keep-alive tick is scheduled (see _keep_alive).
        self._ticking: weakref.WeakSet[asyncio.AbstractEventLoop] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._listener: threading.Thread | None = None
        self._stopping = threading.Event()
        self._listening = threading.Event()
        # Following the log: the last entry read from it, told to whoever waits for the follower to get there.
        self.followed_to: int | None = None
        self.followed_to_changed = threading.Condition()

    def subscribe(self) -> Subscription:
        subscription = Subscription(asyncio.get_running_loop())
        with self._lock:
            self._subscribers.setdefault(subscription.loop, set()).add(subscription)
            start_ticking = subscription.loop not in self._ticking
            self._ticking.add(subscription.loop)
        if start_ticking:  # on the loop's own thread: subscribe is called there
            subscription.loop.call_later(KEEPALIVE_SECONDS, self._keep_alive, subscription.loop)
        if _hears_other_processes():
            self._ensure_listener()
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        with self._lock:
            subscriptions = self._subscribers.get(subscription.loop, set())
            subscriptions.discard(subscription)
            if not subscriptions:
                self._subscribers.pop(subscription.loop, None)

    @property
    def subscriber_count(self) -> int:
        with self._lock:
            return sum(len(subscriptions) for subscriptions in self._subscribers.values())

    def deliver(self, event: Event) -> None:
        """Wake each event loop once with the whole list of its subscribers.

        One wakeup per subscriber (call_soon_threadsafe writes to the loop's self-pipe every time) made the
        committing thread and the loop take the GIL from each other a thousand times for a thousand open
        consoles, and the last console heard of the act only when that tug of war ended.
        """
        with self._lock:
            batches = [(loop, list(subscriptions)) for loop, subscriptions in self._subscribers.items()]
        for loop, subscriptions in batches:
            loop.call_soon_threadsafe(_offer_to_all, subscriptions, event)

    def _keep_alive(self, loop: asyncio.AbstractEventLoop) -> None:
        """Every KEEPALIVE_SECONDS, one tick to each idle subscription of the loop, from one timer per loop.

        Each stream waited for its next act with a timeout of its own: a timer made, put into the loop's
        heap and cancelled again for every act and every stream, a seventh of the serving loop's work when an
        act went to a thousand streams. The tick runs on the loop's thread, as the timer did.
        """
        with self._lock:
            subscriptions = list(self._subscribers.get(loop, ()))
            if not subscriptions:
                self._ticking.discard(loop)
                return
        for subscription in subscriptions:
            subscription.tick()
        loop.call_later(KEEPALIVE_SECONDS, self._keep_alive, loop)

    def _ensure_listener(self) -> None:
        with self._lock:
            if self._listener is None or not self._listener.is_alive():
                target = self._listen if connection.vendor == "postgresql" else self._follow
                self._listener = threading.Thread(target=target, name="accord-listen", daemon=True)
                self._listener.start()

    def _listen(self) -> None:
        import time

        import psycopg

        params = connection.get_connection_params()
        while not self._stopping.is_set():
            try:
                with psycopg.connect(autocommit=True, **params) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._listening.set()
                    while not self._stopping.is_set():
                        for notification in conn.notifies(timeout=1.0):
                            self.deliver(_event_from_payload(notification.payload))
            except Exception:  # the database restarted: listen again after a pause
                self._listening.clear()
                log.exception("live-event listener lost its connection; reconnecting")
                time.sleep(1)

    def _follow(self) -> None:
        """SQLite served by several processes: every FOLLOW_SECONDS, the acts committed since the last look, in
        the log's order, this process's own among them (`publish` leaves them to this, so that they come in
        order and once: handed over on commit as well, an own act could come before another process's earlier
        one, or twice when read between its commit and its on-commit hook).

        Entries are numbered in commit order (an act takes SQLite's write lock at BEGIN: IMMEDIATE), so once
        an entry is read every entry before it is there too, and reading past the last one read misses none.
        """
        # Here, not at the top: history builds on this module (its Event), so the arrow back waits for the call.
        from accord.core.history import events_of
        from accord.ledger import log as ledger
        from accord.ledger.models import Entry

        seen: int | None = None
        while not self._stopping.is_set():
            try:
                if seen is None:
                    seen = ledger.size() - 1
                    self._followed(seen)
                    self._listening.set()
                rows = list(Entry.objects.filter(seq__gt=seen).order_by("seq")[:FOLLOW_BATCH])
                for event in events_of(rows):
                    self.deliver(event)
                    seen = event.id
                self._followed(seen)
                if len(rows) == FOLLOW_BATCH:
                    continue
            except Exception:  # the database file out of reach for a moment: look again after a pause
                log.exception("live-event follower could not read the log; trying again")
                connection.close()
                self._stopping.wait(1)
            self._stopping.wait(FOLLOW_SECONDS)
        connection.close()

    def _followed(self, seq: int) -> None:
        with self.followed_to_changed:
            self.followed_to = seq
            self.followed_to_changed.notify_all()

    def listen(self, timeout: float = 5.0) -> bool:
        """Where acts of other processes reach this one (PostgreSQL; SQLite following the log), start hearing
        them now and wait until they arrive; True once they do.

        A subscriber starts the listener itself; this is for whoever must not miss an act
        committed right after (a test, a process warming up).
        """
        if not _hears_other_processes():
            return True
        self._ensure_listener()
        return self._listening.wait(timeout)

    def stop(self) -> None:
        """Stop listening (and let go of the database connection); a new subscriber starts it again."""
        self._stopping.set()
        if self._listener is not None:
            self._listener.join(timeout=5)
        self._listener = None
        self._listening.clear()
        self._stopping.clear()
        self.followed_to = None


def _hears_other_processes() -> bool:
    return connection.vendor == "postgresql" or settings.FOLLOW_LOG


def _event_from_payload(payload: str) -> Event:
    data = json.loads(payload)
    if "ref" in data:
        # Here, not at the top: history builds on this module (its Event), so the arrow back waits for the call.
        from accord.core.history import event_for_entry

        return event_for_entry(int(data["ref"]))
    return Event.from_json(payload)


broker = Broker()


def publish(event: Event) -> None:
    """Called inside the act's transaction; the event leaves only if the transaction commits."""
    if connection.vendor == "postgresql":
        payload = event.to_json()
        if len(payload.encode()) > NOTIFY_LIMIT:
            payload = json.dumps({"ref": event.id})
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, payload])
    elif not settings.FOLLOW_LOG:  # else the follower reads it from the log once it is committed
        transaction.on_commit(lambda: broker.deliver(event))
