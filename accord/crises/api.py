"""The crises API: reads show only what the viewer may see; writes need a session and go to one action."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.security import django_auth

from accord.core.acting import Actor
from accord.core.policy import viewer_of
from accord.crises import actions, queries
from accord.crises.models import Crisis
from accord.crises.schemas import (
    AtIn,
    CrisisOut,
    DecisionIn,
    ExtendIn,
    MandateIn,
    NoResponseIn,
    RequestIn,
    ResponseIn,
)

router = Router(tags=["crisis response"])


def _actor(request: HttpRequest) -> Actor:
    return Actor(person=request.user)  # type: ignore[arg-type]


def _visible(request: HttpRequest, pk: int) -> Crisis:
    """Refuse a write on a crisis the actor may not see exactly as a missing one."""
    return queries.crisis(viewer_of(request.user), pk)


def crisis_out(found: Crisis) -> dict[str, Any]:
    mandate = queries.mandate_of(found)
    return {
        "id": found.pk, "requester": found.requester_id, "legal_basis": found.legal_basis,
        "happened": found.happened, "area": found.area, "asks_for": found.asks_for,
        "classification": found.classification, "requested_at": found.requested_at,
        "outcome": found.outcome, "outcome_at": found.outcome_at, "objected_by": found.objected_by,
        "leaders": found.leaders, "reports_to": found.reports_to, "closed_at": found.closed_at,
        "acknowledgements": [{"member": a.member_id, "person": a.person, "at": a.at}
                             for a in found.acknowledgements.all()],
        "mandate": None if mandate is None else {
            "purpose": mandate.purpose, "area": mandate.area, "ends_at": mandate.ends_at,
            "commander": mandate.commander, "commander_body": mandate.commander_body_id,
            "outside_territory": mandate.outside_territory, "unsc_reference": mandate.unsc_reference,
            "requirements": mandate.requirements, "decision_identifier": mandate.decision_identifier,
            "decision_at": mandate.decision_at,
        },
    }


@router.get("/crises", response=list[CrisisOut], summary="Crises the viewer may see, open ones first")
def list_crises(request: HttpRequest) -> list[dict[str, Any]]:
    return [crisis_out(c) for c in queries.crises(viewer_of(request.user))]


@router.get("/crises/{pk}", response=CrisisOut, summary="One crisis")
def get_crisis(request: HttpRequest, pk: int) -> dict[str, Any]:
    return crisis_out(_visible(request, pk))


@router.post("/crises", response={201: CrisisOut}, auth=django_auth,
             summary="File an official request (an official of a member state)")
def file_request(request: HttpRequest, payload: RequestIn) -> Status[dict[str, Any]]:
    found = actions.file_request(actor=_actor(request), **payload.dict())
    return Status(201, crisis_out(found))


@router.post("/crises/{pk}/acknowledgements", response={201: CrisisOut}, auth=django_auth,
             summary="Acknowledge a request for one's member state")
def acknowledge(request: HttpRequest, pk: int, payload: AtIn) -> Status[dict[str, Any]]:
    _visible(request, pk)
    actions.acknowledge_request(actor=_actor(request), crisis=pk, at=payload.at)
    return Status(201, crisis_out(queries.crisis(viewer_of(request.user), pk)))


@router.post("/crises/{pk}/no-response", response=CrisisOut, auth=django_auth,
             summary="Record that a request was declined or left without a decision (secretariat)")
def no_response(request: HttpRequest, pk: int, payload: NoResponseIn) -> dict[str, Any]:
    _visible(request, pk)
    return crisis_out(actions.record_no_response(actor=_actor(request), crisis=pk, **payload.dict()))


@router.post("/crises/{pk}/response", response=CrisisOut, auth=django_auth,
             summary="Record the response chosen (secretariat)")
def choose_response(request: HttpRequest, pk: int, payload: ResponseIn) -> dict[str, Any]:
    _visible(request, pk)
    return crisis_out(actions.choose_response(actor=_actor(request), crisis=pk, **payload.dict()))


@router.post("/crises/{pk}/mandate", response=CrisisOut, auth=django_auth,
             summary="Set the mandate of a collective operation (secretariat)")
def set_mandate(request: HttpRequest, pk: int, payload: MandateIn) -> dict[str, Any]:
    _visible(request, pk)
    actions.set_mandate(actor=_actor(request), crisis=pk, **payload.dict())
    return crisis_out(queries.crisis(viewer_of(request.user), pk))


@router.post("/crises/{pk}/decision", response=CrisisOut, auth=django_auth,
             summary="Record the adopted decision that authorizes the operation (secretariat)")
def record_decision(request: HttpRequest, pk: int, payload: DecisionIn) -> dict[str, Any]:
    _visible(request, pk)
    actions.record_decision(actor=_actor(request), crisis=pk, **payload.dict())
    return crisis_out(queries.crisis(viewer_of(request.user), pk))


@router.post("/crises/{pk}/extensions", response=CrisisOut, auth=django_auth,
             summary="Extend the mandate's duration by an act (secretariat)")
def extend(request: HttpRequest, pk: int, payload: ExtendIn) -> dict[str, Any]:
    _visible(request, pk)
    actions.extend_mandate(actor=_actor(request), crisis=pk, **payload.dict())
    return crisis_out(queries.crisis(viewer_of(request.user), pk))
