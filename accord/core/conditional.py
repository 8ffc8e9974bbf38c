"""Pages and API answers cached on the log's head: an ETag of the log's size and of whatever else the answer
depends on, and a conditional GET answered 304 without rendering.

Every change of state is an act, and every act one entry: the log's size is an exact version of the whole
state. An answer is a function of that state and of the request as the key below reads it: the code that
runs (`code_identity`: the package's files and the ACCORD_* settings), the viewer as the access policy sees
them (their person, member, role, standing, delegation rights: a page names who is signed in and offers what
they may do), the language, the URL with its query, the session (a time zone kept for the visit), the form
token's secret (a page kept by the browser holds a form token of that secret: a 304 after it was rotated,
on sign-in, would keep a stale token), the host, and the headers that pick a form of the answer (Accept,
htmx's HX-*). Two requests that differ in any of these never share an ETag, so a 304 can tell no viewer
what another sees: the tag is an HMAC under the site's secret key, opaque to everyone.

Time is the one input that changes an answer without an act: a deadline counted against now, a member's
standing on today. The clock (accord.core.clock) marks what a render read of it: an answer that read the
instant gets no ETag; one that read the day only gets the day in its key. A render reads the clock at the
same places whenever the state and the request are the same (the code before its first read does not know
the time), so the tag a client holds says which of the two keys applies to it.

The answers themselves are kept too, in each server process's memory (`Kept`, bounded by
ANSWER_CACHE_BYTES, the least recently used going first): a request whose tag is one already kept is answered
with that answer's bytes without rendering, as a client holding it would be with a 304. It is the same answer:
its tag is a function of everything it depends on.

A page that reads the instant (the dashboard's deadlines) gets no tag, but its parts that do not are kept
alone (`fragment`): each is rendered by a function of the request alone, and kept under the page's key, the
part's name and the day, until the log grows. A part is kept only when nothing before it in the request read
the instant (what it was given might depend on it) and its own render read none.

Not cached here: anything but a 200 `HttpResponse` to a GET (streams: the live events, files, which carry
their own validators), answers that already carry a validator or say `no-store`, answers that set a cookie,
change the session or rotate the form token while rendering, requests with messages waiting to be shown,
and the paths whose answers depend on more than the log (`UNCACHED`).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.crypto import salted_hmac
from django.utils.http import parse_etags
from django.utils.safestring import SafeString, mark_safe

from accord.core import clock, drill, sessions
from accord.core.pages import viewer_of
from accord.core.policy import ANONYMOUS

# Paths (under the script prefix) whose answers depend on more than the log: the live stream; the log's
# tiles and checkpoints (a witness's cosignature is recorded without an entry); the search index (rebuilt by
# `accord search reindex` without an act); a drill's pages (they fire injects as their time comes).
UNCACHED = ("/api/v1/events", "/api/v1/log/", "/log/", "/api/v1/search", "/search/", "/drills/",
            "/attachments/", "/i18n/")

# Request headers that choose a form of the same URL's answer: an htmx request gets a fragment.
_CHOOSING_HEADERS = ("HTTP_ACCEPT", "HTTP_HX_REQUEST", "HTTP_HX_TARGET", "HTTP_HX_TRIGGER", "HTTP_HX_TRIGGER_NAME",
                     "HTTP_HX_BOOSTED", "HTTP_HX_CURRENT_URL", "HTTP_HX_HISTORY_RESTORE_REQUEST")
# What a response may name in Vary without the key missing it: the cookies (the session, the form token and
# the language are in the key), the language, and the headers above.
_KEYED_VARY = {"cookie", "accept-language", "accept-encoding", "accept"} | {
    name[5:].replace("_", "-").lower() for name in _CHOOSING_HEADERS}
_SALT = "accord.core.conditional"
_PACKAGE = Path(__file__).resolve().parent.parent


@cache
def code_identity() -> str:
    """What the running code and its settings are: every file of the package (its path, size and time of
    change: templates, catalogues, static files) and the ACCORD_* environment the settings are read from. A
    new release or a changed setting changes every ETag. Worked out once per process, on first use."""
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(_PACKAGE):
        dirs[:] = sorted(name for name in dirs if name != "__pycache__")
        for name in sorted(files):
            found = Path(root, name)
            stat = found.stat()
            digest.update(f"{found.relative_to(_PACKAGE)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    for name, value in sorted(os.environ.items()):
        if name.startswith("ACCORD_"):
            digest.update(f"{name}\0{value}\n".encode())
    return digest.hexdigest()


def cached_path(path_info: str) -> bool:
    return not path_info.startswith(UNCACHED)


def _session_items(request: HttpRequest) -> str:
    session = getattr(request, "session", None)
    if session is None:
        return ""
    return repr(sorted((str(name), repr(value)) for name, value in session.items()))


def _key(request: HttpRequest) -> tuple[str, ...]:
    """Everything but the day that the answer depends on (the module's docstring); reads the viewer (their
    session and person) and the log's version (its size and right edge: with the session when it is read)."""
    viewer = viewer_of(request)
    meta = request.META
    return (
        code_identity(), sessions.log_version(request), repr(viewer), getattr(request, "LANGUAGE_CODE", ""),
        request.get_full_path(), request.scheme, meta.get("HTTP_HOST", ""), meta.get("SCRIPT_NAME", ""),
        str(meta.get("CSRF_COOKIE", "")), _session_items(request),
        *(f"{name}={meta.get(name, '')}" for name in _CHOOSING_HEADERS),
    )


