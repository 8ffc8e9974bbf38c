"""The crisis pages: thin views over the queries; each form (accord.crises.forms) posts to one action behind
`@acting`, then back to the page, or the page again with that form refused and what was typed kept."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET

from accord.core import clock, filters, paging, provenance
from accord.core.acting import Actor
from accord.core.errors import NotFound
from accord.core.origins import origins
from accord.core.pages import ActForm, acting, confirming, render_form, viewer_of
from accord.core.policy import Viewer
from accord.core.translations import Texts
from accord.crises import actions, drawing, forms, letters, policies, queries
from accord.crises.models import Acknowledgement, Crisis
from accord.decisions import panels as decision_panels
from accord.decisions import queries as decision_queries
from accord.decisions.models import Decision
from accord.forces import queries as force_queries
from accord.meetings import queries as meeting_queries
from accord.members import queries as registry
from accord.members.models import Body


def _found(viewer: Viewer, pk: int) -> Crisis:
    try:
        return queries.crisis(viewer, pk)
    except NotFound:
        raise Http404("no such crisis") from None


def crisis_context(viewer: Viewer, found: Crisis) -> dict[str, Any]:
    """What the live part of a crisis page shows; the same for the page and its live refresh."""
    mandate = queries.mandate_of(found)
    pledges = queries.pledges(found)
    # Each read once and handed to what shows it (the strip and the metrics, the list and the latest picture).
    acknowledgements = list(found.acknowledgements.all())
    reports = list(found.reports.all())
    strip = queries.acknowledgement_strip(viewer, found, acknowledgements)
    gap = queries.force_gap(found, mandate, pledges)
    bars, gap_height = drawing.gap_bars(gap)
    strip_cells, strip_width = drawing.ack_strip(strip)
    accepted = [view for view in pledges if view.pledge.status == "accepted"]
    milestones: list[tuple[str, dt.datetime | None]] = [(_("request"), found.requested_at)]
    if mandate:
        milestones += [(_("decision"), mandate.decision_at), (_("first arrival"), mandate.first_arrival_at),
                       (_("deployment complete"), mandate.deployed_at),
                       (_("mission complete"), mandate.completed_at),
                       (_("sites handed over"), mandate.sites_handed_over_at),
                       (_("withdrawal complete"), mandate.withdrawal_complete_at)]
    labels = {view.pledge.pk: f"{view.pledge.member_id} · {view.capability_label}" for view in accepted}
    timeline = drawing.timeline(
        [(labels[view.pledge.pk], view.planned, view.actuals) for view in accepted], milestones,
        {labels[view.pledge.pk]: view.by for view in accepted if view.by}) if accepted else None
    return {
        "crisis": found,
        "mandate": mandate,
        "strip": strip,
        "strip_cells": strip_cells,
        "strip_width": strip_width,
        "acknowledged": sum(1 for cell in strip if cell.acknowledgement),
        "ack_answers": _answers(strip),
        "pledges": pledges,
        "force_names": {force.pk: force.name for force in force_queries.forces(viewer)},
        "gap": gap,
        "gap_bars": bars,
        "gap_height": gap_height,
        "label_width": drawing.LABEL,
        "timeline": timeline,
        "has_ranges": any(view.by for view in accepted),
        "metrics": queries.metrics(found, mandate, pledges, acknowledgements),
        "reports": reports,
        "latest_reports": queries.latest_reports(found, reports),
        "letters": list(found.letters.all()),
        "lessons": list(found.lessons.all()),
        "member_names": {view.code: view.member.name for view in registry.members(viewer)},
        "extensions": list(mandate.extensions.all()) if mandate else [],
        "reports_to": Body.objects.filter(code=found.reports_to).first() if found.reports_to else None,
        "taken_up": [{"session": item.session, "proposal": item.proposal, "procedure":
                      decision_panels.procedure_context(viewer, item.proposal) if item.proposal else None}
                     for item in queries.taken_up(viewer, found)],
    }


def _answers(strip: list[queries.AckCell]) -> list[Acknowledgement]:
    """The decisions recorded as the members' answer, each once (the first acknowledgement it recorded): the
    page names a decision once, above the rows it answered, not on each of them."""
    answers: dict[str, Acknowledgement] = {}
    for cell in strip:
        found = cell.acknowledgement
        if found is not None and found.by_decision:
            answers.setdefault(json.dumps(dict(found.by_decision), sort_keys=True), found)
    return list(answers.values())


def _index(request: HttpRequest, form: forms.FileRequestForm | None = None) -> HttpResponse:
    """The requests the viewer may see, a page at a time: filtered by status and member on a light read of
    every crisis; only the page's crises are read in full."""
    viewer = viewer_of(request)
    form = form or forms.FileRequestForm()
    listed = queries.listed_crises(viewer)
    names = queries.requester_names({crisis.requester_id for crisis in listed})
    chosen = CrisisFilters(request.GET, {
        "status": [(code, str(label)) for code, label in CRISIS_STATUSES.items()],
        "member": filters.offered((crisis.requester_id, names.get(crisis.requester_id, crisis.requester_id))
                                  for crisis in listed),
    })
    kept = filters.narrow(listed, chosen.chosen(), {
        "status": lambda crisis, v: _status_of(crisis) == v,
        "member": lambda crisis, v: crisis.requester_id == v,
    })
    page = paging.page_of(request, kept)
    shown = queries.crises_by_id([crisis.pk for crisis in page])
    provenance.preload(request, (crisis.entry_seq for crisis in shown))
    return render_form(request, "crises/index.html", {
        "crises": shown, "page": page, "paging": paging.page_links(request), "filters": chosen,
        "count": page.paginator.count, "may_file": policies.files_request(viewer) is None,
        "form": form, "nav": "crises"}, form)


