"""Every change to the monitoring themes: each function is one act with its ledger entry.

An act on a theme carries the theme's classification, so that a theme kept for the members' eyes stays
sealed from observers and the public in the ledger and in live events alike; a statement's tag is never
more open than the statement it names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from accord.core import clock, policy, prepared
from accord.core.acting import Actor, Signed, action, provenance_in_progress, record, step
from accord.core.actions import keep_certainty
from accord.core.errors import Conflict, InvalidInput, NotFound, NotPermitted
from accord.core.provenance import CONFIRMED, ILLUSTRATIVE
from accord.core.translations import Texts, texts_of
from accord.core.values import choice_of, date_of, iso_of, text_of
from accord.crises import actions as crises
from accord.meetings import classify
from accord.meetings import queries as meetings
from accord.meetings.models import Session, Statement
from accord.members.models import Body, Member
from accord.monitoring import labels, mail, policies, queries
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

CLASSIFICATIONS = (policy.PUBLIC, policy.MEMBERS)
INDICATOR_CLASSIFICATIONS = (policy.PUBLIC, policy.MEMBERS, policy.PARTICIPANTS)
ASSESSING = ("secretariat", "joint_staff", "owner_body")
Day = dt.date | str | None


def _viewer(actor: Actor) -> policy.Viewer | None:
    """Whom the policy judges: the person's viewer, or None for the console operator, who may do anything."""
    return policy.viewer_of(actor.person) if actor.person is not None else None


def _member(value: str) -> str:
    code = str(value or "").strip().upper()
    if not Member.objects.filter(code=code).exists():
        raise InvalidInput("member", _("%(code)s is not a member state in the registry") % {"code": repr(code)})
    return code


def _day(value: Day, field: str) -> dt.date:
    """A day that has come; today when not given."""
    day = date_of(value, field)
    if day is not None and day > clock.today():
        raise InvalidInput(field, _("is in the future: only what has happened is recorded"))
    return day or clock.today()


@action
def configure_theme(*, actor: Actor, name: Mapping[str, str], kind: str,
                    description: Mapping[str, str] | None = None, owner_body: str = "",
                    classification: str = policy.PUBLIC, signed: Signed | None = None) -> Theme:
    """Configure a theme the organization follows: a regional direction or a cross-cutting theme, with the
    body that owns it when there is one (the secretariat)."""
    viewer = _viewer(actor)
    if viewer is not None and not policies.configures_themes(viewer):
        raise NotPermitted("actor", _("only the secretariat may configure a theme"))
    names = texts_of(name, "name", limit=300)
    descriptions = texts_of(description or {}, "description", required=False, limit=2000)
    code = choice_of(kind, "kind", labels.KINDS)
    choice_of(classification, "classification", CLASSIFICATIONS)
    body = str(owner_body or "").strip().upper()
    if body and not Body.objects.filter(code=body).exists():
        raise InvalidInput("owner_body", _("%(code)s is not a body of the organization") % {"code": repr(body)})
    found = Theme(name=names, description=descriptions, kind=code, owner_body_id=body or None,
                  classification=classification, entry_seq=-1)
    found.save(force_insert=True)
    found.entry_seq = record(
        type="monitoring.theme_configured", actor=actor, signed=signed, classification=classification,
        body={"theme": found.pk, "name": dict(names), "description": dict(descriptions), "kind": code,
              "owner_body": body}).seq
    prepared.save(found, ["entry_seq"])
    return found


