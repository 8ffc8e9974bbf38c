"""The standing forces' pages: thin views over the queries; each form posts to one action behind `@acting`,
then back to the page, or the page again with the form refused beside its fields and what was typed kept."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from accord.core.errors import NotFound
from accord.core.pages import acting, render_form, viewer_of
from accord.core.policy import Viewer
from accord.decisions import queries as decision_queries
from accord.forces import actions, catalogue, forms, policies, queries
from accord.forces.models import Force
from accord.members import queries as registry


def _found(viewer: Viewer, pk: int) -> Force:
    try:
        return queries.force(viewer, pk)
    except NotFound:
        raise Http404("no such force") from None


def _force_form(viewer: Viewer, data: Any = None) -> forms.ForceForm:
    proposals = [(str(found.pk), str(found.title)) for found in decision_queries.proposals(viewer)]
    return forms.ForceForm(data, proposals=proposals)


def _contribution_form(viewer: Viewer, data: Any = None) -> forms.ContributionForm:
    members = [(view.code, str(view.member.name)) for view in registry.members(viewer)
               if view.is_current and policies.declares_for(viewer, view.code)]
    return forms.ContributionForm(data, members=members, initial={"member": viewer.member or ""})


def _index(request: HttpRequest, form: forms.ForceForm | None = None) -> HttpResponse:
    viewer = viewer_of(request)
    may_establish = policies.establishes_forces(viewer)
    form = form or (_force_form(viewer) if may_establish else None)
    context = {"forces": queries.forces(viewer), "may_establish": may_establish, "form": form, "nav": "forces"}
    if form is None:
        return render(request, "forces/index.html", context)
    return render_form(request, "forces/index.html", context, form)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return _index(request)


@acting
def establish(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    form = _force_form(viewer, request.POST)
    found = form.act(request, lambda actor, data: actions.establish_force(actor=actor, **data))
    if found is None:
        return _index(request, form)
    return redirect("forces:force", pk=found.pk)


def force_context(viewer: Viewer, found: Force) -> dict[str, Any]:
    """What the live part of a force's page shows; the same for the page and its live refresh."""
    declared = queries.declared(found)
    return {"force": found, "declared": declared, "totals": queries.totals(declared),
            "history": [(row, catalogue.label(catalogue.capabilities(), row.capability))
                        for row in reversed(queries.history(found))]}


def _force_page(request: HttpRequest, pk: int, form: forms.ContributionForm | None = None) -> HttpResponse:
    viewer = viewer_of(request)
    found = _found(viewer, pk)
    may_declare = policies.declares_for_any(viewer)
    context = force_context(viewer, found)
    context.update({"proposal": queries.establishing_proposal(viewer, found), "may_declare": may_declare,
                    "form": form or (_contribution_form(viewer) if may_declare else None), "nav": "forces"})
    return render(request, "forces/force.html", context, status=form.status if form else 200)


@require_GET
def force(request: HttpRequest, pk: int) -> HttpResponse:
    return _force_page(request, pk)


@require_GET
def live(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    return render(request, "forces/partials/live.html", force_context(viewer, _found(viewer, pk)))


@acting
def declare(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    found = _found(viewer, pk)
    form = _contribution_form(viewer, request.POST)
    if form.act(request, lambda actor, data: actions.declare_contribution(actor=actor, force=found.pk,
                                                                            **data)) is None:
        return _force_page(request, pk, form)
    return redirect("forces:force", pk=pk)
