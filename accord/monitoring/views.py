"""The monitoring pages: thin views over the queries; each form posts to one action behind `@acting`, then
back to the page, or the page again with the form refused beside its fields and what was typed kept."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from accord.core import clock
from accord.core.errors import NotFound
from accord.core.pages import ActForm, acting, render_form, viewer_of
from accord.core.policy import ANONYMOUS, Viewer
from accord.members import queries as registry
from accord.monitoring import actions, drawing, forms, labels, policies, queries
from accord.monitoring.models import Theme


def _found(viewer: Viewer, pk: int) -> Theme:
    try:
        return queries.theme(viewer, pk)
    except NotFound:
        raise Http404("no such theme") from None


def _names() -> dict[str, str]:
    return {view.code: str(view.member.name) for view in registry.members(ANONYMOUS)}


def _theme_form(viewer: Viewer, data: Any = None) -> forms.ThemeForm:
    bodies = [(view.code, str(view.body.name)) for view in registry.bodies(viewer)]
    return forms.ThemeForm(data, bodies=bodies)


def _own_members(viewer: Viewer, allowed: Any) -> list[tuple[str, str]]:
    return [(view.code, str(view.member.name)) for view in registry.members(viewer)
            if view.is_current and allowed(viewer, view.code)]


def _index(request: HttpRequest, form: forms.ThemeForm | None = None) -> HttpResponse:
    viewer = viewer_of(request)
    may_configure = policies.configures_themes(viewer)
    form = form or (_theme_form(viewer) if may_configure else None)
    rows = [(found, queries.latest_assessment(found), queries.followers(found))
            for found in queries.themes(viewer)]
    context = {"themes": rows, "may_configure": may_configure, "form": form, "nav": "monitoring",
               "kinds": labels.KINDS, "levels": labels.LEVELS}
    if form is None:
        return render(request, "monitoring/index.html", context)
    return render_form(request, "monitoring/index.html", context, form)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return _index(request)


@acting
def configure(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    form = _theme_form(viewer, request.POST)
    found = form.act(request, lambda actor, data: actions.configure_theme(actor=actor, **data))
    if found is None:
        return _index(request, form)
    return redirect("monitoring:theme", pk=found.pk)


def indicator_views(viewer: Viewer, found: Theme) -> list[dict[str, Any]]:
    """Each indicator the viewer may see with its values, its chart and who has not reported this period."""
    names = _names()
    shown = []
    for row in queries.indicators(viewer, found):
        values = queries.values(row)
        standing = queries.standing(values)
        shown.append({"indicator": row, "values": list(reversed(values)),
                      "chart": drawing.chart(row, values, standing),
                      "illustrative": any(value.illustrative for value in values),
                      "not_reported": [names.get(code, code) for code in queries.not_reported(
                          row, standing, clock.today())],
                      "reporters": [names.get(code, code) for code in row.reporters]})
    return shown


def theme_context(viewer: Viewer, found: Theme) -> dict[str, Any]:
    """What the live part of a theme's page shows; the same for the page and its live refresh."""
    names = _names()
    return {"indicators": indicator_views(viewer, found), "frequencies": labels.FREQUENCIES,
            "theme": found, "assessments": list(reversed(queries.assessments(found))),
            "followers": [(code, names.get(code, code)) for code in queries.followers(found)],
            "statements": queries.statements(viewer, found), "levels": labels.LEVELS, "authors": labels.AUTHORS,
            "certainties": labels.CERTAINTIES, "kinds": labels.KINDS}


FORMS = ("follow", "assess", "report", "tag", "indicator", "value")


def _forms(viewer: Viewer, found: Theme, data: Any = None, which: str = "") -> dict[str, ActForm | None]:
    """The forms the viewer is offered on the theme's page; `which` is bound to `data` (a refused one)."""
    def bound(name: str) -> Any:
        return data if name == which else None

    made: dict[str, ActForm | None] = dict.fromkeys(FORMS)
    following = set(queries.followers(found))
    followers = _own_members(viewer, policies.follows_for)
    if followers:
        own = viewer.member or ""
        made["follow"] = forms.FollowForm(bound("follow"), members=followers, initial={
            "member": own, "following": "no" if own in following else "yes"})
    if policies.assesses(viewer):
        made["assess"] = forms.AssessmentForm(bound("assess"), has_owner_body=found.owner_body_id is not None)
    reporters = _own_members(viewer, policies.reports_for)
    if reporters:
        made["report"] = forms.ReportForm(bound("report"), members=reporters, initial={"member": viewer.member})
    if policies.tags_statements(viewer):
        statements = [(str(said.pk), f"{said.part.session.title.pick().text}: {said.speaker_name.pick().text}")
                      for said in queries.taggable_statements(viewer, found)]
        made["tag"] = forms.TagForm(bound("tag"), statements=statements)
    if policies.defines_indicators(viewer):
        members = [(view.code, str(view.member.name)) for view in registry.members(viewer) if view.is_current]
        made["indicator"] = forms.IndicatorForm(bound("indicator"), members=members)
    reported = [row for row in queries.indicators(viewer, found)
                if policies.reports_values_for(viewer, viewer.member or "", row.reporters)]
    if reported:
        made["value"] = _value_form(viewer, reported, bound("value"))
    return made


