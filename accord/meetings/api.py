"""The meetings API under /api/v1/meetings; a session one may not see is missing, like one that is not there.

Handlers are thin: each write is one action, which fetches what it names as the caller may see it and
asks accord.meetings.policies whether the caller may act, as the pages do.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status
from ninja.security import django_auth

from accord.core import paging, provenance
from accord.core import signed as signed_acts
from accord.core.acting import Actor
from accord.core.inputs import Id
from accord.core.policy import viewer_of
from accord.meetings import actions, minutes, queries, signing
from accord.meetings.classify import of_bilateral, of_session
from accord.meetings.models import Bilateral, Session
from accord.meetings.schemas import (
    AttendanceIn,
    BilateralAnswerIn,
    BilateralIn,
    BilateralOut,
    ClosedPartPublishedIn,
    DeliveryIn,
    FloorIn,
    ItemIn,
    MinutesCirculateIn,
    MinutesCommentIn,
    MinutesOut,
    OutcomeIn,
    PartIn,
    RoomIn,
    ScheduleIn,
    SessionIn,
    SessionOut,
    SessionSummary,
    SpeakerIn,
    TimetableOut,
    classified,
)

router = Router(tags=["meetings"])


def _actor(request: HttpRequest) -> Actor:
    return Actor(person=request.user)  # type: ignore[arg-type]


def summary_of(session: Session, known: provenance.Known | None = None) -> dict[str, Any]:
    return {
        "id": session.pk, "body": session.body_id, "title": session.title, "kind": session.kind,
        "mode": session.mode, "place": session.place, "note": session.note, "host": session.host_id,
        "chair": session.chair_id, "convened_by": session.convened_by, "requested_by": session.requested_by_id,
        "starts_on": session.starts_on, "ends_on": session.ends_on, "state": session.state,
        "classified": classified(of_session(session)),
        "provenance": provenance.for_api(session.entry_seq, known),
    }


def bilateral_of(b: Bilateral, known: provenance.Known | None = None) -> dict[str, Any]:
    return {"id": b.pk, "session": b.session_id, "requester": b.requester_id, "counterpart": b.counterpart_id,
            "starts_at": b.starts_at, "ends_at": b.ends_at, "place": b.place, "state": b.state,
            "classification": of_bilateral(b).classification, "provenance": provenance.for_api(b.entry_seq, known)}


def session_of(view: queries.SessionView) -> dict[str, Any]:
    # The provenance of the session's days, every part's report, every statement's summary and every bilateral
    # in one query, not one each.
    known = provenance.of_entries([view.session.entry_seq, *(p.part.published_seq for p in view.parts),
                                   *(s.delivered_seq for p in view.parts for s, _ in p.statements),
                                   *(b.entry_seq for b in view.bilaterals)])
    data = summary_of(view.session, known)
    data.update({
        "agenda_agreed_seq": view.session.agenda_agreed_seq,
        "current_item": view.current.item.number if view.current else None,
        "items": [{"id": v.item.pk, "number": v.item.number,
                   "part": v.item.part.number if v.item.part else None, "title": v.item.title,
                   "references": v.item.references, "outcome": v.item.outcome,
                   "outcome_note": v.item.outcome_note, "classified": classified(v.applies)} for v in view.items],
        "parts": [{
            "id": p.part.pk, "number": p.part.number, "kind": p.part.kind, "open": p.part.is_open,
            "title": p.part.title, "starts_at": p.part.starts_at,
            "ends_at": p.part.ends_at, "classified": classified(p.applies), "content_visible": p.visible,
            "statements": [{"id": s.pk, "order": s.order, "delegation": s.delegation_id, "speaker": s.speaker_name,
                            "delivered": s.delivered, "language": s.language, "text": s.text,
                            "summary": s.summary, "floor_at": s.floor_at, "floor_seconds": s.floor_seconds,
                            "floor_ended_at": s.floor_ended_at, "classified": classified(a),
                            "provenance": provenance.for_api(s.delivered_seq, known)} for s, a in p.statements],
            "attendance": [{"member": a.member_id, "presence": a.presence, "represented_by": a.represented_by,
                            "reason": a.reason}
                           for a in p.attendance],
            "announced_topic": p.part.announced_topic, "public_report": p.part.public_report,
            "provenance": provenance.for_api(p.part.published_seq, known),
        } for p in view.parts],
        "bilaterals": [bilateral_of(b, known) for b in view.bilaterals],
    })
    return data


def _view(request: HttpRequest, session_id: int) -> dict[str, Any]:
    return session_of(queries.session_view(viewer_of(request.user), session_id, names=False))


@router.get("/sessions", response=list[SessionSummary],
            summary="Sessions the viewer may see, earliest first, a page at a time",
            description=paging.described("sessions"))
def sessions(request: HttpRequest, response: HttpResponse, limit: paging.Limit = paging.API_LIMIT,
             offset: paging.Offset = 0) -> list[dict[str, Any]]:
    listed = queries.listed_sessions(viewer_of(request.user))
    found = queries.sessions_by_id([s.pk for s in listed[paging.window(request, response, len(listed), offset,
                                                                       limit)]])
    known = provenance.of_entries(s.entry_seq for s in found)  # their days' certainty, read at once
    return [summary_of(s, known) for s in found]


@router.get("/sessions/{session_id}", response=SessionOut,
            summary="A session with its parts, agenda, statements, attendance and bilateral meetings")
def session(request: HttpRequest, session_id: Id) -> dict[str, Any]:
    return _view(request, session_id)


@router.post("/sessions", response={201: SessionOut}, auth=django_auth,
             summary="Convene a session (the chair or the secretariat)")
def convene(request: HttpRequest, payload: SessionIn) -> Status[dict[str, Any]]:
    found = actions.convene_session(actor=_actor(request), **payload.dict())
    return Status(201, _view(request, found.pk))


@router.post("/sessions/{session_id}/parts", response={201: SessionOut}, auth=django_auth,
             summary="Add the session's next part, open or closed")
def add_part(request: HttpRequest, session_id: Id, payload: PartIn) -> Status[dict[str, Any]]:
    actions.add_part(actor=_actor(request), session=session_id, **payload.dict())
    return Status(201, _view(request, session_id))


@router.post("/sessions/{session_id}/items", response={201: SessionOut}, auth=django_auth,
             summary="Add an item to the draft agenda")
def add_item(request: HttpRequest, session_id: Id, payload: ItemIn) -> Status[dict[str, Any]]:
    actions.add_agenda_item(actor=_actor(request), session=session_id, **payload.dict())
    return Status(201, _view(request, session_id))


@router.post("/sessions/{session_id}/agenda/agree", response=SessionOut, auth=django_auth,
             summary="Agree the agenda beforehand (an act; the items are fixed from then on)")
def agree(request: HttpRequest, session_id: Id) -> dict[str, Any]:
    actions.agree_agenda(actor=_actor(request), session=session_id)
    return _view(request, session_id)


@router.post("/sessions/{session_id}/open", response=SessionOut, auth=django_auth, summary="Open the session")
def open_(request: HttpRequest, session_id: Id) -> dict[str, Any]:
    actions.open_session(actor=_actor(request), session=session_id)
    return _view(request, session_id)


@router.post("/sessions/{session_id}/close", response=SessionOut, auth=django_auth, summary="Close the session")
def close(request: HttpRequest, session_id: Id) -> dict[str, Any]:
    actions.close_session(actor=_actor(request), session=session_id)
    return _view(request, session_id)


@router.post("/items/{item_id}/take-up", response=SessionOut, auth=django_auth,
             summary="The chair moves the session to this item")
def take_up(request: HttpRequest, item_id: Id) -> dict[str, Any]:
    taken = actions.take_up_item(actor=_actor(request), item=item_id)
    return _view(request, taken.session_id)


@router.post("/items/{item_id}/outcome", response=SessionOut, auth=django_auth,
             summary="Record the item's outcome: adopted, returned, withdrawn or noted")
def outcome(request: HttpRequest, item_id: Id, payload: OutcomeIn) -> dict[str, Any]:
    recorded = actions.record_outcome(actor=_actor(request), item=item_id, **payload.dict())
    return _view(request, recorded.session_id)


@router.post("/parts/{part_id}/attendance", response={201: SessionOut}, auth=django_auth,
             summary="Record a delegation's attendance at a part (absence is never an objection)")
def attend(request: HttpRequest, part_id: Id, payload: AttendanceIn) -> Status[dict[str, Any]]:
    row = actions.record_attendance(actor=_actor(request), part=part_id, **payload.dict())
    return Status(201, _view(request, row.part.session_id))


@router.post("/parts/{part_id}/published", response={201: SessionOut}, auth=django_auth,
             summary="Publish a closed part's announced topic and what was reported publicly from it, with "
                     "sources")
def publish_closed_part(request: HttpRequest, part_id: Id,
                        payload: ClosedPartPublishedIn) -> Status[dict[str, Any]]:
    with provenance.given(payload.provenance):
        part = actions.publish_closed_part(actor=_actor(request), part=part_id, topic=payload.topic,
                                           reported=payload.reported)
    return Status(201, _view(request, part.session_id))


@router.post("/parts/{part_id}/speakers", response={201: SessionOut}, auth=django_auth,
             summary="Put a speaker on the part's list")
def inscribe(request: HttpRequest, part_id: Id, payload: SpeakerIn) -> Status[dict[str, Any]]:
    listed = actions.inscribe_speaker(actor=_actor(request), part=part_id, **payload.dict())
    return Status(201, _view(request, listed.part.session_id))


@router.post("/statements/{statement_id}/deliver", response=SessionOut, auth=django_auth,
             summary="Record a listed speaker's statement (text or summary)")
def deliver(request: HttpRequest, statement_id: Id, payload: DeliveryIn) -> dict[str, Any]:
    delivered = actions.deliver_statement(actor=_actor(request), statement=statement_id, **payload.dict())
    return _view(request, delivered.part.session_id)


@router.post("/statements/{statement_id}/floor", response=SessionOut, auth=django_auth,
             summary="Give the floor to a listed speaker for a speaking time (the chair or the secretariat)")
def give_floor(request: HttpRequest, statement_id: Id, payload: FloorIn) -> dict[str, Any]:
    given = actions.give_floor(actor=_actor(request), statement=statement_id, **payload.dict())
    return _view(request, given.part.session_id)


@router.post("/statements/{statement_id}/floor/end", response=SessionOut, auth=django_auth,
             summary="End the time of the speaker who has the floor")
def end_floor(request: HttpRequest, statement_id: Id) -> dict[str, Any]:
    ended = actions.end_floor(actor=_actor(request), statement=statement_id)
    return _view(request, ended.part.session_id)


def _minutes(request: HttpRequest, session_id: int) -> dict[str, Any]:
    standing = queries.minutes_of(queries.session_view(viewer_of(request.user), session_id))
    found = standing.record
    return {
        "session": session_id, "state": standing.state,
        "comments_until": found.comments_until if found else None,
        "circulated_entry": found.circulated_seq if found else None,
        "approved_at": found.approved_at if found else None,
        "approved_entry": found.approved_seq if found else None,
        "text_sha256": found.text_hash if found else "", "holds": standing.holds,
        "comments": [{"author": c.author_name, "member": c.member_id, "text": c.text, "made_at": c.made_at,
                      "entry": c.entry_seq} for c in standing.comments],
    }


@router.get("/sessions/{session_id}/minutes", response=MinutesOut,
            summary="Where the session's minutes stand: draft, circulated for comments, or approved")
def minutes_state(request: HttpRequest, session_id: Id) -> dict[str, Any]:
    return _minutes(request, session_id)


@router.post("/sessions/{session_id}/minutes/circulate", response=MinutesOut, auth=django_auth,
             summary="Circulate a closed session's minutes to its participants for comments, until a deadline")
def circulate_minutes(request: HttpRequest, session_id: Id, payload: MinutesCirculateIn) -> dict[str, Any]:
    actions.circulate_minutes(actor=_actor(request), session=session_id, **payload.dict())
    return _minutes(request, session_id)


@router.post("/sessions/{session_id}/minutes/comments", response={201: MinutesOut}, auth=django_auth,
             summary="Comment on circulated minutes (a participant, before the deadline)")
def comment_on_minutes(request: HttpRequest, session_id: Id, payload: MinutesCommentIn) -> Status[dict[str, Any]]:
    actions.comment_on_minutes(actor=_actor(request), session=session_id, **payload.dict())
    return Status(201, _minutes(request, session_id))


@router.post("/sessions/{session_id}/minutes/approve", response=MinutesOut, auth=django_auth,
             summary="Approve the minutes after the comment deadline; the act holds their text's hash")
def approve_minutes(request: HttpRequest, session_id: Id) -> dict[str, Any]:
    actions.approve_minutes(actor=_actor(request), session=session_id)
    return _minutes(request, session_id)


def _timetable(request: HttpRequest, session_id: int) -> dict[str, Any]:
    viewer = viewer_of(request.user)
    view, slots = queries.timetable_slots(viewer, session_id)
    return {"session": view.session.pk,
            "rooms": [{"number": r.number, "name": r.name} for r in queries.rooms(viewer, session_id)],
            "slots": [{"kind": s.kind, "title": s.title, "starts_at": s.starts_at, "ends_at": s.ends_at,
                       "room": s.room} for s in sorted(slots, key=lambda s: s.starts_at)]}


@router.get("/sessions/{session_id}/timetable", response=TimetableOut,
            summary="The session's rooms and its timed parts, items and bilateral meetings the viewer may see")
def timetable(request: HttpRequest, session_id: Id) -> dict[str, Any]:
    return _timetable(request, session_id)


@router.post("/sessions/{session_id}/rooms", response={201: TimetableOut}, auth=django_auth,
             summary="Name a room of the session's venue")
def add_room(request: HttpRequest, session_id: Id, payload: RoomIn) -> Status[dict[str, Any]]:
    actions.add_room(actor=_actor(request), session=session_id, **payload.dict())
    return Status(201, _timetable(request, session_id))


@router.post("/sessions/{session_id}/timetable", response=TimetableOut, auth=django_auth,
             summary="Set when and in which room a part or item is held, or a bilateral meeting's room")
def schedule(request: HttpRequest, session_id: Id, payload: ScheduleIn) -> dict[str, Any]:
    actions.schedule(actor=_actor(request), session=session_id, **payload.dict())
    return _timetable(request, session_id)


@router.get("/bilaterals", response=list[BilateralOut],
            summary="Bilateral meetings the viewer may see, earliest first, a page at a time",
            description="Those of `member` (a member's code), where named. " + paging.described("meetings"))
def bilaterals(request: HttpRequest, response: HttpResponse, member: str | None = None,
               limit: paging.Limit = paging.API_LIMIT, offset: paging.Offset = 0) -> list[dict[str, Any]]:
    ids = queries.visible_bilateral_ids(viewer_of(request.user), member=member)
    found = queries.bilaterals_by_id(ids[paging.window(request, response, len(ids), offset, limit)])
    known = provenance.of_entries(b.entry_seq for b in found)
    return [bilateral_of(b, known) for b in found]


@router.post("/sessions/{session_id}/bilaterals", response={201: BilateralOut}, auth=django_auth,
             summary="Ask another delegation for a meeting on the margins; a clashing slot is refused")
def request_bilateral(request: HttpRequest, session_id: Id, payload: BilateralIn) -> Status[dict[str, Any]]:
    return Status(201, bilateral_of(actions.request_bilateral(actor=_actor(request), session=session_id,
                                                              **payload.dict())))


@router.post("/bilaterals/{bilateral_id}/answer", response=BilateralOut, auth=django_auth,
             summary="Confirm or decline a requested meeting (the counterpart)")
def answer(request: HttpRequest, bilateral_id: Id, payload: BilateralAnswerIn) -> dict[str, Any]:
    return bilateral_of(actions.answer_bilateral(actor=_actor(request), bilateral=bilateral_id, **payload.dict()))


@router.get("/sessions/{session_id}/minutes.pdf", summary="The minutes as PDF, as far as the viewer may see",
            response={200: None})
def minutes_pdf(request: HttpRequest, session_id: Id) -> HttpResponse:
    view = queries.session_view(viewer_of(request.user), session_id)
    return minutes.pdf_response(request, view)


# How a meetings act signed on the actor's own machine becomes a call of its action (accord.meetings.signing).
for _type, _adapter in signing.ADAPTERS.items():
    signed_acts.register(_type, _adapter)
