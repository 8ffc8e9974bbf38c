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
holding a thread, and the static files, which ServeStatic streams from the loop. Each request still has a
thread of its own (Django's ThreadSensitiveContext around each request), so a request that waits for its
turn (ShedExcessRequests) waits there, never in the loop.
"""

from __future__ import annotations

from typing import Any

from asgiref.sync import async_to_sync, iscoroutinefunction, sync_to_async
from django.conf import settings
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.base import BaseHandler
from django.http import HttpRequest, HttpResponseBase
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


class OneCrossingHandler(ASGIHandler):
    def __init__(self) -> None:
        super().__init__()  # the asynchronous chain, for the requests that need the loop
        self._synchronous = BaseHandler()
        self._synchronous.load_middleware(is_async=False)

    async def get_response_async(self, request: HttpRequest) -> HttpResponseBase:
        if needs_the_loop(request.path):
            return await super().get_response_async(request)
        return await sync_to_async(self._respond, thread_sensitive=True)(request)

    def _respond(self, request: HttpRequest) -> HttpResponseBase:
        # With SQLite, on a connection kept from an earlier request (accord.core.backends.sqlite3).
        with reusing():
            return self._synchronous.get_response(request)


def get_application() -> OneCrossingHandler:
    """As django.core.asgi.get_asgi_application: Django set up, then the handler."""
    import django

    django.setup(set_prefix=False)
    return OneCrossingHandler()
