"""Meetings acts signed on the actor's own machine: the chair's outcome, a closed part's statement."""

from __future__ import annotations

import json
from typing import Any

import meetings_world as w
from django.conf import settings
from django.test import Client
from nacl.signing import SigningKey as PrivateKey

from accord.core.acting import Actor, Signed
from accord.ledger.models import Entry, Sealed
from accord.meetings import actions
from accord.meetings.models import AgendaItem, Statement
from accord.members import actions as registry
from accord.members.models import Person
from accord_verify import entries


def _key(username: str) -> PrivateKey:
    key = PrivateKey.generate()
    registry.register_key(actor=Actor.console(), person=username, public_key=entries.b64(bytes(key.verify_key)))
    return key


def _submit(username: str, member: str, key: PrivateKey, type: str, body: dict[str, Any]) -> Any:
    stmt = entries.statement(log=settings.LOG_ORIGIN, type=type, member=member, person=username,
                             classification="public", body=body, nonce=entries.new_nonce())
    payload = {"statement": stmt, "signature": entries.sign_statement(stmt, key)}
    response = Client().post("/api/v1/acts", data=json.dumps(payload), content_type="application/json")
    assert response.status_code in (200, 201), response.json()
    return response.json()


def test_it_records_an_outcome_the_chair_signed(world: w.World) -> None:
    key = _key("arm.head")
    actions.open_session(actor=Actor.console(), session=world.summit)
    body = {"session": world.summit, "item": 1, "outcome": "adopted", "note": {}}
    _submit("arm.head", "ARM", key, "meetings.outcome_recorded", body)
    item = AgendaItem.objects.get(pk=world.open_item)
    assert item.outcome == "adopted"
    assert item.outcome_seq is not None
    assert json.loads(Entry.objects.get(seq=item.outcome_seq).data)["signatures"]


def _closed_statement(world: w.World) -> tuple[Statement, PrivateKey, dict[str, Any]]:
    """Kazakhstan's head on the closed part's list of speakers, his key, and the body he signs."""
    listed = actions.inscribe_speaker(actor=Actor.console(), part=world.closed_part, delegation="KAZ",
                                      speaker="kaz.head")
    key = _key("kaz.head")
    body = {"session": world.summit, "part": 2, "order": listed.order, "delegation": "KAZ",
            "speaker": listed.speaker_name, "language": "ru", "text": "signed closed words",
            "summary": {}}
    return listed, key, body


def test_it_records_a_closed_statement_signed_by_its_speaker_under_a_commitment(world: w.World) -> None:
    listed, key, body = _closed_statement(world)
    audience = tuple(sorted([*w.INSIDE, "secretariat"]))
    # Given to the action's `signed=` (POST /api/v1/acts takes it too: see below).
    stmt = entries.statement(log=settings.LOG_ORIGIN, type="meetings.statement_delivered", member="KAZ",
                             person="kaz.head", classification="participants", body=body,
                             nonce=entries.new_nonce(), audience=audience)
    line = entries.sign_statement(stmt, key)
    actions.deliver_statement(actor=Actor(person=Person.objects.get(username="kaz.head")), statement=listed.pk,
                              language="ru", text="signed closed words",
                              signed=Signed(key=line["key"], sig=line["sig"], nonce=stmt["nonce"], statement=stmt))
    delivered = Statement.objects.get(pk=listed.pk)
    assert delivered.text == "signed closed words"
    assert delivered.delivered_seq is not None
    data = Entry.objects.get(seq=delivered.delivered_seq).data
    assert "commitment" in json.loads(data)["statement"]
    # Neither the words, nor the speaker, his delegation, the participants or his key.
    for hidden in ("signed closed words", "kaz.head", "KAZ", *w.INSIDE, line["key"]):
        assert hidden not in data, hidden
    content = json.loads(Sealed.objects.get(entry_id=delivered.delivered_seq).content)
    assert (content["statement"], content["signatures"]) == (stmt, [line])


def test_a_closed_statement_is_submitted_whole_and_sealed(world: w.World) -> None:
    listed, key, body = _closed_statement(world)
    stmt = entries.statement(log=settings.LOG_ORIGIN, type="meetings.statement_delivered", member="KAZ",
                             person="kaz.head", classification="participants", body=body,
                             nonce=entries.new_nonce(), audience=tuple(sorted([*w.INSIDE, "secretariat"])))
    payload = {"statement": stmt, "signature": entries.sign_statement(stmt, key)}
    response = Client().post("/api/v1/acts", data=json.dumps(payload), content_type="application/json")
    assert response.status_code == 201, response.json()
    delivered = Statement.objects.get(pk=listed.pk)
    assert delivered.text == "signed closed words"
    assert delivered.delivered_seq is not None
    assert "kaz.head" not in Entry.objects.get(seq=delivered.delivered_seq).data
    content = json.loads(Sealed.objects.get(entry_id=delivered.delivered_seq).content)
    assert content["statement"] == stmt



