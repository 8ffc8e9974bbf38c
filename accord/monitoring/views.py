"""The monitoring pages: thin views over the queries; each form posts to one action behind `@acting`, then
back to the page, or the page again with the form refused beside its fields and what was typed kept."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from accord.core import clock, dates, provenance
from accord.core import signed as signed_acts
from accord.core.acting import Actor
from accord.core.errors import NotFound
from accord.core.pages import ActForm, acting, render_form, sign_in_redirect, viewer_of
from accord.core.policy import ANONYMOUS, Viewer
from accord.meetings import queries as meetings
from accord.meetings.models import Session
from accord.members import queries as registry
from accord.monitoring import actions, drawing, export, forms, labels, policies, queries, rendering
from accord.monitoring.models import Assessment, Indicator, Theme
from accord_verify import entries


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
    rows = [(row.theme, queries.latest_assessment(row.theme), queries.followers(row.theme))
            for row in queries.watched(viewer)]  # those with open alerts or consultations first
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


SHOWN_ROWS = 12  # the latest values a table under a chart shows; the indicator's CSV gives every one
KEPT_SECONDS = 600  # how long an indicator's part is kept unread; an act that changes it replaces it sooner


def _indicator_html(found: Theme, row: Indicator, names: dict[str, str],
                    marked: dict[int, str]) -> tuple[str, bool]:
    """One indicator's part of the page: its values (read once, in one query), its chart, the table of its
    latest values with their marks, what its whole series holds of late, unsourced and corrected values, and
    who has not reported this period; and whether it holds a drawing (a value), which the small multiples show."""
    values = queries.series(row)
    by_pk = {value.pk: value for value in values}
    corrected = {value.corrects_id for value in values if value.corrects_id is not None}
    standing = [value for value in values if value.pk not in corrected]
    latest = values[: -SHOWN_ROWS - 1 : -1]
    for value in latest:  # what each row of the table says of its value, read once here
        vars(value).update({"late": queries.is_late(row, value), "is_corrected": value.pk in corrected,
                            "earlier": by_pk.get(value.corrects_id) if value.corrects_id else None})
    chart = drawing.chart(row, values, standing)
    shown = {"indicator": row, "values": values, "count": len(values), "latest": len(latest),
             "rows": rendering.value_rows(latest, row.unit, names, queries.marks(
                 [value.entry_seq for value in latest if value.entry_seq in marked]), queries.signers(latest)),
             "chart": chart,
             "series": [(series, rendering.points(series.corrected, names)) for series in chart.series],
             "illustrative": any(marked.get(value.entry_seq) == provenance.ILLUSTRATIVE for value in values),
             "no_source": sum(1 for value in values if not value.source),
             "late": sum(1 for value in values
                         if queries.is_late_on(row.frequency, value.as_of, value.reported_on)),
             "corrected": len(corrected),
             "not_reported": [names.get(code, code)
                              for code in queries.not_reported(row, standing, clock.today())],
             "reporters": [names.get(code, code) for code in row.reporters]}
    html = render_to_string("monitoring/partials/indicator.html", {"shown": shown, "theme": found,
                                                                  "frequencies": labels.FREQUENCIES})
    return html, bool(values)


def indicator_views(viewer: Viewer, found: Theme, names: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Each indicator the viewer may see, with its part of the page.

    An indicator's part is the same for everyone who may see it (the policy decides who does, here, on every
    request), in a language on a day: it is kept, keyed by the latest entries of the acts that can change it
    (their numbers and nonces, which no other entry shares: `queries.kept_by`), so that it is drawn again only
    once one of them has been recorded since: a value reported redraws its own indicator, not the theme's
    others, and the acts of a busy session redraw none. A series of 240 values is otherwise read, marked, drawn
    and tabled on every view (bench/monitoring.py)."""
    rows = queries.indicators(viewer, found)
    if not rows:
        return []
    kept = queries.kept_by(rows)
    language, today = translation.get_language(), clock.today().isoformat()
    marked: dict[int, str] | None = None
    shown = []
    for row in rows:
        key = f"accord:monitoring:part:{row.pk}:{language}:{today}:{kept[row.pk]}"
        part = cache.get(key)
        if part is None:
            names = names if names is not None else _names()
            marked = marked if marked is not None else queries.theme_certainties(found)
            part = _indicator_html(found, row, names, marked)
            cache.set(key, part, KEPT_SECONDS)
        html, drawn = part
        shown.append({"indicator": row, "html": mark_safe(html),  # noqa: S308 (rendered by the template engine)
                      "drawn": drawn, "width": drawing.WIDTH, "height": drawing.HEIGHT})
    return shown


