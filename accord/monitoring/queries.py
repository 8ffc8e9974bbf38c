"""Reads of the monitoring themes, each given the viewer: a theme's classification decides who sees it, and a
tagged statement shows only where the viewer may see the statement itself."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from django.db.models import Max, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from accord.core import dates
from accord.core.errors import NotFound
from accord.core.history import Signer, signers_of
from accord.core.origins import Origin
from accord.core.policy import PARTICIPANTS, SECRETARIAT, Restriction, Viewer, may_see
from accord.core.provenance import MARKED, FieldProvenance, of_entries
from accord.meetings import queries as meetings
from accord.meetings.models import Session, Statement
from accord.monitoring import labels
from accord.monitoring.models import (
    Alert,
    AlertMail,
    Assessment,
    Consultation,
    ConsultationStep,
    Following,
    Indicator,
    StatementTag,
    Theme,
    Value,
)


def themes(viewer: Viewer) -> list[Theme]:
    """Every theme the viewer may see, in the order they were configured."""
    return [found for found in Theme.objects.select_related("owner_body")
            if may_see(viewer, found.classification)]


def theme(viewer: Viewer | None, pk: int) -> Theme:
    """The theme, or NotFound when it is missing or the viewer may not see it (the two look the same).
    No viewer is the server's console, which sees everything."""
    found = Theme.objects.select_related("owner_body").filter(pk=pk).first()
    if found is None or (viewer is not None and not may_see(viewer, found.classification)):
        raise NotFound("theme", _("there is no theme %(number)s") % {"number": pk})
    return found


def followers(found: Theme) -> list[str]:
    """The member states following the theme now (each member's latest act decides), in code order."""
    latest: dict[str, bool] = {}
    for row in Following.objects.filter(theme=found).order_by("entry_seq"):
        latest[row.member_id] = row.following
    return sorted(code for code, following in latest.items() if following)


@dataclass(frozen=True)
class Assessed:
    """An assessment or a member's report in the theme's order, with what changed since the one before."""

    assessment: Assessment
    previous: Assessment | None

    @property
    def level_change(self) -> str:
        """"first", "raised", "lowered", "same", or "" where either level was not assessed."""
        if self.previous is None:
            return "first"
        now, before = labels.RANK.get(self.assessment.level), labels.RANK.get(self.previous.level)
        if now is None or before is None:
            return ""
        return "raised" if now > before else "lowered" if now < before else "same"

    @property
    def sources(self) -> list[str]:
        return [line.strip() for line in self.assessment.sources.splitlines() if line.strip()]


def assessments(found: Theme) -> list[Assessed]:
    """The theme's assessments and members' reports, oldest first, each with the one before it."""
    rows = list(Assessment.objects.filter(theme=found).select_related("member").order_by("assessed_on",
                                                                                          "entry_seq"))
    return [Assessed(assessment=row, previous=rows[index - 1] if index else None)
            for index, row in enumerate(rows)]


def latest_assessment(found: Theme) -> Assessment | None:
    return Assessment.objects.filter(theme=found).order_by("assessed_on", "entry_seq").last()


@dataclass(frozen=True)
class Said:
    """What a head (or another speaker) said of the theme in a session, as the viewer may see it."""

    tag: StatementTag
    statement: Statement


SessionViews = dict[int, meetings.SessionView | None]  # a page's sessions as its viewer sees them, each read once


def _session_view(viewer: Viewer, session_id: int, views: SessionViews) -> meetings.SessionView | None:
    """The session as the viewer may see it (None: hidden), each session read once for `views`."""
    if session_id not in views:
        try:
            views[session_id] = meetings.session_view(viewer, session_id)
        except NotFound:
            views[session_id] = None
    return views[session_id]


def statements(viewer: Viewer, found: Theme, views: SessionViews | None = None) -> list[Said]:
    """The statements tagged to the theme that the viewer may see, in the order they were made. Each is found
    in its session as the viewer may see it (as `meetings.statement` finds it); `views` keeps the sessions
    read, for the page's other parts that show the same sessions."""
    views = {} if views is None else views
    said = []
    for tag in StatementTag.objects.filter(theme=found).select_related("statement__part"):
        view = _session_view(viewer, tag.statement.part.session_id, views)
        shown = [statement for part_view in view.parts for statement, _applies in part_view.statements
                 if statement.pk == tag.statement_id] if view is not None else []
        if shown:
            said.append(Said(tag=tag, statement=shown[0]))
    return sorted(said, key=lambda item: (item.statement.part.session.starts_on, item.statement.part.number,
                                          item.statement.order))