# Where a request stands, as the list's status column says it: awaiting an answer, answered and under way,
# or ended (closed, declined, or with no decision).
CRISIS_STATUSES = {"awaiting": gettext_lazy("Awaiting a response"),
                   "active": pgettext_lazy("crisis request", "In progress"),
                   "closed": pgettext_lazy("crisis request", "Closed")}


def _status_of(crisis: Crisis | queries.Listed) -> str:
    if crisis.closed_at is not None or crisis.outcome in ("declined", "no_decision"):
        return "closed"
    return "active" if crisis.outcome else "awaiting"


class CrisisFilters(filters.ListFilters):
    status = filters.choice(gettext_lazy("Status"))
    member = filters.choice(gettext_lazy("Member state"))


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return _index(request)


@require_GET
def dashboard_card(request: HttpRequest) -> HttpResponse:
    """The dashboard's open crises, also what it reloads live."""
    return render(request, "crises/partials/dashboard_card.html", dashboard_context(viewer_of(request)))


def dashboard_context(viewer: Viewer) -> dict[str, Any]:
    return {"open_crises": queries.open_crises(viewer)}


@require_GET
def crisis(request: HttpRequest, pk: int) -> HttpResponse:
    return _crisis_page(request, pk)


def _offered(viewer: Viewer) -> forms.Offered:
    bodies = registry.bodies(viewer)
    return forms.Offered(
        bodies=[(view.code, str(view.body.name)) for view in bodies],
        deciding_bodies=[(view.code, str(view.body.name)) for view in bodies if view.body.decides],
        members=[(view.code, str(view.member.name)) for view in registry.members(viewer) if view.is_current])


# The page's forms by name, each given what it offers; the forms on one pledge or lesson are keyed
# "<name>-<pk>" (`_object_forms`).
FormOf = Callable[[Viewer, Crisis, forms.Offered, Any], ActForm]
FORMS: dict[str, FormOf] = {
    "no_response": lambda viewer, found, offered, data: forms.NoResponseForm(
        data, offered=offered, objected=_objected(found)),
    "convene": lambda viewer, found, offered, data: forms.ConveneForm(
        data, offered=offered, titles=_titles(found), today=clock.today(),
        names_chair=viewer.in_secretariat),
    "accelerated": lambda viewer, found, offered, data: forms.AcceleratedForm(
        data, offered=offered, titles=_titles(found)),
    "take_up": lambda viewer, found, offered, data: forms.TieForm(
        data, sessions=meeting_queries.sessions(viewer) if viewer.in_secretariat else [],
        proposals=decision_queries.proposals(viewer) if viewer.in_secretariat else []),
    "response": lambda viewer, found, offered, data: forms.ResponseForm(data, offered=offered),
    "mandate": lambda viewer, found, offered, data: forms.MandateForm(
        data, offered=offered, area=found.area, adopted=_adopted(found)),
    "decision": lambda viewer, found, offered, data: forms.DecisionForm(data),
    "extend": lambda viewer, found, offered, data: forms.ExtendForm(data),
    "pledge": lambda viewer, found, offered, data: forms.PledgeForm(
        data, standing=[(str(force.pk), force.name.pick().text) for force in force_queries.forces(viewer)],
        declarations=[(str(item.current.pk), item.label)
                      for item in force_queries.standing_of(viewer, viewer.member)]),
    "sites": lambda viewer, found, offered, data: forms.SitesForm(data),
    "answer_by_decision": lambda viewer, found, offered, data: forms.AnswerByDecisionForm(
        data, members=_awaiting_choices(viewer, found), adopted=_adopted_texts(found)),
    "first_arrival": lambda viewer, found, offered, data: forms.FirstArrivalForm(data),
    "deployment_complete": lambda viewer, found, offered, data: forms.DeploymentCompleteForm(data),
    "report_heard": lambda viewer, found, offered, data: forms.ReportHeardForm(data),
    "report": lambda viewer, found, offered, data: forms.ReportForm(data),
    "lesson": lambda viewer, found, offered, data: forms.LessonForm(data),
}


