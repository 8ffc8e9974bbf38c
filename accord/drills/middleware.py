"""The drill's pages: the real pages under `/drills/<n>/run/`, read and acted on in the drill's scope.

`/drills/4/run/crises/7/` is the crisis page `/crises/7/` as drill 4 sees it: the request is resolved
without the prefix, the links the page draws (`reverse`, whose script prefix is set here) stay under it,
and every read and act goes through accord.core.drill's scope, so that only the drill's records are seen
and every act made carries the drill's mark. A drill the viewer may not see, or none, is missing (404).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import get_script_prefix, set_script_prefix

from accord.core import drill
from accord.core.pages import viewer_of
from accord.drills import policies, ticking
from accord.drills.models import Drill

RUN = re.compile(r"^/drills/(?P<drill>[0-9]{1,9})/run(?P<rest>/.*)$")


class DrillScope:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        matched = RUN.match(request.path_info)
        if matched is None:
            return self.get_response(request)
        number = int(matched["drill"])
        found = Drill.objects.filter(pk=number).first()
        if found is None or not policies.sees(viewer_of(request), found):
            raise Http404("no such drill")
        ticking.tick(number)  # an inject whose time has come fires before the page is drawn
        prefix = get_script_prefix()
        if matched["rest"].startswith("/drills/"):
            # The drills' own pages are never in a drill's scope: a link to them drawn inside one (the menu's
            # "Drills", a drill page's "Enter the drill") leads out of it, not to /drills/<n>/run/drills/….
            return HttpResponseRedirect(f"{prefix.rstrip('/')}{matched['rest']}")
        set_script_prefix(f"{prefix.rstrip('/')}/drills/{number}/run/")
        request.path_info = matched["rest"]
        request.accord_drill = found  # type: ignore[attr-defined]  # the banner's drill (accord.drills.context)
        try:
            with drill.scope(number):
                return self.get_response(request)
        finally:
            set_script_prefix(prefix)
