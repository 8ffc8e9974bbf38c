"""The monitoring API: reads show only what the viewer may see; writes need a session and go to one action."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status
from ninja.security import django_auth

from accord.core import clock, paging, provenance
from accord.core import signed as signed_acts
from accord.core.acting import Actor
from accord.core.inputs import Id
from accord.core.policy import Viewer, viewer_of
from accord.monitoring import actions, policies, queries
from accord.monitoring.models import Alert, Consultation, Following, Indicator, StatementTag, Theme, Value
from accord.monitoring.schemas import (
    AlertOut,
    AssessmentIn,
    AssessmentOut,
    ConcludeIn,
    ConsultationIn,
    ConsultationOut,
    ConsultationScheduleIn,
    EscalateIn,
    FollowIn,
    FollowingOut,
    IndicatorIn,
    IndicatorOut,
    MemberReportIn,
    TagIn,
    TagOut,
    ThemeDetailOut,
    ThemeIn,
    ThemeOut,
    ValueIn,
    ValueOut,
)

router = Router(tags=["monitoring"])


def _actor(request: HttpRequest) -> Actor:
    return Actor(person=request.user)  # type: ignore[arg-type]


def theme_out(found: Theme) -> dict[str, Any]:
    return {"id": found.pk, "name": found.name, "description": found.description, "kind": found.kind,
            "owner_body": found.owner_body_id, "classification": found.classification,
            "followers": queries.followers(found), "entry": found.entry_seq}


def assessment_out(item: queries.Assessed, known: provenance.Known | None = None) -> dict[str, Any]:
    row = item.assessment
    return {"id": row.pk, "author": row.author, "member": row.member_id, "level": row.level,
            "level_change": item.level_change, "summary": row.summary, "changes": row.changes,
            "assessed_on": row.assessed_on, "sources": item.sources,
            "provenance": provenance.for_api(row.entry_seq, known),
            "entry": row.entry_seq}


def allowed(viewer: Viewer) -> list[str]:
    acts = []
    if policies.follows_for(viewer, viewer.member or ""):
        acts.append("follow")
    if policies.assesses(viewer):
        acts.append("assess")
    if policies.reports_for_any(viewer):
        acts.append("report")
    if policies.tags_statements(viewer):
        acts.append("tag_statement")
    if policies.defines_indicators(viewer):
        acts.append("define_indicator")
    if policies.requests_consultations(viewer, viewer.member or ""):
        acts.append("request_consultations")
    if policies.runs_consultations(viewer):
        acts.append("run_consultations")
    return acts


def value_out(row: Value, corrected: set[int], found: Indicator, alerts: dict[int, str],
              known: provenance.Known | None = None) -> dict[str, Any]:
    return {"id": row.pk, "member": row.member_id, "value": row.value, "as_of": row.as_of, "source": row.source,
            "provenance": provenance.for_api(row.entry_seq, known), "corrects": row.corrects_id,
            "corrected": row.pk in corrected,
            "reported_on": row.reported_on, "no_source": not row.source, "late": queries.is_late(found, row),
            "alert": alerts.get(row.pk, ""), "entry": row.entry_seq}


def _alert_levels(found: Indicator) -> dict[int, str]:
    return dict(Alert.objects.filter(indicator=found).values_list("value_id", "level"))


def indicator_out(found: Indicator) -> dict[str, Any]:
    rows = queries.values(found)
    standing = queries.standing(rows)
    kept = {row.pk for row in standing}
    corrected = {row.pk for row in rows if row.pk not in kept}
    levels = _alert_levels(found)
    known = provenance.of_entries(queries.sourced_seqs(Value.objects.filter(indicator=found)))
    return {"id": found.pk, "theme": found.theme_id, "name": found.name, "unit": found.unit,
            "frequency": found.frequency, "reporters": found.reporters, "classification": found.classification,
            "warning": found.warning, "alert": found.alert,
            "not_reported": queries.not_reported(found, standing, clock.today()),
            "values": [value_out(row, corrected, found, levels, known) for row in rows], "entry": found.entry_seq}


def theme_detail(viewer: Viewer, found: Theme) -> dict[str, Any]:
    said = [{"id": item.statement.pk, "session": item.statement.part.session_id,
             "session_starts_on": item.statement.part.session.starts_on,
             "delegation": item.statement.delegation_id, "speaker": item.statement.speaker_name,
             "summary": item.statement.summary, "entry": item.tag.entry_seq}
            for item in queries.statements(viewer, found)]
    assessed = queries.assessments(found)
    known = provenance.of_entries(item.assessment.entry_seq for item in assessed)
    return {**theme_out(found), "assessments": [assessment_out(item, known) for item in assessed],
            "statements": said, "allowed": allowed(viewer),
            "indicators": [indicator_out(row) for row in queries.indicators(viewer, found)]}


@router.get("/monitoring/themes", response=list[ThemeOut], summary="The themes the viewer may see")
def list_themes(request: HttpRequest) -> list[dict[str, Any]]:
    return [theme_out(found) for found in queries.themes(viewer_of(request.user))]


@router.get("/monitoring/themes/{pk}", response=ThemeDetailOut,
            summary="One theme with its assessments, members' reports and tagged statements")
def get_theme(request: HttpRequest, pk: Id) -> dict[str, Any]:
    viewer = viewer_of(request.user)
    return theme_detail(viewer, queries.theme(viewer, pk))


@router.post("/monitoring/themes", response={201: ThemeOut}, auth=django_auth,
             summary="Configure a theme (secretariat)")
def configure_theme(request: HttpRequest, payload: ThemeIn) -> Status[dict[str, Any]]:
    return Status(201, theme_out(actions.configure_theme(actor=_actor(request), **payload.dict())))


@router.post("/monitoring/themes/{pk}/followers", response={201: FollowingOut}, auth=django_auth,
             summary="A member follows a theme or stops following it (its head, delegate or liaison officer)")
def follow_theme(request: HttpRequest, pk: Id, payload: FollowIn) -> Status[dict[str, Any]]:
    row: Following = actions.follow_theme(actor=_actor(request), theme=pk, **payload.dict())
    return Status(201, {"theme": row.theme_id, "member": row.member_id, "following": row.following,
                        "entry": row.entry_seq})


def _assessed(viewer: Viewer, pk: int, entry: int) -> dict[str, Any]:
    found = queries.theme(viewer, pk)
    return assessment_out(next(item for item in queries.assessments(found) if item.assessment.entry_seq == entry))


@router.post("/monitoring/themes/{pk}/assessments", response={201: AssessmentOut}, auth=django_auth,
             summary="Record an assessment by the secretariat, the joint staff or the owner body (secretariat)")
def assess_theme(request: HttpRequest, pk: Id, payload: AssessmentIn) -> Status[dict[str, Any]]:
    data = payload.dict()
    with provenance.given(data.pop("provenance")):
        row = actions.assess_theme(actor=_actor(request), theme=pk, **data)
    return Status(201, _assessed(viewer_of(request.user), pk, row.entry_seq))


@router.post("/monitoring/themes/{pk}/reports", response={201: AssessmentOut}, auth=django_auth,
             summary="A member's own report on a theme (its head, delegate or liaison officer)")
def report_on_theme(request: HttpRequest, pk: Id, payload: MemberReportIn) -> Status[dict[str, Any]]:
    data = payload.dict()
    with provenance.given(data.pop("provenance")):
        row = actions.report_on_theme(actor=_actor(request), theme=pk, **data)
    return Status(201, _assessed(viewer_of(request.user), pk, row.entry_seq))


@router.post("/monitoring/themes/{pk}/statements", response={201: TagOut}, auth=django_auth,
             summary="Tag a statement made in a session to the theme (secretariat)")
def tag_statement(request: HttpRequest, pk: Id, payload: TagIn) -> Status[dict[str, Any]]:
    row: StatementTag = actions.tag_statement(actor=_actor(request), theme=pk, statement=payload.statement)
    return Status(201, {"theme": row.theme_id, "statement": row.statement_id, "entry": row.entry_seq})


@router.post("/monitoring/themes/{pk}/indicators", response={201: IndicatorOut}, auth=django_auth,
             summary="Define an indicator of the theme (secretariat)")
def define_indicator(request: HttpRequest, pk: Id, payload: IndicatorIn) -> Status[dict[str, Any]]:
    return Status(201, indicator_out(actions.define_indicator(actor=_actor(request), theme=pk, **payload.dict())))


@router.get("/monitoring/indicators/{pk}", response=IndicatorOut,
            summary="One indicator with every value reported, corrected ones included")
def get_indicator(request: HttpRequest, pk: Id) -> dict[str, Any]:
    return indicator_out(queries.indicator(viewer_of(request.user), pk))


@router.post("/monitoring/indicators/{pk}/values", response={201: ValueOut}, auth=django_auth,
             summary="Report (or correct) a value of the indicator (a reporting member's official)")
def report_value(request: HttpRequest, pk: Id, payload: ValueIn) -> Status[dict[str, Any]]:
    data = payload.dict()
    with provenance.given(data.pop("provenance")):
        row = actions.report_value(actor=_actor(request), indicator=pk, **data)
    return Status(201, value_out(row, set(), row.indicator, _alert_levels(row.indicator)))


def alert_out(row: Alert, opened: set[int] | None = None, known: provenance.Known | None = None) -> dict[str, Any]:
    """`opened` and `known`: which alerts are open and their values' provenance, when a list read them once."""
    return {"id": row.pk, "theme": row.theme_id, "indicator": row.indicator_id, "value": row.value_id,
            "member": row.value.member_id, "level": row.level,
            "provenance": provenance.for_api(row.value.entry_seq, known),
            "open": queries.is_open(row) if opened is None else row.pk in opened, "entry": row.entry_seq}