def tagged_statement_ids(found: Theme) -> set[int]:
    return set(StatementTag.objects.filter(theme=found).values_list("statement_id", flat=True))


def taggable_statements(viewer: Viewer, found: Theme, sessions: list[Session] | None = None,
                         views: SessionViews | None = None) -> list[Statement]:
    """The delivered statements the viewer may see that are not tagged to the theme yet, session by session
    (`sessions`: `meetings.sessions(viewer)` and `views` the sessions' views, when the page has read them)."""
    tagged = tagged_statement_ids(found)
    views = {} if views is None else views
    shown = []
    for session in meetings.sessions(viewer) if sessions is None else sessions:
        view = _session_view(viewer, session.pk, views)
        if view is None:
            continue
        for part_view in view.parts:
            for statement, _applies in part_view.statements:
                if statement.delivered and statement.pk not in tagged:
                    shown.append(statement)
    return shown


def owner_sessions(viewer: Viewer, found: Theme, sessions: list[Session] | None = None) -> list[Session]:
    """The owner body's sessions the viewer may see, in the order they were held (`sessions`:
    `meetings.sessions(viewer)`, when the page has read them)."""
    if found.owner_body_id is None:
        return []
    return [session for session in (meetings.sessions(viewer) if sessions is None else sessions)
            if session.body_id == found.owner_body_id]


def participants(found: Theme) -> tuple[str, ...]:
    """Who may read a participants-only indicator of the theme: the members following the theme now, and the
    secretariat, which defines the indicator and runs the theme's consultations."""
    return tuple(sorted([*followers(found), SECRETARIAT]))


def indicator_restriction(found: Indicator, audience: tuple[str, ...] | None = None) -> Restriction:
    """Who may read the indicator and its values, alerts and exports: its classification, and for a
    participants-only one the theme's followers (`audience` where the caller has read them already)."""
    if found.classification != PARTICIPANTS:
        return Restriction(found.classification)
    return Restriction(PARTICIPANTS, audience if audience is not None else participants(found.theme))


def may_see_indicator(viewer: Viewer, found: Indicator, audience: tuple[str, ...] | None = None) -> bool:
    """Whether the viewer may see the indicator: its theme's classification and its own both let it."""
    restriction = indicator_restriction(found, audience)
    return (may_see(viewer, found.theme.classification)
            and may_see(viewer, restriction.classification, restriction.audience))


def indicators(viewer: Viewer, found: Theme) -> list[Indicator]:
    """The theme's indicators the viewer may see: a members-only indicator's values never reach the others,
    nor a participants-only one's any but the theme's followers (and the secretariat)."""
    rows = list(Indicator.objects.filter(theme=found))
    audience = participants(found) if any(row.classification == PARTICIPANTS for row in rows) else ()
    for row in rows:
        row.theme = found  # read once: each row's theme is this one
    return [row for row in rows if may_see_indicator(viewer, row, audience)]


def indicator(viewer: Viewer | None, pk: int) -> Indicator:
    """The indicator, or NotFound when it, or its theme, is missing or hidden from the viewer."""
    found = Indicator.objects.select_related("theme").filter(pk=pk).first()
    if found is None or (viewer is not None and not may_see_indicator(viewer, found)):
        raise NotFound("indicator", _("there is no indicator %(number)s") % {"number": pk})
    return found


def values(found: Indicator) -> list[Value]:
    """Every value reported for the indicator, corrected ones included, by day."""
    return list(Value.objects.filter(indicator=found).select_related("member", "corrects")
                .order_by("as_of", "member_id", "entry_seq"))


@dataclass
class Reported:
    """A value as a theme's page draws and tabulates it: the stored value's own fields, read as plain data
    (a series of 240 monthly values is read in one query, without building a model instance for each)."""

    pk: int
    member_id: str
    value: Decimal
    as_of: dt.date
    source: str
    corrects_id: int | None
    reported_on: dt.date
    entry_seq: int


Row = TypeVar("Row", Value, Reported)


def series(found: Indicator) -> list[Reported]:
    """Every value reported for the indicator, corrected ones included, by day, in one query and without
    joins (the page names the members and finds the corrected values itself)."""
    rows = (Value.objects.filter(indicator=found).order_by("as_of", "member_id", "entry_seq")
            .values_list("pk", "member_id", "value", "as_of", "source", "corrects_id",
                         "reported_on", "entry_seq"))
    return [Reported(*row) for row in rows]


