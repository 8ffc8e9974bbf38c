"""How a crisis act signed on its actor's own machine becomes a call of its action (see accord.core.signed).

Each body names things as the act records them (the crisis's, a pledge's or a lesson's number, instants
in UTC as the act writes them), so that the signer can build the very statement the action will record.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from accord.core.acting import Actor, Signed
from accord.core.errors import InvalidInput
from accord.core.policy import viewer_of
from accord.core.signed import Adapter, number
from accord.crises import actions, letters, queries

Body = Mapping[str, Any]
Derived = Callable[[Signed, Body], Any]

# Fields the actions take to be lists, as the API's schemas make them for a signed-in person: of codes
# (objected_by), or of texts, each a plain text or a text per language (leaders).
_LISTS = ("leaders", "objected_by")


def _texts(body: Body, name: str) -> list[Any]:
    value = body[name]
    if not isinstance(value, list) or not all(isinstance(item, str | Mapping) for item in value):
        raise InvalidInput(f"statement.body.{name}", "must be a list of texts")
    return value


def _seen(actor: Actor, body: Body, fields: tuple[str, ...]) -> None:
    """Refuse an act on a crisis, or on a pledge or lesson of it, that the signer may not see exactly as a
    missing one, as the API does before a signed-in person's writes; the action then judges the act."""
    viewer, crisis = viewer_of(actor.person), number(body, "crisis")
    queries.crisis(viewer, crisis)
    if "pledge" in fields:
        queries.pledge_in(viewer, crisis, number(body, "pledge"))
    if "lesson" in fields:
        queries.lesson_in(viewer, crisis, number(body, "lesson"))


def _adapter(action: Callable[..., Any], *fields: str, on_crisis: bool = True, **derived: Derived) -> Adapter:
    """Call `action` with the body's `fields` as its arguments of the same names and the `derived` ones.

    Every field is required, an instant too: left out, the action would take the moment it runs,
    which no signer can have signed, and the refusal would name a difference instead of the omission.
    """

    def adapt(actor: Actor, signed: Signed, body: Body) -> Any:
        if on_crisis:
            _seen(actor, body, fields)
        arguments = {name: _texts(body, name) if name in _LISTS else body[name] for name in fields}
        arguments.update({name: value(signed, body) for name, value in derived.items()})
        return action(actor=actor, signed=signed, **arguments)

    return adapt


def _fixed(value: Any) -> Derived:
    """An argument that the act's type itself gives (accepted or declined, say)."""
    return lambda signed, body: value


def _field(name: str) -> Derived:
    """An argument that the body records under another name."""
    return lambda signed, body: body[name]


def _classification(signed: Signed, body: Body) -> Any:
    """A request's classification is the statement's, not a field of its body."""
    return (signed.statement or {}).get("classification")


ADAPTERS: Mapping[str, Adapter] = {
    "crises.request_filed": _adapter(
        actions.file_request, "legal_basis", "happened", "area", "asks_for", on_crisis=False,
        at=_field("requested_at"), classification=_classification),
    "crises.request_acknowledged": _adapter(actions.acknowledge_request, "crisis", "at"),
    "crises.request_declined": _adapter(
        actions.record_no_response, "crisis", "objected_by", "note", "at", outcome=_fixed("declined")),
    "crises.request_left_without_decision": _adapter(
        actions.record_no_response, "crisis", "objected_by", "note", "at", outcome=_fixed("no_decision")),
    "crises.response_chosen": _adapter(
        actions.choose_response, "crisis", "response", "leaders", "reports_to", "note", "at"),
    "crises.decision_recorded": _adapter(actions.record_decision, "crisis", "decision_identifier", "decision_at"),
    "crises.mandate_extended": _adapter(actions.extend_mandate, "crisis", "ends_at", "reference"),
    "crises.pledge_made": _adapter(
        actions.pledge_contingent, "crisis", "capability", "quantity", "personnel", "personnel_reported", "at",
        force=lambda signed, body: body.get("force"), declared=lambda signed, body: body.get("declared"),
        equipment=lambda signed, body: body.get("equipment"),
        equipment_unit=lambda signed, body: body.get("equipment_unit") or "pieces",
        note=lambda signed, body: body.get("note") or ""),
    "crises.pledge_accepted": _adapter(actions.answer_pledge, "pledge", "at", accept=_fixed(True)),
    "crises.pledge_declined": _adapter(actions.answer_pledge, "pledge", "at", accept=_fixed(False)),
    "crises.phase_planned": _adapter(actions.plan_phase, "pledge", "phase", "planned_at"),
    "crises.phase_reached": _adapter(actions.record_phase, "pledge", "phase", "at",
                                     by=lambda signed, body: body.get("by")),
    "crises.mission_completed": _adapter(actions.declare_mission_complete, "crisis", "at"),
    "crises.sites_handed_over": _adapter(actions.hand_over_sites, "crisis", "sites", "at"),
    "crises.withdrawal_completed": _adapter(actions.complete_withdrawal, "crisis", "at"),
    "crises.situation_reported": _adapter(
        actions.file_situation_report, "crisis", "text", "at",
        from_commander=lambda signed, body: body["source"] == "commander"),
    "crises.letter_sent": _adapter(
        actions.record_letter_sent, "crisis", "kind", "reference", "at",
        addressee=lambda signed, body: body.get("addressee") or letters.COUNCIL,
        sender=lambda signed, body: body.get("sender") or "",
        text_kept=lambda signed, body: body.get("text") != {}, undated=lambda signed, body: body["at"] is None),
    "crises.lesson_recorded": _adapter(actions.record_lesson, "crisis", "text"),
    "crises.lesson_validated": _adapter(actions.validate_lesson, "lesson", "text"),
}
