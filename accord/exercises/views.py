"""The exercises' pages: thin views over the queries; each form posts to one action behind `@acting`, then back
to the page, or the page again with that form refused beside its fields and what was typed kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from accord.core import filters, paging
from accord.core.acting import Actor
from accord.core.errors import NotFound
from accord.core.pages import ActForm, acting, viewer_of
from accord.core.policy import Viewer
from accord.core.translations import Texts
from accord.decisions import queries as decision_queries
from accord.exercises import actions, catalogue, forms, policies, queries
from accord.exercises.models import Exercise
from accord.forces import queries as force_queries
from accord.members import queries as registry

Choices = forms.Choices


def _found(viewer: Viewer, pk: int) -> Exercise:
    try:
        return queries.exercise(viewer, pk)
    except NotFound:
        raise Http404("no such exercise") from None


def _members(viewer: Viewer) -> Choices:
    return [(view.code, str(view.member.name)) for view in registry.members(viewer) if view.is_current]


def _forces(viewer: Viewer) -> Choices:
    return [(str(force.pk), force.name.pick().text) for force in force_queries.forces(viewer)]


def _new_forms(viewer: Viewer, data: Any = None, name: str = "") -> dict[str, ActForm]:
    """The list page's forms: the plan and a new exercise, the one posted (`name`) bound to what was typed."""
    proposals = [(str(found.pk), str(found.title)) for found in decision_queries.proposals(viewer)]
    bodies = [(view.code, str(view.body.name)) for view in registry.bodies(viewer)]
    return {"plan": forms.PlanForm(data if name == "plan" else None, proposals=proposals),
            "exercise": forms.ExerciseForm(data if name == "exercise" else None, members=_members(viewer),
                                           bodies=bodies, forces=_forces(viewer))}


TIMELINES_DRAWN = 3  # the list draws the participation timelines of its latest years


class ExerciseFilters(filters.ListFilters):
    year = filters.choice(gettext_lazy("Year"))
    host = filters.choice(gettext_lazy("Host state"))
    status = filters.choice(gettext_lazy("Status"))


def _index(request: HttpRequest, data: Any = None, name: str = "") -> tuple[dict[str, Any], ActForm | None]:
    """The exercises the viewer may see, latest year first, a page at a time: filtered on a light read of every
    exercise; only the page's exercises are read in full (and a drawn year's, for its timeline)."""
    viewer = viewer_of(request)
    may_plan = policies.plans_exercises(viewer)
    page_forms = _new_forms(viewer, data, name) if may_plan else {}
    listed = queries.listed_exercises(viewer)
    chosen = ExerciseFilters(request.GET, {
        "year": filters.years(found.planned_start for found in listed),
        "host": filters.offered((found.host, str(found.host_name)) for found in listed),
        "status": catalogue.choices(catalogue.STATES),
    })
    shown = filters.narrow(listed, chosen.chosen(), {
        "year": lambda found, v: str(found.planned_start.year) == v,
        "host": lambda found, v: found.host == v,
        "status": lambda found, v: found.state == v,
    })
    # The years latest first, each year's exercises by planned start (the order `shown` has them in).
    shown = sorted(shown, key=lambda found: -found.planned_start.year)
    page = paging.page_of(request, shown)
    by_year: dict[int, list[Exercise]] = {}
    for found in queries.exercises_by_id([row.pk for row in page]):
        by_year.setdefault(found.planned_start.year, []).append(found)
    plans = {plan.year: plan for plan in queries.plans()}
    members = _members(viewer)
    # The latest years' timelines are drawn; an older year's is one click away (its year filter, which shows that
    # year alone): twenty years of exercises drawn at once made a page thirty times the dashboard's
    # (bench/exercises.py). A drawn year split across two pages is drawn whole on each.
    drawn = set(sorted({found.planned_start.year for found in shown}, reverse=True)[:TIMELINES_DRAWN])
    context = {"years": [(year, plans.get(year), rows,
                          queries.year_timeline(_whole_year(shown, rows, year), members, year) if year in drawn
                          else None, year in drawn)
                         for year, rows in sorted(by_year.items(), reverse=True)],
               "page": page, "paging": paging.page_links(request),
               "plans": plans, "may_plan": may_plan, "forms": page_forms, "filters": chosen, "count": len(shown),
               "nav": "exercises"}
    return context, page_forms.get(name)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    context, _form = _index(request)
    return render(request, "exercises/index.html", context)


def _created(request: HttpRequest, name: str, call: Callable[[Actor, dict[str, Any]], Any]) -> HttpResponse:
    context, form = _index(request, request.POST, name)
    assert form is not None
    made = form.act(request, call)
    if made is None:
        return render(request, "exercises/index.html", context, status=form.status)
    if isinstance(made, Exercise):
        return redirect("exercises:exercise", pk=made.pk)
    return redirect("exercises:index")


@acting
def adopt_plan(request: HttpRequest) -> HttpResponse:
    if not policies.plans_exercises(viewer_of(request)):
        return _refused_page(request)
    return _created(request, "plan", lambda actor, data: actions.adopt_plan(actor=actor, **data))


@acting
def plan_exercise(request: HttpRequest) -> HttpResponse:
    if not policies.plans_exercises(viewer_of(request)):
        return _refused_page(request)
    return _created(request, "exercise", lambda actor, data: actions.plan_exercise(actor=actor, **data))


# What a year's timeline reads of each exercise.
TIMELINE_FIELDS = ("name", "host", "plan", "planned_start", "planned_end", "actual_start", "actual_end", "state")


