"""The ASGI handler: a request crosses from the event loop to its thread once, not once per middleware.

Django's own ASGI handler runs the middleware chain in async mode. Each middleware written for both modes
then calls its synchronous parts through `sync_to_async`, and Django's own middleware (sessions, locale,
CSRF, authentication, messages, ...) crosses twice, once for its request half and once for its response
half, before the view crosses once more. Measured on the full session API answered from the answers kept
on the log's head, those crossings were half of the server's CPU time for a request: 13.9 ms with them, 7.1
without (docs/performance.md, "One crossing per request").

This handler builds the same chain (settings.MIDDLEWARE) twice: synchronous, run whole on the request's
own thread in one crossing, for every request that needs nothing of the loop; and asynchronous, as Django
builds it, for the requests that do: the live stream, which waits in the loop for new entries without
holding a thread, and the static files, which ServeStatic streams from the loop.

The one crossing holds the whole of a request's synchronous work: Django's request_started signal, the chain
and the view, and, for an answer that is not streamed, its close (request_finished, which gives the database
connection back) before its bytes are sent from the loop. Django's handler crossed three times for these.

Each request still has a thread of its own (asgiref's ThreadSensitiveContext around each request), so a
request that waits for its turn (ShedExcessRequests) waits there, never in the loop. The thread is one kept
from an earlier request (KeptThreads) rather than one started for this request and joined after it, with a
second thread started to join it: asgiref's default, which took a third of a served answer's time outside
Django (docs/performance.md, "A request's thread kept, and its work in one crossing").
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from asgiref.sync import ThreadSensitiveContext, async_to_sync, iscoroutinefunction, sync_to_async
from django.conf import settings
from django.core import signals
from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler, get_script_prefix
from django.core.handlers.base import BaseHandler
from django.http import FileResponse, HttpRequest, HttpResponseBase
from django.urls import set_script_prefix
from servestatic.middleware import ServeStaticMiddleware

from accord.core.backends.sqlite3.base import reusing
from accord.core.middleware import _Middleware
from accord.core.outage import LIVE_STREAM


def is_static(path: str) -> bool:
    return path.startswith(settings.STATIC_URL)


def needs_the_loop(path: str) -> bool:
    """Whether a request is served by the asynchronous chain: the live stream and the static files."""
    return path == LIVE_STREAM or is_static(path)


class StaticFiles(_Middleware):
    """ServeStatic's middleware, which is asynchronous only, in a middleware of both modes: in the loop it is
    ServeStatic, streaming the file; in the synchronous chain it lets every other path through without
    leaving the thread. Were ServeStatic itself in the synchronous chain, Django would make the whole chain
    above it asynchronous, and every request would cross to the loop and back again for it."""

    def __init__(self, get_response: Any) -> None:
        super().__init__(get_response)
        asynchronous = get_response if iscoroutinefunction(get_response) else sync_to_async(get_response)
        self._files = ServeStaticMiddleware(asynchronous)

    def __call__(self, request: HttpRequest) -> Any:
        if iscoroutinefunction(self):
            return self._files(request)
        if is_static(request.path):
            # Not under the ASGI server (needs_the_loop sends these to the loop): Django's test client, say.
            return async_to_sync(self._files)(request)
        return self.get_response(request)


class _RequestThread(ThreadPoolExecutor):
    """One thread, for one request at a time; it knows whether the work given to it is done."""

    def __init__(self) -> None:
        super().__init__(max_workers=1, thread_name_prefix="accord-request")
        self._last: Future[Any] | None = None

    def submit(self, fn: Any, /, *arguments: Any, **keywords: Any) -> Future[Any]:
        self._last = super().submit(fn, *arguments, **keywords)
        return self._last

    def idle(self) -> bool:
        # One worker runs the calls in order: when the last one given is done, all are.
        return self._last is None or self._last.done()


class KeptThreads:
    """The threads of requests that have ended, each given to a later request (asgiref's
    ThreadSensitiveContext with an executor of the caller's own, which it does not shut down). A thread still
    running work of a request that has ended (a client gone while its view ran) is not kept, but left to end
    on its own; at most settings.MAX_REQUESTS_IN_FLIGHT idle ones are kept, as many as may be in hand at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[_RequestThread] = []

    def take(self) -> _RequestThread:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return _RequestThread()

    def give(self, thread: _RequestThread) -> None:
        if thread.idle():
            with self._lock:
                if len(self._idle) < settings.MAX_REQUESTS_IN_FLIGHT:
                    self._idle.append(thread)
                    return
        thread.shutdown(wait=False)

    def count(self) -> int:
        with self._lock:
            return len(self._idle)


class OneCrossingHandler(ASGIHandler):
    def __init__(self) -> None:
        super().__init__()  # the asynchronous chain, for the requests that need the loop
        self._synchronous = BaseHandler()
        self._synchronous.load_middleware(is_async=False)
        self.threads = KeptThreads()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        thread = self.threads.take()
        try:
            async with ThreadSensitiveContext(executor=thread):
                await self.handle(scope, receive, send)
        finally:
            self.threads.give(thread)

    async def handle(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if needs_the_loop(scope["path"]):
            await super().handle(scope, receive, send)
            return
        try:
            body_file = await self.read_body(receive)
        except RequestAborted:
            return
        try:
            set_script_prefix(get_script_prefix(scope))
            response = await sync_to_async(self._answer, thread_sensitive=True)(scope, body_file)
            try:
                await self.send_response(response, send)  # to a client gone, uvicorn sends nothing
            finally:
                if response.streaming:
                    await sync_to_async(response.close, thread_sensitive=True)()
        finally:
            body_file.close()

    def _answer(self, scope: dict[str, Any], body_file: Any) -> HttpResponseBase:
        """On the request's thread: all Django does for a request, but sending the answer's bytes and, for a
        streamed answer, its close after them. With SQLite, on a connection kept from an earlier request
        (accord.core.backends.sqlite3)."""
        with reusing():
            signals.request_started.send(sender=self.__class__, scope=scope)
            request, refused = self.create_request(scope, body_file)
            response: HttpResponseBase
            if refused is not None:  # a request Django could not read (Django gives one or the other)
                response = refused
            else:
                assert request is not None
                response = self._synchronous.get_response(request)
                response._handler_class = self.__class__  # type: ignore[attr-defined]
                if isinstance(response, FileResponse):
                    response.block_size = self.chunk_size
            if not response.streaming:
                response.close()  # request_finished: the database connection given back before the bytes go
            return response


def get_application() -> OneCrossingHandler:
    """As django.core.asgi.get_asgi_application: Django set up, then the handler."""
    import django

    django.setup(set_prefix=False)
    return OneCrossingHandler()