@action
def follow_theme(*, actor: Actor, theme: int, member: str, following: bool = True,
                 signed: Signed | None = None) -> Following:
    """A member starts following a theme, or stops (following False); the earlier choices stay."""
    viewer = _viewer(actor)
    found = queries.theme(viewer, theme)
    code = str(member or "").strip().upper()
    if viewer is not None and not policies.follows_for(viewer, code):
        raise NotPermitted("member", _("%(actor)s does not act for %(member)s")
                                     % {"actor": actor, "member": code or "—"})
    code = _member(code)
    if (code in queries.followers(found)) == bool(following):
        raise Conflict("member", _("%(member)s already follows this theme") % {"member": code} if following
                       else _("%(member)s does not follow this theme") % {"member": code})
    row = Following(theme=found, member_id=code, following=bool(following), entry_seq=-1)
    row.save(force_insert=True)
    row.entry_seq = record(type="monitoring.followed", actor=actor, signed=signed, member=code,
                           classification=found.classification,
                           body={"theme": found.pk, "member": code, "following": row.following}).seq
    prepared.save(row, ["entry_seq"])
    return row


def _certainty(signed: Signed | None, field: str, logged: str | None) -> str:
    """How sure the act in progress says its `field` is: the certainty its provenance gives the field (given
    by the caller, or in the signed statement's or the replayed entry's body), confirmed where it gives none;
    for an entry written while the certainty was a column of its own (`logged`, from its body), that."""
    if logged is not None:
        return choice_of(logged, "certainty", labels.CERTAINTIES)
    given = ((provenance_in_progress(signed) or {}).get("fields") or {}).get(field) or {}
    return str(given.get("certainty") or CONFIRMED)


def _logged_certainty(body: dict[str, object], logged: str | None) -> None:
    """An entry written before the certainty was the act's provenance says it in its body: the act says it
    again (the log's replay alone gives `logged`)."""
    if logged is not None:
        body["certainty"] = logged


def _keep_logged_certainty(seq: int, field: str, logged: str | None) -> None:
    """Such an entry's certainty, other than confirmed, kept as its act's provenance of `field` where the act
    carried none, as migration 0006 carried the column over (a confirmed act is marked nowhere)."""
    if logged is not None and logged != CONFIRMED:
        keep_certainty(entry_seq=seq, field=field, certainty=logged, standing_in=True)


def _assessment(actor: Actor, found: Theme, *, kind: str, author: str, member: str | None, level: str,
                summary: Mapping[str, str], changes: Mapping[str, str] | None, assessed_on: Day, sources: str,
                signed: Signed | None, logged_certainty: str | None) -> Assessment:
    """Record an assessment or a member's report: the two acts differ in who makes them, not in what they hold.

    How sure the assessment is (confirmed, reported, uncertain, illustrative) is its act's core provenance of
    its `summary`, given by the caller (`provenance.given`, or in a signed statement's body) and shown by the
    core mark; a confirmed one names its sources. `logged_certainty` is for the log's replay alone: an entry
    written before the certainty moved to the core provenance (migration 0006) says `certainty` in its body."""
    grade = choice_of(level, "level", labels.LEVELS)
    summaries = texts_of(summary, "summary", limit=4000)
    changed = texts_of(changes or {}, "changes", required=False, limit=2000)
    day = _day(assessed_on, "assessed_on")
    cited = text_of(sources, "sources", required=False, limit=2000)
    if not cited and _certainty(signed, Assessment.MARKED_FIELD, logged_certainty) == CONFIRMED:
        raise InvalidInput("sources", _("name the sources of a confirmed assessment"))
    row = Assessment(theme=found, author=author, member_id=member, level=grade, summary=summaries,
                     changes=changed, assessed_on=day, sources=cited, by=actor.handle or "", entry_seq=-1)
    row.save(force_insert=True)
    body: dict[str, object] = {"theme": found.pk, "level": grade, "summary": dict(summaries),
                               "changes": dict(changed), "assessed_on": iso_of(day), "sources": cited}
    _logged_certainty(body, logged_certainty)
    body.update({"member": member} if kind == "monitoring.member_reported" else {"author": author})
    row.entry_seq = record(type=kind, actor=actor, signed=signed, member=member,
                           classification=found.classification, body=body).seq
    prepared.save(row, ["entry_seq"])
    _keep_logged_certainty(row.entry_seq, Assessment.MARKED_FIELD, logged_certainty)
    return row