def sourced_seqs(rows: QuerySet[Value]) -> list[int]:
    """The entries of these values whose acts carry a provenance (most carry none), in one query: what an
    answer then reads whole with `provenance.of_entries`, rather than asking for every value's entry."""
    from accord.core.models import Provenance  # core's models load after the apps registry is ready

    return list(Provenance.objects.filter(entry_seq__in=rows.values("entry_seq"))
                .values_list("entry_seq", flat=True).distinct())


def certainties(rows: QuerySet[Value]) -> dict[int, str]:
    """The certainty of each of these values that must be marked (reported, uncertain, illustrative), by
    entry: its act's provenance of its `value` field, a later annotation standing for an earlier one. One
    query reading the certainty alone (a series of 2,400 values is read without decoding 2,400 provenances);
    the mark's note and sources are read for the values a page shows (`provenance.of_entries`)."""
    from accord.core.models import Provenance  # core's models load after the apps registry is ready

    found: dict[int, str] = {}
    for seq, certainty in (Provenance.objects.filter(entry_seq__in=rows.values("entry_seq"),
                                                     data__fields__has_key="value")
                           .order_by("entry_seq", "recorded_seq")
                           .values_list("entry_seq", "data__fields__value__certainty")):
        found[seq] = str(certainty)
    return {seq: certainty for seq, certainty in found.items() if certainty in MARKED}


def theme_certainties(found: Theme) -> dict[int, str]:
    """The marked certainties of every value of the theme's indicators, by entry (a page looks up those it
    shows, of indicators the viewer may see)."""
    return certainties(Value.objects.filter(indicator__theme=found))


def marks(seqs: list[int]) -> dict[int, FieldProvenance]:
    """The whole mark (certainty, note, sources) of the value of each of these entries that has one."""
    return {seq: fields["value"] for seq, fields in of_entries(seqs).items()
            if "value" in fields and fields["value"].marked}


def latest_standing(found: list[Indicator], member: str, count: int) -> dict[int, list[Value]]:
    """The member's latest `count` values of each indicator that no later value corrects, oldest first, by
    indicator: each read backwards along the index of a member's series (migration 0005), `count` rows deep."""
    by_indicator: dict[int, list[Value]] = {}
    for row in found:
        latest = (Value.objects.filter(indicator=row, member_id=member, corrections__isnull=True)
                  .order_by("-as_of", "-entry_seq")[:count])
        by_indicator[row.pk] = list(latest)[::-1]
    return by_indicator


# The acts whose entries can change every indicator's part of a theme's page: the registry's (a member's name)
# and the sources recorded for an act (a value's certainty). An indicator's own entries (its definition, its
# values and corrections) change its part alone.
SHOWN_FROM = ("members.", "core.annotated")


def kept_by(rows: list[Indicator]) -> dict[int, str]:
    """What each indicator's part of a theme's page is kept by: its definition's entry, its latest value's and
    the latest of the acts that change every part (`SHOWN_FROM`), each as "number:nonce". It changes whenever
    one of them is recorded, and is never the same for two histories (a nonce is unique), so that what is kept
    by it is never shown after a change; another indicator's value, or an act of another kind (a session's, a
    crisis's), leaves it. Three queries, whatever the number of indicators."""
    from accord.ledger.models import Entry

    latest = dict(Value.objects.filter(indicator__in=rows).order_by().values_list("indicator")
                  .annotate(Max("entry_seq")))
    seqs = {row.entry_seq for row in rows} | set(latest.values())
    nonces = dict(Entry.objects.filter(seq__in=seqs).values_list("seq", "nonce"))
    kinds = Q()
    for prefix in SHOWN_FROM:
        kinds |= Q(type__startswith=prefix)
    shared = Entry.objects.filter(kinds).order_by("-seq").values_list("seq", "nonce").first() or (0, "")
    kept = {}
    for row in rows:
        value = latest.get(row.pk, 0)
        kept[row.pk] = (f"{row.entry_seq}:{nonces.get(row.entry_seq, '')}:{value}:{nonces.get(value, '')}:"
                        f"{shared[0]}:{shared[1]}")
    return kept


def signers(values: Iterable[Reported]) -> dict[int, Signer]:
    """Who signed these values' acts themselves (on their own machine or in the browser), by entry; a value
    reported under a sign-in has none. Only for values of an indicator the viewer may see."""
    return signers_of([value.entry_seq for value in values])


def standing(rows: list[Row]) -> list[Row]:
    """The values that stand: those no later value corrects."""
    corrected = {row.corrects_id for row in rows if row.corrects_id is not None}
    return [row for row in rows if row.pk not in corrected]


