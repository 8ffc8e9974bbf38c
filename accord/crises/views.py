"""The crisis pages: thin views over the queries; each form posts to one action, then back to the page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accord.core import clock
from accord.core.acting import Actor
from accord.core.errors import AccordError, NotFound
from accord.core.policy import Viewer
from accord.crises import actions, catalogue, drawing, letters, policies, queries
from accord.crises.models import Crisis, Lesson, Pledge
from accord.decisions import labels as decision_labels
from accord.decisions import queries as decision_queries
from accord.decisions import views as decision_views
from accord.decisions.models import Decision
from accord.meetings import queries as meeting_queries
from accord.members import queries as registry
from accord.members.models import Body
from accord.web.context import viewer_for


def _found(viewer: Viewer, pk: int) -> Crisis:
    try:
        return queries.crisis(viewer, pk)
    except NotFound:
        raise Http404("no such crisis") from None


def crisis_context(viewer: Viewer, found: Crisis) -> dict[str, Any]:
    """What the live part of a crisis page shows; the same for the page and its live refresh."""
    mandate = queries.mandate_of(found)
    pledges = queries.pledges(found)
    strip = queries.acknowledgement_strip(viewer, found)
    gap = queries.force_gap(found, mandate, pledges)
    bars, gap_height = drawing.gap_bars(gap)
    accepted = [view for view in pledges if view.pledge.status == "accepted"]
    milestones: list[tuple[str, dt.datetime | None]] = [(_("request"), found.requested_at)]
    if mandate:
        milestones += [(_("decision"), mandate.decision_at), (_("mission complete"), mandate.completed_at),
                       (_("sites handed over"), mandate.sites_handed_over_at),
                       (_("withdrawal complete"), mandate.withdrawal_complete_at)]
    timeline = drawing.timeline(
        [(f"{view.pledge.member_id} · {view.capability_label}", view.planned, view.actuals) for view in accepted],
        milestones) if accepted else None
    return {
        "crisis": found,
        "mandate": mandate,
        "strip": strip,
        "strip_width": max(1, len(strip)) * 120,
        "acknowledged": sum(1 for cell in strip if cell.acknowledgement),
        "pledges": pledges,
        "gap": gap,
        "gap_bars": bars,
        "gap_height": gap_height,
        "label_width": drawing.LABEL,
        "timeline": timeline,
        "metrics": queries.metrics(found, mandate, pledges),
        "reports": list(found.reports.all()),
        "latest_reports": queries.latest_reports(found),
        "letters": list(found.letters.all()),
        "lessons": list(found.lessons.all()),
        "member_names": {view.code: view.member.name for view in registry.members(viewer)},
        "extensions": list(mandate.extensions.all()) if mandate else [],
        "reports_to": Body.objects.filter(code=found.reports_to).first() if found.reports_to else None,
        "taken_up": [{"session": item.session, "proposal": item.proposal, "procedure":
                      decision_views.procedure_context(viewer, item.proposal) if item.proposal else None}
                     for item in queries.taken_up(viewer, found)],
    }


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request)
    return render(request, "crises/index.html", {
        "crises": queries.crises(viewer),
        "may_file": policies.files_request(viewer) is None,
        "legal_bases": catalogue.legal_bases(),
        "nav": "crises",
    })


@require_GET
def dashboard_card(request: HttpRequest) -> HttpResponse:
    """The dashboard's open crises, also what it reloads live."""
    return render(request, "crises/partials/dashboard_card.html", dashboard_context(viewer_for(request)))


def dashboard_context(viewer: Viewer) -> dict[str, Any]:
    return {"open_crises": queries.open_crises(viewer)}


@require_GET
def crisis(request: HttpRequest, pk: int) -> HttpResponse:
    return _crisis_page(request, pk)


