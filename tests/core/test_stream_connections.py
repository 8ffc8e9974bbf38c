"""A live stream holds no database connection while it streams, and its set-up needs one at a time.

Found by reliability/check_crash.py on PostgreSQL (docs/reliability.md, 5 December 2026): after a restart
every console reconnects at once, and the server stalled, its pool's twenty connections all checked out and
idle. Each stream's request had taken a connection on its own thread for the middleware (the session, the
person signed in) and kept it until the stream ended, hours later; and its view then read the viewer on
another thread, which needed a second connection while the first was held: twenty consoles opening at once
held the whole pool, each waiting for a connection none would give back.

The stream is opened through Django's AsyncClient, which runs the request path as the server does (the
synchronous middleware on the request's thread, the view in the event loop).
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.db import connection
from django.test import AsyncClient

from accord.members.models import Person

pytestmark = pytest.mark.usefixtures("committed_organization")
STREAM = "/api/v1/events"
READ_TIMEOUT = 10  # seconds; a bound on a wait that should end at once, never a measurement


def _close() -> None:
    connection.close()


async def _open_stream_and_then(check: Any) -> Any:
    """Open a signed-in console's stream, wait for its first chunk (it has subscribed and read its backlog),
    run `check` on the test's thread while it is open, then close the stream."""
    client = AsyncClient()
    await client.aforce_login(await Person.objects.aget(username="arm.head"))
    await sync_to_async(_close)()  # the test's own connection: the request's thread starts without one
    response = await asyncio.wait_for(client.get(STREAM), READ_TIMEOUT)
    assert response.status_code == 200
    chunks = aiter(response.streaming_content)  # type: ignore[attr-defined]
    try:
        assert await asyncio.wait_for(anext(chunks), READ_TIMEOUT) == b"retry: 2000\n\n"
        return await sync_to_async(check)()
    finally:
        await chunks.aclose()


def test_an_open_stream_holds_no_connection(opened: list[Any]) -> None:
    def still_open() -> list[str]:
        return [repr(wrapper) for wrapper in opened if wrapper.connection is not None]

    held = async_to_sync(_open_stream_and_then)(still_open)
    assert opened, "the stream's set-up read the session"
    assert held == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the pool of connections is PostgreSQL's")
def test_a_stream_opens_with_a_pool_of_one_connection() -> None:
    """With one connection in the pool, a stream opens, and the connection is back in the pool while it
    streams: another thread gets it at once. Before, the set-up waited for a second connection until the pool
    gave up (couldn't get a connection), and the stream kept the first."""
    options = connection.settings_dict["OPTIONS"]
    kept = dict(options["pool"])
    connection.close_pool()  # type: ignore[attr-defined]  # PostgreSQL's backend only
    options["pool"] = {**kept, "min_size": 1, "max_size": 1, "timeout": 3}
    try:
        def another_thread_reads() -> int:
            def read() -> int:
                try:
                    return Person.objects.count()
                finally:
                    connection.close()
            return async_to_sync(sync_to_async(read, thread_sensitive=False))()

        count = async_to_sync(_open_stream_and_then)(another_thread_reads)
        assert count == Person.objects.count()
    finally:
        connection.close()
        connection.close_pool()  # type: ignore[attr-defined]  # PostgreSQL's backend only
        options["pool"] = kept
