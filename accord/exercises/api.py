"""The exercises API: reads show only what the viewer may see; writes need a session and go to one action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status
from ninja.security import django_auth

from accord.core import paging
from accord.core.acting import Actor
from accord.core.inputs import Id
from accord.core.policy import Viewer, viewer_of
from accord.core.schema import Schema
from accord.exercises import actions, policies, queries
from accord.exercises.models import Exercise, Plan
from accord.exercises.schemas import (
    CancelIn,
    DateClaimIn,
    ExerciseAssessmentIn,
    ExerciseDetailOut,
    ExerciseIn,
    ExerciseLessonIn,
    ExerciseOut,
    HeldIn,
    MoveIn,
    OnIn,
    ParticipationIn,
    PlanIn,
    PlanOut,
    PostponeIn,
)
from accord.forces import queries as force_queries
from accord.forces.models import Force

router = Router(tags=["exercises"])


def _actor(request: HttpRequest) -> Actor:
    return Actor(person=request.user)  # type: ignore[arg-type]


def exercise_out(viewer: Viewer, found: Exercise, seen: list[Force] | None = None) -> dict[str, Any]:
    """`seen`: the standing forces the viewer may see, when a list has read them once for all its rows."""
    return {"id": found.pk, "year": found.plan.year if found.plan else None, "name": found.name,
            "kind": found.kind, "forces_exercised": [force.pk for force in queries.forces_of(viewer, found, seen)],
            "host": found.host_id, "ground": found.ground, "planned_start": found.planned_start,
            "planned_end": found.planned_end, "actual_start": found.actual_start, "actual_end": found.actual_end,
            "stages": found.stages, "scenario": found.scenario, "objectives": found.objectives, "lead": found.lead,
            "observers": found.observers, "state": found.state, "state_reason": found.state_reason,
            "state_by": found.state_by, "state_on": found.state_on, "classification": found.classification}


def exercise_detail(viewer: Viewer, found: Exercise) -> dict[str, Any]:
    shared = policies.sees_evaluation(viewer, found)
    return {**exercise_out(viewer, found), "allowed": policies.allowed(viewer, found), "participations": [
        {"member": row.member_id, "status": row.status, "force": row.force_id, "units": row.units,
         "personnel": row.personnel, "equipment": row.equipment, "reason": row.reason,
         "declared_on": row.declared_on} for row in queries.participations(found)],
        "date_claims": [{"source": claim.source, "first": claim.first, "last": claim.last, "used": claim.used}
                        for claim in found.date_claims.all()],
        "assessments": [{"objective": row.objective, "rating": row.rating, "findings": row.findings}
                        for row in found.assessments.all()] if shared else [],
        "lessons": [{"text": row.text, "member": row.member} for row in found.lessons.all()] if shared else [],
        "conflicts": [{"kind": clash.kind, "member": clash.member, "force": clash.force,
                       "exercise": clash.exercise.pk if clash.exercise else None,
                       "crisis": clash.crisis.pk if clash.crisis else None}
                      for clash in queries.clashes(viewer, found)]}


@router.get("/exercises", response=list[ExerciseOut],
            summary="The exercises the viewer may see, by planned start, a page at a time",
            description=paging.described("exercises"))
def list_exercises(request: HttpRequest, response: HttpResponse, limit: paging.Limit = paging.API_LIMIT,
                   offset: paging.Offset = 0) -> list[dict[str, Any]]:
    viewer = viewer_of(request.user)
    ids = queries.visible_exercise_ids(viewer)
    page = queries.exercises_by_id(ids[paging.window(request, response, len(ids), offset, limit)])
    seen = force_queries.forces(viewer) if page else []
    return [exercise_out(viewer, found, seen) for found in page]


@router.get("/exercises/plans", response=list[PlanOut], summary="The annual plans of exercises")
def list_plans(request: HttpRequest) -> list[dict[str, Any]]:
    return [_plan_out(plan) for plan in queries.plans()]


def _plan_out(plan: Plan) -> dict[str, Any]:
    return {"id": plan.pk, "year": plan.year, "proposal": plan.proposal_id,
            "decision_reference": plan.decision_reference}


@router.get("/exercises/{pk}", response=ExerciseDetailOut,
            summary="One exercise with each member's participation and the acts the caller may perform")
def get_exercise(request: HttpRequest, pk: Id) -> dict[str, Any]:
    viewer = viewer_of(request.user)
    return exercise_detail(viewer, queries.exercise(viewer, pk))


@router.post("/exercises/plans", response={201: PlanOut}, auth=django_auth,
             summary="Record the year's plan of exercises adopted by a decision (secretariat)")
def adopt_plan(request: HttpRequest, payload: PlanIn) -> Status[dict[str, Any]]:
    plan = actions.adopt_plan(actor=_actor(request), **payload.dict())
    return Status(201, _plan_out(plan))


@router.post("/exercises", response={201: ExerciseOut}, auth=django_auth,
             summary="Plan an exercise (secretariat)")
def plan_exercise(request: HttpRequest, payload: ExerciseIn) -> Status[dict[str, Any]]:
    found = actions.plan_exercise(actor=_actor(request), **payload.dict())
    return Status(201, exercise_out(viewer_of(request.user), found))


def _acted(request: HttpRequest, pk: int, act: Callable[..., object], payload: Schema) -> dict[str, Any]:
    """Run an action on the exercise with the payload's fields; the exercise again, as the caller sees it now."""
    act(actor=_actor(request), exercise=pk, **payload.dict())
    viewer = viewer_of(request.user)
    return exercise_detail(viewer, queries.exercise(viewer, pk))