@action
def assess_theme(*, actor: Actor, theme: int, author: str, level: str, summary: Mapping[str, str],
                 changes: Mapping[str, str] | None = None, assessed_on: Day = None, sources: str = "",
                 signed: Signed | None = None, logged_certainty: str | None = None) -> Assessment:
    """Record a periodic assessment of a theme by the secretariat, the joint staff or the theme's owner body
    (the secretariat records it), with its sources (its certainty: see `_assessment`)."""
    viewer = _viewer(actor)
    found = queries.theme(viewer, theme)
    if viewer is not None and not policies.assesses(viewer):
        raise NotPermitted("actor", _("only the secretariat records an assessment of a theme"))
    who = choice_of(author, "author", ASSESSING)
    if who == "owner_body" and found.owner_body_id is None:
        raise InvalidInput("author", _("this theme has no owner body"))
    return _assessment(actor, found, kind="monitoring.assessed", author=who, member=None, level=level,
                       summary=summary, changes=changes, assessed_on=assessed_on, sources=sources,
                       signed=signed, logged_certainty=logged_certainty)


@action
def report_on_theme(*, actor: Actor, theme: int, member: str, level: str, summary: Mapping[str, str],
                    changes: Mapping[str, str] | None = None, assessed_on: Day = None, sources: str = "",
                    signed: Signed | None = None, logged_certainty: str | None = None) -> Assessment:
    """A member's own report on a theme, made by its head, delegate or liaison officer, with its sources (its
    certainty: see `_assessment`)."""
    viewer = _viewer(actor)
    found = queries.theme(viewer, theme)
    code = str(member or "").strip().upper()
    if viewer is not None and not policies.reports_for(viewer, code):
        raise NotPermitted("member", _("%(actor)s does not act for %(member)s")
                                     % {"actor": actor, "member": code or "—"})
    code = _member(code)
    return _assessment(actor, found, kind="monitoring.member_reported", author="member", member=code,
                       level=level, summary=summary, changes=changes, assessed_on=assessed_on, sources=sources,
                       signed=signed, logged_certainty=logged_certainty)


def _statement(viewer: policy.Viewer | None, pk: int) -> Statement:
    """The statement as the actor may see it; the console sees every one."""
    if viewer is not None:
        return meetings.statement(viewer, pk)[0]
    found = Statement.objects.select_related("part__session").filter(pk=pk).first()
    if found is None:
        raise NotFound("statement")
    return found


@action
def tag_statement(*, actor: Actor, theme: int, statement: int, signed: Signed | None = None) -> StatementTag:
    """Tag a statement made in a session as speaking of a theme (the secretariat). The tag is never more open
    than the statement or the theme: its entry takes the stricter of the two."""
    viewer = _viewer(actor)
    found = queries.theme(viewer, theme)
    if viewer is not None and not policies.tags_statements(viewer):
        raise NotPermitted("actor", _("only the secretariat tags statements to a theme"))
    said = _statement(viewer, statement)
    if not said.delivered:
        raise Conflict("statement", _("the statement has not been delivered"))
    if StatementTag.objects.filter(theme=found, statement=said).exists():
        raise Conflict("statement", _("the statement is tagged to this theme already"))
    applies = classify.of_statement(said)
    restriction = policy.floor(found.classification, (), applies.classification, applies.audience)
    row = StatementTag(theme=found, statement=said, by=actor.handle or "", entry_seq=-1)
    row.save(force_insert=True)
    row.entry_seq = record(type="monitoring.statement_tagged", actor=actor, signed=signed,
                           classification=restriction.classification, audience=restriction.audience,
                           member=said.delegation_id, body={"theme": found.pk, "statement": said.pk}).seq
    prepared.save(row, ["entry_seq"])
    return row


def _number(value: object, field: str, *, required: bool) -> Decimal | None:
    """A number as a form or the API gives it (a Decimal, an int, or its text); None where it may be left out."""
    if value is None or value == "":
        if required:
            raise InvalidInput(field, _("is required"))
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise InvalidInput(field, _("must be a number"))
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise InvalidInput(field, _("must be a number")) from None
    if not number.is_finite() or abs(number) >= Decimal(10) ** 16:
        raise InvalidInput(field, _("must be a number"))
    return number.quantize(Decimal("0.0001"))


