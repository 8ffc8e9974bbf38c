"""How each crisis act is replayed from the log (see accord.core.replay).

Most bodies name the action's arguments by the same names, as a signed crisis act does
(accord.crises.signing); the replay calls the action with them whatever the actor may see (it rebuilds
the whole state, as the console), and the action judges the act as it did.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from accord.core import clock, replay
from accord.core.acting import Actor, Signed
from accord.core.translations import legacy_texts
from accord.core.values import instant_of
from accord.crises import actions

Body = Mapping[str, Any]


def _call(action: Callable[..., Any], *fields: str, **derived: Callable[[Body], Any]) -> replay.Replayer:
    def run(a: Actor, s: Signed | None, b: Body, st: Mapping[str, Any]) -> Any:
        arguments = {name: b[name] for name in fields}
        arguments.update({name: value(b) for name, value in derived.items()})
        return action(actor=a, signed=s, **arguments)

    return run


def _fixed(value: Any) -> Callable[[Body], Any]:
    return lambda b: value


def _field(name: str) -> Callable[[Body], Any]:
    return lambda b: b[name]


def _optional(name: str) -> Callable[[Body], Any]:
    """A field that entries written before it existed leave out (a pledge's force: ad hoc)."""
    return lambda b: b.get(name)


replay.declare("crises.request_filed", lambda a, s, b, st: actions.file_request(
    actor=a, signed=s, legal_basis=b["legal_basis"], happened=b["happened"], area=b["area"],
    asks_for=b["asks_for"], at=b["requested_at"], classification=st["classification"]))
for _type, _replayer in {
    "crises.request_acknowledged": _call(actions.acknowledge_request, "crisis", "at"),
    "crises.request_declined": _call(actions.record_no_response, "crisis", "objected_by", "note", "at",
                                     outcome=_fixed("declined")),
    "crises.request_left_without_decision": _call(actions.record_no_response, "crisis", "objected_by", "note",
                                                  "at", outcome=_fixed("no_decision")),
    "crises.response_chosen": _call(actions.choose_response, "crisis", "response", "leaders", "reports_to",
                                    "note", "at"),
    "crises.decision_recorded": _call(actions.record_decision, "crisis", "decision_identifier", "decision_at"),
    "crises.mandate_extended": _call(actions.extend_mandate, "crisis", "ends_at", "reference"),
    "crises.pledge_made": _call(actions.pledge_contingent, "crisis", "capability", "quantity", "personnel",
                                "personnel_reported", "at", force=_optional("force"),
                                declared=_optional("declared"), equipment=_optional("equipment"),
                                equipment_unit=lambda b: b.get("equipment_unit") or "pieces",
                                note=lambda b: b.get("note") or ""),
    "crises.pledge_accepted": _call(actions.answer_pledge, "pledge", "at", accept=_fixed(True)),
    "crises.pledge_declined": _call(actions.answer_pledge, "pledge", "at", accept=_fixed(False)),
    "crises.phase_planned": _call(actions.plan_phase, "pledge", "phase", "planned_at"),
    "crises.phase_reached": _call(actions.record_phase, "pledge", "phase", "at", by=_optional("by")),
    "crises.acknowledged_by_decision": _call(actions.acknowledge_by_decision, "crisis", "members", "decision",
                                             "at"),
    "crises.first_arrival": _call(actions.record_first_arrival, "crisis", "at"),
    "crises.deployment_completed": _call(actions.record_deployment_complete, "crisis", "at", "personnel",
                                         "equipment"),
    "crises.mission_report_heard": _call(actions.record_report_heard, "crisis", "note", "at"),
    "crises.mission_completed": _call(actions.declare_mission_complete, "crisis", "at"),
    "crises.sites_handed_over": _call(actions.hand_over_sites, "crisis", "sites", "at"),
    "crises.withdrawal_completed": _call(actions.complete_withdrawal, "crisis", "at"),
    "crises.situation_reported": _call(actions.file_situation_report, "crisis", "text", "at",
                                       from_commander=lambda b: b["source"] == "commander"),
    # A letter entered before addressees and senders (to the Council, from the organization) leaves them out;
    # one of the past recorded without its text or its day holds an empty text or no instant.
    "crises.letter_sent": _call(actions.record_letter_sent, "crisis", "kind", "reference", "at",
                                addressee=lambda b: b.get("addressee") or "council",
                                sender=lambda b: b.get("sender") or "", text_kept=lambda b: b.get("text") != {},
                                undated=lambda b: b["at"] is None),
    "crises.lesson_recorded": _call(actions.record_lesson, "crisis", "text"),
    "crises.lesson_validated": _call(actions.validate_lesson, "lesson", "text"),
}.items():
    replay.declare(_type, _replayer)


def _mandate(a: Actor, s: Signed | None, b: Body, st: Mapping[str, Any]) -> Any:
    return actions.set_mandate(
        actor=a, crisis=b["crisis"], purpose=b["purpose"], area=b["area"], ends_at=b["ends_at"],
        commander=b["commander"], commander_body=b["commander_body"], requirements=b["requirements"],
        outside_territory=b["outside_territory"], unsc_reference=b["unsc_reference"],
        decision_identifier=b["decision_identifier"] or "",
        decision_at=b["decision_at"] if b["decision_identifier"] else None)


replay.declare("crises.mandate_set", _mandate)
# A session or proposal tied to a request after the fact, by the secretariat.
replay.declare("crises.taken_up", lambda a, s, b, st: actions.take_up(
    actor=a, crisis=b["crisis"], session=b["session"], proposal=b["proposal"]))


# Acts that record another app's acts as their steps: an extraordinary session convened on the request, and
# a draft decision tabled and put to an accelerated procedure. Where the log holds those entries in a row
# for one crisis, they are one act, replayed by its action.

def _body(statement: Mapping[str, Any]) -> Body:
    body = statement.get("body")
    return body if isinstance(body, Mapping) else {}


def _convened_on_request(statements: Sequence[Mapping[str, Any]]) -> bool:
    convened, taken = (_body(st) for st in statements)
    return (taken.get("session") is not None and taken.get("proposal") is None
            and convened.get("kind") == "extraordinary" and convened.get("requested_by") is not None
            and statements[0].get("actor") == statements[1].get("actor"))


def _convene(a: Actor, s: Signed | None, statements: Sequence[Mapping[str, Any]]) -> Any:
    convened, taken = (_body(st) for st in statements)
    return actions.convene_on_request(
        actor=a, crisis=taken["crisis"], body=convened["body"], title=legacy_texts(convened, "title"),
        starts_on=convened["starts_on"], mode=convened["mode"], place=legacy_texts(convened, "place"),
        chair=convened["chair"])


def _accelerated(statements: Sequence[Mapping[str, Any]]) -> bool:
    proposed, opened, taken = (_body(st) for st in statements)
    return (proposed.get("proposal") == opened.get("proposal") == taken.get("proposal") is not None
            and len({str(st.get("actor")) for st in statements}) == 1)


def _accelerate(a: Actor, s: Signed | None, statements: Sequence[Mapping[str, Any]]) -> Any:
    proposed, opened, taken = (_body(st) for st in statements)
    deadline = instant_of(opened["deadline"], "deadline")
    # The act set the deadline this many hours after its instant, which the replay pins to the logged one.
    hours = round((deadline - clock.now()) / dt.timedelta(hours=1)) if deadline else 0
    return actions.open_accelerated_procedure(
        actor=a, crisis=taken["crisis"], body=proposed["body"], title=legacy_texts(proposed, "title"),
        text=proposed["text"], kind=opened["kind"], hours=hours)


replay.declare_compound(("meetings.session_convened", "crises.taken_up"), _convene, _convened_on_request)
replay.declare_compound(("decisions.proposed", "decisions.procedure_opened", "crises.taken_up"), _accelerate,
                        _accelerated)