def _awaiting_choices(viewer: Viewer, found: Crisis) -> forms.Choices:
    """The other members that have not acknowledged the request, as the form offers them."""
    return [(cell.member.code, str(cell.member.name)) for cell in queries.acknowledgement_strip(viewer, found)
            if not cell.acknowledgement]


def _adopted_texts(found: Crisis) -> Texts:
    """The decision adopted on the request (the mandate's, or one taken up), as each language writes it."""
    mandate = queries.mandate_of(found)
    if mandate is not None and mandate.decision_identifier:
        return queries.decision_texts(mandate) or Texts()
    adopted = queries.adopted_decision(found)
    return adopted.identifier_texts if adopted is not None else Texts()


def _adopted(found: Crisis) -> str:
    adopted = queries.adopted_decision(found)
    # As the reader's language writes it: the form takes it so, and the mandate records the stable one.
    return (adopted.identifier_texts.pick().text or adopted.identifier or "") if adopted else ""


def _crisis_page(request: HttpRequest, pk: int, refused: ActForm | None = None,
                 refused_as: str = "") -> HttpResponse:
    """The page with every form the viewer is offered; a refused one comes back with what was typed."""
    viewer = viewer_of(request)
    found = _found(viewer, pk)
    context = crisis_context(viewer, found)
    may = offers(viewer, found, context)
    offered = _offered(viewer)
    page_forms = {name: form_of(viewer, found, offered, None) for name, form_of in FORMS.items()
                  if _shown(name, may)}
    if refused is not None:
        page_forms[refused_as] = refused
    context.update({
        "may": may,
        # Said to the secretariat, so that the completion card does not stand empty before the declaration.
        "withdrawal_waits": (viewer.in_secretariat and found.is_open and context["mandate"] is not None
                             and context["mandate"].completed_at is None),
        "forms": page_forms,
        "answer_pledges": [(view, page_forms.get(f"answer_pledge-{view.pledge.pk}"))
                           for view in may["answer_pledge"]],
        "moves": [(view, page_forms.get(f"phase-{view.pledge.pk}") or forms.PhaseForm(pledge=view.pledge.pk))
                   for view in may["move"]],
        "validations": [(lesson, page_forms.get(f"validate_lesson-{lesson.pk}") or forms.ValidationForm(
            lesson=lesson.pk, initial={"text": lesson.text})) for lesson in may["validate_lesson"]],
        "refused": refused,
        "nav": "crises",
        "origins": origins(viewer, "crisis", found.pk),  # the consultations it grew from (monitoring)
    })
    return render(request, "crises/crisis.html", context, status=refused.status if refused else 200)


def _shown(name: str, may: dict[str, Any]) -> bool:
    """Whether the page shows a form: only those the policy says its action would accept."""
    shown_when = {"convene": "convene", "accelerated": "open_procedure", "take_up": "tie", "response": "answer",
                  "no_response": "answer", "mandate": "set_mandate", "decision": "record_decision",
                  "extend": "extend", "pledge": "pledge", "sites": "hand_over_sites", "lesson": "record_lesson",
                  "report": "report_for_contingent", "answer_by_decision": "answer_by_decision",
                  "first_arrival": "first_arrival", "deployment_complete": "deployment_complete",
                  "report_heard": "report_heard"}
    return bool(may.get(shown_when[name])) or (name == "report" and bool(may.get("report_for_commander")))


def offers(viewer: Viewer, found: Crisis, context: dict[str, Any]) -> dict[str, Any]:
    """Which of the page's forms to show: each exactly when the policy says its action would accept it
    (the API's `allowed` lists the same)."""
    mandate = context["mandate"]
    views = context["pledges"]
    names = set(policies.allowed(
        viewer, found, mandate,
        acknowledged={cell.member.code for cell in context["strip"] if cell.acknowledgement},
        contributors={view.pledge.member_id for view in views if view.pledge.status == "accepted"},
        sent=set(found.letters.filter(addressee=letters.COUNCIL).values_list("kind", flat=True)),
        awaiting=_awaiting(context)))
    offered: dict[str, Any] = {name: True for name in names}
    on_pledges = [(view, policies.allowed_on_pledge(viewer, view.pledge)) for view in views]
    offered["answer_pledge"] = [view for view, acts in on_pledges if "answer" in acts]
    offered["move"] = [view for view, acts in on_pledges if "move" in acts]
    offered["validate_lesson"] = [lesson for lesson in context["lessons"]
                                  if policies.validates_lesson(viewer, lesson) is None]
    return offered