def _whole_year(shown: list[queries.Listed], rows: list[Exercise], year: int) -> list[Exercise]:
    """The year's exercises among `shown`: the page's `rows` when the page holds them all."""
    ids = [found.pk for found in shown if found.planned_start.year == year]
    return rows if len(ids) == len(rows) else queries.exercises_by_id(ids, *TIMELINE_FIELDS)


def _refused_page(request: HttpRequest) -> HttpResponse:
    """A person the policy does not let plan: the list again, refused, with nothing written."""
    context, _form = _index(request)
    return render(request, "exercises/index.html", {**context, "refused": True}, status=403)


def exercise_context(viewer: Viewer, found: Exercise, members: Choices | None = None) -> dict[str, Any]:
    """What the live part of an exercise's page shows; the same for the page and its live refresh.
    `members`: the viewer's member states, when the page has read them already."""
    rows = queries.participations(found)
    members = _members(viewer) if members is None else members
    evaluation = policies.sees_evaluation(viewer, found)
    return {"exercise": found, "participations": rows, "forces": queries.forces_of(viewer, found),
            "timeline": queries.exercise_timeline(found, members, rows),
            "date_claims": list(found.date_claims.all()),
            "evaluation": evaluation,
            "assessments": list(found.assessments.all()) if evaluation else [],
            "lessons": list(found.lessons.all()) if evaluation else [],
            "ratings": dict(catalogue.choices(catalogue.RATINGS)),
            "steps": [(step["state"], catalogue.label(catalogue.STATES, step["state"]),
                       dt.date.fromisoformat(step["on"]), _who(members, step["by"]), Texts.of(step["reason"]))
                      for step in found.steps],
            "clashes": [(clash, queries.clash_text(clash))
                        for clash in queries.clashes(viewer, found, participations=rows)],
            "kind_label": catalogue.label(catalogue.kinds(), found.kind),
            "state_by": _who(members, found.state_by),
            "statuses": dict(catalogue.choices(catalogue.STATUSES)),
            "member_names": dict(members),
            "missing": [(code, name) for code, name in members
                        if code not in {row.member_id for row in rows}]}


def _who(members: Choices, code: str) -> str:
    """Who changed the exercise's state: a member state by its name, or the secretariat."""
    if code == "secretariat":
        return _("the Secretariat")
    return next((name for member, name in members if member == code), code)


# The page's forms by name, each built with what it offers the viewer (given the viewer's member states).
FormOf = Callable[[Viewer, Exercise, Any, Choices], ActForm]
FORMS: dict[str, FormOf] = {
    "confirm": lambda viewer, found, data, members: forms.ConfirmForm(data),
    "record_held": lambda viewer, found, data, members: forms.HeldForm(data),
    "postpone": lambda viewer, found, data, members: forms.PostponeForm(data),
    "move": lambda viewer, found, data, members: forms.MoveForm(data, members=[
        choice for choice in members if choice[0] != found.host_id]),
    "cancel": lambda viewer, found, data, members: forms.CancelForm(data),
    "record_date_claim": lambda viewer, found, data, members: forms.DateClaimForm(data),
    "assess": lambda viewer, found, data, members: forms.AssessmentForm(data),
    "record_lesson": lambda viewer, found, data, members: forms.LessonForm(data),
    "declare_participation": lambda viewer, found, data, members: forms.ParticipationForm(
        data, members=[(code, name) for code, name in members
                       if policies.declares_participation(viewer, code)],
        forces=[(str(force.pk), force.name.pick().text) for force in queries.forces_of(viewer, found)],
        initial={"member": viewer.member or ""}),
}
ACTIONS: dict[str, Callable[..., object]] = {
    "confirm": actions.confirm_exercise, "record_held": actions.record_held, "postpone": actions.postpone_exercise,
    "move": actions.move_exercise, "cancel": actions.cancel_exercise,
    "declare_participation": actions.declare_participation, "record_date_claim": actions.record_date_claim,
    "assess": actions.assess_objective, "record_lesson": actions.record_lesson,
}


def _exercise_page(request: HttpRequest, pk: int, refused: ActForm | None = None,
                   refused_as: str = "") -> HttpResponse:
    viewer = viewer_of(request)
    found = _found(viewer, pk)
    may = policies.allowed(viewer, found)
    members = _members(viewer)
    page_forms = {name: FORMS[name](viewer, found, None, members) for name in may}
    if refused is not None:
        page_forms[refused_as] = refused
    context = exercise_context(viewer, found, members)
    lead = next((str(view.body.name) for view in registry.bodies(viewer) if view.code == found.lead), "")
    context.update({"forms": page_forms, "refused": refused, "nav": "exercises", "plan": found.plan,
                    "lead_name": lead})
    return render(request, "exercises/exercise.html", context, status=refused.status if refused else 200)


@require_GET
def exercise(request: HttpRequest, pk: int) -> HttpResponse:
    return _exercise_page(request, pk)


@require_GET
def live(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    return render(request, "exercises/partials/live.html", exercise_context(viewer, _found(viewer, pk)))


def _act(name: str) -> Callable[[HttpRequest, int], HttpResponse]:
    """The view that runs one of the page's forms on an exercise the viewer may see."""

    @acting
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        viewer = viewer_of(request)
        found = _found(viewer, pk)
        form = FORMS[name](viewer, found, request.POST, _members(viewer))
        if form.act(request, lambda actor, data: ACTIONS[name](actor=actor, exercise=found.pk, **data)) is None:
            return _exercise_page(request, pk, form, name)
        return redirect("exercises:exercise", pk=pk)

    view.__name__ = name
    return view


confirm = _act("confirm")
record_held = _act("record_held")
postpone = _act("postpone")
move = _act("move")
cancel = _act("cancel")
declare_participation = _act("declare_participation")
record_date_claim = _act("record_date_claim")
assess = _act("assess")
record_lesson = _act("record_lesson")