@router.post("/exercises/{pk}/confirmed", response=ExerciseDetailOut, auth=django_auth,
             summary="Confirm the exercise (the host or the secretariat)")
def confirm(request: HttpRequest, pk: Id, payload: OnIn) -> dict[str, Any]:
    return _acted(request, pk, actions.confirm_exercise, payload)


@router.post("/exercises/{pk}/held", response=ExerciseDetailOut, auth=django_auth,
             summary="Record the confirmed exercise held, with its days (secretariat)")
def held(request: HttpRequest, pk: Id, payload: HeldIn) -> dict[str, Any]:
    return _acted(request, pk, actions.record_held, payload)


@router.post("/exercises/{pk}/postponed", response=ExerciseDetailOut, auth=django_auth,
             summary="Postpone the exercise to new dates, saying why (the host or the secretariat)")
def postpone(request: HttpRequest, pk: Id, payload: PostponeIn) -> dict[str, Any]:
    return _acted(request, pk, actions.postpone_exercise, payload)


@router.post("/exercises/{pk}/moved", response=ExerciseDetailOut, auth=django_auth,
             summary="Move the exercise to another host, saying why (the host or the secretariat)")
def move(request: HttpRequest, pk: Id, payload: MoveIn) -> dict[str, Any]:
    return _acted(request, pk, actions.move_exercise, payload)


@router.post("/exercises/{pk}/cancelled", response=ExerciseDetailOut, auth=django_auth,
             summary="Cancel the exercise, saying why (the host or the secretariat)")
def cancel(request: HttpRequest, pk: Id, payload: CancelIn) -> dict[str, Any]:
    return _acted(request, pk, actions.cancel_exercise, payload)


@router.post("/exercises/{pk}/participations", response=ExerciseDetailOut, auth=django_auth,
             summary="Declare a member's participation: pledged, confirmed, or not taking part with its reason")
def participate(request: HttpRequest, pk: Id, payload: ParticipationIn) -> dict[str, Any]:
    return _acted(request, pk, actions.declare_participation, payload)


@router.post("/exercises/{pk}/dates", response=ExerciseDetailOut, auth=django_auth,
             summary="Record what a source says the exercise's days were, and whether the organization uses it "
                     "(secretariat)")
def date_claim(request: HttpRequest, pk: Id, payload: DateClaimIn) -> dict[str, Any]:
    return _acted(request, pk, actions.record_date_claim, payload)


@router.post("/exercises/{pk}/assessments", response=ExerciseDetailOut, auth=django_auth,
             summary="Assess one objective of a held exercise, with its findings (secretariat)")
def assess(request: HttpRequest, pk: Id, payload: ExerciseAssessmentIn) -> dict[str, Any]:
    return _acted(request, pk, actions.assess_objective, payload)


@router.post("/exercises/{pk}/lessons", response=ExerciseDetailOut, auth=django_auth,
             summary="Record a lesson drawn from a held exercise (secretariat, a state that took part)")
def lesson(request: HttpRequest, pk: Id, payload: ExerciseLessonIn) -> dict[str, Any]:
    return _acted(request, pk, actions.record_lesson, payload)
