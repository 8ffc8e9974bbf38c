"""What every page's template knows: the organization and the viewer (a template context processor)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from accord.core import sessions
from accord.core.context import viewer_for
from accord.members import policies, queries
from accord.members.models import Organization


def organization_for(request: HttpRequest) -> Organization | None:
    """The organization's charter settings, read once per request."""
    if not hasattr(request, "_accord_organization"):
        request._accord_organization = queries.organization()  # type: ignore[attr-defined]
    found: Organization | None = request._accord_organization  # type: ignore[attr-defined]
    return found


def ui_languages(organization: Organization | None) -> list[str]:
    """The languages the language switch offers: those of the UI (settings.LANGUAGES, a catalogue each)
    that the organization keeps its content in (its `languages`, else its working languages, as
    `queries.content_languages`), English always, and the language the page is in; every UI language
    while no organization is configured."""
    used = set(organization.languages or organization.working_languages) if organization else None
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    return [code for code, _name in settings.LANGUAGES
            if used is None or code in used or code in ("en", current)]


def accord(request: HttpRequest) -> dict[str, Any]:
    organization = organization_for(request)
    viewer = viewer_for(request)
    return {"organization": organization, "viewer": viewer, "ui_languages": ui_languages(organization),
            # The menu's "Administration" entry, for those the administration pages serve.
            "may_administer": policies.administers_something(viewer),
            # The log's size the page was read at, where the request read it (with its session, or for its
            # tag; no query of its own): the page's live stream begins there, and no act committed since is missed.
            "log_size": sessions.size_read(request)}