def _value_form(viewer: Viewer, reported: list[Any], data: Any) -> forms.ValueForm:
    own = viewer.member or ""
    values = [(str(value.pk), f"{value.indicator.name.pick().text}, {value.as_of.isoformat()}: {value.value}")
              for row in reported for value in queries.standing(queries.values(row)) if value.member_id == own]
    return forms.ValueForm(data, indicators=[(str(row.pk), row.name.pick().text) for row in reported],
                           members=[(own, _names().get(own, own))], values=values, initial={"member": own})


def _theme_page(request: HttpRequest, pk: int, refused: tuple[str, ActForm] | None = None) -> HttpResponse:
    viewer = viewer_of(request)
    found = _found(viewer, pk)
    context = theme_context(viewer, found)
    made = _forms(viewer, found)
    if refused is not None:
        made[refused[0]] = refused[1]
    context.update({"forms": made, "nav": "monitoring", "sessions": queries.owner_sessions(viewer, found)})
    return render(request, "monitoring/theme.html", context, status=refused[1].status if refused else 200)


@require_GET
def theme(request: HttpRequest, pk: int) -> HttpResponse:
    return _theme_page(request, pk)


@require_GET
def live(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    return render(request, "monitoring/partials/live.html", theme_context(viewer, _found(viewer, pk)))


def _post(request: HttpRequest, pk: int, name: str, act: Any) -> HttpResponse:
    """Run the act of the form `name` on the theme as the viewer sees it; a refused form returns in place."""
    viewer = viewer_of(request)
    found = _found(viewer, pk)
    form = _forms(viewer, found, request.POST, name)[name]
    if form is None:  # not offered to this viewer: the action refuses it, beside the right field
        form = _refusing_form(viewer, found, name, request.POST)
    if form.act(request, lambda actor, data: act(actor, found.pk, data)) is None:
        return _theme_page(request, pk, (name, form))
    return redirect("monitoring:theme", pk=pk)


def _refusing_form(viewer: Viewer, found: Theme, name: str, data: Any) -> ActForm:
    """A form for a viewer who is not offered it, with every choice it sent, so that the action (not the
    form) says why it is refused."""
    sent = [(str(data.get("member", "")), str(data.get("member", "")))]
    if name == "follow":
        return forms.FollowForm(data, members=sent)
    if name == "assess":
        return forms.AssessmentForm(data, has_owner_body=found.owner_body_id is not None)
    if name == "report":
        return forms.ReportForm(data, members=sent)
    if name == "indicator":
        return forms.IndicatorForm(data, members=[(code, code) for code in data.getlist("reporters")])
    if name == "value":
        return forms.ValueForm(data, indicators=[(str(data.get("indicator", "")), "")], members=sent,
                               values=[(str(data.get("corrects", "")), "")])
    return forms.TagForm(data, statements=[(str(data.get("statement", "")), "")])


@acting
def follow(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(request, pk, "follow", lambda actor, theme, data: actions.follow_theme(
        actor=actor, theme=theme, **data))


@acting
def assess(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(request, pk, "assess", lambda actor, theme, data: actions.assess_theme(
        actor=actor, theme=theme, **data))


@acting
def report(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(request, pk, "report", lambda actor, theme, data: actions.report_on_theme(
        actor=actor, theme=theme, **data))


@acting
def tag(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(request, pk, "tag", lambda actor, theme, data: actions.tag_statement(
        actor=actor, theme=theme, **data))


@acting
def define_indicator(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(request, pk, "indicator", lambda actor, theme, data: actions.define_indicator(
        actor=actor, theme=theme, **data))


@acting
def report_value(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(request, pk, "value", lambda actor, theme, data: actions.report_value(actor=actor, **data))