def _text_number(value: Decimal | None) -> str | None:
    """A number as the entry's body writes it: its text, so that no float rounds it."""
    return None if value is None else format(value.normalize(), "f")


@action
def define_indicator(*, actor: Actor, theme: int, name: Mapping[str, str], unit: str, frequency: str,
                     reporters: Sequence[str], classification: str = policy.PUBLIC,
                     warning: Decimal | str | None = None, alert: Decimal | str | None = None,
                     signed: Signed | None = None) -> Indicator:
    """Define an indicator of a theme: what the members report, in which unit, how often, who reports it, who
    may see it, and the levels at which it warns and alerts (the secretariat)."""
    viewer = _viewer(actor)
    found = queries.theme(viewer, theme)
    if viewer is not None and not policies.defines_indicators(viewer):
        raise NotPermitted("actor", _("only the secretariat defines an indicator"))
    names = texts_of(name, "name", limit=300)
    measure = text_of(unit, "unit", limit=40)
    often = choice_of(frequency, "frequency", labels.FREQUENCIES)
    codes = sorted({str(code).strip().upper() for code in reporters or ()})
    if not codes:
        raise InvalidInput("reporters", _("name at least one member state that reports it"))
    for code in codes:
        _member(code)
    requested = choice_of(classification, "classification", INDICATOR_CLASSIFICATIONS)
    # A participants-only indicator is read by the theme's followers (and the secretariat) alone.
    restriction = policy.floor(found.classification, (), requested,
                               queries.participants(found) if requested == policy.PARTICIPANTS else ())
    warns = _number(warning, "warning", required=False)
    alerts = _number(alert, "alert", required=False)
    if warns is not None and alerts is not None and alerts <= warns:
        raise InvalidInput("alert", _("must be above the warning level"))
    row = Indicator(theme=found, name=names, unit=measure, frequency=often, reporters=codes,
                    classification=restriction.classification, warning=warns, alert=alerts, entry_seq=-1)
    row.save(force_insert=True)
    row.entry_seq = record(type="monitoring.indicator_defined", actor=actor, signed=signed,
                           classification=row.classification, audience=restriction.audience,
                           body={"theme": found.pk, "indicator": row.pk, "name": dict(names), "unit": measure,
                                 "frequency": often, "reporters": codes, "warning": _text_number(warns),
                                 "alert": _text_number(alerts)}).seq
    prepared.save(row, ["entry_seq"])
    return row


