"""The standing forces' API: reads show only what the viewer may see; writes need a session and go to one
action."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.security import django_auth

from accord.core.acting import Actor
from accord.core.inputs import Id
from accord.core.policy import Viewer, viewer_of
from accord.forces import actions, policies, queries
from accord.forces.models import Contribution, Force
from accord.forces.schemas import ContributionIn, ContributionOut, ForceDetailOut, ForceIn, ForceOut

router = Router(tags=["standing forces"])


def _actor(request: HttpRequest) -> Actor:
    return Actor(person=request.user)  # type: ignore[arg-type]


def force_out(viewer: Viewer, found: Force) -> dict[str, Any]:
    proposal = queries.establishing_proposal(viewer, found)
    return {"id": found.pk, "name": found.name, "purpose": found.purpose, "size": found.size,
            "established_on": found.established_on, "proposal": proposal.pk if proposal else None,
            "decision_reference": found.decision_reference, "source": found.source,
            "classification": found.classification, "entry": found.entry_seq}


def contribution_out(row: Contribution) -> dict[str, Any]:
    return {"id": row.pk, "member": row.member_id, "capability": row.capability, "units": row.units,
            "personnel": row.personnel, "equipment": row.equipment, "reported": row.reported, "note": row.note,
            "declared_on": row.declared_on, "entry": row.entry_seq}


def allowed(viewer: Viewer) -> list[str]:
    return ["declare_contribution"] if policies.declares_for_any(viewer) else []


def force_detail(viewer: Viewer, found: Force) -> dict[str, Any]:
    return {**force_out(viewer, found), "allowed": allowed(viewer), "declared": [
        {"current": contribution_out(item.current), "earlier": [contribution_out(row) for row in item.earlier]}
        for item in queries.declared(found)]}


@router.get("/forces", response=list[ForceOut], summary="The standing forces the viewer may see")
def list_forces(request: HttpRequest) -> list[dict[str, Any]]:
    viewer = viewer_of(request.user)
    return [force_out(viewer, found) for found in queries.forces(viewer)]


@router.get("/forces/{pk}", response=ForceDetailOut,
            summary="One standing force with each member's standing declarations and their history")
def get_force(request: HttpRequest, pk: Id) -> dict[str, Any]:
    viewer = viewer_of(request.user)
    return force_detail(viewer, queries.force(viewer, pk))


@router.post("/forces", response={201: ForceOut}, auth=django_auth,
             summary="Record a standing force established by a decision (secretariat)")
def establish_force(request: HttpRequest, payload: ForceIn) -> Status[dict[str, Any]]:
    found = actions.establish_force(actor=_actor(request), **payload.dict())
    return Status(201, force_out(viewer_of(request.user), found))


@router.post("/forces/{pk}/contributions", response={201: ContributionOut}, auth=django_auth,
             summary="Declare a member's contribution of one capability (its head, delegate or liaison "
                     "officer, or the secretariat)")
def declare_contribution(request: HttpRequest, pk: Id, payload: ContributionIn) -> Status[dict[str, Any]]:
    row = actions.declare_contribution(actor=_actor(request), force=pk, **payload.dict())
    return Status(201, contribution_out(row))
