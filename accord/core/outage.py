"""The database out of reach, or its disk full: 503 or 507 (JSON under /api/, a page otherwise), never a 500.

A request that meets a lost connection (PostgreSQL restarted, its backend terminated, the pool unable to
connect) or a full disk fails whole: its transaction is rolled back, so nothing it tried is written, and
the caller is told to retry (Retry-After). The next request takes a fresh connection: Django closes the
broken one at the end of this request, and the pool checks a connection before handing it out
(settings.py), so the server recovers by itself once the database is back. A server with more requests
at once than it can answer in time answers the excess 503 the same way (ShedExcessRequests).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import shutil
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from asgiref.sync import iscoroutinefunction, sync_to_async
from django import db
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from django.views import defaults

from accord.core.middleware import _Middleware, error_body, is_api

# Seconds a client is asked to wait before it tries again.
RETRY_AFTER = 5
UNAVAILABLE = 503
FULL = 507  # RFC 4918's Insufficient Storage
# PostgreSQL's SQLSTATE for a full disk (disk_full) and SQLite's primary result code for one (SQLITE_FULL).
POSTGRES_DISK_FULL = "53100"
SQLITE_FULL = 13
SQLITE_IOERR = 10
SQLITE_CANTOPEN = 14
# Less free space than this beside the SQLite database, at an I/O error, is a full disk.
NEARLY_FULL_BYTES = 1024 * 1024


def _causes(error: BaseException) -> list[BaseException]:
    found: list[BaseException] = []
    while error is not None and error not in found:
        found.append(error)
        error = error.__cause__ or error.__context__  # type: ignore[assignment]
    return found


def _sqlite_disk_full() -> bool:
    """Whether the SQLite database's filesystem has (almost) no room left."""
    folder = Path(str(db.connection.settings_dict["NAME"])).parent
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def status_of(error: BaseException) -> int | None:
    """507 for a full disk, 503 for a database out of reach, None for any other fault (a 500 stays a 500)."""
    if not isinstance(error, (db.OperationalError, db.InterfaceError)):
        return None
    for cause in _causes(error):
        if getattr(cause, "sqlstate", None) == POSTGRES_DISK_FULL:
            return FULL
        if isinstance(cause, sqlite3.Error):
            primary = (getattr(cause, "sqlite_errorcode", None) or 0) & 0xFF
            if primary == SQLITE_FULL:
                return FULL
            # A full disk shows in WAL mode mostly as an I/O error (SQLITE_IOERR_SHMSIZE: the shared memory
            # beside the WAL cannot be made, so even a read fails), which does not say why: the
            # filesystem's free space does.
            if primary in (SQLITE_IOERR, SQLITE_CANTOPEN) and _sqlite_disk_full():
                return FULL
    return UNAVAILABLE


def _language(request: HttpRequest) -> str:
    # Not from the session: reading it needs the database that is out of reach.
    return translation.get_language_from_request(request)


def response(request: HttpRequest, status: int, *, busy: bool = False) -> HttpResponse:
    """The answer to a request that met the outage (or, `busy`, a server with more requests than it can
    answer in time): in the reader's language, with Retry-After."""
    with translation.override(_language(request)):
        field, label = "database", gettext("database")
        if busy:
            field, label = "server", gettext("server")
            title = gettext("The server is busy")
            reason = gettext("the server has more requests than it can answer in time; nothing was done. "
                             "Try again in a few seconds.")
        elif status == FULL:
            title = gettext("The server's storage is full")
            reason = gettext("the server's disk is full, so nothing can be recorded now; nothing was written. "
                             "The secretariat has to free space; try again later.")
        else:
            title = gettext("The database is out of reach for a moment")
            reason = gettext("the server cannot reach its database just now; nothing was written. "
                             "Try again in a few seconds.")
        answer: HttpResponse
        if is_api(request):
            answer = JsonResponse(error_body(f"{title}: {reason}",
                                             [{"field": field, "label": label, "reason": reason}]), status=status)
        else:
            # A page of its own, with no context processor: they read the database.
            page = render_to_string("outage.html", {"title": title, "reason": reason,
                                                    "language": translation.get_language(),
                                                    "again": gettext("Try again")})
            answer = HttpResponse(page, status=status, content_type="text/html; charset=utf-8")
    answer["Retry-After"] = str(RETRY_AFTER)
    answer["Cache-Control"] = "no-store"
    return answer


def _forget_broken_connection() -> None:
    # So that the next request on this thread opens a fresh connection instead of reusing the dead one.
    for connection in db.connections.all(initialized_only=True):
        if connection.errors_occurred and not connection.is_usable():
            connection.close()


def answer_for(request: HttpRequest, error: BaseException) -> HttpResponse | None:
    status = status_of(error)
    if status is None:
        return None
    # Closing a dead connection may fail too; the pool discards it either way.
    with contextlib.suppress(db.Error):
        _forget_broken_connection()
    return response(request, status)


class AnswerDatabaseOutage(_Middleware):
    """A view's lost connection or full disk answered 503 or 507 (a middleware's is answered by
    `server_error`, Django's handler500, which sees the same exception)."""

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return answer_for(request, exception)


