"""Early warning and joint consultations: a value crossing a level records an alert act (e-mailed to those
who asked, live to the theme's members), a member requests consultations, the Secretariat acknowledges,
schedules and records their outcome, or the requester turns them into a request for assistance; the log
replays to the same state; the CSV export streams only what the viewer may see."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core import mail
from django.http import StreamingHttpResponse
from monitoring_world import actor, afghan_direction, signed_in
from pytest_django import Settings

from accord.core import policy, provenance
from accord.core.audit import audit
from accord.core.errors import Conflict, InvalidInput, NotFound, NotPermitted
from accord.crises.models import Crisis
from accord.ledger.models import Entry
from accord.meetings import actions as meetings
from accord.members.models import Person
from accord.monitoring import actions, queries
from accord.monitoring.models import Alert, Indicator

pytestmark = pytest.mark.usefixtures("monitoring_organization")

NAME = {"ru": "Цена на пшеницу", "en": "Price of wheat"}


def _indicator(classification: str = "public") -> Indicator:
    theme = afghan_direction()
    for code in ("KGZ", "KAZ"):
        actions.follow_theme(actor=actor(f"{code.lower()}.head"), theme=theme.pk, member=code)
    return actions.define_indicator(actor=actor("secretariat"), theme=theme.pk, name=NAME, unit="USD/t",
                                    frequency="monthly", reporters=["KGZ", "KAZ"], warning="300", alert="400",
                                    classification=classification)


def _report(indicator: Indicator, value: str, as_of: str, corrects: int | None = None) -> Alert | None:
    row = actions.report_value(actor=actor("kgz.head"), indicator=indicator.pk, member="KGZ", value=value,
                               as_of=as_of, source="National statistics committee", corrects=corrects)
    return Alert.objects.filter(value=row).first()


def test_a_value_crossing_a_level_records_an_alert_once_and_mails_who_asked(
        django_capture_on_commit_callbacks: object) -> None:
    indicator = _indicator()
    actions.choose_alert_mail(actor=actor("kaz.head"), wanted=True, address="kaz.head@example.org")
    actions.choose_alert_mail(actor=actor("observer"), wanted=True, address="observer@example.org")
    assert _report(indicator, "250", "2022-03-01") is None
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        warned = _report(indicator, "310", "2022-04-01")
    assert warned is not None
    assert warned.level == "warning"
    assert Entry.objects.get(seq=warned.entry_seq).type == "monitoring.alert_raised"
    assert [message.to for message in mail.outbox] == [["kaz.head@example.org"]]  # the observer follows nothing
    assert _report(indicator, "320", "2022-05-01") is None  # still at the warning level: no new alert
    raised = _report(indicator, "410", "2022-06-01")
    assert raised is not None
    assert raised.level == "alert"
    assert queries.is_open(raised)
    assert _report(indicator, "390", "2022-06-01", corrects=raised.value_id) is None  # a correction below
    assert not queries.is_open(raised)


def test_consultations_run_from_request_to_outcome_and_the_log_replays(settings: Settings, tmp_path: Path) -> None:
    indicator = _indicator()
    raised = _report(indicator, "450", "2022-06-01")
    assert raised is not None
    asked = actions.request_consultations(actor=actor("kgz.head"), theme=indicator.theme_id, member="KGZ",
                                          alert=raised.pk, grounds={"ru": "Цены выше уровня тревоги",
                                                                    "en": "Prices rise past the alert level"})
    assert (asked.origin, asked.status) == ("alert", "requested")
    with pytest.raises(NotPermitted):
        actions.acknowledge_consultations(actor=actor("kaz.head"), consultation=asked.pk)
    with pytest.raises(Conflict):
        actions.schedule_consultations(actor=actor("secretariat"), consultation=asked.pk, form="written",
                                       written_until="2022-07-01")
    actions.acknowledge_consultations(actor=actor("secretariat"), consultation=asked.pk)
    with pytest.raises(InvalidInput) as refused:
        actions.schedule_consultations(actor=actor("secretariat"), consultation=asked.pk, form="session")
    assert refused.value.field == "session"
    session = meetings.convene_session(actor=actor("secretariat"), body="CSC", kind="extraordinary",
                                       mode="video", starts_on="2022-06-20",
                                       title={"ru": "Консультации", "en": "Consultations"})
    actions.schedule_consultations(actor=actor("secretariat"), consultation=asked.pk, form="session",
                                   session=session.pk)
    done = actions.conclude_consultations(actor=actor("secretariat"), consultation=asked.pk,
                                          outcome="no_joint_statement")
    assert done.status == "concluded"
    assert not queries.is_open(raised)
    assert [step.step for step in queries.steps(done)] == ["requested", "acknowledged", "scheduled", "concluded"]
    grown = actions.escalate_consultations(actor=actor("kgz.head"), consultation=asked.pk,
                                           happened={"ru": "Обострение"}, area={"ru": "Граница"},
                                           asks_for={"ru": "Помощь"})
    assert grown.crisis_id is not None
    crisis = Crisis.objects.get(pk=grown.crisis_id)
    assert crisis.legal_basis == "consultations"
    assert crisis.requester_id == "KGZ"
    assert queries.consultations_of_crisis(crisis.pk) == grown
    settings.VAR_DIR = tmp_path
    report = audit()
    assert report.refused is None
    assert report.differences == []


def test_only_a_members_official_requests_and_a_hidden_theme_is_missing() -> None:
    theme = afghan_direction(classification="members")
    with pytest.raises(NotPermitted):
        actions.request_consultations(actor=actor("secretariat"), theme=theme.pk, member="KGZ",
                                      grounds={"ru": "x"})
    with pytest.raises(NotFound):
        actions.request_consultations(actor=actor("observer"), theme=theme.pk, member="KGZ", grounds={"ru": "x"})
    with pytest.raises(InvalidInput) as refused:
        actions.request_consultations(actor=actor("kgz.head"), theme=theme.pk, member="KGZ", grounds={})
    assert refused.value.field.startswith("grounds")


def test_the_csv_export_streams_and_keeps_members_only_values_from_an_observer() -> None:
    indicator = _indicator(classification="members")
    _report(indicator, "450", "2022-06-01")
    with provenance.given({"fields": {"value": "illustrative"}}):
        actions.report_value(actor=actor("kaz.head"), indicator=indicator.pk, member="KAZ", value="10",
                             as_of="2022-06-01")
    path = f"/monitoring/{indicator.theme_id}/indicators.csv"
    member = signed_in("kaz.head").get(path)
    assert isinstance(member, StreamingHttpResponse)
    text = b"".join(member.streaming_content).decode()
    lines = text.strip().splitlines()
    assert lines[0].startswith("indicator,indicator_name")
    kaz = [line for line in lines if ",KAZ," in line]
    assert len(lines) == 3
    assert "illustrative" in kaz[0]
    assert ",yes," in kaz[0]
    observer = signed_in("observer").get(path)
    assert isinstance(observer, StreamingHttpResponse)
    hidden = b"".join(observer.streaming_content).decode()
    assert hidden.strip().splitlines() == [lines[0]]
    assert "450" not in signed_in("observer").get(f"/monitoring/{indicator.theme_id}/").content.decode()


def test_the_theme_page_shows_alerts_and_consultations_and_a_member_requests_them() -> None:
    indicator = _indicator()
    raised = _report(indicator, "450", "2022-06-01")
    assert raised is not None
    client = signed_in("kaz.head")
    shown = client.get(f"/monitoring/{indicator.theme_id}/").content.decode()
    assert f'data-alert="{raised.pk}"' in shown
    assert 'id="request-consultations"' in shown
    answer = client.post(f"/monitoring/{indicator.theme_id}/consultations/", {
        "member": "KAZ", "kind": "request", "alert": str(raised.pk), "grounds_ru": "", "grounds_en": ""})
    assert answer.status_code == 400
    assert "Grounds" in answer.content.decode()
    answer = client.post(f"/monitoring/{indicator.theme_id}/consultations/", {
        "member": "KAZ", "kind": "request", "alert": str(raised.pk), "grounds_ru": "Цены", "grounds_en": "Prices"})
    assert answer.status_code == 302
    secretariat = signed_in("secretariat")
    page = secretariat.get(answer["Location"]).content.decode()
    assert 'id="acknowledge"' in page
    assert secretariat.post(answer["Location"] + "acknowledge/").status_code == 302
    assert 'data-step="acknowledged"' in secretariat.get(answer["Location"]).content.decode()


def test_the_dashboard_lists_themes_with_open_alerts_and_consultations_first() -> None:
    quiet = actions.configure_theme(actor=actor("secretariat"), name={"ru": "Тихая тема", "en": "A quiet theme"},
                                    kind="cross_cutting")
    indicator = _indicator()  # configured after the quiet one
    _report(indicator, "450", "2022-06-01")
    viewer = signed_in("kaz.head")
    order = [row.theme.pk for row in queries.watched(policy.viewer_of(Person.objects.get(username="kaz.head")))]
    assert order.index(indicator.theme_id) < order.index(quiet.pk)
    shown = viewer.get("/").content.decode()
    assert shown.index(f'data-theme="{indicator.theme_id}"') < shown.index(f'data-theme="{quiet.pk}"')
    assert "1 open alert" in shown


def test_the_json_export_says_what_the_csv_says_and_keeps_members_only_values_from_an_observer() -> None:
    indicator = _indicator(classification="members")
    _report(indicator, "450", "2022-06-01")
    with provenance.given({"fields": {"value": "illustrative"}}):
        actions.report_value(actor=actor("kaz.head"), indicator=indicator.pk, member="KAZ", value="10.5",
                             as_of="2022-06-01")
    path = f"/monitoring/{indicator.theme_id}/indicators"
    member = signed_in("kaz.head")
    answer = member.get(f"{path}.json")
    assert isinstance(answer, StreamingHttpResponse)
    assert answer["Content-Type"] == "application/json"
    values = json.loads(b"".join(answer.streaming_content))
    assert [(row["member"], row["value"], row["certainty"], row["no_source"]) for row in values] == [
        ("KAZ", "10.5", "illustrative", True), ("KGZ", "450", "", False)]
    csv_answer = member.get(f"{path}.csv")
    assert isinstance(csv_answer, StreamingHttpResponse)
    lines = b"".join(csv_answer.streaming_content).decode().strip().splitlines()
    assert lines[1].split(",")[:9] == [str(indicator.pk), values[0]["indicator_name"], "USD/t", "KAZ",
                                       "2022-06-01", "10.5", "", "yes", "illustrative"]
    observer = signed_in("observer").get(f"{path}.json")
    assert isinstance(observer, StreamingHttpResponse)
    assert json.loads(b"".join(observer.streaming_content)) == []
    assert signed_in("observer").get(f"{path}.json?indicator={indicator.pk}").status_code == 404
