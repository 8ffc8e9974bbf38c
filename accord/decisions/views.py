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
from accord.core.errors import AccordError
from accord.core.pages import render_form, sign_in_redirect, viewer_of
from accord.core.policy import Viewer
from accord.decisions import actions, labels, policies, queries
from accord.decisions.forms import ProposalForm
from accord.decisions.models import Proposal
from accord.members import queries as registry
from accord.members.models import Member
from accord.web.context import viewer_for


def _names() -> dict[str, str]:
    return {member.code: member.name for member in Member.objects.all()}


def _visible(request: HttpRequest, proposal_id: int) -> Proposal:
    found = queries.proposal(viewer_for(request), proposal_id)
    if found is None:
        raise Http404("no such proposal")
    return found


def _grid(viewer: Viewer, state: queries.ProcedureState, names: dict[str, str]) -> list[dict[str, Any]]:
    people = {person.username: person.display_name for person in registry.people(viewer)}
    return [{"row": row, "name": names.get(row.member, row.member),
             "by": people.get(row.position.by, row.position.by) if row.position else "",
             "label": labels.STANCES.get(row.stance, row.stance)} for row in state.rows]


def procedure_context(viewer: Viewer, proposal: Proposal) -> dict[str, Any]:
    """What the live part of a proposal's page shows (rendered whole and re-rendered on each act)."""
    procedure = queries.current_procedure(proposal)
    state = queries.state_of(procedure) if procedure else None
    names = _names()
    mine = viewer.member if state and viewer.member in state.procedure.members else None
    return {
        "proposal": proposal,
        "state": state,
        "grid": _grid(viewer, state, names) if state else [],
        "names": names,
        "outcome_label": labels.OUTCOMES.get(state.outcome, state.outcome) if state else "",
        "kind_label": labels.KINDS.get(state.procedure.kind, "") if state else "",
        "may_run": policies.runs_procedures(viewer),
        "may_lodge": bool(state and state.is_open and mine and policies.speaks_for(viewer, mine)
                          and not any(r.member == mine and r.position for r in state.rows)),
        "may_accede": bool(state and state.decision and state.decision.outcome.startswith("adopted")
                           and mine and policies.speaks_for(viewer, mine)
                           and not any(r.member == mine and (r.stance == "join" or r.acceded)
                                       for r in state.rows)),
        "may_withdraw": (not proposal.withdrawn and policies.withdraws(viewer, proposal.sponsors)
                         and not (state and state.decision and state.decision.outcome.startswith("adopted"))),
        "my_member": mine,
        "my_member_name": names.get(mine or "", ""),
        "sponsor_names": [names.get(code, code) for code in proposal.sponsors],
        "not_joined_names": [names.get(code, code) for code in state.decision.not_joined]
        if state and state.decision else [],
        "absent_names": [names.get(code, code) for code in state.decision.absent]
        if state and state.decision else [],
        "stances": [(s, labels.STANCES[s]) for s in ("join", "object", "abstain", "non_participation")]
        + ([("break_silence", labels.STANCES["break_silence"])] if state and state.procedure.kind == "silence"
           else []),
        "statement_kinds": list(labels.STATEMENT_KINDS.items()),
        "kinds": list(labels.KINDS.items()),
    }


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
    viewer = viewer_of(request)
    if not policies.tables_proposals(viewer):
        if request.user.is_authenticated:  # signed in, but not an official who tables proposals
            raise PermissionDenied("only a member's official or the secretariat may table a proposal")
        return sign_in_redirect(request) if request.method == "POST" else HttpResponseRedirect(
            f"{reverse('web:login')}?next={request.path}")
    form = ProposalForm(request.POST if request.method == "POST" else None, member=viewer.member)
    if form.is_bound and (created := form.act(request, lambda actor, data: actions.propose(actor=actor, **data))):
        return HttpResponseRedirect(reverse("decisions:proposal", args=[created.pk]))
    return render_form(request, "decisions/new.html", {"form": form, "nav": "decisions"}, form)


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


def open_procedures(viewer: Viewer) -> list[dict[str, Any]]:
    """The dashboard's context: open procedures, the nearest deadline first, and who has not answered."""
    names = _names()
    return [{"proposal": proposal, "state": state, "kind_label": labels.KINDS.get(state.procedure.kind, ""),
             "outcome_label": labels.OUTCOMES.get(state.outcome, ""),
             "not_answered": [names.get(code, code) for code in state.result.not_answered]}
            for proposal, state in queries.open_procedures(viewer)]


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