def period_start(frequency: str, today: dt.date) -> dt.date:
    """The first day of the reporting period holding `today`."""
    if frequency == "yearly":
        return today.replace(month=1, day=1)
    if frequency == "quarterly":
        return today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    return today.replace(day=1)


def not_reported(found: Indicator, rows: list[Value] | list[Reported], today: dt.date) -> list[str]:
    """The reporting members with no value as of a day in the current period."""
    start = period_start(found.frequency, today)
    reported = {row.member_id for row in rows if row.as_of >= start}
    return [code for code in found.reporters if code not in reported]


def may_see_alert(viewer: Viewer, alert: Alert) -> bool:
    alert.indicator.theme = alert.theme
    return may_see_indicator(viewer, alert.indicator)


def alerts(viewer: Viewer, found: Theme) -> list[Alert]:
    """The theme's alerts whose indicator the viewer may see, newest first."""
    rows = list(Alert.objects.filter(theme=found).select_related("indicator", "value", "value__member", "theme")
                .order_by("-entry_seq"))
    audience = participants(found) if any(row.indicator.classification == PARTICIPANTS for row in rows) else ()
    for row in rows:
        row.indicator.theme = row.theme
    return [row for row in rows if may_see_indicator(viewer, row.indicator, audience)]


def visible_alert_ids(viewer: Viewer, found: Theme) -> list[int]:
    """The ids of the theme's alerts whose indicator the viewer may see, newest first: light queries, for a list
    served a page at a time (only the page's alerts are then read in full, by `alerts_by_id`)."""
    seen = [row.pk for row in indicators(viewer, found)]
    if not seen:
        return []
    return list(Alert.objects.filter(theme=found, indicator_id__in=seen).order_by("-entry_seq")
                .values_list("pk", flat=True))


def alerts_by_id(ids: list[int]) -> list[Alert]:
    """These alerts with their indicator, value and member, in the order of `ids` (already the viewer's)."""
    rows = {row.pk: row for row in Alert.objects.filter(pk__in=ids).select_related(
        "indicator", "value", "value__member", "theme")}
    for row in rows.values():
        row.indicator.theme = row.theme
    return [rows[pk] for pk in ids if pk in rows]


def open_of(alerts: list[Alert]) -> set[int]:
    """Which of these alerts are open (as `is_open` tells of one), in two queries for them all."""
    corrected = set(Value.objects.filter(corrects_id__in=[row.value_id for row in alerts])
                    .values_list("corrects_id", flat=True))
    closed = set(Consultation.objects.filter(alert__in=[row.pk for row in alerts], status__in=(
        "concluded", "escalated")).values_list("alert_id", flat=True))
    return {row.pk for row in alerts if row.value_id not in corrected and row.pk not in closed}


def is_open(alert: Alert) -> bool:
    """An alert stays open while its value stands (no correction replaced it) and no consultation it led to
    has concluded."""
    if Value.objects.filter(corrects_id=alert.value_id).exists():
        return False
    return not alert.consultations.filter(status__in=("concluded", "escalated")).exists()


def open_alerts(viewer: Viewer, found: Theme) -> list[Alert]:
    rows = alerts(viewer, found)
    opened = open_of(rows)
    return [row for row in rows if row.pk in opened]


def consultations(viewer: Viewer, found: Theme) -> list[Consultation]:
    """The theme's consultations, newest first (the theme's classification already let the viewer see it)."""
    if not may_see(viewer, found.classification):
        return []
    return list(Consultation.objects.filter(theme=found).select_related("member", "session", "crisis", "alert")
                .order_by("-entry_seq"))


def visible_consultation_ids(viewer: Viewer, found: Theme) -> list[int]:
    """The ids of the theme's consultations the viewer may see, newest first: one light query, for a list
    served a page at a time (only the page's consultations are then read in full, by `consultations_by_id`)."""
    if not may_see(viewer, found.classification):
        return []
    return list(Consultation.objects.filter(theme=found).order_by("-entry_seq").values_list("pk", flat=True))


def consultations_by_id(ids: list[int]) -> list[Consultation]:
    """These consultations with their member, session, crisis, alert and history, in the order of `ids`."""
    rows = {row.pk: row for row in Consultation.objects.filter(pk__in=ids).select_related(
        "member", "session", "crisis", "alert").prefetch_related("steps")}
    return [rows[pk] for pk in ids if pk in rows]


