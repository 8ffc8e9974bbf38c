"""The text of a session's minutes as a hash binds it: everything they record, in every language, canonical.

Approving the minutes writes this text's SHA-256 into the act (`meetings.minutes_approved`), so the minutes
are fixed: the page computes it again and says whether the record still reads as approved. The text is
the canonical JSON (RFC 8785) of the session's agenda, outcomes, attendance and delivered statements, each
with the ledger entry that recorded it; it is the whole record, as the Secretariat keeps it.
"""

from __future__ import annotations

import hashlib
from typing import Any

import rfc8785

from accord.meetings.models import AgendaItem, Attendance, Part, Session, Statement


def minutes_record(session: Session) -> dict[str, Any]:
    """What the minutes of `session` record, as plain data."""
    parts = Part.objects.filter(session=session).order_by("number")
    return {
        "session": session.pk,
        "title": dict(session.title),
        "items": [{"number": i.number, "title": dict(i.title), "outcome": i.outcome,
                   "note": dict(i.outcome_note), "entry": i.outcome_seq}
                  for i in AgendaItem.objects.filter(session=session).order_by("number")],
        "parts": [{
            "number": p.number, "title": dict(p.title), "open": p.is_open,
            "attendance": [{"member": a.member_id, "presence": a.presence, "entry": a.entry_seq}
                           for a in Attendance.objects.filter(part=p).order_by("member_id")],
            "statements": [{"order": s.order, "delegation": s.delegation_id, "speaker": dict(s.speaker_name),
                            "language": s.language, "text": s.text, "summary": dict(s.summary),
                            "entry": s.delivered_seq}
                           for s in Statement.objects.filter(part=p, delivered=True).order_by("order")],
        } for p in parts],
    }


def minutes_hash(session: Session) -> str:
    return hashlib.sha256(rfc8785.dumps(minutes_record(session))).hexdigest()
