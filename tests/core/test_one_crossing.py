"""Under the ASGI server a request crosses from the event loop to its thread once (accord.core.handler): the
request_started signal, the whole middleware chain, the view and the answer's close run synchronously on that
thread, where Django's own ASGI handler made two crossings for each of Django's middlewares and one each for
the signal and the close. The thread is kept for a later request. The live stream and the static files stay
in the loop."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from asgiref import sync
from django.conf import settings
from django.core import signals
from django.core.handlers.base import BaseHandler
from django.http import HttpRequest, StreamingHttpResponse
from django.test import override_settings
from django.urls import path as url
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
    # Django's request_started signal, the whole chain and the view, and the answer's close (request_finished),
    # in one; Django's own handler crossed for each of the three, and twice more for each middleware.
    assert crossings == ["OneCrossingHandler._answer"]


@pytest.fixture
def finished(sent: list[Mapping[str, Any]]) -> Iterator[list[int]]:
    """How many messages had been sent when each request_finished came."""
    seen: list[int] = []

    def receiver(**_: Any) -> None:
        seen.append(len(sent))

    signals.request_finished.connect(receiver)
    yield seen
    signals.request_finished.disconnect(receiver)


@pytest.fixture
def sent() -> list[Mapping[str, Any]]:
    return []


def test_an_answer_is_closed_before_its_bytes_are_sent(sent: list[Mapping[str, Any]], finished: list[int]) -> None:
    # request_finished gives the database connection back: not held while the bytes go to the client.
    status, _, _ = asgi_get("/login/", sent=sent)
    assert status == 200
    assert finished == [0]
    assert [message["type"] for message in sent] == ["http.response.start", "http.response.body"]


def _streamed(request: HttpRequest) -> StreamingHttpResponse:
    return StreamingHttpResponse(iter([b"one,", b"two"]), content_type="text/csv")


urlpatterns = [url("streamed/", _streamed)]


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume synchronous iterators")
def test_a_streamed_answer_is_closed_after_its_bytes(sent: list[Mapping[str, Any]], finished: list[int],
                                                      crossings: list[str]) -> None:
    status, _, body = asgi_get("/streamed/", sent=sent)
    assert status == 200
    assert body == b"one,two"
    assert finished == [len(sent)]  # every message sent, the last one the end of the body
    assert crossings[0] == "OneCrossingHandler._answer"
    assert crossings[-1] == "HttpResponseBase.close"


def test_a_request_runs_on_a_thread_kept_from_an_earlier_one(monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[int] = []
    answer = handler.OneCrossingHandler._answer

    def watched(self: handler.OneCrossingHandler, *arguments: Any) -> Any:
        threads.append(threading.get_ident())
        return answer(self, *arguments)

    monkeypatch.setattr(handler.OneCrossingHandler, "_answer", watched)
    application = handler.OneCrossingHandler()
    loop: list[int] = []
    for _ in range(3):
        assert asgi_get("/login/", loop, application)[0] == 200
    assert len(set(threads)) == 1
    assert threads[0] not in loop
    assert application.threads.count() == 1


def test_a_thread_still_at_work_is_not_kept() -> None:
    threads = handler.KeptThreads()
    release = threading.Event()
    busy, idle = threads.take(), threads.take()
    assert busy is not idle
    busy.submit(release.wait)  # a view still running for a client that has gone
    idle.submit(lambda: None).result()
    threads.give(busy)
    threads.give(idle)
    assert threads.count() == 1
    assert threads.take() is idle
    release.set()


@override_settings(MAX_REQUESTS_IN_FLIGHT=2)
def test_no_more_threads_are_kept_than_requests_may_be_in_hand() -> None:
    threads = handler.KeptThreads()
    taken = [threads.take() for _ in range(3)]
    for thread in taken:
        threads.give(thread)
    assert threads.count() == 2


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
    assert "OneCrossingHandler._answer" not in crossings  # ServeStatic's own asynchronous answer


@pytest.mark.parametrize(("path", "in_the_loop"), [
    (LIVE_STREAM, True), (f"{settings.STATIC_URL}web/accord.js", True), ("/", False), ("/api/v1/acts", False),
    (f"{LIVE_STREAM}/other", False), ("/staticfiles/", False)])
def test_which_requests_need_the_loop(path: str, in_the_loop: bool) -> None:
    assert handler.needs_the_loop(path) is in_the_loop
