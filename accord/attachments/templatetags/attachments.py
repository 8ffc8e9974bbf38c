"""`{% attachments_card "session" session.pk %}`: the files of a thing on the page that shows it.

A template tag, not an import: the meetings and documents pages stand below the attachments in the layers,
so they name the card in their templates and the attachments app draws it with its own queries.
"""

from __future__ import annotations

from typing import Any

from django import template

from accord.attachments import queries
from accord.attachments.panels import card_context
from accord.core.errors import NotFound
from accord.core.pages import viewer_of

register = template.Library()


@register.inclusion_tag("attachments/partials/card.html", takes_context=True)
def attachments_card(context: template.Context, on: str, pk: int) -> dict[str, Any]:
    request = context["request"]
    viewer = viewer_of(request)
    try:
        found = queries.target(viewer, on, pk)
    except NotFound:
        return {"hidden": True}
    return {**card_context(viewer, found), "request": request, "csrf_token": context.get("csrf_token")}


@register.simple_tag(takes_context=True)
def attachment_count(context: template.Context, on: str, pk: int) -> int:
    """How many files a thing the page shows has (the page has already shown the thing to its reader)."""
    return queries.counts(viewer_of(context["request"]), on, [pk]).get(pk, 0)