def consultation(viewer: Viewer | None, pk: int) -> Consultation:
    """The consultation, or NotFound when it, or its theme, is missing or hidden from the viewer."""
    found = (Consultation.objects.select_related("theme", "member", "session", "crisis", "alert__indicator")
             .filter(pk=pk).first())
    if found is None or (viewer is not None and not may_see(viewer, found.theme.classification)):
        raise NotFound("consultation", _("there are no consultations %(number)s") % {"number": pk})
    return found


def steps(found: Consultation) -> list[ConsultationStep]:
    """The consultation's steps as they were recorded (the model's order, so that a list's prefetch serves it)."""
    return list(found.steps.all())


def consultations_of_crisis(crisis_pk: int) -> Consultation | None:
    """The consultations a crisis grew from, if it did."""
    return Consultation.objects.filter(crisis_id=crisis_pk).select_related("theme", "member").first()


def crisis_origins(viewer: Viewer, kind: str, pk: int) -> list[Origin]:
    """The consultations a crisis grew from, as a link on the crisis page, where the viewer may see them."""
    if kind != "crisis":
        return []
    grown = consultations_of_crisis(pk)
    if grown is None or not may_see(viewer, grown.theme.classification):
        return []
    return [Origin(label=_("Grew from the joint consultations on %(theme)s requested by %(member)s on %(day)s") % {
        "theme": grown.theme.name.pick().text, "member": grown.member.name.pick().text,
        "day": dates.day(grown.requested_on)}, url=reverse("monitoring:consultation", args=[grown.pk]))]


def attention(viewer: Viewer, found: Theme) -> tuple[int, int]:
    """How many open alerts and open consultations the theme has, as the viewer may see them."""
    return (len(open_alerts(viewer, found)),
            sum(1 for row in consultations(viewer, found) if row.status in labels.OPEN_STEPS))


def is_late(found: Indicator, value: Value | Reported) -> bool:
    return is_late_on(found.frequency, value.as_of, value.reported_on)


def is_late_on(frequency: str, as_of: dt.date, reported_on: dt.date) -> bool:
    """A value reported after the end of the reporting period following the one it is as of: a monthly value
    as of May is late when reported in July or later; quarterly and yearly likewise."""
    months = {"monthly": 1, "quarterly": 3, "yearly": 12}.get(frequency, 1)
    start = period_start(frequency, as_of)
    month = start.month - 1 + 2 * months
    due = dt.date(start.year + month // 12, month % 12 + 1, 1)
    return reported_on >= due


def alert_mail(person_pk: int | None) -> AlertMail | None:
    return AlertMail.objects.filter(person_id=person_pk).first() if person_pk else None


@dataclass(frozen=True)
class Watched:
    """A theme as the dashboard lists it: how many open alerts and consultations it has."""

    theme: Theme
    open_alerts: int
    open_consultations: int


def watched(viewer: Viewer) -> list[Watched]:
    """Every theme the viewer may see, those with open alerts or consultations first (most first), then the
    others in the order they were configured."""
    # As `attention` counts, for every theme in three queries (alerts, the alerts' standing, consultations)
    # rather than two or more a theme.
    shown = themes(viewer)
    alerts_of: dict[int, list[Alert]] = defaultdict(list)
    for alert in Alert.objects.filter(theme__in=shown).select_related("indicator").order_by("-entry_seq"):
        if may_see(viewer, alert.indicator.classification):
            alerts_of[alert.theme_id].append(alert)
    listed = [alert for found in alerts_of.values() for alert in found]
    # Closed as `is_open` says: its value corrected, or a consultation it led to concluded.
    corrected = set(Value.objects.filter(corrects_id__in=[alert.value_id for alert in listed])
                    .values_list("corrects_id", flat=True))
    closed = {alert.pk for alert in listed if alert.value_id in corrected}
    concluded = Consultation.objects.filter(alert_id__in=[alert.pk for alert in listed],
                                            status__in=("concluded", "escalated"))
    closed |= set(concluded.values_list("alert_id", flat=True))
    open_steps: dict[int, int] = defaultdict(int)
    for theme_id, status in Consultation.objects.filter(theme__in=shown).values_list("theme_id", "status"):
        open_steps[theme_id] += status in labels.OPEN_STEPS
    rows = [Watched(found, sum(1 for alert in alerts_of[found.pk] if alert.pk not in closed),
                    open_steps[found.pk] if may_see(viewer, found.classification) else 0)
            for found in shown]
    return sorted(rows, key=lambda row: (-(row.open_alerts + row.open_consultations), row.theme.entry_seq))
