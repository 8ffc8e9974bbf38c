"""How each meetings act is replayed from the log (see accord.core.replay).

A body names parts, items, statements and bilateral meetings by their natural keys (a part's or an item's
number in its session, a speaker's order, a meeting's slot). The replay finds them whatever the actor may
see (it rebuilds the whole state, as the console); the action then judges the act as it did. A text in
the organization's languages is read with `legacy_texts`, so that entries written as `title_en`/`title_ru`
pairs, before content followed the charter's languages, replay as they did.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from accord.core import policy, replay
from accord.core.errors import NotFound
from accord.core.translations import legacy_texts
from accord.core.values import instant_of
from accord.meetings import actions
from accord.meetings.models import AgendaItem, Bilateral, Part, Session, Statement

Body = Mapping[str, Any]


def _pk(found: Any, what: str) -> int:
    if found is None:
        raise NotFound(what, "the replayed state has none by that key")
    return int(found)


def _part(b: Body) -> int:
    return _pk(Part.objects.filter(session_id=b["session"], number=b["part"]).values_list("pk", flat=True)
               .first(), "part")


def _item(b: Body) -> int:
    return _pk(AgendaItem.objects.filter(session_id=b["session"], number=b["item"]).values_list("pk", flat=True)
               .first(), "item")


def _item_if_any(b: Body) -> int | None:
    return None if b.get("item") is None else _item(b)


def _statement(b: Body) -> int:
    return _pk(Statement.objects.filter(part__session_id=b["session"], part__number=b["part"], order=b["order"])
               .values_list("pk", flat=True).first(), "statement")


def _bilateral(b: Body) -> int:
    return _pk(Bilateral.objects.filter(session_id=b["session"], requester_id=b["requester"],
                                        counterpart_id=b["counterpart"],
                                        starts_at=instant_of(b["starts_at"], "starts_at") or "")
               .values_list("pk", flat=True).first(), "bilateral")


def _participants(st: Mapping[str, Any]) -> list[str]:
    """A participants-only session's members, as the statement's audience names them (with the secretariat)."""
    return [code for code in st.get("audience", []) if code != policy.SECRETARIAT]


replay.declare("meetings.session_convened", lambda a, s, b, st: actions.convene_session(
    actor=a, signed=s, body=b["body"], title=legacy_texts(b, "title"), kind=b["kind"], mode=b["mode"],
    starts_on=b["starts_on"], ends_on=b["ends_on"], place=legacy_texts(b, "place"), host=b["host"],
    chair=b["chair"], requested_by=b["requested_by"], classification=st["classification"],
    participants=_participants(st), note=legacy_texts(b, "note")))
replay.declare("meetings.part_added", lambda a, s, b, st: actions.add_part(
    actor=a, signed=s, session=b["session"], kind=b["kind"], is_open=b["open"], title=legacy_texts(b, "title"),
    starts_at=b["starts_at"], ends_at=b["ends_at"], participants=b.get("participants")))
replay.declare("meetings.closed_part_published", lambda a, s, b, st: actions.publish_closed_part(
    actor=a, signed=s, part=b["part"], topic=b["topic"], reported=b["reported"]))
replay.declare("meetings.item_added", lambda a, s, b, st: actions.add_agenda_item(
    actor=a, signed=s, session=b["session"], title=legacy_texts(b, "title"),
    part=None if b["part"] is None else _part(b), references=b["references"]))
replay.declare("meetings.agenda_agreed", lambda a, s, b, st: actions.agree_agenda(
    actor=a, signed=s, session=b["session"]))
replay.declare("meetings.session_opened", lambda a, s, b, st: actions.open_session(
    actor=a, signed=s, session=b["session"]))
replay.declare("meetings.item_taken_up", lambda a, s, b, st: actions.take_up_item(
    actor=a, signed=s, item=_item(b)))
replay.declare("meetings.outcome_recorded", lambda a, s, b, st: actions.record_outcome(
    actor=a, signed=s, item=_item(b), outcome=b["outcome"], note=legacy_texts(b, "note")))
replay.declare("meetings.session_closed", lambda a, s, b, st: actions.close_session(
    actor=a, signed=s, session=b["session"]))
replay.declare("meetings.attendance_recorded", lambda a, s, b, st: actions.record_attendance(
    actor=a, signed=s, part=_part(b), member=b["member"], presence=b["presence"],
    represented_by=legacy_texts(b, "represented_by"), reason=b.get("reason") or {}))
replay.declare("meetings.speaker_inscribed", lambda a, s, b, st: actions.inscribe_speaker(
    actor=a, signed=s, part=_part(b), delegation=b["delegation"], speaker=b.get("person"),
    speaker_name=legacy_texts(b, "speaker"), item=_item_if_any(b)))
replay.declare("meetings.statement_delivered", lambda a, s, b, st: actions.deliver_statement(
    actor=a, signed=s, statement=_statement(b), language=b["language"], text=b["text"],
    summary=legacy_texts(b, "summary")))
def _asked(body: Body, stored: Body) -> str:
    """What the delegations asked for: the entry records it never more open than the session, so a meeting
    asked for as public in a members-only session is a members-only entry. An entry as open as the session,
    with the session's audience, was asked for as public; any other was asked for its participants. (A
    session open only to the two delegations themselves reads the same either way, and replays as public.)"""
    session = Session.objects.filter(pk=body["session"]).first()
    if session is None:
        raise NotFound("session", "the replayed state has none by that key")
    if stored["classification"] == policy.PUBLIC or (
            stored["classification"] == session.classification
            and sorted(stored.get("audience") or ()) == sorted(session.audience or ())):
        return policy.PUBLIC
    return policy.PARTICIPANTS


replay.declare("meetings.bilateral_requested", lambda a, s, b, st: actions.request_bilateral(
    actor=a, signed=s, session=b["session"], counterpart=b["counterpart"], starts_at=b["starts_at"],
    ends_at=b["ends_at"], requester=b["requester"], place=legacy_texts(b, "place"),
    classification=_asked(b, st)))
replay.declare("meetings.bilateral_answered", lambda a, s, b, st: actions.answer_bilateral(
    actor=a, signed=s, bilateral=_bilateral(b), accept=b["state"] == "confirmed"))
replay.declare("meetings.floor_given", lambda a, s, b, st: actions.give_floor(
    actor=a, signed=s, statement=_statement(b), seconds=b["seconds"]))
replay.declare("meetings.floor_ended", lambda a, s, b, st: actions.end_floor(
    actor=a, signed=s, statement=_statement(b)))
replay.declare("meetings.minutes_circulated", lambda a, s, b, st: actions.circulate_minutes(
    actor=a, signed=s, session=b["session"], comments_until=b["comments_until"]))
replay.declare("meetings.minutes_commented", lambda a, s, b, st: actions.comment_on_minutes(
    actor=a, signed=s, session=b["session"], text=b["text"]))
replay.declare("meetings.minutes_approved", lambda a, s, b, st: actions.approve_minutes(
    actor=a, signed=s, session=b["session"]))
replay.declare("meetings.room_added", lambda a, s, b, st: actions.add_room(
    actor=a, signed=s, session=b["session"], name=b["name"]))


def _scheduled(b: Body) -> dict[str, Any]:
    """What a `meetings.scheduled` entry names: a part or an item by its number, a bilateral by its slot."""
    if b.get("part") is not None:
        return {"part": _part(b)}
    if b.get("item") is not None:
        return {"item": _item(b)}
    return {"bilateral": _bilateral({"session": b["session"], **b["bilateral"]})}


replay.declare("meetings.scheduled", lambda a, s, b, st: actions.schedule(
    actor=a, signed=s, session=b["session"], starts_at=b.get("starts_at"), ends_at=b.get("ends_at"),
    room=b["room"], **_scheduled(b)))
