"""What every page's template knows of the drill whose scope it is drawn in (a template context processor)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def drill(request: HttpRequest) -> dict[str, Any]:
    """The drill of a page under `/drills/<n>/run/` (accord.drills.middleware), for its banner, the way back to
    its own page and its live stream; nothing on a real page."""
    found = getattr(request, "accord_drill", None)
    if found is None:
        return {"drill_scope": None, "drill_page": None}
    site = request.META.get("SCRIPT_NAME", "").rstrip("/")
    return {"drill_scope": found, "drill_page": None, "drill_home": f"{site}/drills/{found.pk}/",
            "drill_stream": f"{site}/drills/{found.pk}/run/api/v1/events"}
