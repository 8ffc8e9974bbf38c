"""The drills' pages: the list and the organization's targets, a drill's timetable of injects and its figures
beside the targets, the earlier drills and the real operations, and the organization's one lessons list.

The drill's own acts (the request, the session, the decision...) are made on the real pages under
/drills/<n>/run/ (accord.drills.middleware), each in the participant's own browser."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from accord.core import clock, filters, paging
from accord.core.errors import NotFound
from accord.core.pages import ActForm, acting, viewer_of
from accord.core.policy import Viewer
from accord.core.translations import Texts
from accord.drills import actions, catalogue, drawing, forms, policies, queries, ticking
from accord.drills.models import Drill
from accord.members import queries as registry

SOURCES = [("crisis", gettext_lazy("Crises")), ("exercise", gettext_lazy("Exercises")),
           ("drill", gettext_lazy("Drills"))]


def _found(viewer: Viewer, pk: int) -> Drill:
    try:
        return queries.drill_of(viewer, pk)
    except NotFound:
        raise Http404("no such drill") from None


def _members(viewer: Viewer) -> list[tuple[str, str]]:
    return [(view.code, str(view.member.name)) for view in registry.members(viewer) if view.is_current]


def _index_page(request: HttpRequest, refused: ActForm | None = None, name: str = "") -> HttpResponse:
    viewer = viewer_of(request)
    if not policies.sees(viewer):
        raise Http404("no drills")
    directs = policies.directs(viewer)
    page_forms: dict[str, ActForm] = {"drill": forms.DrillForm(), "target": forms.TargetForm()} if directs else {}
    if refused is not None:
        page_forms[name] = refused
    targets = queries.targets()
    # The drills a page at a time, the latest first; only the page's are read in full.
    page = paging.page_of(request, queries.visible_drill_ids(viewer))
    return render(request, "drills/index.html", {
        "drills": queries.drills_by_id(list(page), with_injects=False), "page": page,
        "paging": paging.page_links(request), "forms": page_forms, "directs": directs, "nav": "drills",
        "targets": [(label, targets.get(code)) for code, label in catalogue.FIGURES], "refused": refused,
    }, status=refused.status if refused else 200)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return _index_page(request)


def _listed(request: HttpRequest, name: str, form: ActForm, call: Callable[..., Any]) -> HttpResponse:
    viewer = viewer_of(request)
    if not policies.sees(viewer):
        raise Http404("no drills")
    made = form.act(request, lambda actor, data: call(actor=actor, **data))
    if made is None:
        return _index_page(request, form, name)
    if isinstance(made, Drill):
        return redirect("drills:drill", pk=made.pk)
    return redirect("drills:index")


@acting
def plan(request: HttpRequest) -> HttpResponse:
    return _listed(request, "drill", forms.DrillForm(request.POST), actions.plan_drill)


@acting
def set_target(request: HttpRequest) -> HttpResponse:
    return _listed(request, "target", forms.TargetForm(request.POST), actions.set_target)


def _text(value: Texts | str) -> str:
    """A name in the reader's language (or the default's), for the drawing."""
    return value.pick().text if isinstance(value, Texts) else str(value)


def _drawn_label(row: queries.Figures, several: bool) -> str:
    """A response's name in the drawing: with several requests in the drill, each of its bars names the
    requesting state first (the drawing's label column is short; the table beside it gives the time too)."""
    if several and row.kind == "drill" and row.crisis is not None:
        return f"{_text(row.crisis.requester.name)} · {_text(row.label)}"
    return _text(row.label)


def drill_context(viewer: Viewer, found: Drill) -> dict[str, Any]:
    """What the live part of a drill's page shows; the same for the page and its live refresh."""
    rows = queries.comparison(viewer, found)
    targets = queries.targets()
    requests = [row for row in rows if row.kind == "drill"]
    several = len(requests) > 1
    names = dict(_members(viewer))
    return {
        "drill": found, "injects": queries.injects(found), "due": queries.due(found, clock.now()),
        "own": requests[0] if requests else None, "requests": requests, "several": several, "rows": rows,
        "names": names, "figures": [(code, label, targets.get(code)) for code, label in catalogue.FIGURES],
        "chart": drawing.chart([(_drawn_label(row, several), row.kind, row.values) for row in rows],
                               [(code, str(label)) for code, label in catalogue.FIGURES],
                               {code: target.hours for code, target in targets.items()}),
        "kinds": dict(catalogue.INJECT_KINDS),
    }


def _drill_page(request: HttpRequest, pk: int, refused: ActForm | None = None) -> HttpResponse:
    viewer = viewer_of(request)
    found = _found(viewer, pk)
    ticking.tick(found.pk)  # an inject whose time has come fires before the page is drawn
    directs = policies.directs(viewer) and found.ended_at is None
    context = drill_context(viewer, found)
    context.update({"nav": "drills", "drill_page": found, "directs": directs, "refused": refused,
                    "inject_form": refused or (forms.InjectForm(members=_members(viewer)) if directs else None)})
    return render(request, "drills/drill.html", context, status=refused.status if refused else 200)


@require_GET
def drill_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _drill_page(request, pk)


@require_GET
def live(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    found = _found(viewer, pk)
    ticking.tick(found.pk)
    return render(request, "drills/partials/live.html", drill_context(viewer, found))


@require_GET
def figures_svg(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    return render(request, "drills/partials/figures.svg", drill_context(viewer, _found(viewer, pk)),
                  content_type="image/svg+xml")


@acting
def schedule_inject(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    found = _found(viewer, pk)
    form = forms.InjectForm(request.POST, members=_members(viewer))
    if form.act(request, lambda actor, data: actions.schedule_inject(actor=actor, drill=found.pk, **data)) is None:
        return _drill_page(request, pk, form)
    return redirect("drills:drill", pk=pk)


class _Empty(ActForm):
    pass


@acting
def fire_inject(request: HttpRequest, pk: int, inject: int) -> HttpResponse:
    found = _found(viewer_of(request), pk)
    if not found.injects.filter(pk=inject).exists():
        raise Http404("no such inject")
    form = _Empty(request.POST)
    if form.act(request, lambda actor, data: actions.fire_inject(actor=actor, inject=inject)) is None:
        return _drill_page(request, pk, form)
    return redirect("drills:drill", pk=pk)


@acting
def end_drill(request: HttpRequest, pk: int) -> HttpResponse:
    found = _found(viewer_of(request), pk)
    form = _Empty(request.POST)
    if form.act(request, lambda actor, data: actions.end_drill(actor=actor, drill=found.pk)) is None:
        return _drill_page(request, pk, form)
    return redirect("drills:drill", pk=pk)


class LessonFilters(filters.ListFilters):
    source = filters.choice(gettext_lazy("Source"))


@require_GET
def lessons(request: HttpRequest) -> HttpResponse:
    """The organization's one lessons list: crises, exercises and drills, filterable by source."""
    viewer = viewer_of(request)
    listed = queries.lessons(viewer)
    chosen = LessonFilters(request.GET, {"source": SOURCES})
    shown = filters.narrow(listed, chosen.chosen(), {"source": lambda row, value: row.source == value})
    page = paging.page_of(request, shown)
    return render(request, "drills/lessons.html", {
        "lessons": page.object_list, "page": page, "paging": paging.page_links(request), "filters": chosen,
        "count": len(shown), "sources": dict(SOURCES), "nav": "lessons"})