@action
def report_value(*, actor: Actor, indicator: int, member: str, value: Decimal | str | int, as_of: Day,
                 source: str = "", corrects: int | None = None, signed: Signed | None = None,
                 logged_illustrative: bool | None = None) -> Value:
    """A member reports an indicator's value as of a day, with its source; a correction names the value it
    replaces, which stays in the history.

    How sure the value is (confirmed, reported, uncertain, illustrative) is the act's core provenance, given
    by the caller (`provenance.given`, or in the body of a signed statement) and shown by the core mark.
    `logged_illustrative` is for the log's replay alone: an entry written before values' certainty moved to
    the core provenance (migration 0004) says `illustrative` in its body; the act says it again, and keeps
    it as the provenance of the entry's value, as the migration carried the column over."""
    viewer = _viewer(actor)
    found = queries.indicator(viewer, indicator)
    code = str(member or "").strip().upper()
    if viewer is not None and not policies.reports_values_for(viewer, code, found.reporters):
        raise NotPermitted("member", _("%(member)s does not report this indicator for you")
                                     % {"member": code or "—"})
    if code not in found.reporters:
        raise InvalidInput("member", _("%(member)s does not report this indicator") % {"member": code or "—"})
    number = _number(value, "value", required=True)
    assert number is not None
    day = date_of(as_of, "as_of")
    if day is None:
        raise InvalidInput("as_of", _("is required"))
    if day > clock.today():
        raise InvalidInput("as_of", _("is in the future: only what has happened is recorded"))
    cited = text_of(source, "source", required=False)
    replaced = None
    if corrects is not None:
        replaced = Value.objects.filter(pk=corrects, indicator=found, member_id=code).first()
        if replaced is None:
            raise NotFound("corrects", _("there is no value %(number)s of this member for this indicator")
                                       % {"number": corrects})
        if replaced.corrections.exists():
            raise Conflict("corrects", _("this value is corrected already; correct the latest one"))
    row = Value(indicator=found, member_id=code, value=number, as_of=day, source=cited, corrects=replaced,
                reported_on=clock.today(), by=actor.handle or "", entry_seq=-1)
    row.save(force_insert=True)
    body: dict[str, object] = {"theme": found.theme_id, "indicator": found.pk, "member": code,
                               "value": _text_number(number), "as_of": iso_of(day), "source": cited}
    if logged_illustrative is not None:
        body["illustrative"] = bool(logged_illustrative)
    body["corrects"] = replaced.pk if replaced else None
    restriction = queries.indicator_restriction(found)
    row.entry_seq = record(type="monitoring.value_reported", actor=actor, signed=signed, member=code,
                           classification=restriction.classification, audience=restriction.audience,
                           body=body).seq
    prepared.save(row, ["entry_seq"])
    if logged_illustrative:
        keep_certainty(entry_seq=row.entry_seq, field="value", certainty=ILLUSTRATIVE)
    _raise_alert(actor, found, row, replaced)
    return row


def level_of(found: Indicator, number: Decimal) -> str:
    """The highest level a value reaches: "alert", "warning", or "" below both."""
    if found.alert is not None and number >= found.alert:
        return "alert"
    if found.warning is not None and number >= found.warning:
        return "warning"
    return ""


RANKS = {"": 0, "warning": 1, "alert": 2}


def _raise_alert(actor: Actor, found: Indicator, row: Value, replaced: Value | None) -> Alert | None:
    """A value that reaches a higher level than the member's value before it (or than the value it corrects)
    records an alert: an act of its own, in the same transaction, that the theme's members see live and that
    those who asked for it receive by e-mail once the act commits."""
    level = level_of(found, row.value)
    if not level:
        return None
    before = replaced
    if before is None:
        earlier = [value for value in queries.standing(queries.values(found))
                   if value.member_id == row.member_id and value.pk != row.pk and value.as_of <= row.as_of]
        before = earlier[-1] if earlier else None
    if before is not None and RANKS[level_of(found, before.value)] >= RANKS[level]:
        return None
    alert = Alert(theme_id=found.theme_id, indicator=found, value=row, level=level, entry_seq=-1)
    alert.save(force_insert=True)
    restriction = queries.indicator_restriction(found)
    alert.entry_seq = record(type="monitoring.alert_raised", actor=actor, member=row.member_id,
                             classification=restriction.classification, audience=restriction.audience,
                             body={"theme": found.theme_id, "indicator": found.pk, "value": row.pk,
                                   "member": row.member_id, "level": level}).seq
    prepared.save(alert, ["entry_seq"])
    mail.on_commit(alert)
    return alert


CONSULTATION_KINDS = ("request", "proposal")
ORIGINS = ("alert", "theme", "initiative")


def _step(actor: Actor, found: Consultation, step: str, body: dict[str, object], note: Texts | None = None,
          on: dt.date | None = None, signed: Signed | None = None) -> ConsultationStep:
    """Record one step of a consultation: its row in the history and its entry, under the theme's
    classification."""
    row = ConsultationStep(consultation=found, step=step, note=note or Texts({}), on=on or clock.today(),
                           by=actor.handle or "", entry_seq=-1)
    row.save(force_insert=True)
    row.entry_seq = record(type=f"monitoring.consultations_{step}", actor=actor, signed=signed,
                           member=found.member_id, classification=found.theme.classification,
                           body={"theme": found.theme_id, "consultation": found.pk, **body}).seq
    prepared.save(row, ["entry_seq"])
    return row


