"""Reads of attachments, each given the viewer: an attachment is as visible as what it is attached to, so
one on a closed part's item, like the item itself, is missing for whoever may not see the part."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from accord.attachments.models import Attachment, On
from accord.core.errors import NotFound
from accord.core.policy import Viewer
from accord.documents import queries as documents
from accord.documents.models import Document
from accord.meetings import classify
from accord.meetings import queries as meetings
from accord.meetings.models import AgendaItem, Session


@dataclass(frozen=True)
class Target:
    """What a file is attached to, with the classification the attachment inherits from it."""

    on: str
    pk: int
    title: Any  # the thing's Texts
    classification: str
    audience: tuple[str, ...]
    session: Session | None = None  # the session, or the item's: who runs it may attach to it
    item: AgendaItem | None = None
    document: Document | None = None


def _pk(value: int | str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def target(viewer: Viewer | None, on: str, pk: int | str) -> Target:
    """The session, item or document, or NotFound (named after the kind of thing asked for) when it is
    missing or the viewer may not see it. No viewer is the server's console, which sees everything."""
    number = _pk(pk)
    if on == On.SESSION:
        return of_session(meetings.session(viewer, number) if viewer is not None
                          else _or_missing("session", Session.objects.filter(pk=number).first()))
    if on == On.ITEM:
        if viewer is not None:
            item = meetings.item(viewer, number).item
        else:
            rows = AgendaItem.objects.select_related("session", "part")
            item = _or_missing("item", rows.filter(pk=number).first())
        applies = classify.of_item(item)
        return Target(on, item.pk, item.title, applies.classification, applies.audience, session=item.session,
                      item=item)
    if on == On.DOCUMENT:
        return of_document(documents.document(viewer, number) if viewer is not None
                           else _or_missing("document", Document.objects.filter(pk=number).first()))
    raise NotFound("on")


def of_session(session: Session) -> Target:
    """A session as the thing files are attached to: one its page has found for its reader already."""
    applies = classify.of_session(session)
    return Target(On.SESSION, session.pk, session.title, applies.classification, applies.audience,
                  session=session)


def of_document(document: Document) -> Target:
    """A document as the thing files are attached to: one its page has found for its reader already."""
    return Target(On.DOCUMENT, document.pk, document.title, document.classification, tuple(document.audience),
                  document=document)


def _or_missing(field: str, found: Any) -> Any:
    if found is None:
        raise NotFound(field)
    return found


def attachments(viewer: Viewer, on: str, pk: int | str) -> list[Attachment]:
    """The files attached to the thing and not withdrawn, oldest first; NotFound as for the thing."""
    return files_of(target(viewer, on, pk))


def files_of(found: Target) -> list[Attachment]:
    """The files attached to a thing found for its reader already, not withdrawn, oldest first."""
    return list(Attachment.objects.filter(on=found.on, target=found.pk, withdrawn_seq__isnull=True))


def file_ids_of(found: Target) -> list[int]:
    """The ids of the files attached to a thing found for its reader already, not withdrawn, oldest first: one
    light query, for a list served a page at a time (only the page's files are then read, by `files_by_id`)."""
    return list(Attachment.objects.filter(on=found.on, target=found.pk, withdrawn_seq__isnull=True)
                .values_list("pk", flat=True))


def files_by_id(ids: list[int]) -> list[Attachment]:
    """These attachments, in the order of `ids` (already the reader's)."""
    rows = {row.pk: row for row in Attachment.objects.filter(pk__in=ids)}
    return [rows[pk] for pk in ids if pk in rows]


def counts(viewer: Viewer, on: str, pks: list[int]) -> dict[int, int]:
    """How many files are attached to each of these things (which the caller has shown to the viewer)."""
    del viewer  # the caller lists only what the viewer sees; kept so that every read names its reader
    tally: dict[int, int] = {}
    for target_pk in Attachment.objects.filter(on=on, target__in=pks, withdrawn_seq__isnull=True).values_list(
            "target", flat=True):
        tally[target_pk] = tally.get(target_pk, 0) + 1
    return tally


def attachment(viewer: Viewer | None, pk: int | str) -> tuple[Attachment, Target]:
    """The attachment with what it is attached to, or NotFound("attachment") when it is missing, withdrawn
    or on something the viewer may not see (all three look the same)."""
    found = Attachment.objects.filter(pk=_pk(pk), withdrawn_seq__isnull=True).first()
    if found is None:
        raise NotFound("attachment")
    try:
        return found, target(viewer, found.on, found.target)
    except NotFound:
        raise NotFound("attachment") from None
