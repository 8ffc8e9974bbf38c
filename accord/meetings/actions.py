"""Every change to meetings: each function is one act with its ledger entry (accord.core.acting)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as noop

from accord.core import clock, dates, policy, prepared, replaying
from accord.core.acting import Actor, Signed, action, record
from accord.core.errors import InvalidInput, NotFound, NotPermitted
from accord.core.translations import language_code, texts_of
from accord.core.values import choice_of, date_of, instant_of, iso_of, text_of
from accord.ledger.guard import current_action
from accord.meetings import classify, policies
from accord.meetings import references as references_of
from accord.meetings.models import (
    AgendaItem,
    Attendance,
    Bilateral,
    BilateralState,
    ConvenedBy,
    Kind,
    Minutes,
    MinutesComment,
    MinutesState,
    Mode,
    Outcome,
    Part,
    PartKind,
    Presence,
    Room,
    Session,
    State,
    Statement,
    kind_choices,
)
from accord.meetings.record_text import minutes_hash
from accord.members import queries as registry
from accord.members.models import Body, Member, Person, Role
from accord.members.queries import state_name
from accord_verify import entries

NO_TEXTS: Mapping[str, str] = {}


def _person_viewer(actor: Actor) -> policy.Viewer | None:
    """The actor's viewer, or None for the console, which sees everything and is let through."""
    return policy.viewer_of(actor.person) if actor.person else None


def _date(value: dt.date | str | None, field: str) -> dt.date:
    day = date_of(value, field)
    if day is None:
        raise InvalidInput(field, _("is required (YYYY-MM-DD)"))
    return day


def _instant(value: dt.datetime | str | None, field: str) -> dt.datetime:
    moment = instant_of(value, field)
    if moment is None:
        raise InvalidInput(field, _("is required (an instant, e.g. 2022-05-16T10:00:00+03:00)"))
    return moment


def _member(code: Any, field: str) -> Member:
    found = Member.objects.filter(code=str(code or "").strip().upper()).first()
    if found is None:
        raise InvalidInput(field, _("%(code)s is not a member state in the registry") % {"code": repr(code)})
    return found