def _lets_go_of_the_database(handler: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An error page's handler that closes the connections it took (`_let_go_of_the_database`) once drawn.

    Under the server (ASGI), a 404, 403 or 400 raised anywhere (no such URL, a view's Http404) or a fault is
    drawn by Django's async handler on a thread of its own (`convert_exception_to_response` runs
    `response_for_exception` with thread_sensitive=False), not on the request's: the page reads the person
    signed in and the organization, and nothing closes that thread's connection at the end of the request.
    Each such thread kept one open (on PostgreSQL, out of the pool) for as long as it lived."""

    @functools.wraps(handler)
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return handler(request, *args, **kwargs)
        finally:
            _let_go_of_the_database()

    return answer


@_lets_go_of_the_database
def server_error(request: HttpRequest) -> HttpResponse:
    """Django's handler500: an outage that escaped a view (in a middleware reading the session, say) gets
    its 503 or 507; any other fault the plain 500 page, which reads no database."""
    error = sys.exc_info()[1]
    if error is not None:
        answer = answer_for(request, error)
        if answer is not None:
            return answer
    if is_api(request):
        return JsonResponse(error_body("internal server error", []), status=500)
    return HttpResponse(render_to_string("500.html"), status=500)


# Django's own pages for 400, 403 and 404 (handler400, handler403, handler404 in accord/urls.py).
bad_request = _lets_go_of_the_database(defaults.bad_request)
permission_denied = _lets_go_of_the_database(defaults.permission_denied)
page_not_found = _lets_go_of_the_database(defaults.page_not_found)


# The live stream (accord/core/api.py, `events`) is not counted: a console holds it open for hours and
# opens it again at once when it ends, so after a restart every console reconnects in the same second;
# its set-up is short (the session and the person read once, its backlog on a small shared pool of
# threads), and while it streams it holds neither a thread nor a connection. Counted, a hundred consoles
# reconnecting had the requests of people answered 503 (reliability/check_crash.py, 5 December 2026).
LIVE_STREAM = "/api/v1/events"


def _let_go_of_the_database() -> None:
    """Close this thread's connections (on PostgreSQL: give them back to the pool), as Django does at the end
    of a request; inside a transaction (a test's) they stay, as they do then.

    Django gives a request's connections back only when its answer is closed, and a live stream's answer is
    closed when the console goes away, hours later. The middleware run before the stream's view (the session,
    the person signed in, read on the request's own thread) had taken a connection on that thread, which
    every open console then held: twenty consoles took all of a server's pool, and every other request
    waited 30 s for a connection and failed (reliability/check_crash.py on PostgreSQL, 5 December 2026).
    """
    for connection in db.connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


class ShedExcessRequests(_Middleware):
    """At most settings.MAX_REQUESTS_RUNNING requests of this process run at once; the others wait their
    turn, in order of arrival. Past settings.MAX_REQUESTS_IN_FLIGHT requests in hand (running and waiting),
    or after settings.REQUEST_WAIT_SECONDS without a turn, a request is answered 503 with Retry-After
    rather than left to wait until its client gives up: under more load than one process keeps up with,
    every request's wait grew without bound (reliability/check_load.py, docs/reliability.md). First of the
    middleware, so that a request is counted before it waits for a thread.

    Why turns: every request in hand used to run at once, each on a thread of its own, and they shared one
    interpreter (one thread runs Python at a time). With 48 at once an act held SQLite's write lock for
    its whole turn of the interpreter and everyone else's: 73 ms at the median for 11 ms of its own work,
    while the next acts queued behind the lock, and pages and connections were as slow (the load check,
    200 users, 6 December 2026). A few at a time, each finishes in about its own time, and the lock with it.

    The live stream is not counted (LIVE_STREAM), and lets go of the connections its set-up took before it
    streams (_let_go_of_the_database).
    """

    def __init__(self, get_response: Any) -> None:
        super().__init__(get_response)
        self._lock = threading.Lock()
        self.in_flight = 0
        self.running = 0
        self._turn_ended = threading.Condition(self._lock)

    def _enter(self) -> bool:
        with self._lock:
            if self.in_flight >= settings.MAX_REQUESTS_IN_FLIGHT:
                return False
            self.in_flight += 1
            return True

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def _wait_for_a_turn(self) -> bool:
        with self._turn_ended:
            given = self._turn_ended.wait_for(lambda: self.running < settings.MAX_REQUESTS_RUNNING,
                                              timeout=settings.REQUEST_WAIT_SECONDS)
            if given:
                self.running += 1
            return given

    def _end_turn(self) -> None:
        with self._turn_ended:
            self.running -= 1
            self._turn_ended.notify()

    def _give_back_a_late_turn(self, waited: asyncio.Future[bool]) -> None:
        if not waited.cancelled() and waited.exception() is None and waited.result():
            self._end_turn()

    def __call__(self, request: HttpRequest) -> Any:
        if iscoroutinefunction(self):
            return self._acall(request)
        if request.path == LIVE_STREAM:
            streamed = self.get_response(request)
            _let_go_of_the_database()
            return streamed
        if not self._enter():
            return response(request, UNAVAILABLE, busy=True)
        try:
            if not self._wait_for_a_turn():
                return response(request, UNAVAILABLE, busy=True)
            try:
                return self.get_response(request)
            finally:
                self._end_turn()
        finally:
            self._leave()

    async def _acall(self, request: HttpRequest) -> HttpResponseBase:
        if request.path == LIVE_STREAM:
            streamed: HttpResponseBase = await self.get_response(request)
            # On the thread that ran the request's synchronous parts (thread-sensitive, as Django runs them).
            await sync_to_async(_let_go_of_the_database)()
            return streamed
        if not self._enter():
            return response(request, UNAVAILABLE, busy=True)
        try:
            # The wait on a thread of its own, not the event loop's; a turn given after the request was
            # cancelled is given back.
            waiting = asyncio.ensure_future(asyncio.to_thread(self._wait_for_a_turn))
            try:
                turn = await asyncio.shield(waiting)
            except asyncio.CancelledError:
                waiting.add_done_callback(self._give_back_a_late_turn)
                raise
            if not turn:
                return response(request, UNAVAILABLE, busy=True)
            try:
                answer: HttpResponseBase = await self.get_response(request)
                return answer
            finally:
                self._end_turn()
        finally:
            self._leave()
