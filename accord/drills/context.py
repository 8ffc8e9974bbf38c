"""What every page's template knows of the drill whose scope it is drawn in (a template context processor)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def drill(request: HttpRequest) -> dict[str, Any]:
    """The drill of a page under `/drills/<n>/run/` (accord.drills.middleware), for its banner; else None."""
    return {"drill_scope": getattr(request, "accord_drill", None)}