def _pk(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


# Each object is fetched as the actor may see it: one it may not see is missing, with the same refusal,
# so that no write tells whether a hidden session, part, item or statement exists.


def _session(actor: Actor, session_id: Any) -> Session:
    found = Session.objects.select_related("body").filter(pk=_pk(session_id)).first()
    viewer = _person_viewer(actor)
    if found is None or (viewer is not None and not policies.sees_session(viewer, found)):
        raise NotFound("session")
    return found


def _part(actor: Actor, part_id: Any) -> Part:
    found = Part.objects.select_related("session").filter(pk=_pk(part_id)).first()
    viewer = _person_viewer(actor)
    if found is None or (viewer is not None and not policies.sees_part(viewer, found)):
        raise NotFound("part")
    return found


@action
def publish_closed_part(
    *, actor: Actor, part: int, topic: Mapping[str, str] = NO_TEXTS, reported: Mapping[str, str] = NO_TEXTS,
    signed: Signed | None = None,
) -> Part:
    """Say publicly what may be known of a closed part, never its content: the topic the organization
    announced, and what was reported publicly from it (with its sources: run it in `provenance.given`).
    The act is as visible as the session; the part's own acts stay sealed for its participants."""
    found = _part(actor, part)
    _require_runner(actor, found.session, noop("publish what is known of a closed part"))
    if found.is_open:
        raise InvalidInput("part", _("an open part is public already; this is for a closed part"))
    topics = texts_of(topic, "topic", required=False, limit=500)
    reports = texts_of(reported, "reported", required=False, limit=5000)
    if not topics and not reports:
        raise InvalidInput("topic", _("give the announced topic, or what was reported publicly, or both"))
    applies = classify.of_session(found.session)
    recorded = record(type="meetings.closed_part_published", actor=actor, signed=signed,
                      body={"part": found.pk, "topic": dict(topics), "reported": dict(reports)},
                      classification=applies.classification, audience=applies.audience)
    found.announced_topic, found.public_report, found.published_seq = topics, reports, recorded.seq
    prepared.save(found, ["announced_topic", "public_report", "published_seq"])
    return found


def _item(actor: Actor, item_id: Any) -> AgendaItem:
    found = AgendaItem.objects.select_related("session", "part").filter(pk=_pk(item_id)).first()
    viewer = _person_viewer(actor)
    if found is None or (viewer is not None and not policies.sees_item(viewer, found)):
        raise NotFound("item")
    return found


def _statement(actor: Actor, statement_id: Any) -> Statement:
    found = (Statement.objects.select_related("part", "part__session", "item")
             .filter(pk=_pk(statement_id)).first())
    viewer = _person_viewer(actor)
    if found is None or (viewer is not None and not policies.sees_statement(viewer, found)):
        raise NotFound("statement")
    return found


# A session's first day has begun somewhere once UTC is within 14 hours of it (UTC+14, the earliest zone):
# its dates are the host's days, which the log does not know, and no session is run before they begin.
EARLIEST_ZONE = dt.timedelta(hours=14)


def _require_begun(session: Session, field: str) -> None:
    """Refuse to run a session before its first day: it cannot be opened, or decide, before its dates."""
    # A rule of issue #21: a log written before it replays as it was accepted (docs/ledger.md).
    if (clock.now() + EARLIEST_ZONE).date() < session.starts_on and replaying.active() is None:
        raise InvalidInput(field, _("the session begins on %(starts_on)s: it is run from that day on")
                                  % {"starts_on": dates.day(session.starts_on)})


def _require_runner(actor: Actor, session: Session, what: str) -> None:
    viewer = _person_viewer(actor)
    if viewer is not None and not policies.runs(viewer, session):
        raise NotPermitted("actor", _("only the secretariat or the chair (%(chair_id)s) may %(what)s")
                                    % {"chair_id": state_name(session.chair_id), "what": _(what)})


def _classification(value: Any, field: str, audience: list[str]) -> str:
    if value not in entries.CLASSIFICATIONS:
        raise InvalidInput(field, _("must be one of %(choices)s")
                                  % {"choices": ', '.join(entries.CLASSIFICATIONS)})
    if value == policy.PARTICIPANTS and not audience:
        raise InvalidInput("participants", _("a participants-only object must name its participants"))
    return str(value)


def _audience(codes: Any, field: str) -> list[str]:
    members = sorted({_member(code, field).code for code in (codes or [])})
    return [*members, policy.SECRETARIAT] if members else []


# Sessions.


@action
def convene_session(
    *, actor: Actor, body: str, title: Mapping[str, str], kind: str, mode: str, starts_on: dt.date | str,
    ends_on: dt.date | str | None = None, place: Mapping[str, str] = NO_TEXTS, host: str | None = None,
    chair: str | None = None, requested_by: str | None = None, classification: str = "public",
    participants: list[str] | None = None, note: Mapping[str, str] = NO_TEXTS, signed: Signed | None = None,
) -> Session:
    """Convene a session of a body: by the chair, or (an extraordinary one) at a member's request.

    Its chair is the chair in office on its first day (the rotation, or the Council's override); only the
    Secretariat names another (the outgoing chair presiding at the session where the chair passes). A
    member's officials convene only as that chair, from their today on; the Secretariat records sessions
    held earlier. See accord.meetings.policies for who may say it was at a member's request.
    """
    viewer = _person_viewer(actor)
    found = Body.objects.filter(code=str(body or "").strip().upper()).first()
    if found is None:
        raise InvalidInput("body", _("%(body)s is not a body of the organization") % {"body": repr(body)})
    kind = choice_of(kind, "kind", [code for code, _name in kind_choices()])
    mode = choice_of(mode, "mode", Mode.values)
    start = _date(starts_on, "starts_on")
    end = _date(ends_on, "ends_on") if ends_on else start
    if end < start:
        raise InvalidInput("ends_on", _("is before starts_on"))
    in_office = registry.chair_on(start)
    named = _member(chair, "chair").code if chair else None
    if viewer is not None and not policies.convenes(viewer, start, named):
        raise NotPermitted("actor", _("only the secretariat or the chair in office on %(start)s (%(in_office)s) "
                                      "convenes a session, with that state in the chair")
                                    % {"start": dates.day(start), "in_office": in_office or 'vacant'})
    earliest = policies.earliest_first_day(viewer, registry.today())
    if earliest is not None and start < earliest:
        raise InvalidInput("starts_on", _("is before %(earliest)s: a chair convenes sessions from today on; the "
                                          "Secretariat records sessions held earlier, none before the "
                                          "organization's founding treaty") % {"earliest": dates.day(earliest)})
    chair_code = named or in_office
    if chair_code is None:
        raise InvalidInput("chair", _("no member is in the chair on that day by the rotation: name the chair"))
    if named is not None and not registry.member_in_good_standing(named, start):
        raise InvalidInput("chair", _("%(named)s is not a member in good standing on %(start)s")
                                    % {"named": state_name(named), "start": dates.day(start)})
    requester = _member(requested_by, "requested_by") if requested_by else None
    if requester is not None and kind != Kind.EXTRAORDINARY:
        raise InvalidInput("requested_by", _("only an extraordinary session is convened at a member's request"))
    if requester is not None and not registry.member_in_good_standing(requester.code, start):
        raise InvalidInput("requested_by", _("%(code)s is not a member in good standing on %(start)s")
                                           % {"code": state_name(requester.code), "start": dates.day(start)})
    # Called directly, this act is the session's own; run as a step of another act (a crisis request
    # taken up), the request it names is that act's, filed by the requester itself.
    carried = current_action() != "convene_session"
    if requester is not None and viewer is not None and not policies.names_requester(
            viewer, requester.code, carried=carried):
        raise NotPermitted("requested_by", _("a request of %(code)s is recorded by the Secretariat or taken up "
                                             "from the request it filed; the chair names only its own")
                                           % {"code": state_name(requester.code)})
    host_member = _member(host, "host") if host else None
    titles = texts_of(title, "title", limit=300)
    places = texts_of(place, "place", required=mode == Mode.IN_PERSON)
    notes = texts_of(note, "note", required=False)
    audience = _audience(participants, "participants")
    classification = _classification(classification, "classification", audience)
    if viewer is not None and not policy.may_see(viewer, classification, audience):
        raise InvalidInput("participants", _("the chair convening it takes part in it: name its own state"))
    data: dict[str, Any] = {
        "body": found.code, "title": dict(titles), "kind": kind, "mode": mode, "place": dict(places),
        "host": host_member.code if host_member else None,
        "chair": chair_code, "convened_by": ConvenedBy.MEMBER_REQUEST if requester else ConvenedBy.CHAIR,
        "requested_by": requester.code if requester else None, "starts_on": start.isoformat(),
        "ends_on": end.isoformat(), "note": dict(notes),
    }
    recorded = record(type="meetings.session_convened", actor=actor, body=data, classification=classification,
                      audience=audience, signed=signed)
    return Session.objects.create(
        body=found, title=titles, kind=kind, mode=mode, place=places, host=host_member, chair_id=chair_code,
        convened_by=data["convened_by"], requested_by=requester, starts_on=start, ends_on=end,
        classification=classification, audience=audience, note=notes, entry_seq=recorded.seq,
    )


@action
def add_part(
    *, actor: Actor, session: int, kind: str, is_open: bool, title: Mapping[str, str] = NO_TEXTS,
    starts_at: dt.datetime | str | None = None, ends_at: dt.datetime | str | None = None,
    participants: list[str] | None = None,
    signed: Signed | None = None,
) -> Part:
    """Add the next part of a session: open (as the session) or closed (its participants only)."""
    found = _session(actor, session)
    _require_runner(actor, found, noop("plan a session's parts"))
    kind = choice_of(kind, "kind", PartKind.values)
    start = _instant(starts_at, "starts_at") if starts_at else None
    end = _instant(ends_at, "ends_at") if ends_at else None
    if start and end and end <= start:
        raise InvalidInput("ends_at", _("is not after starts_at"))
    audience = _audience(participants, "participants")
    if not is_open and not audience:
        raise InvalidInput("participants", _("a closed part must name the members taking part"))
    if is_open and audience:
        raise InvalidInput("participants", _("an open part is as visible as its session; name participants only "
                                             "for a closed part"))
    if found.classification == policy.PARTICIPANTS and not set(audience) <= set(found.audience):
        raise InvalidInput("participants", _("a closed part's participants are taken from the session's"))
    titles = texts_of(title, "title", required=False, limit=300)
    number = (found.parts.aggregate(n=Max("number"))["n"] or 0) + 1
    data: dict[str, Any] = {"session": found.pk, "number": number, "kind": kind, "open": bool(is_open),
                            "title": dict(titles), "starts_at": iso_of(start), "ends_at": iso_of(end)}
    # That a part takes place, and when, is as visible as the session (its pages say so); who takes part
    # in a closed one is not: a closed part's act names its participants and is sealed for them, so that
    # the log holds the part whole (its replay rebuilds it) without telling anyone else who is in it.
    applies = classify.of_session(found)
    classification, readers = applies.classification, applies.audience
    if not is_open:
        data["participants"] = [code for code in audience if code != policy.SECRETARIAT]
        classification, readers = policy.PARTICIPANTS, tuple(audience)
    recorded = record(type="meetings.part_added", actor=actor, body=data, classification=classification,
                      audience=readers, signed=signed)
    return Part.objects.create(session=found, number=number, kind=kind, is_open=bool(is_open),
                               title=titles, starts_at=start, ends_at=end,
                               audience=audience, entry_seq=recorded.seq)


@action
def add_agenda_item(
    *, actor: Actor, session: int, title: Mapping[str, str], part: int | None = None,
    references: list[str] | None = None, signed: Signed | None = None,
) -> AgendaItem:
    """Add an item to a session's draft agenda (before the agenda is agreed).

    A `proposal:ID` or `document:ID` reference links only what the actor and every reader of the item may
    see; any other is refused as missing (accord.meetings.references).
    """
    found = _session(actor, session)
    _require_runner(actor, found, noop("draft a session's agenda"))
    if found.agenda_agreed_seq is not None:
        raise InvalidInput("session", _("its agenda was agreed by entry %(agenda_agreed_seq)s of the log; "
                                        "it is fixed") % {"agenda_agreed_seq": found.agenda_agreed_seq})
    in_part = None
    if part is not None:
        in_part = _part(actor, part)
        if in_part.session_id != found.pk:
            raise InvalidInput("part", _("part %(part)s is not a part of session %(pk)s")
                                       % {"part": part, "pk": found.pk})
    number = (found.items.aggregate(n=Max("number"))["n"] or 0) + 1
    item = AgendaItem(session=found, number=number, part=in_part, title=texts_of(title, "title"), entry_seq=0)
    applies = classify.of_item(item)
    item.references = refs = [
        references_of.check(text_of(r, "references", limit=300), _person_viewer(actor), applies)
        for r in (references or [])]
    data = {"session": found.pk, "number": number, "part": in_part.number if in_part else None,
            "title": dict(item.title), "references": refs}
    recorded = record(type="meetings.item_added", actor=actor, body=data, classification=applies.classification,
                      audience=applies.audience, signed=signed)
    item.entry_seq = recorded.seq
    item.save()
    return item


@action
def agree_agenda(*, actor: Actor, session: int, signed: Signed | None = None) -> Session:
    """Agree a session's agenda beforehand: from this act on its items are fixed."""
    found = _session(actor, session)
    _require_runner(actor, found, noop("agree a session's agenda"))
    if found.agenda_agreed_seq is not None:
        raise InvalidInput("session", _("its agenda was already agreed by entry %(agenda_agreed_seq)s of the log")
                                      % {"agenda_agreed_seq": found.agenda_agreed_seq})
    count = found.items.count()
    if count == 0:
        raise InvalidInput("session", _("has no agenda items to agree"))
    applies = classify.of_session(found)
    recorded = record(type="meetings.agenda_agreed", actor=actor, body={"session": found.pk, "items": count},
                      classification=applies.classification, audience=applies.audience, signed=signed)
    found.agenda_agreed_seq = recorded.seq
    prepared.save(found, ["agenda_agreed_seq"])
    return found


@action
def open_session(*, actor: Actor, session: int, signed: Signed | None = None) -> Session:
    found = _session(actor, session)
    _require_runner(actor, found, noop("open the session"))
    if found.state != State.CONVENED:
        raise InvalidInput("session", _("is already %(state)s") % {"state": found.state})
    _require_begun(found, "session")
    applies = classify.of_session(found)
    record(type="meetings.session_opened", actor=actor, body={"session": found.pk},
           classification=applies.classification, audience=applies.audience, signed=signed)
    found.state = State.OPEN
    prepared.save(found, ["state"])
    return found


@action
def take_up_item(*, actor: Actor, item: int, signed: Signed | None = None) -> AgendaItem:
    """The chair moves the session to an agenda item; every participant's page follows."""
    found = _item(actor, item)
    session = found.session
    _require_runner(actor, session, noop("move through the agenda"))
    if session.state != State.OPEN:
        raise InvalidInput("item", _("the session is not in progress: open it first"))
    applies = classify.of_item(found)
    record(type="meetings.item_taken_up", actor=actor, body={"session": session.pk, "item": found.number},
           classification=applies.classification, audience=applies.audience, signed=signed)
    session.current_item = found
    prepared.save(session, ["current_item"])
    return found


@action
def record_outcome(
    *, actor: Actor, item: int, outcome: str, note: Mapping[str, str] = NO_TEXTS, signed: Signed | None = None,
) -> AgendaItem:
    """Record an item's outcome at the session: adopted, returned for revision, withdrawn, noted.

    An item that puts a proposal before the session takes its outcome from the proposal's procedure
    (decisions): the procedure is closed first, and the item records what it decided.
    """
    found = _item(actor, item)
    _require_runner(actor, found.session, noop("record an item's outcome"))
    if found.session.state != State.OPEN:
        raise InvalidInput("item", _("the session is not in progress: an item's outcome is recorded at the "
                                     "session, once it is open"))
    applies = classify.of_item(found)
    proposal = references_of.proposal_before(found.references, applies)
    decided = references_of.decided_outcome(proposal) if proposal is not None else None
    if proposal is not None and decided is None and outcome != Outcome.NOTED:
        raise InvalidInput("outcome", _("proposal %(proposal)s's procedure has not closed: close it on the "
                                        "proposal's page, and the item takes its outcome from the decision")
                                      % {"proposal": proposal})
    if decided is not None and outcome and outcome != decided:
        # Not the outcome itself: the proposal may be one its signer is not allowed to see.
        raise InvalidInput("outcome", _("differs from what the proposal's procedure decided, which the item "
                                        "records: leave the outcome empty to take it"))
    if decided is not None and proposal is not None:
        earlier = references_of.recorded_by(proposal, besides=found.pk)
        if earlier is not None:
            raise InvalidInput("item", _("proposal %(proposal)s's decision is recorded already, by entry "
                                         "%(seq)s of the log: a decision is an item's outcome once")
                                       % {"proposal": proposal, "seq": earlier})
    outcome = outcome or decided or ""
    if not outcome:
        raise InvalidInput("outcome", _("is required"))
    outcome = choice_of(outcome, "outcome", Outcome.values)
    if found.outcome:
        raise InvalidInput("item", _("its outcome (%(outcome)s) was recorded by entry %(outcome_seq)s of the log")
                                   % {"outcome": found.get_outcome_display(), "outcome_seq": found.outcome_seq})
    notes = texts_of(note, "note", required=False)
    recorded = record(type="meetings.outcome_recorded", actor=actor,
                      body={"session": found.session_id, "item": found.number, "outcome": outcome,
                            "note": dict(notes)},
                      classification=applies.classification, audience=applies.audience, signed=signed)
    found.outcome, found.outcome_note, found.outcome_seq = outcome, notes, recorded.seq
    prepared.save(found, ["outcome", "outcome_note", "outcome_seq"])
    return found


@action
def close_session(*, actor: Actor, session: int, signed: Signed | None = None) -> Session:
    found = _session(actor, session)
    _require_runner(actor, found, noop("close the session"))
    if found.state == State.CLOSED:
        raise InvalidInput("session", _("is already closed"))
    applies = classify.of_session(found)
    record(type="meetings.session_closed", actor=actor, body={"session": found.pk},
           classification=applies.classification, audience=applies.audience, signed=signed)
    found.state, found.current_item = State.CLOSED, None
    prepared.save(found, ["state", "current_item"])
    return found


# Attendance and statements.


@action
def record_attendance(
    *, actor: Actor, part: int, member: str, presence: str, represented_by: Mapping[str, str] | str = NO_TEXTS,
    reason: Mapping[str, str] | str = NO_TEXTS, signed: Signed | None = None,
) -> Attendance:
    """Record a delegation's presence at a part: in person, remotely, or absent (never an objection).

    `represented_by` names who represented the member, per language (a plain string: in the default one);
    `reason` says why an absent member was absent, where the record says.
    """
    found = _part(actor, part)
    _require_runner(actor, found.session, noop("record attendance"))
    _require_minutes_open(found.session, "part")
    state = _member(member, "member")
    presence = choice_of(presence, "presence", Presence.values)
    if not found.is_open and state.code not in found.audience:
        raise InvalidInput("member", _("%(code)s is not a participant of this closed part")
                                     % {"code": state_name(state.code)})
    if Attendance.objects.filter(part=found, member=state).exists():
        raise InvalidInput("member", _("%(code)s's attendance at this part is already recorded")
                                     % {"code": state_name(state.code)})
    applies = classify.of_part(found)
    who = texts_of(represented_by, "represented_by", required=False, limit=200)
    why = texts_of(reason, "reason", required=False, limit=500)
    if why and presence != Presence.ABSENT:
        raise InvalidInput("reason", _("is given for an absence only"))
    body = {"session": found.session_id, "part": found.number, "member": state.code, "presence": presence,
            "represented_by": dict(who)}
    if why:  # entries written before a reason could be given have none; nor does a new one without it
        body["reason"] = dict(why)
    recorded = record(type="meetings.attendance_recorded", actor=actor, member=state.code, body=body,
                      classification=applies.classification, audience=applies.audience, signed=signed)
    return Attendance.objects.create(part=found, member=state, presence=presence, represented_by=who,
                                     reason=why, entry_seq=recorded.seq)


def _speaker(username: str | None) -> Person | None:
    if not username:
        return None
    found = Person.objects.filter(username=username, is_active=True).first()
    if found is None:
        raise InvalidInput("speaker", _("%(username)s is not an active person") % {"username": repr(username)})
    return found


@action
def inscribe_speaker(
    *, actor: Actor, part: int, delegation: str, speaker: str | None = None,
    speaker_name: Mapping[str, str] | str = NO_TEXTS, item: int | None = None, signed: Signed | None = None,
) -> Statement:
    """Put a speaker on a part's list: the chair or secretariat, or the speaker's own delegation.

    `speaker_name` is the name per language (a plain string: in the default one); a registered `speaker`
    given without one is named as the registry names the person, in every language it does.
    """
    found = _part(actor, part)
    state = _member(delegation, "delegation")
    viewer = _person_viewer(actor)
    if viewer is not None and not policies.inscribes(viewer, found, state.code):
        raise NotPermitted("actor", _("only the chair, the secretariat or the delegation itself lists its "
                                      "speaker"))
    if not found.is_open and state.code not in found.audience:
        raise InvalidInput("delegation", _("%(code)s is not a participant of this closed part")
                                         % {"code": state_name(state.code)})
    person = _speaker(speaker)
    if person is not None and person.member_id != state.code:
        raise InvalidInput("speaker", _("%(username)s is not of %(code)s's delegation")
                                      % {"username": person.username, "code": state_name(state.code)})
    name = texts_of(speaker_name or (person.full_name if person else NO_TEXTS), "speaker_name", limit=200)
    in_item = _item(actor, item) if item is not None else None
    if in_item is not None and in_item.session_id != found.session_id:
        raise InvalidInput("item", _("item %(item)s is not on this session's agenda") % {"item": item})
    order = (found.statements.aggregate(n=Max("order"))["n"] or 0) + 1
    statement = Statement(part=found, item=in_item, order=order, speaker=person, speaker_name=name,
                          delegation=state, entry_seq=0)
    applies = classify.of_statement(statement)
    recorded = record(type="meetings.speaker_inscribed", actor=actor, member=state.code,
                      body={"session": found.session_id, "part": found.number, "order": order,
                            "delegation": state.code, "speaker": dict(name),
                            "person": person.username if person else None,
                            "item": in_item.number if in_item else None},
                      classification=applies.classification, audience=applies.audience, signed=signed)
    statement.entry_seq = recorded.seq
    statement.save()
    return statement


@action
def deliver_statement(
    *, actor: Actor, statement: int, language: str, text: str = "", summary: Mapping[str, str] = NO_TEXTS,
    signed: Signed | None = None,
) -> Statement:
    """Record what a listed speaker said, in any ISO 639 language: its text, or a summary in the
    organization's languages."""
    found = _statement(actor, statement)
    viewer = _person_viewer(actor)
    if viewer is not None and not policies.delivers(viewer, found):
        raise NotPermitted("actor", _("only the speaker's own delegation, or the secretariat, records it"))
    if found.delivered:
        raise InvalidInput("statement", _("was already recorded by entry %(delivered_seq)s of the log")
                                        % {"delivered_seq": found.delivered_seq})
    _require_minutes_open(found.part.session, "statement")
    language = language_code(language, "language")
    text = text_of(text, "text", required=False, limit=20000)
    summaries = texts_of(summary, "summary", required=not text, limit=5000)
    applies = classify.of_statement(found)
    # For a closed part the ledger's public entry carries only a salted commitment to this act (its
    # speaker, delegation, participants and words).
    recorded = record(type="meetings.statement_delivered", actor=actor, member=found.delegation_id,
                      body={"session": found.part.session_id, "part": found.part.number, "order": found.order,
                            "delegation": found.delegation_id, "speaker": dict(found.speaker_name),
                            "language": language, "text": text, "summary": dict(summaries)},
                      classification=applies.classification, audience=applies.audience, signed=signed)
    found.language, found.text, found.summary = language, text, summaries
    found.delivered, found.delivered_seq = True, recorded.seq
    prepared.save(found, ["language", "text", "summary", "delivered", "delivered_seq"])
    return found


# Bilateral meetings on the margins.


def _head_of(member: Member, field: str) -> Person:
    head = Person.objects.filter(member=member, role=Role.HEAD, is_active=True).first()
    if head is None:
        raise InvalidInput(field, _("%(code)s has no head of delegation registered")
                                  % {"code": state_name(member.code)})
    return head


def _delegation_of(member: str) -> policy.Viewer:
    """How a member's head sees things, to tell whether a delegation takes part in a session."""
    return policy.Viewer(handle=f"head of {member}", member=member, role=policy.HEAD,
                         member_in_good_standing=registry.member_in_good_standing(member))


def _bilateral_seen(viewer: policy.Viewer, bilateral: Bilateral) -> bool:
    return policies.sees_session(viewer, bilateral.session) and classify.of_bilateral(bilateral).visible_to(viewer)


def _slot(other: Bilateral) -> dict[str, str]:
    """When another meeting takes place, as a clash names it."""
    return {"start": f"{other.starts_at:%H:%M}", "end": f"{other.ends_at:%H:%M}",
            "day": dates.day(other.starts_at)}


def _clash(session: Session, people: list[Person], start: dt.datetime, end: dt.datetime,
           viewer: policy.Viewer | None) -> str | None:
    """Why a slot cannot be had, or None: it overlaps a plenary part or a person's other meeting.

    Another meeting the asker may not see is named only as time taken, not by who meets whom.
    """
    for part in session.parts.filter(starts_at__lt=end, ends_at__gt=start):
        name = part.title.pick().text or part.get_kind_display()
        return _("clashes with the session's part %(number)s (%(name)s), %(start)s–%(end)s UTC") % {
            "number": part.number, "name": name, "start": f"{part.starts_at:%H:%M}",
            "end": f"{part.ends_at:%H:%M}"}
    ids = [p.pk for p in people]
    others = (Bilateral.objects.exclude(state=BilateralState.DECLINED)
              .filter(starts_at__lt=end, ends_at__gt=start)
              .filter(Q(requester_person__in=ids) | Q(counterpart_person__in=ids))
              .select_related("session", "requester_person", "counterpart_person"))
    for other in others:
        busy = next(p for p in people if p.pk in (other.requester_person_id, other.counterpart_person_id))
        if viewer is not None and not _bilateral_seen(viewer, other):
            return _("%(person)s is not available from %(start)s to %(end)s UTC on %(day)s") % {
                "person": busy.full_name, **_slot(other)}
        return _("%(person)s already has a meeting (%(pair)s) from %(start)s to %(end)s UTC on %(day)s") % {
            "person": busy.full_name, "pair": f"{other.requester_id}–{other.counterpart_id}", **_slot(other)}
    return None


@action
def request_bilateral(
    *, actor: Actor, session: int, counterpart: str, starts_at: dt.datetime | str,
    ends_at: dt.datetime | str,
    requester: str | None = None, place: Mapping[str, str] = NO_TEXTS, classification: str = "public",
    signed: Signed | None = None,
) -> Bilateral:
    """One delegation asks another for a meeting on the session's margins, at a slot that clashes with nothing."""
    found = _session(actor, session)
    viewer = _person_viewer(actor)
    if requester is None:
        if viewer is None or not viewer.is_member_official:
            raise InvalidInput("requester", _("name the requesting member"))
        requester = viewer.member
    asking = _member(requester, "requester")
    if viewer is not None and not policies.asks_bilateral(viewer, found, asking.code):
        raise NotPermitted("actor", _("only %(code)s's delegation (or the secretariat) asks for its meetings")
                                    % {"code": state_name(asking.code)})
    other = _member(counterpart, "counterpart")
    if other.code == asking.code:
        raise InvalidInput("counterpart", _("a bilateral meeting is between two different delegations"))
    for party, field in ((asking, "requester"), (other, "counterpart")):
        if not policies.sees_session(_delegation_of(party.code), found):
            raise InvalidInput(field, _("%(code)s does not take part in this session")
                                      % {"code": state_name(party.code)})
    start, end = _instant(starts_at, "starts_at"), _instant(ends_at, "ends_at")
    if end <= start:
        raise InvalidInput("ends_at", _("is not after starts_at"))
    if not (found.starts_on <= start.date() <= found.ends_on):
        raise InvalidInput("starts_at", _("is outside the session (%(starts_on)s to %(ends_on)s)")
                                        % {"starts_on": found.starts_on, "ends_on": found.ends_on})
    if viewer is not None and not viewer.in_secretariat and start < clock.now() and replaying.active() is None:
        raise InvalidInput("starts_at", _("has passed: a delegation asks for meetings still to come; the "
                                          "Secretariat records those held earlier"))
    if classification not in (policy.PUBLIC, policy.PARTICIPANTS):
        raise InvalidInput("classification", _("must be public or participants"))
    people = [_head_of(asking, "requester"), _head_of(other, "counterpart")]
    reason = _clash(found, people, start, end, viewer)
    if reason:
        raise InvalidInput("starts_at", reason)
    bilateral = Bilateral(session=found, requester=asking, counterpart=other, requester_person=people[0],
                          counterpart_person=people[1], starts_at=start, ends_at=end,
                          place=texts_of(place, "place", required=False, limit=200),
                          classification=classification, entry_seq=0)
    # Never more open than the session: asked for "public" inside a members-only session, it is members-only.
    applies = classify.of_bilateral(bilateral)
    recorded = record(type="meetings.bilateral_requested", actor=actor, member=asking.code,
                      body={"session": found.pk, "requester": asking.code, "counterpart": other.code,
                            "starts_at": start.isoformat(), "ends_at": end.isoformat(),
                            "place": dict(bilateral.place)},
                      classification=applies.classification, audience=applies.audience, signed=signed)
    bilateral.entry_seq = recorded.seq
    bilateral.save()
    return bilateral


@action
def answer_bilateral(*, actor: Actor, bilateral: int, accept: bool, signed: Signed | None = None) -> Bilateral:
    """The counterpart confirms or declines a requested meeting."""
    found = Bilateral.objects.select_related("session").filter(pk=_pk(bilateral)).first()
    viewer = _person_viewer(actor)
    if found is None or (viewer is not None and not _bilateral_seen(viewer, found)):
        raise NotFound("bilateral")
    if viewer is not None and not policies.answers_bilateral(viewer, found):
        raise NotPermitted("actor", _("only %(counterpart_id)s's delegation answers this request")
                                    % {"counterpart_id": found.counterpart_id})
    if found.state != BilateralState.REQUESTED:
        raise InvalidInput("bilateral", _("is already %(state)s") % {"state": found.state})
    applies = classify.of_bilateral(found)
    state = BilateralState.CONFIRMED if accept else BilateralState.DECLINED
    record(type="meetings.bilateral_answered", actor=actor, member=found.counterpart_id,
           body={"session": found.session_id, "requester": found.requester_id,
                 "counterpart": found.counterpart_id, "starts_at": found.starts_at.isoformat(), "state": state},
           classification=applies.classification, audience=applies.audience, signed=signed)
    found.state = state
    prepared.save(found, ["state"])
    return found


# The floor: the chair gives it to a speaker on the list, for a speaking time, and ends it.

# A speaking time is given in whole seconds, from half a minute to an hour.
FLOOR_SECONDS = (30, 3600)


@action
def give_floor(*, actor: Actor, statement: int, seconds: int, signed: Signed | None = None) -> Statement:
    """The chair gives the floor to a speaker on the list: the speaking time counts from this act's time."""
    found = _statement(actor, statement)
    session = found.part.session
    viewer = _person_viewer(actor)
    if viewer is not None and not policies.gives_floor(viewer, found):
        raise NotPermitted("actor", _("only the secretariat or the chair (%(chair_id)s) may %(what)s")
                                    % {"chair_id": session.chair_id, "what": _("give the floor")})
    if session.state != State.OPEN:
        raise InvalidInput("statement", _("the session is not in progress: open it first"))
    if found.floor_at is not None:
        raise InvalidInput("statement", _("this speaker has had the floor already"))
    speaking = Statement.objects.filter(part__session=session, floor_at__isnull=False,
                                        floor_ended_at__isnull=True).first()
    if speaking is not None:
        raise InvalidInput("statement", _("another speaker has the floor: end their time first"))
    try:
        length = int(seconds)
    except (TypeError, ValueError):
        raise InvalidInput("seconds", _("is a whole number of seconds")) from None
    if not FLOOR_SECONDS[0] <= length <= FLOOR_SECONDS[1]:
        raise InvalidInput("seconds", _("is between %(least)s and %(most)s seconds")
                                      % {"least": FLOOR_SECONDS[0], "most": FLOOR_SECONDS[1]})
    applies = classify.of_statement(found)
    record(type="meetings.floor_given", actor=actor, member=found.delegation_id,
           body={"session": session.pk, "part": found.part.number, "order": found.order, "seconds": length},
           classification=applies.classification, audience=applies.audience, signed=signed)
    found.floor_at, found.floor_seconds = clock.now(), length
    prepared.save(found, ["floor_at", "floor_seconds"])
    return found


@action
def end_floor(*, actor: Actor, statement: int, signed: Signed | None = None) -> Statement:
    """The chair ends a speaker's time (whether or not it has run out)."""
    found = _statement(actor, statement)
    session = found.part.session
    viewer = _person_viewer(actor)
    if viewer is not None and not policies.gives_floor(viewer, found):
        raise NotPermitted("actor", _("only the secretariat or the chair (%(chair_id)s) may %(what)s")
                                    % {"chair_id": session.chair_id, "what": _("end a speaker's time")})
    if not found.has_floor:
        raise InvalidInput("statement", _("this speaker does not have the floor"))
    applies = classify.of_statement(found)
    record(type="meetings.floor_ended", actor=actor, member=found.delegation_id,
           body={"session": session.pk, "part": found.part.number, "order": found.order},
           classification=applies.classification, audience=applies.audience, signed=signed)
    found.floor_ended_at = clock.now()
    prepared.save(found, ["floor_ended_at"])
    return found


# Minutes: draft (they follow the record), circulated for comments until a deadline, approved (fixed).


def _require_minutes_open(session: Session, field: str) -> None:
    """Approved minutes are fixed: nothing they record changes after the act that approved them."""
    approved = Minutes.objects.filter(session=session, state=MinutesState.APPROVED).first()
    if approved is not None:
        raise InvalidInput(field, _("the session's minutes were approved by entry %(seq)s of the log: "
                                    "its record is fixed") % {"seq": approved.approved_seq})


@action
def circulate_minutes(
    *, actor: Actor, session: int, comments_until: dt.datetime | str, signed: Signed | None = None,
) -> Minutes:
    """Circulate a closed session's draft minutes to its participants, for comments until a deadline."""
    found = _session(actor, session)
    viewer = _person_viewer(actor)
    if viewer is not None and not policies.approves_minutes(viewer, found):
        raise NotPermitted("actor", _("only the secretariat or the chair (%(chair_id)s) may %(what)s")
                                    % {"chair_id": found.chair_id, "what": _("circulate the minutes")})
    if found.state != State.CLOSED:
        raise InvalidInput("session", _("the minutes are circulated once the session has closed"))
    if Minutes.objects.filter(session=found).exists():
        raise InvalidInput("session", _("its minutes were circulated already"))
    deadline = _instant(comments_until, "comments_until")
    if deadline <= clock.now():
        raise InvalidInput("comments_until", _("has passed: give the participants time to comment"))
    applies = classify.of_session(found)
    recorded = record(type="meetings.minutes_circulated", actor=actor,
                      body={"session": found.pk, "comments_until": iso_of(deadline)},
                      classification=applies.classification, audience=applies.audience, signed=signed)
    return Minutes.objects.create(session=found, state=MinutesState.CIRCULATED, comments_until=deadline,
                                  circulated_seq=recorded.seq)


def _minutes(found: Session) -> Minutes:
    minutes = Minutes.objects.filter(session=found).first()
    if minutes is None:
        raise InvalidInput("session", _("its minutes have not been circulated"))
    return minutes


@action
def comment_on_minutes(*, actor: Actor, session: int, text: str, signed: Signed | None = None) -> MinutesComment:
    """A participant comments on circulated minutes, before the comment deadline."""
    found = _session(actor, session)
    viewer = _person_viewer(actor)
    if viewer is not None and not policies.comments_on_minutes(viewer, found):
        raise NotPermitted("actor", _("only the session's participants comment on its minutes"))
    minutes = _minutes(found)
    if minutes.state != MinutesState.CIRCULATED:
        raise InvalidInput("session", _("its minutes are approved: comments are closed"))
    if clock.now() > minutes.comments_until:
        raise InvalidInput("text", _("comments were taken until %(deadline)s")
                                   % {"deadline": dates.instant(minutes.comments_until)})
    words = text_of(text, "text", limit=5000)
    member = actor.person.member_id if actor.person is not None else None
    name = actor.person.full_name.pick().text if actor.person is not None else _("Secretariat")
    applies = classify.of_session(found)
    recorded = record(type="meetings.minutes_commented", actor=actor, member=member,
                      body={"session": found.pk, "member": member, "text": words},
                      classification=applies.classification, audience=applies.audience, signed=signed)
    return MinutesComment.objects.create(minutes=minutes, author=actor.person, author_name=name or "",
                                         member_id=member, text=words, made_at=clock.now(),
                                         entry_seq=recorded.seq)


@action
def approve_minutes(*, actor: Actor, session: int, signed: Signed | None = None) -> Minutes:
    """Approve circulated minutes once the comment deadline has passed: the act holds their text's hash."""
    found = _session(actor, session)
    viewer = _person_viewer(actor)
    if viewer is not None and not policies.approves_minutes(viewer, found):
        raise NotPermitted("actor", _("only the secretariat or the chair (%(chair_id)s) may %(what)s")
                                    % {"chair_id": found.chair_id, "what": _("approve the minutes")})
    minutes = _minutes(found)
    if minutes.state == MinutesState.APPROVED:
        raise InvalidInput("session", _("its minutes were approved by entry %(seq)s of the log")
                                      % {"seq": minutes.approved_seq})
    if clock.now() <= minutes.comments_until:
        raise InvalidInput("session", _("comments are taken until %(deadline)s: approve the minutes after")
                                      % {"deadline": dates.instant(minutes.comments_until)})
    digest = minutes_hash(found)
    applies = classify.of_session(found)
    recorded = record(type="meetings.minutes_approved", actor=actor,
                      body={"session": found.pk, "text_sha256": digest},
                      classification=applies.classification, audience=applies.audience, signed=signed)
    minutes.state, minutes.approved_at, minutes.approved_seq, minutes.text_hash = (
        MinutesState.APPROVED, clock.now(), recorded.seq, digest)
    prepared.save(minutes, ["state", "approved_at", "approved_seq", "text_hash"])
    return minutes


# The timetable: the session's rooms, and when and where its parts, items and bilateral meetings are held.


@action
def add_room(*, actor: Actor, session: int, name: Mapping[str, str], signed: Signed | None = None) -> Room:
    """Name a room of the session's venue (in the organization's languages); the rooms are numbered in order."""
    found = _session(actor, session)
    _require_runner(actor, found, noop("plan a session's rooms"))
    names = texts_of(name, "name", limit=200)
    if any(dict(room.name) == dict(names) for room in found.rooms.all()):
        raise InvalidInput("name", _("the session has a room of that name already"))
    number = (found.rooms.aggregate(n=Max("number"))["n"] or 0) + 1
    applies = classify.of_session(found)
    recorded = record(type="meetings.room_added", actor=actor,
                      body={"session": found.pk, "number": number, "name": dict(names)},
                      classification=applies.classification, audience=applies.audience, signed=signed)
    return Room.objects.create(session=found, number=number, name=names, entry_seq=recorded.seq)


def _room(session: Session, number: int | str | None) -> Room | None:
    if number in (None, ""):
        return None
    found = Room.objects.filter(session=session, number=_pk(number)).first()
    if found is None:
        raise InvalidInput("room", _("the session has no room %(number)s") % {"number": number})
    return found


def _slot_within(session: Session, start: dt.datetime, end: dt.datetime) -> None:
    if end <= start:
        raise InvalidInput("ends_at", _("is not after starts_at"))
    if not (session.starts_on <= start.date() <= session.ends_on):
        raise InvalidInput("starts_at", _("is outside the session (%(starts_on)s to %(ends_on)s)")
                                        % {"starts_on": session.starts_on, "ends_on": session.ends_on})


@action
def schedule(
    *, actor: Actor, session: int, part: int | None = None, item: int | None = None, bilateral: int | None = None,
    starts_at: dt.datetime | str | None = None, ends_at: dt.datetime | str | None = None,
    room: int | str | None = None, signed: Signed | None = None,
) -> Part | AgendaItem | Bilateral:
    """Set when and in which room a part or an agenda item is held, or the room of a bilateral meeting
    (which keeps the slot it was asked for). One of `part`, `item`, `bilateral`; the room is its number."""
    found = _session(actor, session)
    _require_runner(actor, found, noop("set the session's timetable"))
    if sum(x is not None for x in (part, item, bilateral)) != 1:
        raise InvalidInput("what", _("name one part, agenda item or bilateral meeting"))
    in_room = _room(found, room)
    body: dict[str, Any] = {"session": found.pk, "room": in_room.number if in_room else None}
    target: Part | AgendaItem | Bilateral
    if bilateral is not None:
        meeting = Bilateral.objects.select_related("session").filter(pk=_pk(bilateral), session=found).first()
        viewer = _person_viewer(actor)
        if meeting is None or (viewer is not None and not _bilateral_seen(viewer, meeting)):
            raise NotFound("bilateral")
        if starts_at or ends_at:
            raise InvalidInput("starts_at", _("a bilateral meeting keeps the slot it was asked for"))
        applies = classify.of_bilateral(meeting)
        body.update({"bilateral": {"requester": meeting.requester_id, "counterpart": meeting.counterpart_id,
                                   "starts_at": iso_of(meeting.starts_at)}})
        target = meeting
    else:
        start, end = _instant(starts_at, "starts_at"), _instant(ends_at, "ends_at")
        _slot_within(found, start, end)
        if part is not None:
            target = _part(actor, part)
            if target.session_id != found.pk:
                raise NotFound("part")
            applies = classify.of_part(target)
            body["part"] = target.number
        else:
            target = _item(actor, item)
            if target.session_id != found.pk:
                raise NotFound("item")
            applies = classify.of_item(target)
            body["item"] = target.number
        body.update({"starts_at": iso_of(start), "ends_at": iso_of(end)})
        target.starts_at, target.ends_at = start, end
    record(type="meetings.scheduled", actor=actor, body=body, classification=applies.classification,
           audience=applies.audience, signed=signed)
    target.room = in_room
    fields = ["room"] if isinstance(target, Bilateral) else ["starts_at", "ends_at", "room"]
    prepared.save(target, fields)
    return target
