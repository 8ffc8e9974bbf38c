"""Reading acts back from the log, as events and with their bodies where the viewer may see them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from accord.core import drill
from accord.core.events import Event
from accord.core.policy import Viewer, may_see
from accord.ledger.models import Entry, Sealed
from accord_verify import entries


def _event(entry: Entry, sealed: Sealed | None) -> Event:
    if sealed is not None:
        content = json.loads(sealed.content)
        stmt, member = content["statement"], sealed.member
    else:
        stmt, member = json.loads(entry.data)["statement"], entry.member
    return Event(
        id=entry.seq,
        type=entry.type,
        time=entry.time.isoformat(),
        classification=entry.classification,
        audience=tuple(stmt.get("audience", ())),
        actor=(stmt.get("actor") or {}).get("person"),
        member=member or None,
        body=stmt.get("body") or {},
    )


def event_for_entry(seq: int) -> Event:
    entry = Entry.objects.get(seq=seq)
    return _event(entry, Sealed.objects.filter(entry_id=seq).first())


def events_of(rows: Sequence[Entry]) -> list[Event]:
    """The acts of these entries, in their order, whole: give each to a viewer through `Event.for_viewer`."""
    sealed = Sealed.objects.in_bulk([row.seq for row in rows if row.classification != entries.PUBLIC])
    return [_event(row, sealed.get(row.seq)) for row in rows]


def in_scope(event: Event) -> bool:
    """Whether the event belongs to the scope read in (accord.core.drill): a drill's acts to its own pages, the
    real acts to the real pages (the dashboard's latest acts, a live stream's backlog)."""
    mark = event.body.get("drill")
    return (mark if isinstance(mark, int) and not isinstance(mark, bool) else None) == drill.current()


def _scoped(rows: Iterable[Entry], limit: int) -> list[Event]:
    """The first `limit` events of these entries that belong to the scope, read a batch at a time."""
    found: list[Event] = []
    batch: list[Entry] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            found += [event for event in events_of(batch) if in_scope(event)]
            batch = []
            if len(found) >= limit:
                return found[:limit]
    found += [event for event in events_of(batch) if in_scope(event)]
    return found[:limit]


BATCH = 200


def events_after(seq: int, limit: int = 500, before: int | None = None) -> list[Event]:
    """The acts after `seq` (and before `before`) in the scope read in, oldest first, at most `limit` of them:
    a page of what a live stream missed (Last-Event-ID)."""
    rows = Entry.objects.filter(seq__gt=seq)
    if before is not None:
        rows = rows.filter(seq__lt=before)
    return _scoped(rows.order_by("seq").iterator(BATCH), limit)


def latest_events(limit: int = 20) -> list[Event]:
    return _scoped(Entry.objects.order_by("-seq").iterator(BATCH), limit)


def sealed_content_for(viewer: Viewer, seq: int) -> dict[str, Any] | None:
    """What a non-public act's commitment hides, with its salt, for a viewer allowed to open it:
    {"salt", "content": {"member", "signatures", "statement"}}."""
    sealed = Sealed.objects.filter(entry_id=seq).first()
    if sealed is None or not may_see(viewer, sealed.classification, sealed.audience):
        return None
    return {"salt": sealed.salt, "content": json.loads(sealed.content)}
