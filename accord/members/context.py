"""What every page's template knows: the organization and the viewer (a template context processor)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accord.core.context import viewer_for
from accord.members import queries
from accord.members.models import Organization


def organization_for(request: HttpRequest) -> Organization | None:
    """The organization's charter settings, read once per request."""
    if not hasattr(request, "_accord_organization"):
        request._accord_organization = queries.organization()  # type: ignore[attr-defined]
    found: Organization | None = request._accord_organization  # type: ignore[attr-defined]
    return found


def accord(request: HttpRequest) -> dict[str, Any]:
    return {"organization": organization_for(request), "viewer": viewer_for(request)}
