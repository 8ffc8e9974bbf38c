"""The web pages: dashboard, members, the ledger explorer; thin views over the query functions."""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from accord.core import actions as core_actions
from accord.core import conditional, filters, provenance
from accord.core import history as acts
from accord.core.context import viewer_for
from accord.core.errors import NotFound
from accord.core.forms import AnnotationForm
from accord.core.labels import act_label
from accord.core.pages import acting, field_label, render_form
from accord.core.policy import Viewer
from accord.core.rows import ActRow, Names, from_event, newest_first
from accord.crises.queries import open_crises
from accord.decisions import panels as decisions_panels
from accord.documents import queries as documents
from accord.ledger import log, witnessing
from accord.ledger.logkey import log_key
from accord.ledger.models import Entry
from accord.meetings import queries as meetings_queries
from accord.members import actions as member_actions
from accord.members import policies as member_policies
from accord.members import queries
from accord.members.context import organization_for
from accord.members.forms import OfficialNameForm
from accord.members.history import Status
from accord.monitoring import queries as monitoring
from accord.web import timelines
from accord_verify import entries, merkle

LATEST_ACTS = 15
LEDGER_PAGE = 50
# A live refresh never sends more rows than a page holds; a client further behind reloads.
LIVE_LIMIT = 50
# The statuses a badge can show, in the order the legend lists them.
LEGEND = (Status.MEMBER, Status.FROZEN, Status.SUSPENDED, Status.FORMER)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _names(viewer: Viewer, states: list[queries.MemberView] | None = None) -> Names:
    states = queries.members(viewer) if states is None else states
    people, roles = queries.actors(viewer)
    return Names(people=people, members={view.code: str(view.member.name) for view in states}, roles=roles)


def _parameter(request: HttpRequest, name: str, minimum: int) -> int | None:
    """A whole-number query parameter, None when absent; anything else is a page not there."""
    value = request.GET.get(name)
    if value is None or value == "":
        return None
    digits = value.removeprefix("-")
    if not (digits.isascii() and digits.isdigit()) or int(value) < minimum:
        raise Http404(f"{name} must be a whole number from {minimum}")
    return int(value)


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request)
    # The registry and the charter are read once here and handed to every card that needs them.
    organization = organization_for(request)
    states = queries.members(viewer)
    chair = queries.chairmanship(viewer, registry=states, org=organization)
    names = _names(viewer, states)
    # The parts that do not read the instant are kept until the log grows (conditional.fragment), made first:
    # the open procedures' deadlines below read it, and a part made after them would not be kept.
    term_years = organization.term_years if organization else 1
    rotation = conditional.fragment(request, "dashboard.rotation", lambda: render_to_string(
        "web/partials/dashboard_rotation.html", _rotation(states, chair, term_years, names), request))
    offices = conditional.fragment(request, "dashboard.offices",
                                   lambda: _offices_card(request, viewer, chair.today))
    latest = conditional.fragment(request, "dashboard.acts", lambda: _latest_acts(request, viewer, names))
    crises = open_crises(viewer)
    # The certainty marks of the open crises: their acts' provenance in one query.
    provenance.preload(request, [crisis.entry_seq for crisis in crises])
    return render(request, "web/dashboard.html", {
        "states": states,
        "chair": chair,
        "rotation": rotation,
        "offices": offices,
        "acts": latest,
        "names": names,
        "documents_awaiting": documents.awaiting_signature(viewer),
        "open_crises": crises,
        "open_procedures": decisions_panels.open_procedures(request, viewer, names.members),
        "meetings": meetings_queries.latest(viewer),
        "watched": monitoring.watched(viewer),
        "nav": "dashboard",
    })


def _rotation(states: list[queries.MemberView], chair: queries.Chairmanship, term_years: int,
              names: Names) -> dict[str, Any]:
    """The chairmanship's terms drawn on one axis, today marked."""
    axis = timelines.chair_axis(chair.terms, chair.today, term_years)
    return {
        "chair": chair,
        "names": names,
        "frozen": _frozen_terms(states, chair),
        "chair_segments": timelines.chair_segments(axis, chair.terms, term_years) if axis else [],
        "chair_ticks": timelines.year_ticks(axis) if axis else [],
        "today_x": axis.svg_x(chair.today) if axis else None,
    }


