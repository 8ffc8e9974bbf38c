"""Reading acts back from the log, as events and with their bodies where the viewer may see them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

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


def _scoped(rows: QuerySet[Entry], limit: int, newest_first: bool) -> list[Event]:
    """The first `limit` events of these entries (oldest first, or newest first) that belong to the scope.

    Read a page at a time, each a query with LIMIT (the next page: the entries past the last one read).
    Not a cursor over the whole log: PostgreSQL's cursor outside a transaction (WITH HOLD) reads every row
    to its end before the first is returned, which made the dashboard, the busiest page under load
    (reliability/check_load.py), read the whole log on every view; and the first page holds `limit` entries,
    not a batch of 200 decoded for the 15 the dashboard shows.
    """
    found: list[Event] = []
    size = limit
    while True:
        page = list(rows[:size])
        found += [event for event in events_of(page) if in_scope(event)]
        if len(found) >= limit or len(page) < size:
            return found[:limit]
        last = page[-1].seq
        rows = rows.filter(seq__lt=last) if newest_first else rows.filter(seq__gt=last)
        size = BATCH


BATCH = 200


def events_after(seq: int, limit: int = 500, before: int | None = None) -> list[Event]:
    """The acts after `seq` (and before `before`) in the scope read in, oldest first, at most `limit` of them:
    a page of what a live stream missed (Last-Event-ID)."""
    rows = Entry.objects.filter(seq__gt=seq)
    if before is not None:
        rows = rows.filter(seq__lt=before)
    return _scoped(rows.order_by("seq"), limit, newest_first=False)


def latest_events(limit: int = 20) -> list[Event]:
    return _scoped(Entry.objects.order_by("-seq"), limit, newest_first=True)


def sealed_content_for(viewer: Viewer, seq: int) -> dict[str, Any] | None:
    """What a non-public act's commitment hides, with its salt, for a viewer allowed to open it:
    {"salt", "content": {"member", "signatures", "statement"}}."""
    sealed = Sealed.objects.filter(entry_id=seq).first()
    if sealed is None or not may_see(viewer, sealed.classification, sealed.audience):
        return None
    return {"salt": sealed.salt, "content": json.loads(sealed.content)}


@dataclass(frozen=True)
class Signer:
    """Who signed an act's statement themselves (on their own machine or in their browser): the person the
    statement names as its actor, and the key that signed it."""

    person: str
    key: str


def signers_of(seqs: Sequence[int]) -> dict[int, Signer]:
    """The signer of each of these entries that carries its actor's signature, by entry: most acts are
    recorded under a sign-in and carry none. The caller shows only entries its viewer may see: a sealed
    entry's signature is read from what its commitment hides."""
    rows = list(Entry.objects.filter(seq__in=list(seqs)).only("seq", "classification", "data"))
    sealed = Sealed.objects.in_bulk([row.seq for row in rows if row.classification != entries.PUBLIC])
    found = {}
    for row in rows:
        opened = json.loads(sealed[row.seq].content) if row.seq in sealed else json.loads(row.data)
        lines = opened.get("signatures") or []
        if lines:
            person = ((opened.get("statement") or {}).get("actor") or {}).get("person") or ""
            found[row.seq] = Signer(person=str(person), key=str(lines[0]["key"]))
    return found