def consultation_out(row: Consultation, known: provenance.Known | None = None) -> dict[str, Any]:
    return {"id": row.pk, "theme": row.theme_id, "kind": row.kind, "origin": row.origin, "alert": row.alert_id,
            "member": row.member_id, "grounds": row.grounds, "requested_on": row.requested_on,
            "provenance": provenance.for_api(row.entry_seq, known), "status": row.status, "form": row.form,
            "session": row.session_id,
            "written_until": row.written_until, "outcome": row.outcome, "outcome_text": row.outcome_text,
            "crisis": row.crisis_id, "entry": row.entry_seq,
            "history": [{"step": step.step, "note": step.note, "on": step.on, "entry": step.entry_seq}
                        for step in queries.steps(row)]}


@router.get("/monitoring/themes/{pk}/alerts", response=list[AlertOut],
            summary="The theme's alerts on the indicators the viewer may see, newest first, a page at a time",
            description=paging.described("alerts"))
def list_alerts(request: HttpRequest, response: HttpResponse, pk: Id, limit: paging.Limit = paging.API_LIMIT,
                offset: paging.Offset = 0) -> list[dict[str, Any]]:
    viewer = viewer_of(request.user)
    ids = queries.visible_alert_ids(viewer, queries.theme(viewer, pk))
    page = queries.alerts_by_id(ids[paging.window(request, response, len(ids), offset, limit)])
    opened, known = queries.open_of(page), provenance.of_entries(row.value.entry_seq for row in page)
    return [alert_out(row, opened, known) for row in page]