def theme_context(request: HttpRequest, viewer: Viewer, found: Theme,
                  views: queries.SessionViews | None = None) -> dict[str, Any]:
    """What the live part of a theme's page shows; the same for the page and its live refresh (`views` keeps
    the sessions its statements are found in, for the page's forms)."""
    names = _names()
    assessments = list(reversed(queries.assessments(found)))
    alerts = queries.alerts(viewer, found)
    opened = queries.open_of(alerts)  # in two queries, not two per alert
    # Their certainty marks (their acts' provenance, and the alerts' values'), read at once for the core mark.
    provenance.preload(request, [*(item.assessment.entry_seq for item in assessments),
                                 *(row.value.entry_seq for row in alerts)])
    return {"indicators": indicator_views(viewer, found, names), "frequencies": labels.FREQUENCIES,
            "alerts": [(row, row.pk in opened) for row in alerts],
            "alert_levels": labels.ALERT_LEVELS, "consultations": queries.consultations(viewer, found),
            "steps": labels.STEPS, "consultation_kinds": labels.CONSULTATION_KINDS,
            "theme": found, "assessments": assessments,
            "followers": [(code, names.get(code, code)) for code in queries.followers(found)],
            "statements": queries.statements(viewer, found, views), "levels": labels.LEVELS,
            "authors": labels.AUTHORS,
            "certainties": labels.CERTAINTIES, "kinds": labels.KINDS}


FORMS = ("follow", "assess", "report", "tag", "indicator", "value", "consult")


def _forms(viewer: Viewer, found: Theme, data: Any = None, which: str = "",
           shown: list[dict[str, Any]] | None = None, *, following: list[str] | None = None,
           sessions: list[Session] | None = None, views: queries.SessionViews | None = None,
           ) -> dict[str, ActForm | None]:
    """The forms the viewer is offered on the theme's page; `which` is bound to `data` (a refused one).
    `shown` is the page's indicators with the values it read already (the value form offers some of them);
    `following`, `sessions` and `views`, the followers, sessions and sessions' views the page read already."""
    def bound(name: str) -> Any:
        return data if name == which else None

    made: dict[str, ActForm | None] = dict.fromkeys(FORMS)
    followed = set(queries.followers(found) if following is None else following)
    followers = _own_members(viewer, policies.follows_for)
    if followers:
        own = viewer.member or ""
        made["follow"] = forms.FollowForm(bound("follow"), members=followers, initial={
            "member": own, "following": "no" if own in followed else "yes"})
    if policies.assesses(viewer):
        made["assess"] = forms.AssessmentForm(bound("assess"), has_owner_body=found.owner_body_id is not None)
    reporters = _own_members(viewer, policies.reports_for)
    if reporters:
        made["report"] = forms.ReportForm(bound("report"), members=reporters, initial={"member": viewer.member})
    if policies.tags_statements(viewer):
        statements = [(str(said.pk), f"{said.part.session.title.pick().text}: {said.speaker_name.pick().text}")
                      for said in queries.taggable_statements(viewer, found, sessions, views)]
        made["tag"] = forms.TagForm(bound("tag"), statements=statements)
    if policies.defines_indicators(viewer):
        members = [(view.code, str(view.member.name)) for view in registry.members(viewer) if view.is_current]
        made["indicator"] = forms.IndicatorForm(bound("indicator"), members=members)
    seen = [item["indicator"] for item in shown] if shown is not None else queries.indicators(viewer, found)
    reported = [row for row in seen if policies.reports_values_for(viewer, viewer.member or "", row.reporters)]
    if reported:
        made["value"] = _value_form(viewer, reported, bound("value"))
    requesting = _own_members(viewer, policies.requests_consultations)
    if requesting:
        alerts = [(str(row.pk), f"{row.indicator.name.pick().text}, {dates.day(row.value.as_of)}: "
                                f"{row.value.member_id} {row.value.value.normalize()}")
                  for row in queries.open_alerts(viewer, found)]
        made["consult"] = forms.ConsultationForm(bound("consult"), members=requesting, alerts=alerts,
                                                 initial={"member": viewer.member})
    return made


