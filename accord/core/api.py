"""API of the cross-cutting parts: the live event stream and the door for signed acts."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

from asgiref.sync import sync_to_async
from django.db import connection
from django.http import HttpRequest, StreamingHttpResponse
from ninja import Field, Router, Status
from ninja.security import django_auth

from accord.core import actions, drill, provenance
from accord.core import signed as signed_acts
from accord.core.acting import Actor, Signed, last_signed
from accord.core.errors import SignatureRefused
from accord.core.events import KEEPALIVE_SECONDS, TICK, Event, broker
from accord.core.history import events_after
from accord.core.inputs import Id
from accord.core.pages import actor_of
from accord.core.policy import Readable, Viewer, readable, viewer_of
from accord.core.provenance import FieldProvenanceOut
from accord.core.schema import Schema
from accord.ledger import log as ledger

log = logging.getLogger(__name__)
router = Router(tags=["live events and signed acts"])
KEEP_ALIVE = b": keep-alive\n\n"
BACKLOG_PAGE = 500  # acts read from the log at a time for a stream that catches up


def _frame(event: Event, viewer: Viewer) -> str:
    """An act's frame as the viewer's stream sends it (the stream takes the bytes from Event.frame_for)."""
    return event.frame_for(readable(viewer)).decode()


def _let_go_of_the_database() -> None:
    """An open stream must not hold a database connection while it waits (a server has a few dozen and a
    stream may stay open for hours): close this thread's connection once the stream has read what it needs.
    On PostgreSQL closing gives it back to the pool (settings.py), where the next request takes it.
    Inside a transaction (a test's) the connection stays, as Django's own end-of-request close does.
    """
    if not connection.in_atomic_block:
        connection.close()


def _viewer_of(user: Any) -> Viewer:
    try:
        return viewer_of(user)
    finally:
        _let_go_of_the_database()


def _backlog(since: int, before: int | None, scope: int | None) -> list[Event]:
    try:
        with drill.scope(scope):
            return events_after(since, limit=BACKLOG_PAGE, before=before)
    finally:
        _let_go_of_the_database()


def _in_scope(event: Event, scope: int | None) -> bool:
    """Whether a stream opened in this scope (accord.core.drill) carries the event: a drill's acts go to its
    own pages only, the real acts to the real pages only."""
    mark = event.body.get("drill")
    return (mark if isinstance(mark, int) else None) == scope


async def _missed(after: int, scope: int | None, before: int | None = None) -> AsyncIterator[Event]:
    """The acts in the scope after `after` (and before `before`) from the log, page after page until none is
    left.

    One page only was read once: a console back after more acts than a page (a server restarted under load)
    went on from the first live act, and the acts between were never sent: a gap it could not see.
    """
    while True:
        page = await sync_to_async(_backlog, thread_sensitive=False)(after, before, scope)
        for event in page:
            yield event
            after = event.id
        if len(page) < BACKLOG_PAGE:
            return


def _head_once_heard() -> int:
    """The last entry of the log, read once this process hears the acts of every process (`broker.listen`):
    where a stream opened without `since` begins.

    It began at whatever the broker passed on next. On PostgreSQL the first stream of a process starts the
    listener, which LISTENs a moment later: an act committed in that moment never reached the stream, and a
    notice of an act older than the stream could still come through it. From a known entry, the stream skips
    what is older and reads from the log any act it did not hear of, as a stream opened with `since` does.
    """
    try:
        if not broker.listen():
            log.warning("a live stream opened before this process heard the other processes' acts")
        return ledger.size() - 1
    finally:
        _let_go_of_the_database()


def _drill_clock(scope: int) -> float | None:
    """Fire the drill's injects whose time has come (accord.drills.ticking); the seconds until its next one."""
    try:
        with drill.scope(scope):
            return drill.until_next_inject(scope)
    except Exception:  # a stream outlives a failed tick: the next wake, a page or `accord drills tick` retries
        log.exception("the clock of drill %s failed", scope)
        return None
    finally:
        _let_go_of_the_database()


async def _wake_at(scope: int | None) -> float | None:
    """In a drill's scope, the loop time at which its next inject is due (its due ones fired now); else None."""
    if scope is None:
        return None
    seconds = await sync_to_async(_drill_clock, thread_sensitive=False)(scope)
    return None if seconds is None else asyncio.get_running_loop().time() + seconds


async def _stream(viewer: Viewer, since: int | None, scope: int | None = None) -> AsyncIterator[bytes]:
    # What the viewer may read, once: the stream's viewer stays the same while it is open, and each act's frame
    # is then one of two encoded once for every stream (Event.frame_for).
    allowed: Readable = readable(viewer)
    # Subscribe before reading the backlog, so that no act falls between the two.
    subscription = broker.subscribe()
    try:
        # Without `since`: the log's head once this process hears every act committed from then on.
        last = since if since is not None else await sync_to_async(_head_once_heard, thread_sensitive=False)()
        yield b"retry: 2000\n\n"
        if since is not None:
            async for event in _missed(since, scope):
                yield event.frame_for(allowed)
                last = event.id
        # A drill's stream is also its clock: it wakes when the next inject is due and fires it, so that every
        # participant's page hears of it at its time without anyone clicking or loading a page.
        wake = await _wake_at(scope)
        while True:
            if scope is None:
                # No timer of its own: the broker's keep-alive tick comes through the queue (TICK).
                event = await subscription.queue.get()
            else:
                wait = float(KEEPALIVE_SECONDS)
                if wake is not None:
                    wait = min(wait, max(wake - asyncio.get_running_loop().time(), 0.0))
                try:
                    # asyncio.timeout, not wait_for, which wraps every wait in a task of its own.
                    async with asyncio.timeout(wait):
                        event = await subscription.queue.get()
                except TimeoutError:
                    wake = await _wake_at(scope)
                    yield KEEP_ALIVE
                    continue
            if event is TICK:
                yield KEEP_ALIVE
                continue
            if event.id > last + 1:
                # An act this stream did not hear of comes before this one: dropped for a stalled reader
                # (Subscription.offer), or handed over after it by another committing thread. The log has
                # it (entries are numbered in commit order): send it first, so that ids never skip. In a
                # scope (accord.core.drill), the acts of another scope between the two are read and skipped.
                async for missed in _missed(last, scope, before=event.id):
                    yield missed.frame_for(allowed)
                    last = missed.id
            if event.id > last:
                last = event.id
                if _in_scope(event, scope):
                    yield event.frame_for(allowed)
    finally:
        broker.unsubscribe(subscription)


@router.get(
    "/events",
    summary="Live acts as server-sent events",
    description=(
        "A text/event-stream of every act as it commits, one `act` event each, whose `id` is the "
        "entry's sequence number. An act the viewer may not see arrives as the public log shows it: "
        "`{id, type, time, classification, sealed: true}`, without actor, member, audience or body. Send "
        "Last-Event-ID (or `since`) to receive the acts missed since that entry first; without either the "
        "stream begins at the log's head when it opens."
    ),
    response={200: None},
)
async def events(request: HttpRequest, since: Id | None = None) -> StreamingHttpResponse:
    # On the request's own thread (thread-sensitive), whose connection the middleware took to read the session
    # and the person: it then lets go of it. Read on another thread, the viewer needed a second connection
    # while the first was held, and twenty consoles opening at once (every console, after a restart) held the
    # whole pool of a PostgreSQL server waiting for it: the server stalled (docs/reliability.md).
    viewer = await sync_to_async(_viewer_of)(request.user)
    header = request.headers.get("Last-Event-ID")
    if header and header.isdigit():
        since = int(header)
    # The scope is the request's (a drill's pages stream from under /drills/<n>/run/); the stream outlives it.
    response = StreamingHttpResponse(_stream(viewer, since, drill.current()), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


class SignatureIn(Schema):
    key: str
    sig: str


class SignedActIn(Schema):
    # The whole statement, body included, whatever its classification: the ledger seals a non-public one.
    statement: dict[str, Any]
    signature: SignatureIn


class DraftIn(Schema):
    # What the signer means: type and body (and classification where the act takes it from the statement).
    statement: dict[str, Any]


class DraftOut(Schema):
    statement: dict[str, Any]


class RecordedOut(Schema):
    seq: int = Field(..., description="The signed statement's own entry (not a step the act records after it, "
                                      "such as the alert a value raises)")
    type: str


@router.post(
    "/acts",
    summary="Submit an act signed on the actor's own machine",
    description=(
        "The statement (as `accord sign` or the browser builds it) and its Ed25519 signature by a "
        "registered, unrevoked key of the active person named as the statement's actor. No session is "
        "needed: the signature is the credential, and it is checked first, over the statement exactly as "
        "sent, before anything the statement names is looked up: any other key is refused as "
        "`signature.key` and a signature that does not verify as `signature.sig`, with one answer each "
        "whatever the reason. Then a replayed nonce, or a statement that differs from what the act records "
        "(the field is named, not the value), is refused and nothing is written. Every statement is signed "
        "whole, with its body, whatever its classification: for a members-only or participants-only act "
        "the public log then shows only its type, time, classification and a commitment to the rest, which "
        "is kept sealed."
    ),
    response={201: RecordedOut},
)
def submit_signed_act(request: HttpRequest, payload: SignedActIn) -> Status[RecordedOut]:
    stmt = payload.statement
    # The signature first: until it stands, no lookup runs and no answer depends on what the statement names.
    person = signed_acts.signer_of(stmt, payload.signature.key, payload.signature.sig)
    nonce = stmt.get("nonce")
    if not isinstance(nonce, str) or not 16 <= len(nonce) <= 64:
        raise SignatureRefused("statement.nonce", "must be a random string of 16 to 64 characters")
    signed = Signed(key=payload.signature.key, sig=payload.signature.sig, nonce=nonce, statement=stmt)
    signed_acts.submit(Actor(person=person), stmt, signed)
    # The signed statement's own entry: an act may record steps after it (a value's alert), unsigned.
    recorded = last_signed()
    if recorded is None:
        raise RuntimeError(f"the action of {stmt.get('type')!r} recorded no act")
    return Status(201, RecordedOut(seq=recorded.seq, type=recorded.statement["type"]))


@router.post(
    "/acts/draft",
    response=DraftOut,
    auth=django_auth,
    summary="The whole statement to sign for an act",
    description=(
        "For a script or `accord sign --act`: send `{statement: {type, body}}` (with `classification` where "
        "the act takes it from the statement, and a `nonce` if you want to keep yours) and receive the "
        "whole statement the act records when the signed-in person signs it: the log, the actor, the "
        "member state and the audience added, exactly as the act's action builds them. The action runs "
        "every check it makes (a refusal names the field, as POST /acts would), and nothing is recorded. "
        "Sign the statement as it comes back and POST it to /acts."
    ),
)
def draft_act(request: HttpRequest, payload: DraftIn) -> DraftOut:
    return DraftOut(statement=signed_acts.draft(actor_of(request), payload.statement))


class AnnotationIn(Schema):
    entry: Id
    provenance: dict[str, Any] = Field(..., description=(
        '{"fields": {field: {"certainty": "confirmed|reported|uncertain|illustrative", "note": {lang: text}}}, '
        '"sources": [{"title", "publisher", "date", "link", "fields": [field], "value"}]}'))


class EntryProvenanceOut(Schema):
    entry: int
    fields: dict[str, FieldProvenanceOut]


@router.post(
    "/provenance",
    response={201: RecordedOut},
    auth=django_auth,
    summary="Annotate a recorded act with its sources and certainties (secretariat)",
    description=(
        "Records `core.annotated`, as restricted as the annotated act: its provenance then stands for the "
        "fields it names (a later annotation of a field for it), the earlier sources kept beside. A source "
        "giving another `value` than the one the act records is kept as a conflicting source."
    ),
)
def annotate_act(request: HttpRequest, payload: AnnotationIn) -> Status[RecordedOut]:
    recorded = actions.annotate(actor=actor_of(request), entry=payload.entry, sources=payload.provenance)
    return Status(201, RecordedOut(seq=recorded.seq, type=recorded.statement["type"]))


@router.get(
    "/provenance/{seq}",
    response=EntryProvenanceOut,
    summary="The sources and certainties of a recorded act, field by field",
    description="404 for an entry the viewer may not see, as for one that does not exist.",
)
def act_provenance(request: HttpRequest, seq: Id) -> EntryProvenanceOut:
    found = provenance.entry(viewer_of(request.user), seq)
    return EntryProvenanceOut(entry=found.seq, fields={name: FieldProvenanceOut(**value)
                                                       for name, value in provenance.for_api(found.seq).items()})
