"""The decisions pages: proposals, a proposal with its procedure's live state, and the forms of its acts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accord.core import filters, paging, provenance
from accord.core.errors import Conflict
from accord.core.pages import ActForm, acting, confirming, render_form, sign_in_redirect, viewer_of
from accord.decisions import actions, identifiers, labels, policies, queries
from accord.decisions.forms import (
    AccedeForm,
    CloseProcedureForm,
    OpenProcedureForm,
    PositionForm,
    ProposalForm,
    ReviseForm,
    WithdrawForm,
)
from accord.decisions.models import Proposal
from accord.decisions.panels import open_procedures, procedure_context


def _visible(request: HttpRequest, proposal_id: int) -> Proposal:
    found = queries.proposal(viewer_of(request), proposal_id)
    if found is None:
        raise Http404("no such proposal")
    return found


@require_GET
def proposals(request: HttpRequest) -> HttpResponse:
    """The proposals the viewer may see, a page at a time. Filtered by body and year on a light read of every
    proposal; only the page's proposals are read in full, unless a status is asked, which only a proposal's
    procedure and positions tell."""
    viewer = viewer_of(request)
    listed = queries.listed_proposals(viewer)
    form = ProposalFilters(request.GET, {
        "status": [(code, str(label)) for code, label in STATUSES.items()],
        "body": filters.offered((row.body, str(row.body_name)) for row in listed),
        "year": filters.years(row.opened for row in listed),
    })
    chosen = form.chosen()
    kept = filters.narrow(listed, chosen, {
        "body": lambda row, v: row.body == v,
        "year": lambda row, v: row.opened is not None and str(row.opened.year) == v,
    })
    page: Page[Any]
    if "status" in chosen:
        matched = [row for row in map(_row, queries.proposals_by_id([row.pk for row in kept]))
                   if row["status"] == chosen["status"]]
        page = paging.page_of(request, matched)
        rows = list(page)
    else:
        page = paging.page_of(request, kept)
        rows = [_row(proposal) for proposal in queries.proposals_by_id([row.pk for row in page])]
    for row in rows:  # what only a shown row prints
        state = row["state"]
        row.update({"outcome_label": labels.OUTCOMES.get(state.outcome, "") if state else "",
                    "kind_label": labels.KINDS.get(state.procedure.kind, "") if state else "",
                    "identifier_adds": _identifier_adds(row["proposal"], state)})
    # The marks beside the page's deadlines and decisions' days, read in one query, not one per row.
    provenance.preload(request, [seq for row in rows if row["state"] for seq in (
        row["state"].procedure.entry_seq, row["state"].decision.entry_seq if row["state"].decision else None)])
    return render(request, "decisions/proposals.html", {
        "rows": rows, "page": page, "paging": paging.page_links(request), "filters": form,
        "count": page.paginator.count, "may_table": policies.tables_proposals(viewer), "nav": "decisions"})


def _row(proposal: Proposal) -> dict[str, Any]:
    procedure = queries.current_procedure(proposal)
    state = queries.state_of(procedure) if procedure else None
    return {"proposal": proposal, "state": state, "status": _status(proposal, state)}


# A proposal's status as the list shows it: tabled (no procedure yet), withdrawn, or its procedure's outcome.
STATUSES = {"tabled": gettext_lazy("Tabled"), "withdrawn": gettext_lazy("Withdrawn"),
            **{code: label for code, label in labels.OUTCOMES.items() if code != "withdrawn"}}


def _status(proposal: Proposal, state: queries.ProcedureState | None) -> str:
    if proposal.withdrawn:
        return "withdrawn"
    return state.outcome if state else "tabled"


def _identifier_adds(proposal: Proposal, state: queries.ProcedureState | None) -> bool:
    """Whether the decision's identifier says more than its row (a numbered one, a drill's): one composed of the
    body, the day and the title, which the row shows already, is not printed under the title again."""
    decision = state.decision if state else None
    if decision is None or not decision.identifier:
        return False
    composed = identifiers.composed(proposal.body.name, decision.decided_on, proposal.title, "en")
    return decision.identifier != composed


class ProposalFilters(filters.ListFilters):
    status = filters.choice(gettext_lazy("Status"))
    body = filters.choice(gettext_lazy("Body"))
    year = filters.choice(gettext_lazy("Year"))


@require_http_methods(["GET", "POST"])
def new_proposal(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    if not policies.tables_proposals(viewer):
        if request.user.is_authenticated:  # signed in, but not an official who tables proposals
            raise PermissionDenied("only a member's official or the secretariat may table a proposal")
        return sign_in_redirect(request) if request.method == "POST" else HttpResponseRedirect(
            f"{reverse('web:login')}?next={request.path}")
    form = ProposalForm(request.POST if request.method == "POST" else None, viewer=viewer)
    if form.is_bound and (created := form.act(request, lambda actor, data: actions.propose(actor=actor, **data))):
        return HttpResponseRedirect(reverse("decisions:proposal", args=[created.pk]))
    return render_form(request, "decisions/new.html", {"form": form, "nav": "decisions"}, form)


def _page(request: HttpRequest, proposal: Proposal, form: ActForm | None = None) -> HttpResponse:
    """The proposal's page; after a refused act, with that act's form bound, its errors beside its fields."""
    context = procedure_context(viewer_of(request), proposal)
    context["nav"] = "decisions"
    if form is not None:
        context[_FORMS[type(form)]] = form
        return render_form(request, "decisions/proposal.html", context, form)
    return render(request, "decisions/proposal.html", context)


@require_GET
def proposal(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return _page(request, _visible(request, proposal_id))


@require_GET
def procedure_state(request: HttpRequest, proposal_id: int) -> HttpResponse:
    """The live part of the page, fetched again whenever a decisions act is announced."""
    found = _visible(request, proposal_id)
    return render(request, "decisions/partials/procedure.html", procedure_context(viewer_of(request), found))


@require_GET
def open_list(request: HttpRequest) -> HttpResponse:
    """The dashboard's list of open procedures, fetched again on each decisions act."""
    return render(request, "decisions/partials/open_procedures.html",
                  {"open_procedures": open_procedures(request, viewer_of(request))})


