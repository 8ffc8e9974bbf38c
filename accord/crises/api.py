"""The crises API: reads show only what the viewer may see; writes need a session and go to one action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status
from ninja.security import django_auth

from accord.core import paging, provenance
from accord.core import signed as signed_acts
from accord.core.acting import Actor
from accord.core.errors import NotFound
from accord.core.inputs import Id
from accord.core.policy import Viewer, viewer_of
from accord.core.schema import Schema
from accord.crises import actions, catalogue, letters, policies, queries, signing
from accord.crises.models import Crisis
from accord.crises.schemas import (
    AcceleratedIn,
    AnswerIn,
    AtIn,
    ConveneIn,
    CrisisDetailOut,
    CrisisOut,
    DecisionIn,
    ExtendIn,
    LessonIn,
    LessonOut,
    LetterIn,
    LetterOut,
    MandateIn,
    NoResponseIn,
    PhaseIn,
    PledgeIn,
    ReportIn,
    ReportOut,
    RequestIn,
    ResponseIn,
    ReviewOut,
    SitesIn,
    TakeUpIn,
)
from accord.decisions import queries as decisions

router = Router(tags=["crisis response"])


def _actor(request: HttpRequest) -> Actor:
    return Actor(person=request.user)  # type: ignore[arg-type]


def _visible(request: HttpRequest, pk: int) -> Crisis:
    """Refuse a write on a crisis the actor may not see exactly as a missing one."""
    return queries.crisis(viewer_of(request.user), pk)


def crisis_out(found: Crisis, known: provenance.Known | None = None) -> dict[str, Any]:
    mandate = queries.mandate_of(found)
    return {
        "id": found.pk, "requester": found.requester_id, "legal_basis": found.legal_basis,
        "happened": found.happened, "area": found.area, "asks_for": found.asks_for,
        "classification": found.classification, "requested_at": found.requested_at,
        "outcome": found.outcome, "outcome_at": found.outcome_at, "outcome_note": found.outcome_note,
        "objected_by": found.objected_by, "provenance": provenance.for_api(found.entry_seq, known),
        "leaders": found.leaders, "reports_to": found.reports_to, "closed_at": found.closed_at,
        "closing_note": found.closing_note,
        "acknowledgements": [{"member": a.member_id, "person": a.person, "at": a.at, "by_decision": a.by_decision}
                             for a in found.acknowledgements.all()],
        "mandate": None if mandate is None else {
            "purpose": mandate.purpose, "area": mandate.area, "ends_at": mandate.ends_at,
            "commander": mandate.commander, "commander_body": mandate.commander_body_id,
            "outside_territory": mandate.outside_territory, "unsc_reference": mandate.unsc_reference,
            "requirements": mandate.requirements, "decision_identifier": mandate.decision_identifier,
            "decision_texts": queries.decision_texts(mandate),
            "decision_at": mandate.decision_at, "first_arrival_at": mandate.first_arrival_at,
            "deployed_at": mandate.deployed_at, "deployed_personnel": mandate.deployed_personnel,
            "deployed_equipment": mandate.deployed_equipment,
        },
    }


@router.get("/crises", response=list[CrisisOut],
            summary="Crises the viewer may see, open ones first, newest first within each, a page at a time",
            description=paging.described("crises"))
def list_crises(request: HttpRequest, response: HttpResponse, limit: paging.Limit = paging.API_LIMIT,
                offset: paging.Offset = 0) -> list[dict[str, Any]]:
    listed = queries.listed_crises(viewer_of(request.user))
    found = queries.crises_by_id([crisis.pk for crisis in listed[paging.window(request, response, len(listed),
                                                                               offset, limit)]])
    known = provenance.of_entries(c.entry_seq for c in found)
    return [crisis_out(c, known) for c in found]


def _taken_out(item: queries.Taken) -> dict[str, Any]:
    if item.session is not None:
        return {"session": item.session.pk, "proposal": None, "title": str(item.session.title),
                "state": item.session.state, "outcome": None}
    assert item.proposal is not None
    procedure = decisions.current_procedure(item.proposal)
    state = decisions.state_of(procedure) if procedure else None
    return {"session": None, "proposal": item.proposal.pk, "title": str(item.proposal.title),
            "state": ("open" if state.is_open else "closed") if state else "tabled",
            "outcome": state.outcome if state else None}


def crisis_detail(found: Crisis, viewer: Viewer) -> dict[str, Any]:
    views = queries.pledges(found)
    mandate = queries.mandate_of(found)
    rows = queries.force_gap(found, mandate, views)
    allowed = policies.allowed(
        viewer, found, mandate, acknowledged=set(found.acknowledgements.values_list("member_id", flat=True)),
        contributors={v.pledge.member_id for v in views if v.pledge.status == "accepted"},
        sent=set(found.letters.filter(addressee=letters.COUNCIL).values_list("kind", flat=True)),
        awaiting=[cell.member.code for cell in queries.acknowledgement_strip(viewer, found)
                  if not cell.acknowledgement])
    return {**crisis_out(found), "pledges": [{
        "id": v.pledge.pk, "member": v.pledge.member_id, "capability": v.pledge.capability,
        "quantity": v.pledge.quantity, "personnel": v.pledge.personnel,
        "personnel_reported": v.pledge.personnel_reported, "status": v.pledge.status,
        "equipment": v.pledge.equipment, "equipment_unit": v.pledge.equipment_unit, "note": v.pledge.note,
        "force": v.pledge.force_id, "declared": v.pledge.declared_id,
        "phases": [{"phase": p.phase, "planned_at": p.planned_at, "actual_at": p.actual_at,
                    "actual_by": p.actual_by}
                   for p in sorted(v.pledge.phases.all(), key=lambda p: catalogue.PHASE_CODES.index(p.phase))],
        "allowed": policies.allowed_on_pledge(viewer, v.pledge),
    } for v in views], "force_gap": [{"capability": r.capability, "required": r.required, "pledged": r.pledged,
                                      "accepted": r.accepted, "deployed": r.deployed, "gap": r.gap} for r in rows],
            "taken_up": [_taken_out(item) for item in queries.taken_up(viewer, found)],
            "letters": [{"kind": letter.kind, "addressee": letter.addressee, "sender": letter.sender,
                         "text": letter.text, "sent_at": letter.sent_at, "reference": letter.reference}
                        for letter in found.letters.all()],
            "allowed": allowed}


@router.get("/crises/{pk}", response=CrisisDetailOut, summary="One crisis with its pledges and force gap")
def get_crisis(request: HttpRequest, pk: Id) -> dict[str, Any]:
    return crisis_detail(_visible(request, pk), viewer_of(request.user))


@router.post("/crises", response={201: CrisisOut}, auth=django_auth,
             summary="File an official request (an official of a member state)")
def file_request(request: HttpRequest, payload: RequestIn) -> Status[dict[str, Any]]:
    found = actions.file_request(actor=_actor(request), **payload.dict())
    return Status(201, crisis_out(found))


@router.post("/crises/{pk}/acknowledgements", response={201: CrisisOut}, auth=django_auth,
             summary="Acknowledge a request for one's member state")
def acknowledge(request: HttpRequest, pk: Id, payload: AtIn) -> Status[dict[str, Any]]:
    return Status(201, _acted(request, pk, actions.acknowledge_request, payload))


@router.post("/crises/{pk}/no-response", response=CrisisOut, auth=django_auth,
             summary="Record that a request was declined or left without a decision (secretariat)")
def no_response(request: HttpRequest, pk: Id, payload: NoResponseIn) -> dict[str, Any]:
    return _acted(request, pk, actions.record_no_response, payload)


@router.post("/crises/{pk}/response", response=CrisisOut, auth=django_auth,
             summary="Record the response chosen (secretariat)")
def choose_response(request: HttpRequest, pk: Id, payload: ResponseIn) -> dict[str, Any]:
    return _acted(request, pk, actions.choose_response, payload)


@router.post("/crises/{pk}/mandate", response=CrisisOut, auth=django_auth,
             summary="Set the mandate of a collective operation (secretariat)")
def set_mandate(request: HttpRequest, pk: Id, payload: MandateIn) -> dict[str, Any]:
    return _acted(request, pk, actions.set_mandate, payload)


@router.post("/crises/{pk}/decision", response=CrisisOut, auth=django_auth,
             summary="Record the adopted decision that authorizes the operation (secretariat)")
def record_decision(request: HttpRequest, pk: Id, payload: DecisionIn) -> dict[str, Any]:
    return _acted(request, pk, actions.record_decision, payload)


@router.post("/crises/{pk}/extensions", response=CrisisOut, auth=django_auth,
             summary="Extend the mandate's duration by an act (secretariat)")
def extend(request: HttpRequest, pk: Id, payload: ExtendIn) -> dict[str, Any]:
    return _acted(request, pk, actions.extend_mandate, payload)


def _acted(request: HttpRequest, pk: int, act: Callable[..., object], payload: Schema) -> dict[str, Any]:
    """Run a crisis action with the payload's fields on a crisis the caller may see; the crisis again,
    as the caller may see it now."""
    _visible(request, pk)
    act(actor=_actor(request), crisis=pk, **payload.dict())
    return crisis_out(queries.crisis(viewer_of(request.user), pk))


def _detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    viewer = viewer_of(request.user)
    return crisis_detail(queries.crisis(viewer, pk), viewer)


def _created(request: HttpRequest, pk: int, act: Callable[..., object], payload: Schema) -> Status[dict[str, Any]]:
    """Run a crisis action with the payload's fields; the crisis again, as the caller may see it."""
    _visible(request, pk)
    act(actor=_actor(request), crisis=pk, **payload.dict())
    return Status(201, _detail(request, pk))


