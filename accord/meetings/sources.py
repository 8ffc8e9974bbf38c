"""The meetings' own entries on the calendar: sessions and confirmed bilateral meetings, their titles and
places in the active language (the page's, or the one a feed was asked in)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from accord.core import provenance
from accord.core.calendar import Entry
from accord.core.policy import Viewer
from accord.core.translations import Texts
from accord.meetings import queries
from accord.meetings.models import Bilateral, BilateralState, Room, Session


def sessions_and_bilaterals(viewer: Viewer, first: dt.date, last: dt.date) -> list[Entry]:
    sessions = [s for s in queries.sessions(viewer) if s.starts_on <= last and s.ends_on >= first]
    days = provenance.of_entries(s.entry_seq for s in sessions)  # their days' certainty, read at once
    found = [
        Entry(uid=f"session-{s.pk}@accord", title=_session_title(s, days), starts=s.starts_on,
              ends=s.ends_on,
              url=reverse("meetings:session", args=[s.pk]), kind=s.kind, place=s.place.pick().text,
              description=_described(s, days))
        for s in sessions
    ]
    meetings = [b for b in queries.bilaterals(viewer) if b.state == BilateralState.CONFIRMED
                and first <= b.starts_at.date() <= last]
    known = provenance.of_entries(b.entry_seq for b in meetings)  # their slots' certainty, read at once
    found += [
        Entry(uid=f"bilateral-{b.pk}@accord", title=_titled(b, known), starts=b.starts_at, ends=b.ends_at,
              url=reverse("meetings:bilaterals", args=[b.session_id]), kind="bilateral", place=_where(b),
              description=provenance.mark(b.entry_seq, "starts_at", "ends_at", known=known))
        for b in meetings
    ]
    return found


def session_timetable(viewer: Viewer, session_id: int, *, bilaterals: bool = True) -> list[Entry]:
    """The session's timed parts and agenda items (and, unless already listed, its confirmed bilateral
    meetings) as the viewer may see them, each an event at its instants, with its room and the session's
    place; a session the viewer may not see has none (NotFound is left to the caller)."""
    view = queries.session_view(viewer, session_id)
    session = view.session
    url = reverse("meetings:session", args=[session.pk])
    place = session.place.pick().text
    rooms = {room.pk: room.name.pick().text for room in Room.objects.filter(session=session)}

    def where(room: int | None) -> str:
        return ", ".join(text for text in (rooms.get(room or 0, ""), place) if text)

    found = []
    for shown in view.parts:
        part = shown.part
        if part.starts_at and part.ends_at:
            title = part.title.pick().text or str(part.get_kind_display())
            found.append(Entry(uid=f"part-{part.pk}@accord", title=f"{session.title.pick().text}: {title}",
                               starts=part.starts_at, ends=part.ends_at, url=url, kind="part",
                               place=where(part.room_id)))
    for seen in view.items:
        item = seen.item
        if item.starts_at and item.ends_at:
            found.append(Entry(uid=f"item-{item.pk}@accord",
                               title=f"{session.title.pick().text}: {item.number}. {item.title.pick().text}",
                               starts=item.starts_at, ends=item.ends_at, url=url, kind="item",
                               place=where(item.room_id)))
    if bilaterals:
        found += [Entry(uid=f"bilateral-{b.pk}@accord", title=_titled(b),
                        starts=b.starts_at, ends=b.ends_at, url=reverse("meetings:bilaterals", args=[session.pk]),
                        kind="bilateral", place=_where(b))
                  for b in view.bilaterals if b.state == BilateralState.CONFIRMED]
    return found


def timed_parts(viewer: Viewer, first: dt.date, last: dt.date) -> list[Entry]:
    """Every visible session's timed parts and items between these days, for a person's feed (its
    bilateral meetings are there already, from `sessions_and_bilaterals`)."""
    return [entry for s in queries.sessions(viewer) if s.starts_on <= last and s.ends_on >= first
            for entry in session_timetable(viewer, s.pk, bilaterals=False)]
def _session_title(session: Session, known: provenance.Known | None = None) -> str:
    """A session's title in the active language, led by its body's name (in the same language) unless the
    title already names the body in some language the organization keeps (a Russian title names it in
    the genitive, so the English one says so for both); its days' certainty beside it where they are not a
    fact (an illustrative day; `known`: the provenance of the list's sessions, read at once)."""
    title: str = session.title.pick().text
    names = Texts.of(session.body.name)
    if not any(name.casefold() in session.title.get(code, "").casefold() for code, name in names.items() if name):
        title = f"{names.pick().text}: {title}" if names else title
    marked = provenance.label(session.entry_seq, "starts_on", "ends_on", known=known)
    return f"{title} ({marked})" if marked else title


def _described(session: Session, known: provenance.Known | None = None) -> str:
    """A session's DESCRIPTION in a feed: how it meets, and its days' mark with its note where they are not
    a fact."""
    marked = provenance.mark(session.entry_seq, "starts_on", "ends_on", known=known)
    mode = str(session.get_mode_display())
    return f"{mode}. {marked[:1].upper()}{marked[1:]}" if marked else mode


def _titled(meeting: Bilateral, known: provenance.Known | None = None) -> str:
    """The meeting's title, its slot's certainty beside it where the slot is not a fact (an illustrative time;
    `known`: the provenance of the list's meetings, read at once)."""
    title = f"{meeting.requester.name} – {meeting.counterpart.name}"
    marked = provenance.label(meeting.entry_seq, "starts_at", "ends_at", known=known)
    return f"{title} ({marked})" if marked else title


def _where(meeting: Bilateral) -> str:
    """A meeting's LOCATION in a feed: its room, then its place, in the active language."""
    room = meeting.room.name.pick().text if meeting.room is not None else ""
    return ", ".join(text for text in (room, meeting.place.pick().text) if text)