@action
def request_consultations(*, actor: Actor, theme: int, member: str, grounds: Mapping[str, str],
                          kind: str = "request", alert: int | None = None, requested_on: Day = None,
                          signed: Signed | None = None, logged_certainty: str | None = None) -> Consultation:
    """A member requests (or proposes) joint consultations on a theme (the Treaty's Art. 2): from an alert,
    from the theme's page, or on its own initiative when no theme page was open (origin "initiative").

    How sure the request is is its act's core provenance (of its `grounds`, or of the day it was made), given
    by the caller and shown by the core mark. `logged_certainty` is for the log's replay alone: an entry
    written before the certainty moved to the core provenance (migration 0006) says `certainty` in its body."""
    viewer = _viewer(actor)
    found = queries.theme(viewer, theme)
    code = str(member or "").strip().upper()
    if viewer is not None and not policies.requests_consultations(viewer, code):
        raise NotPermitted("member", _("%(actor)s does not act for %(member)s")
                                     % {"actor": actor, "member": code or "—"})
    code = _member(code)
    what = choice_of(kind, "kind", CONSULTATION_KINDS)
    reasons = texts_of(grounds, "grounds", limit=4000)
    day = _day(requested_on, "requested_on")
    if logged_certainty is not None:
        choice_of(logged_certainty, "certainty", labels.CERTAINTIES)
    crossed = None
    if alert is not None:
        crossed = Alert.objects.filter(pk=_pk(alert, "alert"), theme=found).first()
        if crossed is None or (viewer is not None and not queries.may_see_alert(viewer, crossed)):
            raise NotFound("alert", _("there is no alert %(number)s on this theme") % {"number": alert})
    origin = "alert" if crossed is not None else "theme"
    row = Consultation(theme=found, kind=what, origin=origin, alert=crossed, member_id=code, grounds=reasons,
                       requested_on=day, status="requested", outcome_text=Texts({}), entry_seq=-1)
    row.save(force_insert=True)
    body: dict[str, object] = {"member": code, "kind": what, "alert": crossed.pk if crossed else None,
                               "grounds": dict(reasons), "requested_on": iso_of(day)}
    _logged_certainty(body, logged_certainty)
    step = _step(actor, row, "requested", body, on=day, signed=signed)
    row.entry_seq = step.entry_seq
    prepared.save(row, ["entry_seq"])
    _keep_logged_certainty(row.entry_seq, Consultation.MARKED_FIELD, logged_certainty)
    return row


def _pk(value: object, field: str) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise InvalidInput(field, _("must be a number")) from None


def _consultation(viewer: policy.Viewer | None, pk: int) -> Consultation:
    return queries.consultation(viewer, _pk(pk, "consultation"))


def _running(actor: Actor, consultation: int, expected: Sequence[str], what: str) -> Consultation:
    viewer = _viewer(actor)
    found = _consultation(viewer, consultation)
    if viewer is not None and not policies.runs_consultations(viewer):
        raise NotPermitted("actor", _("only the secretariat %(what)s") % {"what": what})
    if found.status not in expected:
        raise Conflict("consultation", _("the consultations are %(status)s: this step does not follow")
                                       % {"status": labels.label(labels.STEPS, found.status).lower()})
    return found


@action
def acknowledge_consultations(*, actor: Actor, consultation: int, signed: Signed | None = None) -> Consultation:
    """The secretariat acknowledges a request for consultations."""
    found = _running(actor, consultation, ("requested",), _("acknowledges a request for consultations"))
    _step(actor, found, "acknowledged", {}, signed=signed)
    found.status = "acknowledged"
    prepared.save(found, ["status"])
    return found


