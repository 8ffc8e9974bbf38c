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

from accord.core import clock, policy
from accord.core.acting import Actor, Signed, action, record
from accord.core.errors import Conflict, InvalidInput, NotFound, NotPermitted
from accord.core.translations import texts_of
from accord.core.values import choice_of, date_of, iso_of, text_of
from accord.meetings import classify
from accord.meetings import queries as meetings
from accord.meetings.models import Statement
from accord.members.models import Body, Member
from accord.monitoring import labels, policies, queries
from accord.monitoring.models import Assessment, Following, Indicator, StatementTag, Theme, Value

CLASSIFICATIONS = (policy.PUBLIC, policy.MEMBERS)
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
    found.save(update_fields=["entry_seq"])
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
    row.save(update_fields=["entry_seq"])
    return row


def _assessment(actor: Actor, found: Theme, *, kind: str, author: str, member: str | None, level: str,
                summary: Mapping[str, str], changes: Mapping[str, str] | None, assessed_on: Day, sources: str,
                certainty: str, signed: Signed | None) -> Assessment:
    """Record an assessment or a member's report: the two acts differ in who makes them, not in what they hold."""
    grade = choice_of(level, "level", labels.LEVELS)
    summaries = texts_of(summary, "summary", limit=4000)
    changed = texts_of(changes or {}, "changes", required=False, limit=2000)
    day = _day(assessed_on, "assessed_on")
    cited = text_of(sources, "sources", required=False, limit=2000)
    sure = choice_of(certainty, "certainty", labels.CERTAINTIES)
    if not cited and sure == "confirmed":
        raise InvalidInput("sources", _("name the sources of a confirmed assessment"))
    row = Assessment(theme=found, author=author, member_id=member, level=grade, summary=summaries,
                     changes=changed, assessed_on=day, sources=cited, certainty=sure, by=actor.handle or "",
                     entry_seq=-1)
    row.save(force_insert=True)
    body = {"theme": found.pk, "level": grade, "summary": dict(summaries), "changes": dict(changed),
            "assessed_on": iso_of(day), "sources": cited, "certainty": sure}
    body.update({"member": member} if kind == "monitoring.member_reported" else {"author": author})
    row.entry_seq = record(type=kind, actor=actor, signed=signed, member=member,
                           classification=found.classification, body=body).seq
    row.save(update_fields=["entry_seq"])
    return row


@action
def assess_theme(*, actor: Actor, theme: int, author: str, level: str, summary: Mapping[str, str],
                 changes: Mapping[str, str] | None = None, assessed_on: Day = None, sources: str = "",
                 certainty: str = "confirmed", signed: Signed | None = None) -> Assessment:
    """Record a periodic assessment of a theme by the secretariat, the joint staff or the theme's owner body
    (the secretariat records it), with its sources."""
    viewer = _viewer(actor)
    found = queries.theme(viewer, theme)
    if viewer is not None and not policies.assesses(viewer):
        raise NotPermitted("actor", _("only the secretariat records an assessment of a theme"))
    who = choice_of(author, "author", ASSESSING)
    if who == "owner_body" and found.owner_body_id is None:
        raise InvalidInput("author", _("this theme has no owner body"))
    return _assessment(actor, found, kind="monitoring.assessed", author=who, member=None, level=level,
                       summary=summary, changes=changes, assessed_on=assessed_on, sources=sources,
                       certainty=certainty, signed=signed)


@action
def report_on_theme(*, actor: Actor, theme: int, member: str, level: str, summary: Mapping[str, str],
                    changes: Mapping[str, str] | None = None, assessed_on: Day = None, sources: str = "",
                    certainty: str = "confirmed", signed: Signed | None = None) -> Assessment:
    """A member's own report on a theme, made by its head, delegate or liaison officer, with its sources."""
    viewer = _viewer(actor)
    found = queries.theme(viewer, theme)
    code = str(member or "").strip().upper()
    if viewer is not None and not policies.reports_for(viewer, code):
        raise NotPermitted("member", _("%(actor)s does not act for %(member)s")
                                     % {"actor": actor, "member": code or "—"})
    code = _member(code)
    return _assessment(actor, found, kind="monitoring.member_reported", author="member", member=code,
                       level=level, summary=summary, changes=changes, assessed_on=assessed_on, sources=sources,
                       certainty=certainty, signed=signed)


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
    row.save(update_fields=["entry_seq"])
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
    restriction = policy.floor(found.classification, (), choice_of(classification, "classification",
                                                                     CLASSIFICATIONS))
    warns = _number(warning, "warning", required=False)
    alerts = _number(alert, "alert", required=False)
    if warns is not None and alerts is not None and alerts <= warns:
        raise InvalidInput("alert", _("must be above the warning level"))
    row = Indicator(theme=found, name=names, unit=measure, frequency=often, reporters=codes,
                    classification=restriction.classification, warning=warns, alert=alerts, entry_seq=-1)
    row.save(force_insert=True)
    row.entry_seq = record(type="monitoring.indicator_defined", actor=actor, signed=signed,
                           classification=row.classification,
                           body={"theme": found.pk, "indicator": row.pk, "name": dict(names), "unit": measure,
                                 "frequency": often, "reporters": codes, "warning": _text_number(warns),
                                 "alert": _text_number(alerts)}).seq
    row.save(update_fields=["entry_seq"])
    return row


@action
def report_value(*, actor: Actor, indicator: int, member: str, value: Decimal | str | int, as_of: Day,
                 source: str = "", illustrative: bool = False, corrects: int | None = None,
                 signed: Signed | None = None) -> Value:
    """A member reports an indicator's value as of a day, with its source; a correction names the value it
    replaces, which stays in the history."""
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
    row = Value(indicator=found, member_id=code, value=number, as_of=day, source=cited,
                illustrative=bool(illustrative), corrects=replaced, reported_on=clock.today(),
                by=actor.handle or "", entry_seq=-1)
    row.save(force_insert=True)
    row.entry_seq = record(type="monitoring.value_reported", actor=actor, signed=signed, member=code,
                           classification=found.classification,
                           body={"theme": found.theme_id, "indicator": found.pk, "member": code,
                                 "value": _text_number(number), "as_of": iso_of(day), "source": cited,
                                 "illustrative": row.illustrative,
                                 "corrects": replaced.pk if replaced else None}).seq
    row.save(update_fields=["entry_seq"])
    return row