CORRECTABLE = 6


def _value_form(viewer: Viewer, reported: list[Indicator], data: Any) -> forms.ValueForm:
    own = viewer.member or ""
    # The latest standing values of each indicator are offered for correction (the API corrects any).
    latest = queries.latest_standing(reported, own, CORRECTABLE)
    values = [(str(value.pk), f"{row.name.pick().text}, {dates.day(value.as_of)}: {value.value}")
              for row in reported for value in latest.get(row.pk, [])]
    return forms.ValueForm(data, indicators=[(str(row.pk), row.name.pick().text) for row in reported],
                           members=[(own, _names().get(own, own))], values=values, initial={"member": own})


def _theme_page(request: HttpRequest, pk: int, refused: tuple[str, ActForm] | None = None) -> HttpResponse:
    viewer = viewer_of(request)
    found = _found(viewer, pk)
    views: queries.SessionViews = {}
    context = theme_context(request, viewer, found, views)
    # The sessions the tagging form and the owner body's list both show, read once when either is shown.
    sessions = (meetings.sessions(viewer) if found.owner_body_id is not None or policies.tags_statements(viewer)
                else [])
    following = [code for code, _name in context["followers"]]
    made = _forms(viewer, found, shown=context["indicators"], following=following, sessions=sessions, views=views)
    if refused is not None:
        made[refused[0]] = refused[1]
    context.update({"forms": made, "nav": "monitoring",
                    "sessions": queries.owner_sessions(viewer, found, sessions)})
    return render(request, "monitoring/theme.html", context, status=refused[1].status if refused else 200)


@require_GET
def theme(request: HttpRequest, pk: int) -> HttpResponse:
    return _theme_page(request, pk)