def _crisis_page(request: HttpRequest, pk: int, error: AccordError | None = None) -> HttpResponse:
    viewer = viewer_for(request)
    found = _found(viewer, pk)
    context = crisis_context(viewer, found)
    context_bodies = registry.bodies(viewer)
    context.update({
        "may": offers(viewer, found, context),
        # Said to the secretariat, so that the completion card does not stand empty before the declaration.
        "withdrawal_waits": (viewer.in_secretariat and found.is_open and context["mandate"] is not None
                             and context["mandate"].completed_at is None),
        "responses": catalogue.RESPONSES,
        "capabilities": catalogue.capabilities(),
        "bodies": context_bodies,
        "members": [view for view in registry.members(viewer) if view.is_current],
        "phases": catalogue.PHASES,
        "letter_kinds": letters.KINDS,
        "deciding_bodies": [view for view in context_bodies if view.body.decides],
        "titles": _titles(found),
        "today": clock.today(),
        "accelerated_kinds": [(kind, decision_labels.KINDS[kind]) for kind in actions.ACCELERATED_KINDS],
        "sessions_to_tie": meeting_queries.sessions(viewer) if viewer.in_secretariat else [],
        "proposals_to_tie": decision_queries.proposals(viewer) if viewer.in_secretariat else [],
        "adopted": actions.adopted_decision(found),
        "objected_default": _objected(found),
        "error": error,
        "form": request.POST if error else {},
        "nav": "crises",
    })
    return render(request, "crises/crisis.html", context, status=400 if error else 200)


def offers(viewer: Viewer, found: Crisis, context: dict[str, Any]) -> dict[str, Any]:
    """Which of the page's forms to show: each exactly when the policy says its action would accept it
    (the API's `allowed` lists the same)."""
    mandate = context["mandate"]
    views = context["pledges"]
    names = set(policies.allowed(
        viewer, found, mandate,
        acknowledged={cell.member.code for cell in context["strip"] if cell.acknowledgement},
        contributors={view.pledge.member_id for view in views if view.pledge.status == "accepted"},
        sent=set(found.letters.values_list("kind", flat=True))))
    offered: dict[str, Any] = {name: True for name in names}
    on_pledges = [(view, policies.allowed_on_pledge(viewer, view.pledge)) for view in views]
    offered["answer_pledge"] = [view for view, acts in on_pledges if "answer" in acts]
    offered["move"] = [view for view, acts in on_pledges if "move" in acts]
    offered["validate_lesson"] = [lesson for lesson in context["lessons"]
                                  if policies.validates_lesson(viewer, lesson) is None]
    return offered


def _titles(found: Crisis) -> dict[str, str]:
    """The titles a session or a draft decision on the request is offered, in both languages."""
    requester = found.requester
    titles = {}
    for language in ("en", "ru"):
        with translation.override(language):
            named = {"member": requester.name_ru if language == "ru" else requester.name_en}
            titles[f"session_{language}"] = _("Extraordinary session on the request of %(member)s") % named
            titles[f"draft_{language}"] = _("Draft decision on the request of %(member)s") % named
    return titles


def _objected(found: Crisis) -> list[str]:
    """Who objected in the procedures that took up the request: what a refusal records by default."""
    objected: set[str] = set()
    for decision in Decision.objects.filter(proposal__in=found.links.values("proposal")):
        objected.update(decision.objected)
    return sorted(objected)


