"""The drill's pages: the real pages under `/drills/<n>/run/`, read and acted on in the drill's scope.

`/drills/4/run/crises/7/` is the crisis page `/crises/7/` as drill 4 sees it: the request is resolved
without the prefix, the links the page draws (`reverse`, whose script prefix is set here) stay under it,
and every read and act goes through accord.core.drill's scope, so that only the drill's records are seen
and every act made carries the drill's mark. A drill the viewer may not see, or none, is missing (404).

A middleware of both modes (Django's sync and async middleware): under uvicorn a sync-only one here ran the
chain below it on a thread, every request's included, the live stream's too, each hopping out of the event
loop and back. The scope and the script prefix are context variables, so the view reads them as set here
whether it runs in the loop or on the thread Django gives a sync view.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from django.core.handlers.exception import response_for_exception
from django.http import Http404, HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import get_script_prefix, set_script_prefix

from accord.core import drill
from accord.core.pages import viewer_of
from accord.drills import policies, ticking
from accord.drills.models import Drill

RUN = re.compile(r"^/drills/(?P<drill>[0-9]{1,9})/run(?P<rest>/.*)$")


def _enter(request: HttpRequest, matched: re.Match[str]) -> HttpResponseBase | None:
    """Make the request the drill's page (None), or answer it here: a drill the viewer may not see is missing,
    and a drills' page asked under the prefix is sent out of it. It reads the database and may write (an inject
    whose time has come fires): an async request runs it on a thread."""
    number = int(matched["drill"])
    found = Drill.objects.filter(pk=number).first()
    if found is None or not policies.sees(viewer_of(request), found):
        raise Http404("no such drill")
    ticking.tick(number)  # an inject whose time has come fires before the page is drawn
    if matched["rest"].startswith("/drills/"):
        # The drills' own pages are never in a drill's scope: a link to them drawn inside one (the menu's
        # "Drills", a drill page's "Enter the drill") leads out of it, not to /drills/<n>/run/drills/….
        return HttpResponseRedirect(f"{get_script_prefix().rstrip('/')}{matched['rest']}")
    request.path_info = matched["rest"]
    request.accord_drill = found  # type: ignore[attr-defined]  # the banner's drill (accord.drills.context)
    return None


def _entered(request: HttpRequest, matched: re.Match[str]) -> HttpResponseBase | None:
    """`_enter`, with a missing drill answered here, on the request's own thread. Raised into Django's async
    handler, the 404 would be drawn on a thread of its own (`convert_exception_to_response`,
    thread_sensitive=False), whose database connection (the page's person, its organization) nothing closes."""
    try:
        return _enter(request, matched)
    except Http404 as missing:
        return response_for_exception(request, missing)


@contextlib.contextmanager
def _scoped(request: HttpRequest) -> Iterator[None]:
    """The drill's scope and its pages' prefix, for the time the view takes to answer."""
    number = request.accord_drill.pk  # type: ignore[attr-defined]
    prefix = get_script_prefix()
    set_script_prefix(f"{prefix.rstrip('/')}/drills/{number}/run/")
    try:
        with drill.scope(number):
            yield
    finally:
        set_script_prefix(prefix)


class DrillScope:
    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        if iscoroutinefunction(self):
            return self._acall(request)
        matched = RUN.match(request.path_info)
        if matched is None:
            return self.get_response(request)
        answer = _entered(request, matched)
        if answer is not None:
            return answer
        with _scoped(request):
            return self.get_response(request)

    async def _acall(self, request: HttpRequest) -> HttpResponseBase:
        matched = RUN.match(request.path_info)
        if matched is None:
            return await self.get_response(request)  # type: ignore[no-any-return]
        answer = await sync_to_async(_entered)(request, matched)
        if answer is not None:
            return answer
        with _scoped(request):
            return await self.get_response(request)  # type: ignore[no-any-return]
