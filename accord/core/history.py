"""Reading acts back from the log, as events and with their bodies where the viewer may see them."""

from __future__ import annotations

import json
from typing import Any

from accord.core.events import Event
from accord.core.policy import Viewer, may_see
from accord.ledger import entries
from accord.ledger.models import Entry, Sealed


def _event(entry: Entry, sealed: Sealed | None) -> Event:
    data = json.loads(entry.data)
    stmt = data["statement"]
    if sealed is not None:
        body = json.loads(sealed.body)
        audience = tuple(sealed.audience)
    else:
        body = stmt.get("body") or {}
        audience = tuple(stmt.get("audience", ()))
    return Event(
        id=entry.seq,
        type=entry.type,
        time=entry.time.isoformat(),
        classification=entry.classification,
        audience=audience,
        actor=stmt["actor"]["person"],
        member=entry.member or None,
        body=body,
    )


def event_for_entry(seq: int) -> Event:
    entry = Entry.objects.get(seq=seq)
    return _event(entry, Sealed.objects.filter(entry_id=seq).first())


def events_after(seq: int, limit: int = 500) -> list[Event]:
    """The acts after `seq`, oldest first, for a live stream that reconnects (Last-Event-ID)."""
    rows = list(Entry.objects.filter(seq__gt=seq).order_by("seq")[:limit])
    sealed = Sealed.objects.in_bulk([row.seq for row in rows if row.classification != entries.PUBLIC])
    return [_event(row, sealed.get(row.seq)) for row in rows]


def latest_events(limit: int = 20) -> list[Event]:
    rows = list(Entry.objects.order_by("-seq")[:limit])
    sealed = Sealed.objects.in_bulk([row.seq for row in rows if row.classification != entries.PUBLIC])
    return [_event(row, sealed.get(row.seq)) for row in rows]


def sealed_content_for(viewer: Viewer, seq: int) -> dict[str, Any] | None:
    """The salt and body of a non-public act, for a viewer allowed to check its commitment."""
    sealed = Sealed.objects.filter(entry_id=seq).first()
    if sealed is None or not may_see(viewer, sealed.classification, sealed.audience):
        return None
    return {"salt": sealed.salt, "body": json.loads(sealed.body)}