@router.post("/crises/{pk}/sessions", response={201: CrisisDetailOut}, auth=django_auth,
             summary="Convene an extraordinary session on the request (the chair or the secretariat)")
def convene(request: HttpRequest, pk: Id, payload: ConveneIn) -> Status[dict[str, Any]]:
    return _created(request, pk, actions.convene_on_request, payload)


@router.post("/crises/{pk}/procedures", response={201: CrisisDetailOut}, auth=django_auth,
             summary="Table a draft decision on the request and open an accelerated procedure on it, "
                     "its deadline hours away (the chair or the secretariat)")
def accelerated(request: HttpRequest, pk: Id, payload: AcceleratedIn) -> Status[dict[str, Any]]:
    return _created(request, pk, actions.open_accelerated_procedure, payload)


@router.post("/crises/{pk}/taken-up", response={201: CrisisDetailOut}, auth=django_auth,
             summary="Tie an existing session or proposal to the request (secretariat)")
def take_up(request: HttpRequest, pk: Id, payload: TakeUpIn) -> Status[dict[str, Any]]:
    return _created(request, pk, actions.take_up, payload)


@router.post("/crises/{pk}/pledges", response={201: CrisisDetailOut}, auth=django_auth,
             summary="Pledge a contingent against the requirement (an official of a member state)")
