"""What every page's template knows: the organization and the viewer."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accord.core.policy import Viewer, viewer_of
from accord.members import queries
from accord.members.models import Organization


def viewer_for(request: HttpRequest) -> Viewer:
    """The request's viewer, worked out once per request (a member's person costs a query)."""
    cached: Viewer | None = getattr(request, "_accord_viewer", None)
    if cached is None:
        cached = viewer_of(getattr(request, "user", None))
        request._accord_viewer = cached  # type: ignore[attr-defined]
    return cached


def organization_for(request: HttpRequest) -> Organization | None:
    """The organization's charter settings, read once per request."""
    if not hasattr(request, "_accord_organization"):
        request._accord_organization = queries.organization()  # type: ignore[attr-defined]
    found: Organization | None = request._accord_organization  # type: ignore[attr-defined]
    return found


def accord(request: HttpRequest) -> dict[str, Any]:
    return {"organization": organization_for(request), "viewer": viewer_for(request)}
