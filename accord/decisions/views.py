"""The decisions pages: proposals, a proposal with its procedure's live state, and the forms of its acts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.core.acting import Actor
from accord.core.context import viewer_for
from accord.core.errors import AccordError
from accord.decisions import actions, labels, policies, queries
from accord.decisions.models import Proposal
from accord.decisions.panels import open_procedures, procedure_context
from accord.members.models import Body, Member


def _visible(request: HttpRequest, proposal_id: int) -> Proposal:
    found = queries.proposal(viewer_for(request), proposal_id)
    if found is None:
        raise Http404("no such proposal")
    return found


@require_GET
def proposals(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request)
    rows = []
    for proposal in queries.proposals(viewer):
        procedure = queries.current_procedure(proposal)
        state = queries.state_of(procedure) if procedure else None
        rows.append({"proposal": proposal, "state": state,
                     "outcome_label": labels.OUTCOMES.get(state.outcome, "") if state else "",
                     "kind_label": labels.KINDS.get(state.procedure.kind, "") if state else ""})
    return render(request, "decisions/proposals.html", {
        "rows": rows, "may_table": policies.tables_proposals(viewer), "nav": "decisions"})


@require_http_methods(["GET", "POST"])
def new_proposal(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request)
    if not policies.tables_proposals(viewer):
        if request.user.is_authenticated:  # signed in, but not an official who tables proposals
            raise PermissionDenied("only a member's official or the secretariat may table a proposal")
        return HttpResponseRedirect(f"{reverse('web:login')}?next={request.path}")
    error = None
    if request.method == "POST":
        try:
            created = actions.propose(
                actor=Actor(person=request.user),  # type: ignore[arg-type]
                title_en=request.POST.get("title_en", ""), title_ru=request.POST.get("title_ru", ""),
                text=request.POST.get("text", ""), document=request.POST.get("document", ""),
                body=request.POST.get("body", ""), sponsors=request.POST.getlist("sponsors"),
                classification=request.POST.get("classification", "members"))
            return HttpResponseRedirect(reverse("decisions:proposal", args=[created.pk]))
        except AccordError as failure:
            error = failure
    return render(request, "decisions/new.html", {
        "bodies": Body.objects.filter(decides=True), "members": Member.objects.all(), "error": error,
        "values": request.POST, "nav": "decisions"}, status=400 if error else 200)


def _page(request: HttpRequest, proposal: Proposal, error: AccordError | None = None,
          form: str = "") -> HttpResponse:
    context = procedure_context(viewer_for(request), proposal)
    context.update({"error": error, "error_form": form, "values": request.POST if error else {},
                    "nav": "decisions"})
    return render(request, "decisions/proposal.html", context, status=400 if error else 200)


@require_GET
def proposal(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return _page(request, _visible(request, proposal_id))


@require_GET
def procedure_state(request: HttpRequest, proposal_id: int) -> HttpResponse:
    """The live part of the page, fetched again whenever a decisions act is announced."""
    found = _visible(request, proposal_id)
    return render(request, "decisions/partials/procedure.html", procedure_context(viewer_for(request), found))


@require_GET
def open_list(request: HttpRequest) -> HttpResponse:
    """The dashboard's list of open procedures, fetched again on each decisions act."""
    return render(request, "decisions/partials/open_procedures.html",
                  {"open_procedures": open_procedures(viewer_for(request))})


def _instant(value: str, offset: str) -> dt.datetime | str:
    """A datetime-local value in the viewer's zone (its offset from UTC in minutes, as the browser says)."""
    if not value:
        return ""
    try:
        naive = dt.datetime.fromisoformat(value)
    except ValueError:
        return value  # the action names the field and why
    minutes = int(offset) if offset.lstrip("-").isdigit() else 0
    return (naive + dt.timedelta(minutes=minutes)).replace(tzinfo=dt.UTC)


def _act(form: str, call: Callable[[Actor, Proposal, Any], object]) -> Callable[[HttpRequest, int], HttpResponse]:
    @require_POST
    def view(request: HttpRequest, proposal_id: int) -> HttpResponse:
        found = _visible(request, proposal_id)
        if not request.user.is_authenticated:
            return HttpResponseRedirect(f"{reverse('web:login')}?next={found.pk and request.path}")
        try:
            call(Actor(person=request.user), found, request.POST)
        except AccordError as failure:
            return _page(request, _visible(request, proposal_id), failure, form)
        return HttpResponseRedirect(reverse("decisions:proposal", args=[proposal_id]))

    return view


open_procedure = _act("open", lambda actor, p, post: actions.open_procedure(
    actor=actor, proposal=p.pk, kind=post.get("kind", ""), session=post.get("session", ""),
    deadline=_instant(post.get("deadline", ""), post.get("tz_offset", "")),
    quorum=post.get("quorum") or None, threshold=post.get("threshold") or None))
lodge_position = _act("position", lambda actor, p, post: actions.lodge_position(
    actor=actor, proposal=p.pk, member=post.get("member", ""), stance=post.get("stance", ""),
    reasons=post.get("reasons", ""), amendment=post.get("amendment", ""),
    statement_kind=post.get("statement_kind", ""), statement=post.get("statement", "")))
close_procedure = _act("close", lambda actor, p, post: actions.close_procedure(
    actor=actor, proposal=p.pk, returned_for_revision=post.get("returned_for_revision") == "on",
    reason=post.get("reason", "")))
withdraw = _act("withdraw", lambda actor, p, post: actions.withdraw(
    actor=actor, proposal=p.pk, reason=post.get("reason", "")))
accede = _act("accede", lambda actor, p, post: actions.accede(
    actor=actor, decision=p.decisions.filter(outcome__startswith="adopted").values_list("pk", flat=True).first()
    or 0, member=post.get("member", "")))