@router.get("/monitoring/themes/{pk}/consultations", response=list[ConsultationOut],
            summary="The joint consultations requested on the theme, newest first, a page at a time",
            description=paging.described("consultations"))
def list_consultations(request: HttpRequest, response: HttpResponse, pk: Id,
                       limit: paging.Limit = paging.API_LIMIT, offset: paging.Offset = 0) -> list[dict[str, Any]]:
    viewer = viewer_of(request.user)
    ids = queries.visible_consultation_ids(viewer, queries.theme(viewer, pk))
    page = queries.consultations_by_id(ids[paging.window(request, response, len(ids), offset, limit)])
    known = provenance.of_entries(row.entry_seq for row in page)
    return [consultation_out(row, known) for row in page]


@router.post("/monitoring/themes/{pk}/consultations", response={201: ConsultationOut}, auth=django_auth,
             summary="Request or propose joint consultations on the theme (a member's official; Treaty, Art. 2)")
def request_consultations(request: HttpRequest, pk: Id, payload: ConsultationIn) -> Status[dict[str, Any]]:
    data = payload.dict()
    with provenance.given(data.pop("provenance")):
        made = actions.request_consultations(actor=_actor(request), theme=pk, **data)
    return Status(201, consultation_out(made))


@router.get("/monitoring/consultations/{pk}", response=ConsultationOut,
            summary="One request for consultations with its history")