def _awaiting(context: dict[str, Any]) -> list[str]:
    """The other members that have not acknowledged the request (the page's strip, read once)."""
    return [cell.member.code for cell in context["strip"] if not cell.acknowledgement]


def _titles(found: Crisis) -> forms.Titles:
    """The titles a session or a draft decision on the request is offered, in each language the
    organization keeps and the interface speaks."""
    names = queries.names_of(found.requester)
    session, draft = Texts(), Texts()
    for language in letters.languages():
        with translation.override(language):
            named = {"member": names.pick(language).text}
            session[language] = _("Extraordinary session on the request of %(member)s") % named
            draft[language] = _("Draft decision on the request of %(member)s") % named
    return forms.Titles(session=session, draft=draft)


def _objected(found: Crisis) -> list[str]:
    """Who objected in the procedures that took up the request: what a refusal records by default."""
    objected: set[str] = set()
    for decision in Decision.objects.filter(proposal__in=found.links.values("proposal")):
        objected.update(decision.objected)
    return sorted(objected)


@require_GET
def live(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    return render(request, "crises/partials/live.html", crisis_context(viewer, _found(viewer, pk)))


def _act(request: HttpRequest, pk: int, name: str, call: Callable[[Actor, dict[str, Any]], object],
         form_of: Callable[[Viewer, Crisis], ActForm] | None = None) -> HttpResponse:
    """Run one form's action on a crisis the viewer may see; back to the page, or the page again with the
    form refused beside its fields."""
    viewer = viewer_of(request)
    found = _found(viewer, pk)
    if form_of is not None:
        form = form_of(viewer, found)
    else:
        form = FORMS[name](viewer, found, _offered(viewer), request.POST)
    if form.act(request, call) is None:
        return _crisis_page(request, pk, form, name)
    return redirect("crises:crisis", pk=pk)


@acting
def file_request(request: HttpRequest) -> HttpResponse:
    form = forms.FileRequestForm(request.POST)
    found = form.act(request, lambda actor, data: actions.file_request(actor=actor, **data))
    if found is None:
        return _index(request, form)
    return redirect(reverse("crises:crisis", kwargs={"pk": found.pk}))


@acting
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "acknowledge", lambda actor, data: actions.acknowledge_request(
        actor=actor, crisis=pk), lambda viewer, found: forms.StepForm(request.POST))


@acting
def no_response(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "no_response", lambda actor, data: actions.record_no_response(
        actor=actor, crisis=pk, **data))


@acting
def convene(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "convene", lambda actor, data: actions.convene_on_request(
        actor=actor, crisis=pk, **data))


@acting
def accelerated(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "accelerated", lambda actor, data: actions.open_accelerated_procedure(
        actor=actor, crisis=pk, **data))


@acting
def take_up(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "take_up", lambda actor, data: actions.take_up(actor=actor, crisis=pk, **data))


@acting
def choose_response(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "response", lambda actor, data: actions.choose_response(
        actor=actor, crisis=pk, **data))


@acting
def set_mandate(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "mandate", lambda actor, data: actions.set_mandate(actor=actor, crisis=pk, **data))


@acting
def record_decision(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "decision", lambda actor, data: actions.record_decision(
        actor=actor, crisis=pk, **data))


def _once(name: str, act: Callable[..., object], sentence: Promise) -> Callable[[HttpRequest, int], HttpResponse]:
    """The view of an act on the crisis recorded once and never undone: it asks first (`sentence`, the form's
    own `data-confirm`), then runs `act` with the form's fields."""

    @acting
    @confirming(sentence)
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        return _act(request, pk, name, lambda actor, data: act(actor=actor, crisis=pk, **data))

    view.__name__ = view.__qualname__ = name
    return view


answer_by_decision = _once("answer_by_decision", actions.acknowledge_by_decision, gettext_lazy(
    "Recording the decision as these members' answer cannot be undone."))
first_arrival = _once("first_arrival", actions.record_first_arrival, gettext_lazy(
    "The force's first arrival is recorded once: it cannot be changed."))
deployment_complete = _once("deployment_complete", actions.record_deployment_complete, gettext_lazy(
    "The force's deployment is recorded complete once: it cannot be changed."))