def pledge(request: HttpRequest, pk: Id, payload: PledgeIn) -> Status[dict[str, Any]]:
    _visible(request, pk)
    actions.pledge_contingent(actor=_actor(request), crisis=pk, **payload.dict())
    return Status(201, _detail(request, pk))


def _pledge_of(request: HttpRequest, pk: int, pledge: int) -> int:
    found = _visible(request, pk)
    if not found.pledges.filter(pk=pledge).exists():
        raise NotFound("pledge", f"no pledge {pledge} in crisis {pk}")
    return pledge


@router.post("/crises/{pk}/pledges/{pledge}/answer", response=CrisisDetailOut, auth=django_auth,
             summary="Accept or decline a pledge (the requesting state)")
def answer(request: HttpRequest, pk: Id, pledge: Id, payload: AnswerIn) -> dict[str, Any]:
    actions.answer_pledge(actor=_actor(request), pledge=_pledge_of(request, pk, pledge), **payload.dict())
    return _detail(request, pk)


@router.post("/crises/{pk}/pledges/{pledge}/phases", response=CrisisDetailOut, auth=django_auth,
             summary="Plan a contingent's phase (planned_at) or record it reached (at, default now)")
def phase(request: HttpRequest, pk: Id, pledge: Id, payload: PhaseIn) -> dict[str, Any]:
    number = _pledge_of(request, pk, pledge)
    if payload.planned_at is not None:
        actions.plan_phase(actor=_actor(request), pledge=number, phase=payload.phase,
                           planned_at=payload.planned_at)
    else:
        actions.record_phase(actor=_actor(request), pledge=number, phase=payload.phase, at=payload.at,
                             by=payload.by)
    return _detail(request, pk)


@router.post("/crises/{pk}/completion", response=CrisisDetailOut, auth=django_auth,
             summary="Declare the mission complete (the host state)")
def completion(request: HttpRequest, pk: Id, payload: AtIn) -> dict[str, Any]:
    _visible(request, pk)
    actions.declare_mission_complete(actor=_actor(request), crisis=pk, at=payload.at)
    return _detail(request, pk)