def get_consultation(request: HttpRequest, pk: Id) -> dict[str, Any]:
    return consultation_out(queries.consultation(viewer_of(request.user), pk))


@router.post("/monitoring/consultations/{pk}/acknowledgement", response={201: ConsultationOut}, auth=django_auth,
             summary="Acknowledge a request for consultations (secretariat)")
def acknowledge_consultations(request: HttpRequest, pk: Id) -> Status[dict[str, Any]]:
    return Status(201, consultation_out(actions.acknowledge_consultations(actor=_actor(request), consultation=pk)))


@router.post("/monitoring/consultations/{pk}/schedule", response={201: ConsultationOut}, auth=django_auth,
             summary="Schedule consultations in a session or by written procedure (secretariat)")
def schedule_consultations(request: HttpRequest, pk: Id,
                           payload: ConsultationScheduleIn) -> Status[dict[str, Any]]:
    return Status(201, consultation_out(actions.schedule_consultations(actor=_actor(request), consultation=pk,
                                                                       **payload.dict())))


@router.post("/monitoring/consultations/{pk}/outcome", response={201: ConsultationOut}, auth=django_auth,
             summary="Record how consultations ended, with or without a joint statement (secretariat)")
def conclude_consultations(request: HttpRequest, pk: Id, payload: ConcludeIn) -> Status[dict[str, Any]]:
    return Status(201, consultation_out(actions.conclude_consultations(actor=_actor(request), consultation=pk,
                                                                       **payload.dict())))


@router.post("/monitoring/consultations/{pk}/request-for-assistance", response={201: ConsultationOut},
             auth=django_auth, summary="Turn consultations into a request for assistance (the requesting state)")
def escalate_consultations(request: HttpRequest, pk: Id, payload: EscalateIn) -> Status[dict[str, Any]]:
    return Status(201, consultation_out(actions.escalate_consultations(actor=_actor(request), consultation=pk,
                                                                       **payload.dict())))


# How a monitoring act, signed on a member's own machine (`accord sign --act`), becomes a call of its action:
# a value reported, or corrected, by a reporting member's official. The action finds the indicator as its
# signer may see it (a hidden one is refused as a missing one); the statement's body carries the value's
# provenance, which the act records as its own.
_SIGNED: dict[str, Any] = {
    "monitoring.value_reported": lambda a, s, b: actions.report_value(
        actor=a, signed=s, indicator=signed_acts.number(b, "indicator"), member=b["member"], value=b["value"],
        as_of=b["as_of"], source=b.get("source", ""),
        corrects=signed_acts.number(b, "corrects") if b.get("corrects") is not None else None),
}
for _type, _adapter in _SIGNED.items():
    signed_acts.register(_type, _adapter)
