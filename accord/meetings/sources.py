"""The meetings' own entries on the calendar: sessions and confirmed bilateral meetings, their titles and
places in the active language (the page's, or the one a feed was asked in)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from accord.core import provenance
from accord.core.calendar import Entry
from accord.core.policy import Viewer
from accord.meetings import queries
from accord.meetings.models import Bilateral, BilateralState


def sessions_and_bilaterals(viewer: Viewer, first: dt.date, last: dt.date) -> list[Entry]:
    found = [
        Entry(uid=f"session-{s.pk}@accord", title=f"{s.body_id}: {s.title.pick().text}", starts=s.starts_on,
              ends=s.ends_on,
              url=reverse("meetings:session", args=[s.pk]), kind=s.kind, place=s.place.pick().text,
              description=s.get_mode_display())
        for s in queries.sessions(viewer) if s.starts_on <= last and s.ends_on >= first
    ]
    found += [
        Entry(uid=f"bilateral-{b.pk}@accord", title=_titled(b), starts=b.starts_at, ends=b.ends_at,
              url=reverse("meetings:bilaterals", args=[b.session_id]), kind="bilateral", place=_where(b),
              description=provenance.mark(b.entry_seq, "starts_at", "ends_at"))
        for b in queries.bilaterals(viewer) if b.state == BilateralState.CONFIRMED
        and first <= b.starts_at.date() <= last
    ]
    return found


def _titled(meeting: Bilateral) -> str:
    """The meeting's title, its slot's certainty beside it where the slot is not a fact (an illustrative time)."""
    title = f"{meeting.requester.name} – {meeting.counterpart.name}"
    marked = provenance.label(meeting.entry_seq, "starts_at", "ends_at")
    return f"{title} ({marked})" if marked else title


def _where(meeting: Bilateral) -> str:
    """A meeting's LOCATION in a feed: its room, then its place, in the active language."""
    room = meeting.room.name.pick().text if meeting.room is not None else ""
    return ", ".join(text for text in (room, meeting.place.pick().text) if text)
