"""200 requests at once against a real uvicorn server on PostgreSQL: none fails for want of a connection.

Without the pool every request opened its own connection, and PostgreSQL (100 connections by default)
answered "too many clients" with a 500 to the rest. With it a burst waits for a pooled connection.
No timing is asserted: only that every answer came, and none is a 5xx.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
import reference_org
from django.db import connection
from pytest_django import Settings
from serving import served

CONCURRENT = 200
PATHS = ("/api/v1/members", "/api/v1/organization", "/api/v1/bodies", "/api/v1/chair", "/api/v1/documents",
         "/api/v1/meetings/sessions", "/")


@pytest.fixture
def server(transactional_db: None, settings: Settings) -> Iterator[str]:
    if connection.vendor != "postgresql":
        pytest.skip("the connection pool is PostgreSQL's (set ACCORD_DATABASE_URL)")
    # The pool is what is tested, not the bound on requests answered at once (ShedExcessRequests, whose own
    # test is in tests/core/test_outage.py): the whole burst is let in and run, to wait for pooled connections.
    settings.MAX_REQUESTS_IN_FLIGHT = settings.MAX_REQUESTS_RUNNING = CONCURRENT * 2
    reference_org.build()
    with served(backlog=CONCURRENT * 2) as base:
        yield base


async def _burst(base: str) -> list[int]:
    limits = httpx.Limits(max_connections=CONCURRENT, max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        answers = await asyncio.gather(*(client.get(PATHS[n % len(PATHS)]) for n in range(CONCURRENT)))
    return [answer.status_code for answer in answers]


def test_it_answers_200_concurrent_requests_without_a_server_error(server: str) -> None:
    statuses = asyncio.run(_burst(server))
    assert len(statuses) == CONCURRENT
    assert [s for s in statuses if s >= 500] == []
    assert set(statuses) == {200}
