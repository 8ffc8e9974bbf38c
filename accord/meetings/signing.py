"""How a meetings act signed on its actor's own machine becomes a call of its action (see accord.core.signed).

A body names things as the act records them (a session's id, an item's or a part's number, a speaker's
order, a bilateral meeting's slot). Each is fetched as its signer may see it, so that a thing the signer
may not see is refused exactly as a missing one; the action then judges the act.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from accord.core.acting import Actor, Signed
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
    found = queries.statement_by_order(_viewer(a), number(b, "session"), number(b, "part"), number(b, "order"))
    return actions.deliver_statement(actor=a, signed=s, statement=found.pk, language=b["language"],
                                     text=b.get("text", ""), summary=legacy_texts(b, "summary"))


def _answer(a: Actor, s: Signed, b: Body) -> Any:
    found = queries.bilateral_by_slot(_viewer(a), number(b, "session"), b["requester"], b["counterpart"],
                                      b["starts_at"])
    return actions.answer_bilateral(actor=a, signed=s, bilateral=found.pk, accept=b["state"] == "confirmed")


ADAPTERS: Mapping[str, Adapter] = {
    "meetings.agenda_agreed": _on_session(actions.agree_agenda),
    "meetings.session_opened": _on_session(actions.open_session),
    "meetings.session_closed": _on_session(actions.close_session),
    "meetings.item_taken_up": _take_up,
    "meetings.outcome_recorded": _outcome,
    "meetings.statement_delivered": _deliver,
    "meetings.bilateral_answered": _answer,
}