def _chairs_answers(key: PrivateKey, act_type: str, bodies: list[dict[str, Any]]) -> list[tuple[int, bytes]]:
    """The door's answers to Armenia's head (the summit's chair), signing an act of `act_type` per body."""
    answers = []
    for body in bodies:
        stmt = entries.statement(log=settings.LOG_ORIGIN, type=act_type, member="ARM", person="arm.head",
                                 classification="public", body=body, nonce=entries.new_nonce())
        payload = {"statement": stmt, "signature": entries.sign_statement(stmt, key)}
        response = Client().post("/api/v1/acts", data=json.dumps(payload), content_type="application/json")
        answers.append((response.status_code, response.content))
    return answers


def test_a_signed_outcome_on_a_closed_item_the_signer_may_not_see_answers_as_a_missing_item(
        world: w.World) -> None:
    """Armenia chairs the summit but is not in its closed part: its item 2 is missing for Armenia's head."""
    key = _key("arm.head")
    before = Entry.objects.count()
    answers = _chairs_answers(key, "meetings.outcome_recorded", [
        {"session": world.summit, "item": number, "outcome": "adopted", "note": {}} for number in (2, 99)])
    assert answers[0] == answers[1]
    assert answers[0][0] == 404
    assert w.CLOSED_ITEM.encode() not in answers[0][1]
    assert Entry.objects.count() == before
    assert AgendaItem.objects.get(pk=world.closed_item).outcome == ""


def _sign(username: str, key: PrivateKey, act_type: str, body: dict[str, Any]) -> dict[str, Any]:
    """Drafted by the server as the act's action builds it, signed by the person's own key, sent to the door."""
    from accord.core import signed as signed_acts

    actor = Actor(person=Person.objects.get(username=username))
    stmt = signed_acts.draft(actor, {"type": act_type, "body": body})
    payload = {"statement": stmt, "signature": entries.sign_statement(stmt, key)}
    response = Client().post("/api/v1/acts", data=json.dumps(payload), content_type="application/json")
    assert response.status_code in (200, 201), response.json()
    last = Entry.objects.order_by("-seq").first()
    assert last is not None
    entry: dict[str, Any] = json.loads(last.data)
    assert entry["statement"]["type"] == act_type
    assert entry["signatures"][0]["key"] == payload["signature"]["key"]
    return entry


def test_the_rooms_timetable_floor_and_minutes_acts_are_signed_by_their_actors_own_keys(world: w.World) -> None:
    import datetime as dt

    from accord.core import clock
    from accord.meetings.models import Minutes, MinutesComment, Room

    chair, delegate = _key("arm.head"), _key("kaz.delegate")
    _sign("arm.head", chair, "meetings.room_added",
          {"session": world.summit, "number": 1, "name": {"ru": "Зал", "en": "Hall"}})
    assert Room.objects.get(session=world.summit).number == 1
    _sign("arm.head", chair, "meetings.scheduled", {"session": world.summit, "room": 1, "item": 1,
                                                    "starts_at": "2022-05-16T10:00:00+00:00",
                                                    "ends_at": "2022-05-16T10:30:00+00:00"})
    assert AgendaItem.objects.get(pk=world.open_item).room is not None
    _sign("arm.head", chair, "meetings.scheduled", {"session": world.summit, "room": 1, "part": 1,
                                                    "starts_at": "2022-05-16T10:00:00+00:00",
                                                    "ends_at": "2022-05-16T11:00:00+00:00"})
    actions.open_session(actor=Actor.console(), session=world.summit)
    listed = actions.inscribe_speaker(actor=Actor.console(), part=world.open_part, delegation="BLR",
                                      speaker_name={"ru": "Лукашенко", "en": "Lukashenko"})
    where = {"session": world.summit, "part": 1, "order": listed.order}
    _sign("arm.head", chair, "meetings.floor_given", {**where, "seconds": 180})
    _sign("arm.head", chair, "meetings.floor_ended", where)
    assert Statement.objects.get(pk=listed.pk).floor_ended_at is not None
    actions.close_session(actor=Actor.console(), session=world.summit)
    after = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    with clock.pinned(after):
        _sign("arm.head", chair, "meetings.minutes_circulated",
              {"session": world.summit, "comments_until": (after + dt.timedelta(days=7)).isoformat()})
        _sign("kaz.delegate", delegate, "meetings.minutes_commented",
              {"session": world.summit, "member": "KAZ", "text": "Signed comment."})
    assert MinutesComment.objects.get().text == "Signed comment."
    with clock.pinned(after + dt.timedelta(days=8)):
        _sign("arm.head", chair, "meetings.minutes_approved", {"session": world.summit})
    assert Minutes.objects.get(session=world.summit).state == "approved"


def test_a_signed_schedule_of_a_closed_item_answers_as_a_missing_one(world: w.World) -> None:
    key = _key("arm.head")
    actions.add_room(actor=Actor.console(), session=world.summit, name={"ru": "Зал", "en": "Hall"})
    answers = _chairs_answers(key, "meetings.scheduled", [
        {"session": world.summit, "room": 1, "item": number, "starts_at": "2022-05-16T11:00:00+00:00",
         "ends_at": "2022-05-16T11:30:00+00:00"} for number in (2, 99)])
    assert answers[0] == answers[1]
    assert answers[0][0] == 404
