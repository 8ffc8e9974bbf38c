"""What tests that run a real server share: a free port on the loopback, and the app served there by
uvicorn in a thread of the test process (ASGI, so the live stream flows), against the test database; and a
request given to the ASGI application in process, as uvicorn gives it (`asgi_get`)."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import pytest
import uvicorn
from asgiref.sync import async_to_sync

STARTUP_TIMEOUT = 20  # seconds; a bound on a wait that should end at once, never a measurement


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class _Server(uvicorn.Server):
    """uvicorn's server, saying when its startup is over (listening, or failed) instead of being polled."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.startup_over = threading.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        try:
            await super().startup(sockets=sockets)
        finally:
            self.startup_over.set()


@contextmanager
def served(**options: Any) -> Iterator[str]:
    """The app listening on a free port of the loopback (its base URL) until the block ends.

    `options` go to uvicorn's Config (a larger `backlog`, say).
    """
    port = free_port()
    config = uvicorn.Config("accord.asgi:application", host="127.0.0.1", port=port, lifespan="off",
                            log_level="warning", timeout_graceful_shutdown=2, **options)
    server = _Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    if not server.startup_over.wait(timeout=STARTUP_TIMEOUT) or not server.started:
        pytest.fail("uvicorn did not start")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def asgi_get(path: str, loop: list[int] | None = None, application: Any = None,
             sent: list[Mapping[str, Any]] | None = None) -> tuple[int, dict[bytes, bytes], bytes]:
    """One GET through the application as uvicorn calls it; its status, headers (names in lower case) and body.
    `loop` gets the event loop's thread; `application` is a handler to use again (a new one otherwise);
    `sent` gets the messages sent, as they are sent."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"host", b"testserver")],
             "client": ("127.0.0.1", 50000), "server": ("testserver", 80)}
    sent = [] if sent is None else sent

    async def serve() -> None:
        if loop is not None:
            loop.append(threading.get_ident())
        request = [{"type": "http.request", "body": b"", "more_body": False}]

        async def receive() -> dict[str, Any]:
            if request:
                return request.pop()
            await asyncio.Event().wait()  # the client never goes away: the handler stops listening itself
            raise AssertionError

        async def send(message: Mapping[str, Any]) -> None:
            sent.append(message)

        from accord.core import handler  # the app's, once Django is set up

        await (application or handler.OneCrossingHandler())(scope, receive, send)

    async_to_sync(serve)()
    start = sent[0]
    headers = {name.lower(): value for name, value in start["headers"]}
    return start["status"], headers, b"".join(message.get("body", b"") for message in sent[1:])