@router.post("/crises/{pk}/sites", response=CrisisDetailOut, auth=django_auth,
             summary="Record the guarded sites handed over (the host state)")
def sites(request: HttpRequest, pk: Id, payload: SitesIn) -> dict[str, Any]:
    _visible(request, pk)
    actions.hand_over_sites(actor=_actor(request), crisis=pk, **payload.dict())
    return _detail(request, pk)


@router.post("/crises/{pk}/withdrawal", response=CrisisDetailOut, auth=django_auth,
             summary="Record the withdrawal complete: refused until every contingent is home (secretariat)")
def withdrawal(request: HttpRequest, pk: Id, payload: AtIn) -> dict[str, Any]:
    _visible(request, pk)
    actions.complete_withdrawal(actor=_actor(request), crisis=pk, at=payload.at)
    return _detail(request, pk)


@router.post("/crises/{pk}/reports", response={201: ReportOut}, auth=django_auth,
             summary="File a numbered situation report (a contributor, or the secretariat for the commander)")
def report(request: HttpRequest, pk: Id, payload: ReportIn) -> Status[Any]:
    _visible(request, pk)
    return Status(201, actions.file_situation_report(actor=_actor(request), crisis=pk, **payload.dict()))


@router.get("/crises/{pk}/letters/{kind}", response=LetterOut,
            summary="The letter to the UN Security Council as generated now from the acts")
def draft_letter(request: HttpRequest, pk: Id, kind: str) -> dict[str, Any]:
    found = _visible(request, pk)
    if kind not in letters.KINDS or queries.mandate_of(found) is None:
        raise NotFound("kind", f"no {kind!r} letter for this crisis")
    facts = queries.letter_facts(found)
    return {"kind": kind, "text": letters.compose(kind, facts)}


@router.post("/crises/{pk}/letters", response={201: LetterOut}, auth=django_auth,
             summary="Record a letter to the UN Security Council as sent (secretariat)")
def send_letter(request: HttpRequest, pk: Id, payload: LetterIn) -> Status[Any]:
    _visible(request, pk)
    return Status(201, actions.record_letter_sent(actor=_actor(request), crisis=pk, **payload.dict()))


@router.post("/crises/{pk}/lessons", response={201: LessonOut}, auth=django_auth,
             summary="Record a lesson as observed")
def lesson(request: HttpRequest, pk: Id, payload: LessonIn) -> Status[Any]:
    _visible(request, pk)
    return Status(201, actions.record_lesson(actor=_actor(request), crisis=pk, text=payload.text))


@router.post("/crises/{pk}/lessons/{lesson}/validation", response=LessonOut, auth=django_auth,
             summary="Validate a lesson, in its words or a validated wording (secretariat)")
def validate(request: HttpRequest, pk: Id, lesson: Id, payload: LessonIn) -> Any:
    found = _visible(request, pk)
    if not found.lessons.filter(pk=lesson).exists():
        raise NotFound("lesson", f"no lesson {lesson} in crisis {pk}")
    return actions.validate_lesson(actor=_actor(request), lesson=lesson, text=payload.text)


def _seconds(delta: Any) -> float | None:
    return None if delta is None else delta.total_seconds()


@router.get("/crises/{pk}/review", response=ReviewOut,
            summary="The after-action review: metrics computed from the acts' times, and the lessons")
def review(request: HttpRequest, pk: Id) -> dict[str, Any]:
    found = _visible(request, pk)
    metrics = queries.metrics(found, queries.mandate_of(found), queries.pledges(found))
    return {
        "to_decision_seconds": _seconds(metrics.to_decision),
        "to_first_arrival_seconds": _seconds(metrics.to_first_arrival),
        "to_full_capability_seconds": _seconds(metrics.to_full_capability),
        "to_withdrawal_seconds": _seconds(metrics.to_withdrawal),
        "spreads": [{"phase": s.phase, "first": s.first, "last": s.last,
                     "spread_seconds": s.spread.total_seconds()} for s in metrics.spreads],
        "acknowledgement_seconds": {m: d.total_seconds() for m, d in metrics.acknowledgements.items()},
        "lessons": [{"id": x.pk, "text": x.text, "member": x.member, "validated": x.validated,
                     "validated_text": x.validated_text} for x in found.lessons.all()],
    }


# How a crisis act, signed on its actor's own machine, becomes a call of its action (accord.crises.signing).
for _type, _adapter in signing.ADAPTERS.items():
    signed_acts.register(_type, _adapter)
