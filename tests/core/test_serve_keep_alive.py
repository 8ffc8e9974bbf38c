"""`accord serve` keeps an idle connection open longer than its clients do, so that it never closes one first.

uvicorn's default (5 s) is the very idle time after which httpx stops reusing a connection: the load check's
clients (reliability/check_load.py) sent requests on connections the server was closing and got no answer
(`unanswered`: RemoteProtocolError, ReadError; docs/reliability.md, 6 December 2026). A browser keeps an idle
connection a minute and more, a proxy in front (nginx's upstream keepalive) 60 s.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import uvicorn
from django.core.management import call_command
from pytest_django import Settings

PROXY_IDLE_SECONDS = 60  # nginx's upstream keepalive_timeout by default


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What `accord serve` handed to uvicorn, instead of serving."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append({"app": app, **options}))
    return calls


def test_the_server_keeps_an_idle_connection_longer_than_its_clients(started: list[dict[str, Any]]) -> None:
    call_command("serve", port=8124)
    [options] = started
    client_idle = httpx.Limits().keepalive_expiry
    assert client_idle is not None
    assert options["timeout_keep_alive"] > max(client_idle, PROXY_IDLE_SECONDS)
    assert options["timeout_keep_alive"] > uvicorn.Config("accord.asgi:application").timeout_keep_alive


def test_an_operator_sets_it(settings: Settings, started: list[dict[str, Any]]) -> None:
    settings.KEEP_ALIVE_SECONDS = 120
    call_command("serve", port=8124)
    assert [call["timeout_keep_alive"] for call in started] == [120]
