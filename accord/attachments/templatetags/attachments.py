"""`{% attachments_card "session" session %}`: the files of a thing on the page that shows it.

A template tag, not an import: the meetings and documents pages stand below the attachments in the layers,
so they name the card in their templates and the attachments app draws it with its own queries.
"""

from __future__ import annotations

from typing import Any

from django import template

from accord.attachments import policies, queries
from accord.attachments.panels import card_context
from accord.core.errors import NotFound
from accord.core.pages import viewer_of
from accord.documents.models import Document
from accord.meetings.models import Session

register = template.Library()


@register.inclusion_tag("attachments/partials/card.html", takes_context=True)
def attachments_card(context: template.Context, on: str, thing: int | Session | Document) -> dict[str, Any]:
    """`thing` is the session or document the page has found for its reader already (not read again), or the
    number of the thing, found here through the access policy."""
    request = context["request"]
    viewer = viewer_of(request)
    if isinstance(thing, Session):
        found = queries.of_session(thing)
    elif isinstance(thing, Document):
        found = queries.of_document(thing)
    else:
        try:
            found = queries.target(viewer, on, thing)
        except NotFound:
            return {"hidden": True}
    return {**card_context(viewer, found), "request": request, "csrf_token": context.get("csrf_token")}


@register.simple_tag(takes_context=True)
def attachment_count(context: template.Context, on: str, pk: int) -> int:
    """How many files a thing the page shows has (the page has already shown the thing to its reader)."""
    return queries.counts(viewer_of(context["request"]), on, [pk]).get(pk, 0)


@register.simple_tag(takes_context=True)
def item_files(context: template.Context, session: Session, items: list[Any]) -> dict[str, Any]:
    """What an agenda shows of its items' files: how many each item the page lists has (`counts`, read at
    once), and whether the reader may attach files to them (`may_attach`: as to the session they belong to)."""
    viewer = viewer_of(context["request"])
    return {"counts": queries.counts(viewer, "item", [shown.item.pk for shown in items]),
            "may_attach": policies.attaches(viewer, queries.of_session(session))}