def _acted(request: HttpRequest, proposal: Proposal, form: ActForm, done: object) -> HttpResponse:
    """Back to the proposal when the act was taken; the page with the refused form otherwise."""
    if done is None:
        return _page(request, proposal, form)
    return HttpResponseRedirect(reverse("decisions:proposal", args=[proposal.pk]))


@acting
def open_procedure(request: HttpRequest, proposal_id: int) -> HttpResponse:
    found = _visible(request, proposal_id)
    form = OpenProcedureForm(request.POST, viewer=viewer_of(request), body=found.body_id)
    return _acted(request, found, form, form.act(request, lambda actor, data: actions.open_procedure(
        actor=actor, proposal=found.pk, **data)))


@acting
@confirming(gettext_lazy("A position is final: once lodged it cannot be changed or withdrawn."))
def lodge_position(request: HttpRequest, proposal_id: int) -> HttpResponse:
    found = _visible(request, proposal_id)
    procedure = queries.current_procedure(found)
    form = PositionForm(request.POST, member="", silence=bool(procedure and procedure.kind == "silence"))
    return _acted(request, found, form, form.act(request, lambda actor, data: actions.lodge_position(
        actor=actor, proposal=found.pk, **data)))


@acting
@confirming(gettext_lazy("Closing records the outcome once and for all: the procedure cannot be reopened."))
def close_procedure(request: HttpRequest, proposal_id: int) -> HttpResponse:
    found = _visible(request, proposal_id)
    procedure = queries.current_procedure(found)
    form = CloseProcedureForm(request.POST, consensus=bool(procedure and procedure.kind == "consensus"))
    return _acted(request, found, form, form.act(request, lambda actor, data: actions.close_procedure(
        actor=actor, proposal=found.pk, **data)))


def _sponsors_act(request: HttpRequest, proposal_id: int, form: ActForm,
                  act: Callable[..., Proposal]) -> HttpResponse:
    """A sponsor's act on the proposal whose form takes the action's parameters as they are."""
    found = _visible(request, proposal_id)
    return _acted(request, found, form, form.act(request, lambda actor, data: act(
        actor=actor, proposal=found.pk, **data)))


@acting
def revise(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return _sponsors_act(request, proposal_id, ReviseForm(request.POST), actions.revise)


@acting
@confirming(gettext_lazy("Withdrawing the proposal cannot be undone: it and any open procedure on it end as "
                         "withdrawn."))
def withdraw(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return _sponsors_act(request, proposal_id, WithdrawForm(request.POST), actions.withdraw)


@acting
@confirming(gettext_lazy("An accession is final: it cannot be withdrawn."))
def accede(request: HttpRequest, proposal_id: int) -> HttpResponse:
    found = _visible(request, proposal_id)
    decision = queries.adopted_decision(viewer_of(request), found)
    form = AccedeForm(request.POST, member="")
    if decision is None:
        form.is_valid()
        form.refuse(Conflict("decision", gettext("only an adopted decision can be acceded to")))
        return _page(request, found, form)
    return _acted(request, found, form, form.act(request, lambda actor, data: actions.accede(
        actor=actor, decision=decision.pk, **data)))


# Which context name each act's form has on the proposal's page (procedure_context builds them unbound).
_FORMS: dict[type[ActForm], str] = {
    OpenProcedureForm: "open_form", PositionForm: "position_form", CloseProcedureForm: "close_form",
    WithdrawForm: "withdraw_form", AccedeForm: "accede_form", ReviseForm: "revise_form",
}