def etag_of(key: tuple[str, ...], day: str | None) -> str:
    """A weak tag (the same page, not the same bytes: a PDF's own creation time may differ) of the key, and of
    the day for an answer that read it."""
    value = "\x1f".join((*key, f"day={day or ''}"))
    return f'W/"{salted_hmac(_SALT, value, algorithm="sha256").hexdigest()[:40]}"'


class _Look:
    """What `before` found, for `after`: the key, the clock's reads, the form token's secret."""

    __slots__ = ("csrf", "key", "personal", "reads")

    def __init__(self, key: tuple[str, ...], reads: clock.Reads, csrf: str, personal: bool) -> None:
        self.key, self.reads, self.csrf, self.personal = key, reads, csrf, personal


def _messages_waiting(request: HttpRequest) -> bool:
    return hasattr(request, "_messages") and len(get_messages(request)) > 0


def _look(request: HttpRequest) -> _Look | None:
    if request.method != "GET" or not cached_path(request.path_info) or drill.current() is not None:
        return None
    if _messages_waiting(request):
        return None
    with clock.watching() as reads:
        key = _key(request)
    csrf = str(request.META.get("CSRF_COOKIE", ""))
    personal = viewer_of(request) != ANONYMOUS or bool(csrf) or _session_items(request) != "[]"
    return _Look(key, reads, csrf, personal)


