"""The viewer of a request, worked out once: what every app's pages ask first."""

from __future__ import annotations

from django.http import HttpRequest

from accord.core.policy import Viewer, viewer_of


def viewer_for(request: HttpRequest) -> Viewer:
    """The request's viewer, worked out once per request (a member's person costs a query)."""
    cached: Viewer | None = getattr(request, "_accord_viewer", None)
    if cached is None:
        cached = viewer_of(getattr(request, "user", None))
        request._accord_viewer = cached  # type: ignore[attr-defined]
    return cached
