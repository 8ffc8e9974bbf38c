"""How a meetings act signed on its actor's own machine becomes a call of its action (see accord.core.signed).

A body names things as the act records them (a session's id, an item's or a part's number, a speaker's
order, a bilateral meeting's slot). Each is fetched as its signer may see it, so that a thing the signer
may not see is refused exactly as a missing one; the action then judges the act.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from accord.core.acting import Actor, Signed
from accord.core.errors import InvalidInput
from accord.core.policy import Viewer, viewer_of
from accord.core.signed import Adapter, number
from accord.core.translations import legacy_texts
from accord.meetings import actions, queries

Body = Mapping[str, Any]


def _viewer(actor: Actor) -> Viewer:
    return viewer_of(actor.person)


def _session(actor: Actor, body: Body) -> int:
    return queries.session(_viewer(actor), number(body, "session")).pk


def _item(actor: Actor, body: Body) -> int:
    return queries.item_by_number(_viewer(actor), number(body, "session"), number(body, "item")).pk


def _on_session(act: Any) -> Adapter:
    return lambda a, s, b: act(actor=a, signed=s, session=_session(a, b))


def _take_up(a: Actor, s: Signed, b: Body) -> Any:
    return actions.take_up_item(actor=a, signed=s, item=_item(a, b))


def _outcome(a: Actor, s: Signed, b: Body) -> Any:
    return actions.record_outcome(actor=a, signed=s, item=_item(a, b), outcome=b["outcome"],
                                  note=legacy_texts(b, "note"))


def _deliver(a: Actor, s: Signed, b: Body) -> Any:
    return actions.deliver_statement(actor=a, signed=s, statement=_statement(a, b), language=b["language"],
                                     text=b.get("text", ""), summary=legacy_texts(b, "summary"))


def _answer(a: Actor, s: Signed, b: Body) -> Any:
    found = queries.bilateral_by_slot(_viewer(a), number(b, "session"), b["requester"], b["counterpart"],
                                      b["starts_at"])
    return actions.answer_bilateral(actor=a, signed=s, bilateral=found.pk, accept=b["state"] == "confirmed")


def _statement(a: Actor, b: Body) -> int:
    return queries.statement_by_order(_viewer(a), number(b, "session"), number(b, "part"), number(b, "order")).pk


def _give_floor(a: Actor, s: Signed, b: Body) -> Any:
    return actions.give_floor(actor=a, signed=s, statement=_statement(a, b), seconds=b["seconds"])


def _end_floor(a: Actor, s: Signed, b: Body) -> Any:
    return actions.end_floor(actor=a, signed=s, statement=_statement(a, b))


def _add_room(a: Actor, s: Signed, b: Body) -> Any:
    return actions.add_room(actor=a, signed=s, session=_session(a, b), name=b["name"])


def _schedule(a: Actor, s: Signed, b: Body) -> Any:
    """A part or an item by its number, a bilateral meeting by its slot, as the entry names it."""
    session = number(b, "session")
    what: dict[str, int] = {}
    if b.get("part") is not None:
        what["part"] = queries.part_by_number(_viewer(a), session, number(b, "part")).pk
    elif b.get("item") is not None:
        what["item"] = _item(a, b)
    else:
        slot = b["bilateral"]
        if not isinstance(slot, Mapping):
            raise InvalidInput("statement.body.bilateral", "names a meeting by requester, counterpart, starts_at")
        what["bilateral"] = queries.bilateral_by_slot(_viewer(a), session, slot["requester"], slot["counterpart"],
                                                      slot["starts_at"]).pk
    return actions.schedule(actor=a, signed=s, session=_session(a, b), starts_at=b.get("starts_at"),
                            ends_at=b.get("ends_at"), room=b["room"], **what)


def _circulate(a: Actor, s: Signed, b: Body) -> Any:
    return actions.circulate_minutes(actor=a, signed=s, session=_session(a, b), comments_until=b["comments_until"])


def _comment(a: Actor, s: Signed, b: Body) -> Any:
    return actions.comment_on_minutes(actor=a, signed=s, session=_session(a, b), text=b["text"])


ADAPTERS: Mapping[str, Adapter] = {
    "meetings.agenda_agreed": _on_session(actions.agree_agenda),
    "meetings.session_opened": _on_session(actions.open_session),
    "meetings.session_closed": _on_session(actions.close_session),
    "meetings.item_taken_up": _take_up,
    "meetings.outcome_recorded": _outcome,
    "meetings.statement_delivered": _deliver,
    "meetings.bilateral_answered": _answer,
    "meetings.room_added": _add_room,
    "meetings.scheduled": _schedule,
    "meetings.floor_given": _give_floor,
    "meetings.floor_ended": _end_floor,
    "meetings.minutes_circulated": _circulate,
    "meetings.minutes_commented": _comment,
    "meetings.minutes_approved": _on_session(actions.approve_minutes),
}
