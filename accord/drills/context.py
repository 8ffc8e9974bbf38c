"""What every page's template knows of the drill whose scope it is drawn in (a template context processor)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accord.core.context import viewer_for
from accord.drills import policies


def drill(request: HttpRequest) -> dict[str, Any]:
    """The drill of a page under `/drills/<n>/run/` (accord.drills.middleware), for its banner, the way back to
    its own page and its live stream; nothing on a real page. And whether the menu offers the drills at all:
    they are the members' rehearsal, a page the public and observers would find missing."""
    sees_drills = policies.sees(viewer_for(request))
    found = getattr(request, "accord_drill", None)
    if found is None:
        return {"drill_scope": None, "drill_page": None, "sees_drills": sees_drills}
    site = request.META.get("SCRIPT_NAME", "").rstrip("/")
    return {"drill_scope": found, "drill_page": None, "drill_home": f"{site}/drills/{found.pk}/",
            "drill_stream": f"{site}/drills/{found.pk}/run/api/v1/events", "sees_drills": sees_drills}