@require_GET
def live(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_for(request)
    return render(request, "crises/partials/live.html", crisis_context(viewer, _found(viewer, pk)))


def _actor(request: HttpRequest) -> Actor:
    if not request.user.is_authenticated:
        raise Http404("sign in first")
    return Actor(person=request.user)


def _submit(request: HttpRequest, pk: int, act: Callable[[], object]) -> HttpResponse:
    """Run the form's one action; back to the page, or the page again with the error named."""
    _found(viewer_for(request), pk)
    try:
        act()
    except AccordError as error:
        return _crisis_page(request, pk, error=error)
    return redirect("crises:crisis", pk=pk)


@require_POST
def file_request(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    viewer = viewer_for(request)
    try:
        found = actions.file_request(
            actor=actor, legal_basis=request.POST.get("legal_basis", ""),
            happened=request.POST.get("happened", ""), area=request.POST.get("area", ""),
            asks_for=request.POST.get("asks_for", ""),
            classification=request.POST.get("classification", "members"))
    except AccordError as error:
        return render(request, "crises/index.html", {
            "crises": queries.crises(viewer), "may_file": policies.files_request(viewer) is None,
            "legal_bases": catalogue.legal_bases(), "error": error, "form": request.POST, "nav": "crises",
        }, status=400)
    return redirect(reverse("crises:crisis", kwargs={"pk": found.pk}))


@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    return _submit(request, pk, lambda: actions.acknowledge_request(actor=actor, crisis=pk))


@require_POST
def no_response(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    return _submit(request, pk, lambda: actions.record_no_response(
        actor=actor, crisis=pk, outcome=request.POST.get("outcome", ""),
        objected_by=request.POST.getlist("objected_by"), note=request.POST.get("note", "")))


def _posted(request: HttpRequest, *names: str) -> dict[str, str]:
    return {name: request.POST.get(name, "") for name in names}


@require_POST
def convene(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    return _submit(request, pk, lambda: actions.convene_on_request(
        actor=actor, crisis=pk, starts_on=request.POST.get("starts_on") or None,
        **_posted(request, "body", "title_en", "title_ru", "mode", "place_en", "place_ru")))


@require_POST
def accelerated(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    return _submit(request, pk, lambda: actions.open_accelerated_procedure(
        actor=actor, crisis=pk, **_posted(request, "body", "title_en", "title_ru", "text", "kind", "hours")))


@require_POST
def take_up(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    post = request.POST
    return _submit(request, pk, lambda: actions.take_up(
        actor=actor, crisis=pk, session=_number(post.get("session", ""), "session"),
        proposal=_number(post.get("proposal", ""), "proposal")))


@require_POST
def choose_response(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    leaders = [line.strip() for line in request.POST.get("leaders", "").splitlines() if line.strip()]
    return _submit(request, pk, lambda: actions.choose_response(
        actor=actor, crisis=pk, response=request.POST.get("response", ""), leaders=leaders,
        reports_to=request.POST.get("reports_to", ""), note=request.POST.get("note", "")))


def _whole(value: str, field: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise actions.InvalidInput(field, "must be a whole number") from None


@require_POST
def set_mandate(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    post = request.POST

    def act() -> object:
        requirements = {code: _whole(post[f"req_{code}"], f"requirements.{code}")
                        for code in catalogue.codes(catalogue.capabilities())
                        if post.get(f"req_{code}", "").strip() not in ("", "0")}
        return actions.set_mandate(
            actor=actor, crisis=pk, purpose=post.get("purpose", ""), area=post.get("area", ""),
            ends_at=post.get("ends_at", ""), commander=post.get("commander", ""),
            commander_body=post.get("commander_body", ""), requirements=requirements,
            outside_territory=post.get("outside_territory") == "on",
            unsc_reference=post.get("unsc_reference", ""),
            decision_identifier=post.get("decision_identifier", ""), decision_at=post.get("decision_at") or None)

    return _submit(request, pk, act)


@require_POST
def record_decision(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    return _submit(request, pk, lambda: actions.record_decision(
        actor=actor, crisis=pk, decision_identifier=request.POST.get("decision_identifier", ""),
        decision_at=request.POST.get("decision_at", "")))


@require_POST
def extend(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    return _submit(request, pk, lambda: actions.extend_mandate(
        actor=actor, crisis=pk, ends_at=request.POST.get("ends_at", ""),
        reference=request.POST.get("reference", "")))


def _number(value: str, field: str) -> int | None:
    value = value.strip()
    return None if not value else _whole(value, field)


@require_POST
def pledge(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    post = request.POST
    return _submit(request, pk, lambda: actions.pledge_contingent(
        actor=actor, crisis=pk, capability=post.get("capability", ""),
        quantity=_whole(post.get("quantity", ""), "quantity"),
        personnel=_number(post.get("personnel", ""), "personnel")))


@require_POST
def answer_pledge(request: HttpRequest, pk: int, pledge: int) -> HttpResponse:
    actor = _actor(request)
    return _submit(request, pk, lambda: actions.answer_pledge(
        actor=actor, pledge=_of_crisis(pk, pledge), accept=request.POST.get("answer") == "accept"))


def _of_crisis(pk: int, pledge: int) -> int:
    if not Pledge.objects.filter(pk=pledge, crisis_id=pk).exists():
        raise actions.NotFound("pledge", f"no pledge {pledge} in this crisis")
    return pledge


@require_POST
def phase(request: HttpRequest, pk: int, pledge: int) -> HttpResponse:
    """Record a phase reached now, or (with `planned_at`) when it is planned."""
    actor = _actor(request)
    post = request.POST
    if post.get("planned_at"):
        return _submit(request, pk, lambda: actions.plan_phase(
            actor=actor, pledge=_of_crisis(pk, pledge), phase=post.get("phase", ""),
            planned_at=post["planned_at"]))
    return _submit(request, pk, lambda: actions.record_phase(
        actor=actor, pledge=_of_crisis(pk, pledge), phase=post.get("phase", ""), at=post.get("at") or None))


@require_POST
def host_act(request: HttpRequest, pk: int) -> HttpResponse:
    """The host's milestones and the withdrawal: one form, the act named by `act`."""
    actor = _actor(request)
    post = request.POST
    act = post.get("act", "")
    if act == "complete":
        return _submit(request, pk, lambda: actions.declare_mission_complete(actor=actor, crisis=pk))
    if act == "sites":
        return _submit(request, pk, lambda: actions.hand_over_sites(
            actor=actor, crisis=pk, sites=_whole(post.get("sites", ""), "sites")))
    if act == "withdrawal":
        return _submit(request, pk, lambda: actions.complete_withdrawal(actor=actor, crisis=pk))
    return _crisis_page(request, pk, error=actions.InvalidInput("act", f"{act!r} is not an act of this form"))


@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    return _submit(request, pk, lambda: actions.file_situation_report(
        actor=actor, crisis=pk, text=request.POST.get("text", ""),
        from_commander=request.POST.get("from_commander") == "on"))


@require_GET
def letter(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The letter to the Security Council as it would be generated now, in English and Russian."""
    viewer = viewer_for(request)
    found = _found(viewer, pk)
    if kind not in letters.KINDS or queries.mandate_of(found) is None:
        raise Http404("no such letter")
    facts = actions.letter_facts(found)
    sent = set(found.letters.values_list("kind", flat=True))
    return render(request, "crises/letter.html", {
        "crisis": found, "kind": kind, "text_en": letters.letter(kind, facts, "en"),
        "text_ru": letters.letter(kind, facts, "ru"), "nav": "crises",
        "may_send": policies.sends_letter(viewer, found, queries.mandate_of(found), kind, sent) is None,
    })


@require_POST
def send_letter(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    actor = _actor(request)
    return _submit(request, pk, lambda: actions.record_letter_sent(
        actor=actor, crisis=pk, kind=kind, reference=request.POST.get("reference", "")))


@require_POST
def lesson(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    return _submit(request, pk, lambda: actions.record_lesson(actor=actor, crisis=pk,
                                                              text=request.POST.get("text", "")))


@require_POST
def validate_lesson(request: HttpRequest, pk: int, lesson: int) -> HttpResponse:
    actor = _actor(request)

    def act() -> object:
        if not Lesson.objects.filter(pk=lesson, crisis_id=pk).exists():
            raise actions.NotFound("lesson", f"no lesson {lesson} in this crisis")
        return actions.validate_lesson(actor=actor, lesson=lesson, text=request.POST.get("text", ""))

    return _submit(request, pk, act)