def _offices_card(request: HttpRequest, viewer: Viewer, today: dt.date) -> str:
    offices = _offices(viewer, today)
    if not offices["rows"]:
        return ""
    # The certainty marks of the offices' holders: their acts' provenance in one query.
    provenance.preload(request, [a.entry_seq for row in offices["rows"] for a in row["view"].appointments])
    return render_to_string("web/partials/offices.html", {"offices": offices}, request)


def _latest_acts(request: HttpRequest, viewer: Viewer, names: Names) -> str:
    rows = [from_event(event, viewer) for event in acts.latest_events(LATEST_ACTS)]
    return render_to_string("web/partials/dashboard_acts.html", {
        "rows": rows, "newest": rows[0].seq if rows else -1, "names": names}, request)


def _frozen_terms(states: list[queries.MemberView], chair: queries.Chairmanship) -> set[int]:
    """The terms whose chair has frozen its participation by then: it keeps its turn, and the terms' table
    says so beside it (a term not yet begun is judged by today)."""
    since = {view.code: view.periods[-1].start for view in states if view.status == Status.FROZEN and view.periods}
    return {term.term for term in chair.terms
            if term.member in since and (term.start or chair.today) >= since[term.member]}


def _offices(viewer: Viewer, today: dt.date) -> dict[str, Any]:
    """The organization's offices, each with its holders drawn on one axis (and listed beside it)."""
    views = queries.offices(viewer)
    axis = timelines.offices_axis([a.start for view in views for a in view.appointments], today)
    return {
        "today": today,
        "today_x": axis.svg_x(today) if axis else None,
        "ticks": timelines.year_ticks(axis) if axis else [],
        "rows": [{"view": view, "now": view.holder_on(today),
                  "segments": timelines.holder_segments(axis, view.appointments,
                                                        [(a.start, a.end) for a in view.appointments])
                  if axis else []}
                 for view in views],
    }


@require_GET
def latest_act_rows(request: HttpRequest) -> HttpResponse:
    """The acts after `after`, newest first, as table rows: what the dashboard prepends live."""
    viewer = viewer_for(request)
    after = _parameter(request, "after", minimum=-1)
    events = (acts.latest_events(LATEST_ACTS) if after is None
              else acts.events_after(after, limit=LIVE_LIMIT))
    rows = newest_first(from_event(event, viewer) for event in events)
    return render(request, "web/partials/act_rows.html", {"rows": rows, "names": _names(viewer)})


def _membership(view: queries.MemberView, axis: timelines.Axis | None) -> dict[str, Any]:
    return {
        "view": view,
        "segments": timelines.membership_segments(axis, view.periods) if axis else [],
    }


@require_GET
def members(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request)
    states = queries.members(viewer)
    today = queries.today()
    axis = timelines.membership_axis([view.periods for view in states], today)
    # An event's date may carry a mark (a day not established): read every event's provenance at once.
    provenance.preload(request, (event.entry_seq for view in states for event in view.events))
    return render(request, "web/members.html", {
        "states": [_membership(view, axis) for view in states],
        "ticks": timelines.year_ticks(axis) if axis else [],
        "legend": LEGEND,
        "today": today,
        "nav": "members",
    })


@require_GET
def bodies(request: HttpRequest) -> HttpResponse:
    """The organization's bodies, drawn as a grid of which current member sits on which body."""
    viewer = viewer_for(request)
    states = [view for view in queries.members(viewer) if view.is_current]
    rows = []
    for view in queries.bodies(viewer):
        seated: dict[str, list[Any]] = {}
        for seat in view.seats:
            seated.setdefault(seat.person.member_id or "", []).append(seat.person)
        rows.append({"view": view, "cells": [
            {"state": state, "seated": state.code in view.members, "people": seated.get(state.code, [])}
            for state in states]})
    return render(request, "web/bodies.html", {
        "rows": rows, "states": states, "signed_in": viewer.handle is not None, "nav": "bodies",
    })