report_heard = _once("report_heard", actions.record_report_heard, gettext_lazy(
    "Recording the mission's report heard cannot be undone: the response ends."))


@acting
def extend(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "extend", lambda actor, data: actions.extend_mandate(actor=actor, crisis=pk, **data))


@acting
def pledge(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "pledge", lambda actor, data: actions.pledge_contingent(
        actor=actor, crisis=pk, **data))


def _pledge_of(found: Crisis, pledge: int) -> int:
    """A pledge of this crisis (which the viewer sees), or the page is missing."""
    if not found.pledges.filter(pk=pledge).exists():
        raise Http404("no such pledge")
    return pledge


@acting
def answer_pledge(request: HttpRequest, pk: int, pledge: int) -> HttpResponse:
    def form_of(viewer: Viewer, found: Crisis) -> ActForm:
        _pledge_of(found, pledge)
        return forms.AnswerPledgeForm(request.POST)

    return _act(request, pk, f"answer_pledge-{pledge}", lambda actor, data: actions.answer_pledge(
        actor=actor, pledge=pledge, **data), form_of)


def _move(actor: Actor, pledge: int, data: dict[str, Any]) -> object:
    if data["planned_at"] is not None:
        return actions.plan_phase(actor=actor, pledge=pledge, phase=data["phase"], planned_at=data["planned_at"])
    return actions.record_phase(actor=actor, pledge=pledge, phase=data["phase"])


@acting
def phase(request: HttpRequest, pk: int, pledge: int) -> HttpResponse:
    """Record a phase reached now, or (with `planned_at`) when it is planned."""
    def form_of(viewer: Viewer, found: Crisis) -> ActForm:
        return forms.PhaseForm(request.POST, pledge=_pledge_of(found, pledge))

    return _act(request, pk, f"phase-{pledge}", lambda actor, data: _move(actor, pledge, data), form_of)


@acting
@confirming(gettext_lazy("Declaring the mission complete cannot be undone: the withdrawal follows."))
def declare_complete(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "complete", lambda actor, data: actions.declare_mission_complete(
        actor=actor, crisis=pk), lambda viewer, found: forms.StepForm(request.POST))


@acting
def hand_over_sites(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "sites", lambda actor, data: actions.hand_over_sites(actor=actor, crisis=pk, **data))


@acting
@confirming(gettext_lazy("Recording the withdrawal complete cannot be undone: the operation ends."))
def complete_withdrawal(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "withdrawal", lambda actor, data: actions.complete_withdrawal(
        actor=actor, crisis=pk), lambda viewer, found: forms.StepForm(request.POST))


@acting
def report(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "report", lambda actor, data: actions.file_situation_report(
        actor=actor, crisis=pk, **data))


@require_GET
def letter(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The letter to the Security Council as it would be generated now, in each of its languages."""
    return _letter_page(request, _found(viewer_of(request), pk), kind)


def _letter_page(request: HttpRequest, found: Crisis, kind: str,
                 form: forms.LetterSentForm | None = None) -> HttpResponse:
    viewer = viewer_of(request)
    if kind not in letters.KINDS or queries.mandate_of(found) is None:
        raise Http404("no such letter")
    facts = queries.letter_facts(found)
    sent = set(found.letters.filter(addressee=letters.COUNCIL).values_list("kind", flat=True))
    form = form or forms.LetterSentForm()
    return render_form(request, "crises/letter.html", {
        "crisis": found, "kind": kind, "texts": letters.compose(kind, facts), "form": form, "nav": "crises",
        "may_send": policies.sends_letter(viewer, found, queries.mandate_of(found), kind, sent) is None,
    }, form)


@acting
def send_letter(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    viewer = viewer_of(request)
    found = _found(viewer, pk)
    form = forms.LetterSentForm(request.POST)
    if form.act(request, lambda actor, data: actions.record_letter_sent(
            actor=actor, crisis=pk, kind=kind, **data)):
        return redirect("crises:crisis", pk=pk)
    return _letter_page(request, found, kind, form)


@acting
def lesson(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "lesson", lambda actor, data: actions.record_lesson(actor=actor, crisis=pk, **data))


@acting
def validate_lesson(request: HttpRequest, pk: int, lesson: int) -> HttpResponse:
    def form_of(viewer: Viewer, found: Crisis) -> ActForm:
        if not found.lessons.filter(pk=lesson).exists():
            raise Http404("no such lesson")
        return forms.ValidationForm(request.POST, lesson=lesson)

    return _act(request, pk, f"validate_lesson-{lesson}", lambda actor, data: actions.validate_lesson(
        actor=actor, lesson=lesson, **data), form_of)
