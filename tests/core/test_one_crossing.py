"""Under the ASGI server a request crosses from the event loop to its thread once (accord.core.handler): the
whole middleware chain and the view run synchronously on that thread, where Django's own ASGI handler made
two crossings for each of Django's middlewares. The live stream and the static files stay in the loop."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from asgiref import sync
from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.test import override_settings
from serving import asgi_get

import accord
from accord.core import conditional, handler, outage, policy
from accord.core.outage import LIVE_STREAM
from accord.meetings import api as meetings_api

pytestmark = pytest.mark.usefixtures("committed_organization")


# ServeStatic warns, with DEBUG on, that its checks are off: it is not an installed app here, only a middleware.
@pytest.mark.filterwarnings("ignore:Django checks for ServeStatic are disabled")
def test_the_synchronous_chain_adapts_no_middleware(caplog: pytest.LogCaptureFixture) -> None:
    # Django says, with DEBUG on, each handler it wraps to run in the other mode (BaseHandler.adapt_method_mode):
    # one asynchronous-only middleware would make the chain above it asynchronous, and cross back for it.
    with override_settings(DEBUG=True), caplog.at_level(logging.DEBUG, logger="django.request"):
        BaseHandler().load_middleware(is_async=False)
    assert [record.getMessage() for record in caplog.records if "adapted" in record.getMessage()] == []


@pytest.fixture
def crossings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of each function run on a thread from the loop (asgiref's sync_to_async), in order."""
    seen: list[str] = []
    crossing = sync.SyncToAsync.__call__

    async def counted(self: sync.SyncToAsync[Any, Any], *arguments: Any, **keywords: Any) -> Any:
        seen.append(getattr(self.func, "__qualname__", repr(self.func)))
        return await crossing(self, *arguments, **keywords)

    monkeypatch.setattr(sync.SyncToAsync, "__call__", counted)
    return seen


def test_a_page_crosses_to_its_thread_once(crossings: list[str]) -> None:
    status, _, body = asgi_get("/login/")
    assert status == 200
    assert b"<form" in body
    # Django's request_started signal (its receivers together), then the whole chain and the view, then the
    # answer's close (request_finished); Django's own handler crossed twice more for each middleware.
    assert crossings == ["Signal.asend.<locals>.sync_send", "OneCrossingHandler._respond",
                         "HttpResponseBase.close"]


def test_the_chain_and_the_view_run_on_one_thread_off_the_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[int] = []

    def watching(method: Callable[..., Any]) -> Callable[..., Any]:
        def watched(*arguments: Any) -> Any:
            threads.append(threading.get_ident())
            return method(*arguments)
        return watched

    # The first middleware, the last, and the view (its reader).
    monkeypatch.setattr(outage.ShedExcessRequests, "__call__", watching(outage.ShedExcessRequests.__call__))
    monkeypatch.setattr(conditional.AnswerFromLogHead, "__call__",
                        watching(conditional.AnswerFromLogHead.__call__))
    monkeypatch.setattr(meetings_api, "viewer_of", watching(policy.viewer_of))
    loop: list[int] = []
    status, _, _ = asgi_get("/api/v1/meetings/sessions", loop)
    assert status == 200
    assert len(threads) == 3
    assert set(threads) == {threads[0]}
    assert threads[0] not in loop


def test_a_static_file_is_streamed_from_the_loop(crossings: list[str]) -> None:
    status, headers, body = asgi_get(f"{settings.STATIC_URL}web/accord.css")
    assert status == 200
    assert headers[b"content-type"].startswith(b"text/css")
    assert body == (Path(accord.__file__).parent / "web/static/web/accord.css").read_bytes()
    assert "OneCrossingHandler._respond" not in crossings  # ServeStatic's own asynchronous answer


@pytest.mark.parametrize(("path", "in_the_loop"), [
    (LIVE_STREAM, True), (f"{settings.STATIC_URL}web/accord.js", True), ("/", False), ("/api/v1/acts", False),
    (f"{LIVE_STREAM}/other", False), ("/staticfiles/", False)])
def test_which_requests_need_the_loop(path: str, in_the_loop: bool) -> None:
    assert handler.needs_the_loop(path) is in_the_loop