@require_GET
def member(request: HttpRequest, code: str) -> HttpResponse:
    return _member_page(request, code)


@acting
def official_name(request: HttpRequest, code: str) -> HttpResponse:
    """Set the state's official short names; back to its page, or the page again with the refusal."""
    state = _member_view(request, code)
    form = OfficialNameForm(request.POST)
    if form.act(request, lambda actor, data: member_actions.set_official_name(
            actor=actor, member=state.code, **data)) is None:
        return _member_page(request, code, form)
    return redirect(reverse("web:member", args=[state.code]) + "#official-name-heading")


def _member_view(request: HttpRequest, code: str) -> queries.MemberView:
    try:
        return queries.member(viewer_for(request), code)
    except NotFound:
        raise Http404("no such member state") from None


def _member_page(request: HttpRequest, code: str, name_form: OfficialNameForm | None = None) -> HttpResponse:
    viewer = viewer_for(request)
    view = _member_view(request, code)
    today = queries.today()
    axis = timelines.membership_axis([view.periods], today)
    officers = queries.active_officers()
    delegation = [
        {"person": person, "keys": queries.keys_of(viewer, person.username),
         # Offered exactly where the action would take it (never one's own access, say).
         "may_deactivate": member_policies.deactivates(viewer, person, active_officers=officers) is None}
        for person in queries.people(viewer, view.code)
    ]
    closed = [person for person in queries.closed_people(viewer, view.code)
              if member_policies.reactivates(viewer, person) is None]
    # Offered exactly where the action would take it: the secretariat keeps the registry.
    may_name = viewer.handle is not None and member_policies.names_states(viewer) is None
    if name_form is None and may_name:
        name_form = OfficialNameForm(initial={"name": view.member.official_name})
    # The organization's offices its nationals held.
    held = [(office.office, appointment) for office in queries.offices(viewer)
            for appointment in office.appointments if appointment.member_id == view.code]
    provenance.preload(request, [*(event.entry_seq for event in view.events),
                                 *(appointment.entry_seq for _office, appointment in held)])
    return render_form(request, "web/member.html", {
        "state": _membership(view, axis),
        "name_form": name_form if may_name else None,
        "ticks": timelines.year_ticks(axis, at_most=8) if axis else [],
        "legend": LEGEND,
        "today": today,
        "delegation": delegation,
        "closed": closed,
        "held": held,
        "nav": "members",
    }, name_form or OfficialNameForm())