class Kept:
    """Answers by their tag, in this process: at most `budget` bytes of them, the least recently used going
    first. Threads share it (a sync view runs on a thread of its own under ASGI)."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self._answers: OrderedDict[str, tuple[int, bytes, list[tuple[str, str]]]] = OrderedDict()
        self._lock = threading.Lock()

    def keep(self, etag: str, response: HttpResponse) -> None:
        content = response.content
        if len(content) > self.budget // 8:  # one answer never takes more than an eighth of the room
            return
        kept = (response.status_code, content, list(response.items()))
        with self._lock:
            previous = self._answers.pop(etag, None)
            self.size -= len(previous[1]) if previous else 0
            self._answers[etag] = kept
            self.size += len(content)
            while self.size > self.budget:
                _tag, (_status, dropped, _headers) = self._answers.popitem(last=False)
                self.size -= len(dropped)

    def _found(self, tag: str) -> tuple[int, bytes, list[tuple[str, str]]] | None:
        with self._lock:
            kept = self._answers.get(tag)
            if kept is not None:
                self._answers.move_to_end(tag)
            return kept

    def answer(self, etag: str) -> HttpResponse | None:
        kept = self._found(etag)
        if kept is None:
            return None
        status, content, headers = kept
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return response

    def keep_text(self, tag: str, text: str) -> None:
        """A part of a page, kept beside the answers under a tag of its own."""
        self.keep(tag, HttpResponse(text))

    def text(self, tag: str) -> str | None:
        kept = self._found(tag)
        return None if kept is None else kept[1].decode()

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()
            self.size = 0


kept = Kept(settings.ANSWER_CACHE_BYTES)


def _candidates(look: _Look) -> list[str]:
    """The tags this request's answer may have: of today's day (if it reads the day), or of none (if nothing
    before the view read it); none at all when the key read the instant, or two days (across midnight)."""
    if look.reads.instant or len(look.reads.days) > 1:
        return []
    today = next(iter(look.reads.days), None) or clock.today()
    candidates = [etag_of(look.key, today.isoformat())]
    if not look.reads.days:
        candidates.append(etag_of(look.key, None))
    return candidates


def _not_modified(request: HttpRequest, look: _Look) -> HttpResponseBase | None:
    """The 304, when the tag the client holds is this request's (with the day, if the key read it); else the
    answer itself, when it is kept."""
    candidates = _candidates(look)
    asked = request.META.get("HTTP_IF_NONE_MATCH")
    tags = {tag.removeprefix("W/") for tag in parse_etags(asked)} if asked else set()
    for candidate in candidates:
        if candidate.removeprefix("W/") in tags:
            answer = HttpResponseNotModified()
            _mark(request, answer, candidate, look)
            return answer
    if kept.budget > 0:
        for candidate in candidates:
            found = kept.answer(candidate)
            if found is not None:
                return found
    return None


def _mark(request: HttpRequest, response: HttpResponseBase, etag: str, look: _Look) -> None:
    response["ETag"] = etag
    # Kept by the browser, asked again each time: a proxy shared by several people keeps no personal page.
    patch_cache_control(response, no_cache=True, **({"private": True} if look.personal else {}))
    # A fragment for htmx and the whole page at one URL are two answers, kept apart by the browser too.
    patch_vary_headers(response, ("Cookie", "Accept-Language", "HX-Request"))


def _cacheable(request: HttpRequest, response: HttpResponseBase, look: _Look) -> bool:
    if type(response) is not HttpResponse or response.status_code != 200:
        return False
    if response.has_header("ETag") or response.has_header("Last-Modified") or response.cookies:
        return False
    if "no-store" in response.get("Cache-Control", ""):
        return False
    vary = {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}
    if vary - _KEYED_VARY:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    return str(request.META.get("CSRF_COOKIE", "")) == look.csrf and not _messages_waiting(request)


def _tagged(request: HttpRequest, response: HttpResponseBase, look: _Look) -> HttpResponseBase:
    """The rendered answer with its tag: of the day it read (an answer that read two, across midnight, or the
    instant, gets none)."""
    if look.reads.instant or len(look.reads.days) > 1 or not _cacheable(request, response, look):
        return response
    day = next(iter(look.reads.days), None)
    etag = etag_of(look.key, day.isoformat() if day else None)
    _mark(request, response, etag, look)
    if kept.budget > 0:
        kept.keep(etag, response)  # type: ignore[arg-type]  # an HttpResponse: _cacheable
    return response


# The request's look (its key), for the parts of its page kept alone (`fragment`).
_LOOK = "_accord_conditional_look"


def fragment(request: HttpRequest, name: str, render: Callable[[], str]) -> SafeString:
    """A part of the request's page, `render()`'s HTML: given again from the kept ones while the log has not
    grown, the day is the same and nothing else in the key has changed.

    `render` must read everything it shows itself, from the request (its viewer, language, session, ...) and
    the state, or be given only what the view read before without reading the instant: a part is kept only
    when the request had read no instant before it, and its own render read none. Its name tells it from the
    page's other parts."""
    look: _Look | None = getattr(request, _LOOK, None)
    reads = clock.watched()
    session = getattr(request, "session", None)
    if (look is None or kept.budget <= 0 or reads is None or reads.instant or look.reads.instant
            or (session is not None and session.modified)):  # the key holds the session as it was read
        return mark_safe(render())  # noqa: S308 (the HTML a template rendered)
    today = clock.today()
    tag = etag_of((*look.key, f"fragment={name}"), today.isoformat())
    found = kept.text(tag)
    if found is not None:
        return mark_safe(found)  # noqa: S308 (the HTML a template rendered, kept)
    with clock.watching() as own:
        html = render()
    if not own.instant and own.days <= {today}:  # not across midnight
        kept.keep_text(tag, html)
    return mark_safe(html)  # noqa: S308 (the HTML a template rendered)


class AnswerFromLogHead:
    """The middleware: a conditional GET whose tag is still this request's is answered 304 before the view;
    any other cacheable answer is rendered and tagged. Last in the chain, so that the key sees the session,
    the person, the language and the form token's secret, and the view's clock reads are watched.

    Both sync and async: the stream (excluded by its path) stays in its loop; any other request reads its key
    on the request's thread."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        if iscoroutinefunction(self):
            return self._acall(request)
        look = _look(request)
        if look is None:
            return self.get_response(request)
        answer = _not_modified(request, look)
        if answer is not None:
            return answer
        setattr(request, _LOOK, look)
        with clock.watching() as reads:
            response = self.get_response(request)
        look.reads.merge(reads)
        return _tagged(request, response, look)

    async def _acall(self, request: HttpRequest) -> HttpResponseBase:
        if request.method != "GET" or not cached_path(request.path_info):
            return await self.get_response(request)  # type: ignore[no-any-return]
        look = await sync_to_async(_look)(request)
        if look is None:
            return await self.get_response(request)  # type: ignore[no-any-return]
        answer = _not_modified(request, look)
        if answer is not None:
            return answer
        setattr(request, _LOOK, look)
        with clock.watching() as reads:
            response = await self.get_response(request)
        look.reads.merge(reads)
        return _tagged(request, response, look)
