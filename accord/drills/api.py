"""The drills API: reads for the members and the secretariat; writes need a session and go to one action.

A drill's own crisis, sessions and decisions are read and written through the real API under
/drills/<n>/run/api/v1/ (accord.drills.middleware), in the drill's scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status
from ninja.security import django_auth

from accord.core import paging
from accord.core.acting import Actor
from accord.core.errors import NotFound
from accord.core.inputs import Id
from accord.core.policy import viewer_of
from accord.drills import actions, policies, queries
from accord.drills.models import Drill
from accord.drills.schemas import DrillFiguresOut, DrillIn, DrillOut, DrillTargetOut, InjectIn, TargetIn

router = Router(tags=["drills"])


def _actor(request: HttpRequest) -> Actor:
    return Actor(person=request.user)  # type: ignore[arg-type]


def _hours(delta: dt.timedelta | None) -> float | None:
    return None if delta is None else round(delta.total_seconds() / 3600, 2)


def drill_out(found: Drill) -> dict[str, Any]:
    return {"id": found.pk, "name": found.name, "scenario": found.scenario, "starts_at": found.starts_at,
            "illustrative": found.illustrative, "ended_at": found.ended_at,
            "injects": [{"id": row.pk, "at": row.at, "kind": row.kind, "member": row.member, "text": row.text,
                         "fired_at": row.fired_at} for row in queries.injects(found)]}


def _row(figures: queries.Figures) -> dict[str, Any]:
    last = figures.last
    crisis = figures.crisis
    return {"kind": figures.kind, "crisis": crisis.pk if crisis else None,
            "requester": crisis.requester_id if crisis else None,
            "requested_at": crisis.requested_at if crisis else None,
            **{f"{code}_hours": _hours(value) for code, value in figures.values.items()},
            "acknowledgements": {member: _hours(after) for member, after in figures.responses},
            "answered_last": last[0] if last else None}


def _seen(request: HttpRequest) -> None:
    if not policies.sees(viewer_of(request.user)):
        raise NotFound("drill", "no drills")


@router.get("/drills", response=list[DrillOut],
            summary="The drills of the crisis procedure, the latest first, a page at a time",
            description=paging.described("drills"))
def list_drills(request: HttpRequest, response: HttpResponse, limit: paging.Limit = paging.API_LIMIT,
                offset: paging.Offset = 0) -> list[dict[str, Any]]:
    ids = queries.visible_drill_ids(viewer_of(request.user))
    return [drill_out(found) for found in
            queries.drills_by_id(ids[paging.window(request, response, len(ids), offset, limit)])]


@router.get("/drills/targets", response=list[DrillTargetOut], summary="The organization's response-time targets")
def list_targets(request: HttpRequest) -> list[dict[str, Any]]:
    _seen(request)
    return [{"figure": code, "hours": target.hours} for code, target in queries.targets().items()]


@router.get("/drills/{pk}", response=DrillOut, summary="A drill and its timetable of injects")
def get_drill(request: HttpRequest, pk: Id) -> dict[str, Any]:
    return drill_out(queries.drill_of(viewer_of(request.user), pk))


@router.get("/drills/{pk}/figures", response=DrillFiguresOut,
            summary="A drill's after-action figures, each of its requests', beside the targets, earlier "
                    "drills and real operations")
def get_figures(request: HttpRequest, pk: Id) -> dict[str, Any]:
    viewer = viewer_of(request.user)
    rows = queries.comparison(viewer, queries.drill_of(viewer, pk))
    requests = [_row(row) for row in rows if row.kind == "drill"]
    return {"drill": requests[0] if requests else None, "requests": requests,
            "compared": [_row(row) for row in rows if row.kind != "drill"],
            "targets": {code: target.hours for code, target in queries.targets().items()}}


@router.post("/drills", response={201: DrillOut}, auth=django_auth, summary="Plan a drill (the secretariat)")
def plan_drill(request: HttpRequest, payload: DrillIn) -> Status[dict[str, Any]]:
    return Status(201, drill_out(actions.plan_drill(actor=_actor(request), **payload.dict())))


@router.post("/drills/targets", response={201: DrillTargetOut}, auth=django_auth,
             summary="Set a response-time target (the secretariat)")
def set_target(request: HttpRequest, payload: TargetIn) -> Status[dict[str, Any]]:
    _seen(request)
    found = actions.set_target(actor=_actor(request), **payload.dict())
    return Status(201, {"figure": found.figure, "hours": found.hours})


@router.post("/drills/{pk}/injects", response={201: DrillOut}, auth=django_auth,
             summary="Add an inject to a drill's timetable (the secretariat)")
def schedule_inject(request: HttpRequest, pk: Id, payload: InjectIn) -> Status[dict[str, Any]]:
    found = queries.drill_of(viewer_of(request.user), pk)
    actions.schedule_inject(actor=_actor(request), drill=found.pk, **payload.dict())
    return Status(201, drill_out(found))


@router.post("/drills/{pk}/injects/{inject}/fired", response=DrillOut, auth=django_auth,
             summary="Fire an inject now (the secretariat)")
def fire_inject(request: HttpRequest, pk: Id, inject: Id) -> dict[str, Any]:
    found = queries.drill_of(viewer_of(request.user), pk)
    if not found.injects.filter(pk=inject).exists():
        raise NotFound("inject", f"no inject {inject} in drill {pk}")
    actions.fire_inject(actor=_actor(request), inject=inject)
    return drill_out(found)


@router.post("/drills/{pk}/ended", response=DrillOut, auth=django_auth, summary="End a drill (the secretariat)")
def end_drill(request: HttpRequest, pk: Id) -> dict[str, Any]:
    found = queries.drill_of(viewer_of(request.user), pk)
    return drill_out(actions.end_drill(actor=_actor(request), drill=found.pk))
