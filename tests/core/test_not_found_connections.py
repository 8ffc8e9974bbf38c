"""An error page drawn under the server leaves no database connection open behind it.

Under ASGI, Django draws the page of a 404 (no such URL, or a view's Http404), a 403 or a 400 on a thread of
its own (`convert_exception_to_response` runs `response_for_exception` with thread_sensitive=False), not on
the request's thread, whose connections Django closes when the answer is closed. The page reads the person
signed in, so each of those threads kept a connection open for as long as it lived; on PostgreSQL one checked
out of the pool, and the test database could not be dropped ("being accessed by other users"). The error
handlers now close what they took (accord/core/outage.py, `_lets_go_of_the_database`).

The requests go through Django's AsyncClient, which runs the request path as the server does. The test
client itself keeps the request thread's connection (it disconnects Django's closing of connections from
request_finished), so only the connections opened on another thread are counted.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.db import connection
from django.test import AsyncClient

from accord.members.models import Person

pytestmark = pytest.mark.usefixtures("committed_organization")


def _close() -> None:
    connection.close()


# No such page, no such API path, and a page's view that raises Http404 (a decision that does not exist).
@pytest.mark.parametrize("path", ["/no-such-page/", "/api/v1/no-such-list", "/decisions/999999/"])
def test_a_404_under_the_server_leaves_no_connection_open_on_another_thread(opened: list[Any], path: str) -> None:
    async def request() -> int:
        client = AsyncClient()
        await client.aforce_login(await Person.objects.aget(username="arm.head"))
        await sync_to_async(_close)()  # the test's own connection: counted from here
        opened.clear()
        response = await client.get(path)
        return response.status_code

    assert async_to_sync(request)() == 404
    here = threading.get_ident()
    elsewhere = [wrapper for wrapper in opened if wrapper._thread_ident != here]
    assert elsewhere, "the 404 page was drawn on a thread of its own, which read the database"
    assert [repr(wrapper) for wrapper in elsewhere if wrapper.connection is not None] == []