@require_GET
def live(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    return render(request, "monitoring/partials/live.html", theme_context(request, viewer, _found(viewer, pk)))


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
    if name == "consult":
        return forms.ConsultationForm(data, members=sent, alerts=[(str(data.get("alert", "")), "")])
    if name == "value":
        return forms.ValueForm(data, indicators=[(str(data.get("indicator", "")), "")], members=sent,
                               values=[(str(data.get("corrects", "")), "")])
    return forms.TagForm(data, statements=[(str(data.get("statement", "")), "")])


@acting
def follow(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(request, pk, "follow", lambda actor, theme, data: actions.follow_theme(
        actor=actor, theme=theme, **data))


def _marked(data: dict[str, Any], field: str) -> dict[str, Any] | None:
    """The certainty a form gives, taken out of its data, as the act's provenance of `field`: a confirmed one
    carries none, for only what is not a plain fact is marked."""
    certainty = data.pop("certainty", "") or provenance.CONFIRMED
    return None if certainty == provenance.CONFIRMED else {"fields": {field: certainty}}


@acting
def assess(request: HttpRequest, pk: int) -> HttpResponse:
    def assess(actor: Actor, theme: int, data: dict[str, Any]) -> Any:
        with provenance.given(_marked(data, Assessment.MARKED_FIELD)):
            return actions.assess_theme(actor=actor, theme=theme, **data)

    return _post(request, pk, "assess", assess)


@acting
def report(request: HttpRequest, pk: int) -> HttpResponse:
    def report(actor: Actor, theme: int, data: dict[str, Any]) -> Any:
        with provenance.given(_marked(data, Assessment.MARKED_FIELD)):
            return actions.report_on_theme(actor=actor, theme=theme, **data)

    return _post(request, pk, "report", report)


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
    def report(actor: Actor, theme: int, data: dict[str, Any]) -> Any:
        with provenance.given(_marked(data, "value")):
            return actions.report_value(actor=actor, **data)

    return _post(request, pk, "value", report)


@acting
def draft_value(request: HttpRequest, pk: int) -> JsonResponse:
    """The statement of the value the page's form reports, for the browser to sign (monitoring.js): the form
    read as for an unsigned report, and the statement drafted by the signed door (accord.core.signed.draft),
    which runs every check of the act and records nothing. The browser signs `message` (the signing context
    and the statement's RFC 8785 form) with the key it keeps and sends the signed act to POST /api/v1/acts,
    the door `accord sign --act` uses: a signed report has one way in. A refusal names the field and why."""
    viewer = viewer_of(request)
    found = _found(viewer, pk)
    form = _forms(viewer, found, request.POST, "value")["value"] or _refusing_form(viewer, found, "value",
                                                                                  request.POST)

    def draft(actor: Actor, data: dict[str, Any]) -> dict[str, Any]:
        sourced = _marked(data, "value")
        body = {"indicator": data["indicator"], "member": data["member"], "value": str(data["value"]),
                "as_of": data["as_of"].isoformat(), "source": data["source"], "corrects": data["corrects"],
                **({"provenance": sourced} if sourced else {})}
        return signed_acts.draft(actor, {"type": "monitoring.value_reported", "body": body})

    statement = form.act(request, draft)
    if statement is None:
        return JsonResponse({"errors": [
            {"field": name, "label": str(form.fields[name].label) if name in form.fields else "", "reason": reason}
            for name, reasons in form.errors.items() for reason in reasons]}, status=form.status)
    return JsonResponse({"statement": statement, "message": entries.b64(entries.signing_message(statement))})


@acting
def request_consultations(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    found = _found(viewer, pk)
    form = _forms(viewer, found, request.POST, "consult")["consult"] or _refusing_form(viewer, found, "consult",
                                                                                        request.POST)
    made = form.act(request, lambda actor, data: actions.request_consultations(
        actor=actor, theme=found.pk, **data))
    if made is None:
        return _theme_page(request, pk, ("consult", form))
    return redirect("monitoring:consultation", pk=made.pk)


def _consultation(viewer: Viewer, pk: int) -> Any:
    try:
        return queries.consultation(viewer, pk)
    except NotFound:
        raise Http404("no such consultations") from None


STEP_FORMS = ("acknowledge", "schedule", "conclude", "escalate")


def _step_forms(viewer: Viewer, found: Any, data: Any = None, which: str = "") -> dict[str, ActForm | None]:
    """The step forms the viewer is offered on a consultation's page, as the state allows."""
    def bound(name: str) -> Any:
        return data if name == which else None

    made: dict[str, ActForm | None] = dict.fromkeys(STEP_FORMS)
    if policies.runs_consultations(viewer):
        if found.status == "requested":
            made["acknowledge"] = forms.AcknowledgeForm(bound("acknowledge"))
        if found.status == "acknowledged":
            sessions = [(str(session.pk), f"{session.title.pick().text}, {dates.day(session.starts_on)}")
                        for session in meetings_sessions(viewer)]
            made["schedule"] = forms.ScheduleForm(bound("schedule"), sessions=sessions)
        if found.status in ("acknowledged", "scheduled"):
            made["conclude"] = forms.ConcludeForm(bound("conclude"))
    if policies.escalates(viewer, found.member_id) and found.status != "escalated":
        made["escalate"] = forms.EscalateForm(bound("escalate"))
    return made


def meetings_sessions(viewer: Viewer) -> list[Any]:
    from accord.meetings import queries as meetings

    return list(meetings.sessions(viewer))


def _consultation_page(request: HttpRequest, pk: int, refused: tuple[str, ActForm] | None = None) -> HttpResponse:
    viewer = viewer_of(request)
    found = _consultation(viewer, pk)
    made = _step_forms(viewer, found)
    if refused is not None:
        made[refused[0]] = refused[1]
    context = {"consultation": found, "history": queries.steps(found), "forms": made, "nav": "monitoring",
               "steps": labels.STEPS, "kinds": labels.CONSULTATION_KINDS, "origins": labels.ORIGINS,
               "outcomes": labels.OUTCOMES, "consultation_forms": labels.FORMS}
    return render(request, "monitoring/consultation.html", context, status=refused[1].status if refused else 200)


@require_GET
def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    return _consultation_page(request, pk)


def _step_post(request: HttpRequest, pk: int, name: str, act: Any) -> HttpResponse:
    viewer = viewer_of(request)
    found = _consultation(viewer, pk)
    form = _step_forms(viewer, found, request.POST, name)[name]
    if form is None:  # not offered now: the action refuses it, naming why
        form = {"acknowledge": forms.AcknowledgeForm, "conclude": forms.ConcludeForm,
                "escalate": forms.EscalateForm, "schedule": forms.ScheduleForm}[name](request.POST)
    if form.act(request, lambda actor, data: act(actor, found.pk, data)) is None:
        return _consultation_page(request, pk, (name, form))
    return redirect("monitoring:consultation", pk=pk)


@acting
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_post(request, pk, "acknowledge", lambda actor, found, data: actions.acknowledge_consultations(
        actor=actor, consultation=found))


@acting
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_post(request, pk, "schedule", lambda actor, found, data: actions.schedule_consultations(
        actor=actor, consultation=found, **data))


@acting
def conclude(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_post(request, pk, "conclude", lambda actor, found, data: actions.conclude_consultations(
        actor=actor, consultation=found, **data))


@acting
def escalate(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_post(request, pk, "escalate", lambda actor, found, data: actions.escalate_consultations(
        actor=actor, consultation=found, **data))


def _mail_page(request: HttpRequest, form: forms.AlertMailForm | None = None) -> HttpResponse:
    chosen = queries.alert_mail(request.user.pk)
    form = form or forms.AlertMailForm(initial={"wanted": "yes" if chosen and chosen.wanted else "no",
                                                "address": chosen.address if chosen else ""})
    return render_form(request, "monitoring/mail.html", {"form": form, "chosen": chosen, "nav": "monitoring"},
                       form)


@require_GET
def alert_mail(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return sign_in_redirect(request)
    return _mail_page(request)


@acting
def choose_alert_mail(request: HttpRequest) -> HttpResponse:
    form = forms.AlertMailForm(request.POST)
    if form.act(request, lambda actor, data: actions.choose_alert_mail(actor=actor, **data)) is None:
        return _mail_page(request, form)
    return redirect("monitoring:alert_mail")


def _export(request: HttpRequest, pk: int, parts: Any, content_type: str, extension: str) -> StreamingHttpResponse:
    viewer = viewer_of(request)
    found = _found(viewer, pk)
    only = request.GET.get("indicator")  # one indicator's whole history, linked under its table
    chosen = None
    if only is not None:
        chosen = next((row for row in queries.indicators(viewer, found) if str(row.pk) == only), None)
        if chosen is None:  # missing, hidden or of another theme: the same 404
            raise Http404("no such indicator")
    response = StreamingHttpResponse(parts(viewer, found, chosen), content_type=content_type)
    name = f"indicator-{chosen.pk}" if chosen is not None else "indicators"
    response["Content-Disposition"] = f'attachment; filename="theme-{found.pk}-{name}.{extension}"'
    return response


@require_GET
def export_csv(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """Every series of the theme the viewer may see, as CSV, streamed row by row from the database (never
    the whole series in memory); a value's certainty mark and a missing source say so in its row."""
    return _export(request, pk, export.csv_rows, "text/csv; charset=utf-8", "csv")


@require_GET
def export_json(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """The same as JSON: an array of an object a value, with the CSV's columns as its fields, streamed alike."""
    return _export(request, pk, export.json_parts, "application/json", "json")