@dataclass(frozen=True)
class LedgerPage:
    """One page of the log, newest entry first; page 1 ends with the newest entry."""

    number: int
    num_pages: int
    entries: list[Entry]

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def _ledger_page(size: int, number: int) -> LedgerPage:
    num_pages = max(1, -(-size // LEDGER_PAGE))
    if not 1 <= number <= num_pages:
        raise Http404("no such page")
    end = size - (number - 1) * LEDGER_PAGE
    start = max(0, end - LEDGER_PAGE)
    return LedgerPage(number, num_pages, list(reversed(log.entries_between(start, end))))


# The ledger explorer lists the whole log, drills' acts too (each marked with its drill); a reader may keep
# to the real acts or to the drills' (docs/ledger.md).
SCOPES = [("real", _("Real acts")), ("drill", _("Drill acts"))]


class LedgerFilters(filters.ListFilters):
    type = filters.choice(_("Act"))
    member = filters.choice(_("Member state"))
    scope = filters.choice(_("Real or drill"))
    since = filters.day_field(_("From"))
    until = filters.day_field(_("To"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("is before the first day"))
        return data


def _in_scope(row: ActRow, scope: str) -> bool:
    """Whether the act is a real one ("real") or a drill's ("drill"), as the viewer sees it: an act sealed to
    it shows no drill mark, so neither finds it (a real list never counts a drill's act it cannot tell)."""
    if row.sealed:
        return False
    return (row.drill is None) == (scope == "real")


def _filtered_rows(viewer: Viewer, chosen: dict[str, Any]) -> list[ActRow]:
    """The acts that match, newest first, as this viewer sees them: an act sealed to it names no member and
    no drill, so a filter by member, or by real or drill, never finds it."""
    found = Entry.objects.order_by("-seq")
    if chosen.get("type"):
        found = found.filter(type=chosen["type"])
    if chosen.get("since"):
        found = found.filter(time__gte=dt.datetime.combine(chosen["since"], dt.time.min, tzinfo=dt.UTC))
    if chosen.get("until"):
        found = found.filter(time__lt=dt.datetime.combine(chosen["until"] + dt.timedelta(days=1), dt.time.min,
                                                          tzinfo=dt.UTC))
    rows = [from_event(event, viewer) for event in acts.events_of(list(found))]
    return [row for row in rows if (not chosen.get("member") or row.member == chosen["member"])
            and (not chosen.get("scope") or _in_scope(row, chosen["scope"]))]


@require_GET
def ledger(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request)
    size = log.size()
    number = _parameter(request, "page", minimum=1)
    names = _names(viewer)
    form = LedgerFilters(request.GET, {
        "type": filters.offered((code, act_label(code)) for code in
                                Entry.objects.order_by().values_list("type", flat=True).distinct()),
        "member": filters.offered(names.members.items()),
        "scope": SCOPES,
    })
    chosen = form.chosen()
    if form.asked:
        matched = _filtered_rows(viewer, chosen)
        num_pages = max(1, -(-len(matched) // LEDGER_PAGE))
        wanted = 1 if number is None else number
        if not 1 <= wanted <= num_pages:
            raise Http404("no such page")
        rows = matched[(wanted - 1) * LEDGER_PAGE:wanted * LEDGER_PAGE]
        page = LedgerPage(wanted, num_pages, [])
        count = len(matched)
    else:
        page = _ledger_page(size, 1 if number is None else number)
        rows = [from_event(event, viewer) for event in acts.events_of(page.entries)]
        count = size
    kept = request.GET.copy()
    kept.pop("page", None)
    return render(request, "web/ledger.html", {
        "page": page,
        "rows": rows,
        "size": size,
        "newest": size - 1,
        "checkpoint": log.latest_checkpoint(),
        "names": names,
        "filters": form,
        "count": count,
        # The pages of a filtered list keep its filters: "?type=...&page=2".
        "paging": f"?{kept.urlencode()}&" if kept else "?",
        "nav": "ledger",
    })


@require_GET
def ledger_rows(request: HttpRequest) -> HttpResponse:
    """The entries after `after`, newest first, as table rows: what the explorer prepends live."""
    viewer = viewer_for(request)
    after = _parameter(request, "after", minimum=-1)
    size = log.size()
    start = max(0 if after is None else after + 1, size - LIVE_LIMIT)
    rows = newest_first(from_event(event, viewer) for event in acts.events_of(log.entries_between(start, size)))
    return render(request, "web/partials/ledger_rows.html", {"rows": rows, "names": _names(viewer)})


def _inclusion(seq: int, leaf: bytes) -> dict[str, Any] | None:
    """The entry's inclusion proof in the latest checkpoint's tree, checked against its root."""
    checkpoint = log.latest_checkpoint()
    if checkpoint is None or seq >= checkpoint.size:
        return None  # appended after the latest checkpoint: nothing signed covers it yet
    path = log.inclusion_proof(seq, checkpoint.size)
    root = bytes(checkpoint.root)
    return {
        "size": checkpoint.size,
        "hashes": [_b64(h) for h in path],
        "root": _b64(root),
        "holds": merkle.verify_inclusion(leaf, seq, checkpoint.size, path, root),
    }


def _sealed(viewer: Viewer, seq: int, statement: dict[str, Any]) -> dict[str, Any] | None:
    """What a commitment hides, for a viewer allowed to read it, checked against the public entry."""
    opened = acts.sealed_content_for(viewer, seq)
    if opened is None:
        return None
    content = opened["content"]
    canonical = entries.canonical(content)
    inner = content.get("statement") or {}
    return {
        "salt": opened["salt"],
        "content": json.dumps(content, indent=2, ensure_ascii=False, sort_keys=True),
        "canonical": canonical.decode("utf-8"),
        "audience": inner.get("audience", []),
        "signatures": content.get("signatures", []),
        "holds": entries.sealed_problem(statement, opened["salt"], content, canonical) is None,
    }


@require_GET
def entry(request: HttpRequest, seq: int) -> HttpResponse:
    return _entry_page(request, seq)


def _provenance_of(viewer: Viewer, seq: int) -> dict[str, Any] | None:
    """The act's provenance field by field, for a reader who may see the act (None for another: a sealed
    act's sources are as sealed as it), and whether the reader may annotate it."""
    try:
        found = provenance.entry(viewer, seq)
    except NotFound:
        return None
    return {"fields": sorted(provenance.of_entry(seq).items()), "annotation": found.type != "core.annotated",
            "may_annotate": core_actions.may_annotate(viewer)}


@acting
def annotate(request: HttpRequest, seq: int) -> HttpResponse:
    """The secretariat annotates the act of entry `seq` with a field's certainty and source (core.annotated);
    back to the entry, or the page again with the refusal. A hidden entry and a missing one are both 404."""
    if _provenance_of(viewer_for(request), seq) is None or not log.entries_between(seq, seq + 1):
        raise Http404("no such entry")
    form = AnnotationForm(request.POST, fields=_act_fields(viewer_for(request), seq))
    if form.act(request, lambda actor, data: core_actions.annotate(
            actor=actor, entry=seq, sources=form.provenance())) is None:
        return _entry_page(request, seq, form)
    return redirect(reverse("web:entry", args=[seq]) + "#provenance-heading")


def _act_fields(viewer: Viewer, seq: int) -> list[tuple[str, str]]:
    """The fields of the act of entry `seq` an annotation may be about, each as the page calls it: the keys of
    its body (its content, for a sealed act the viewer may open) and the fields annotated already."""
    found = log.entries_between(seq, seq + 1)
    if not found:
        return []
    statement = json.loads(found[0].data)["statement"]
    body = statement.get("body")
    if body is None:
        opened = acts.sealed_content_for(viewer, seq)
        body = ((opened or {}).get("content", {}).get("statement") or {}).get("body") or {}
    names = sorted({name for name in body if name != "provenance"} | set(provenance.of_entry(seq)))
    package = "accord." + str(statement.get("type", "")).partition(".")[0]
    return [(name, f"{label} ({name})" if (label := field_label(name, package)) else name) for name in names]


def _entry_page(request: HttpRequest, seq: int, form: AnnotationForm | None = None) -> HttpResponse:
    viewer = viewer_for(request)
    found = log.entries_between(seq, seq + 1)
    if not found:
        raise Http404("no such entry")
    row = found[0]
    parsed = json.loads(row.data)
    statement = parsed["statement"]
    leaf = merkle.leaf_hash(row.data.encode("utf-8"))
    sealed = _sealed(viewer, seq, statement) if "commitment" in statement else None
    known = _provenance_of(viewer, seq)
    if known is not None and known["may_annotate"] and known["annotation"]:
        known["form"] = form or AnnotationForm(fields=_act_fields(viewer, seq))
    return render(request, "web/entry.html", status=form.status if form is not None else 200, context={
        "provenance": known,
        "row": from_event(acts.events_of(found)[0], viewer),
        "statement": statement,
        "pretty": json.dumps(parsed, indent=2, ensure_ascii=False),
        "signatures": sealed["signatures"] if sealed else parsed.get("signatures", []),
        "leaf": _b64(leaf),
        "proof": _inclusion(seq, leaf),
        "sealed": sealed,
        "names": _names(viewer),
        "nav": "ledger",
    })


@require_GET
def checkpoint(request: HttpRequest) -> HttpResponse:
    witnesses = [{"vkey": w.key.vkey, "size": witnessing.last_cosigned_size(w.key.vkey)}
                 for w in witnessing.configured()]
    return render(request, "web/checkpoint.html", {
        "checkpoint": log.latest_checkpoint(),
        "witnesses": witnesses,
        "vkey": log_key().vkey,
        "origin": request.build_absolute_uri("/"),
        "nav": "ledger",
    })