@action
def schedule_consultations(*, actor: Actor, consultation: int, form: str, session: int | str | None = None,
                           written_until: Day = None, signed: Signed | None = None) -> Consultation:
    """The secretariat schedules acknowledged consultations: in a session it names, or by written procedure
    until a day."""
    found = _running(actor, consultation, ("acknowledged",), _("schedules consultations"))
    how = choice_of(form, "form", labels.FORMS)
    held = None
    until = None
    if how == "session":
        if session in (None, ""):
            raise InvalidInput("session", _("is required"))
        viewer = _viewer(actor)
        try:
            held = (meetings.session(viewer, _pk(session, "session")) if viewer is not None
                    else Session.objects.get(pk=_pk(session, "session")))
        except (NotFound, Session.DoesNotExist):
            raise NotFound("session", _("there is no session %(number)s") % {"number": session}) from None
    else:
        until = date_of(written_until, "written_until")
        if until is None:
            raise InvalidInput("written_until", _("is required"))
    _step(actor, found, "scheduled", {"form": how, "session": held.pk if held else None,
                                      "written_until": iso_of(until) if until else None}, signed=signed)
    found.status, found.form, found.session, found.written_until = "scheduled", how, held, until
    prepared.save(found, ["status", "form", "session", "written_until"])
    return found


@action
def conclude_consultations(*, actor: Actor, consultation: int, outcome: str, text: Mapping[str, str] | None = None,
                           concluded_on: Day = None, signed: Signed | None = None) -> Consultation:
    """The secretariat records how the consultations ended: with a joint statement, or without one."""
    found = _running(actor, consultation, labels.OPEN_STEPS, _("records the outcome of consultations"))
    result = choice_of(outcome, "outcome", labels.OUTCOMES)
    said = texts_of(text or {}, "text", required=result == "joint_statement", limit=4000)
    day = _day(concluded_on, "concluded_on")
    _step(actor, found, "concluded", {"outcome": result, "text": dict(said), "concluded_on": iso_of(day)},
          note=said, on=day, signed=signed)
    found.status, found.outcome, found.outcome_text = "concluded", result, said
    prepared.save(found, ["status", "outcome", "outcome_text"])
    return found


@action
def escalate_consultations(*, actor: Actor, consultation: int, happened: Mapping[str, str],
                           asks_for: Mapping[str, str], area: Mapping[str, str],
                           signed: Signed | None = None) -> Consultation:
    """The requesting state turns its consultations into a request for assistance: the crisis is filed in
    the same act and the consultation names it; each links to the other, and the consultation's steps are
    the crisis's history before its request."""
    viewer = _viewer(actor)
    found = _consultation(viewer, consultation)
    if viewer is not None and not policies.escalates(viewer, found.member_id):
        raise NotPermitted("actor", _("only the requesting state turns its consultations into a request for "
                                      "assistance"))
    if found.status == "escalated":
        raise Conflict("consultation", _("the consultations are a request for assistance already"))
    crisis = step(crises.file_request)(actor=actor, legal_basis="consultations", happened=happened, area=area,
                                 asks_for=asks_for, classification=policy.MEMBERS)
    _step(actor, found, "escalated", {"crisis": crisis.pk}, signed=signed)
    found.status, found.crisis = "escalated", crisis
    prepared.save(found, ["status", "crisis"])
    return found


@action
def choose_alert_mail(*, actor: Actor, wanted: bool, address: str = "",
                      signed: Signed | None = None) -> AlertMail:
    """A person chooses to receive the alerts of the themes their member state follows by e-mail, at an
    address, or stops. The address is sealed for the members' eyes in the log."""
    if actor.person is None:
        raise NotPermitted("actor", _("only a person chooses how they receive alerts"))
    given = text_of(address, "address", required=bool(wanted), limit=254)
    if given and not mail.valid_address(given):
        raise InvalidInput("address", _("is not an e-mail address"))
    row = AlertMail.objects.filter(person=actor.person).first() or AlertMail(person=actor.person, entry_seq=-1)
    row.address, row.wanted = given, bool(wanted)
    row.entry_seq = record(type="monitoring.alert_mail_chosen", actor=actor, signed=signed,
                           classification=policy.MEMBERS, body={"wanted": row.wanted, "address": given}).seq
    row.save()
    return row
