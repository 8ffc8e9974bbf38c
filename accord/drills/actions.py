"""Every change to the drills: each function is one act with its ledger entry.

A drill's own acts (planned, an inject scheduled, ended) are the secretariat's, kept for the members' eyes.
An inject fired is recorded in the drill's scope (accord.core.drill), so its entry carries the drill's mark
like every act the participants make in the drill.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.utils.translation import gettext as _

from accord.core import clock, drill, policy, prepared
from accord.core.acting import Actor, Signed, action, record
from accord.core.errors import Conflict, InvalidInput, NotFound
from accord.core.translations import texts_of
from accord.core.values import choice_of, instant_of, iso_of
from accord.drills import catalogue, policies, queries
from accord.drills.models import Drill, Inject, Target
from accord.members.models import Member

Prose = Mapping[str, str] | str
When = dt.datetime | str | None
TEXT_LIMIT = 5000
LONGEST_TARGET = 24 * 365  # hours


def _viewer(actor: Actor) -> policy.Viewer | None:
    return policy.viewer_of(actor.person) if actor.person is not None else None


def _directing(actor: Actor) -> None:
    policies.refuse(policies.directs(_viewer(actor)), _("a drill is directed by the secretariat"))


def _instant(value: When, field: str) -> dt.datetime:
    found = instant_of(value, field, naive_is_utc=True)
    if found is None:
        raise InvalidInput(field, _("is required"))
    return found


def _record(type: str, actor: Actor, found: Drill, body: Mapping[str, object], signed: Signed | None) -> int:
    """A drill's act, recorded in its scope: its entry carries the drill's mark, like every act made in it."""
    with drill.scope(found.pk):
        return record(type=type, actor=actor, body=body, classification=policy.MEMBERS, signed=signed).seq


def _drill(pk: int | Drill) -> Drill:
    if isinstance(pk, Drill):
        return pk
    found = Drill.objects.select_for_update().filter(pk=pk).first()
    if found is None:
        raise NotFound("drill", _("no drill %(drill)s") % {"drill": pk})
    return found


@action
def plan_drill(*, actor: Actor, name: Prose, scenario: Prose = "", starts_at: When, kind: str = "tabletop",
               illustrative: bool = False, signed: Signed | None = None) -> Drill:
    """A drill of the crisis procedure, to begin at `starts_at` (the secretariat directs it)."""
    _directing(actor)
    found = Drill(name=texts_of(name, "name", limit=300),
                  scenario=texts_of(scenario, "scenario", required=False, limit=TEXT_LIMIT),
                  kind=choice_of(kind, "kind", ["tabletop", "command_post"]),
                  starts_at=_instant(starts_at, "starts_at"), illustrative=bool(illustrative),
                  directed_by=actor.handle or "", entry_seq=-1)
    found.save(force_insert=True)
    found.entry_seq = _record("drills.planned", actor, found, {
        "name": dict(found.name), "scenario": dict(found.scenario), "kind": found.kind,
        "starts_at": iso_of(found.starts_at), "illustrative": found.illustrative}, signed)
    prepared.save(found, ["entry_seq"])
    return found


def _open(found: Drill) -> None:
    if found.ended_at is not None:
        raise Conflict("drill", _("the drill has ended"))


@action
def schedule_inject(*, actor: Actor, drill: int, at: When, kind: str, text: Prose, member: str = "",
                    signed: Signed | None = None) -> Inject:
    """An event of the drill's timetable: what happens, when, and to whom (the secretariat)."""
    _directing(actor)
    found = _drill(drill)
    _open(found)
    instant = _instant(at, "at")
    if instant < found.starts_at:
        raise InvalidInput("at", _("is before the drill begins"))
    code = (member or "").strip().upper()
    if code and not Member.objects.filter(code=code).exists():
        raise InvalidInput("member", _("%(code)s is not a member state in the registry") % {"code": repr(code)})
    row = Inject(drill=found, at=instant, kind=choice_of(kind, "kind", catalogue.codes(catalogue.INJECT_KINDS)),
                 member=code, text=texts_of(text, "text", limit=TEXT_LIMIT), entry_seq=-1)
    row.save(force_insert=True)
    row.entry_seq = _record("drills.inject_scheduled", actor, found, {
        "at": iso_of(instant), "kind": row.kind, "member": code, "text": dict(row.text)},
        signed)
    prepared.save(row, ["entry_seq"])
    return row


@action
def fire_inject(*, actor: Actor, inject: int, unattended: bool = False, signed: Signed | None = None) -> Inject:
    """The inject happens: every participant's page hears of it at once. Its act is recorded in the drill's
    scope and carries its mark. Fired at its time by the drill's clock (`unattended`, the system's act:
    accord.drills.ticking), or earlier when the director fires it."""
    _directing(actor)
    row = Inject.objects.select_for_update().filter(pk=inject).first()
    if row is None:
        raise NotFound("inject", _("no inject %(inject)s") % {"inject": inject})
    _open(row.drill)
    if row.fired_at is not None:
        raise Conflict("inject", _("this inject has already been fired"))
    if unattended and (actor.person is not None or row.at > clock.now()):
        raise InvalidInput("unattended", _("only the drill's clock fires an inject unattended, at its time"))
    row.fired_at, row.fired_by = clock.now(), actor.handle or ""
    body = {"inject": row.pk, "kind": row.kind, "member": row.member}
    _record("drills.inject_fired", actor, row.drill, {**body, "unattended": True} if unattended else body, signed)
    prepared.save(row, ["fired_at", "fired_by"])
    return row


def fire_due(*, actor: Actor, drill: int | None = None, unattended: bool = False) -> list[Inject]:
    """Fire every inject whose time has come, of the drill (None: of every drill still running), each its own
    act, in the order of their times. An inject another request fired meanwhile is left as it is: the
    director's click, a participant's page and `accord drills tick` may reach the same inject at once
    (accord.drills.ticking)."""
    fired = []
    for pk in queries.due_injects(clock.now(), drill):
        try:
            fired.append(fire_inject(actor=actor, inject=pk, unattended=unattended))
        except Conflict:
            continue  # fired meanwhile, or its drill ended meanwhile
    return fired


@action
def end_drill(*, actor: Actor, drill: int, signed: Signed | None = None) -> Drill:
    """The director ends the drill: nothing more is fired; its figures stand as the acts left them."""
    _directing(actor)
    found = _drill(drill)
    _open(found)
    found.ended_at = clock.now()
    prepared.save(found, ["ended_at"])
    _record("drills.ended", actor, found, {}, signed)
    return found


@action
def set_target(*, actor: Actor, figure: str, hours: int | str, signed: Signed | None = None) -> Target:
    """The organization's target for a response time (request → decision within 24 hours, ...)."""
    _directing(actor)
    code = choice_of(figure, "figure", catalogue.codes(catalogue.FIGURES))
    try:
        span = int(str(hours).strip())
    except ValueError:
        raise InvalidInput("hours", _("%(hours)s is not a whole number of hours")
                                    % {"hours": repr(hours)}) from None
    if not 1 <= span <= LONGEST_TARGET:
        raise InvalidInput("hours", _("a target is 1 to %(most)s hours") % {"most": LONGEST_TARGET})
    now = clock.now()
    # The organization's own standard, not a drill's act: recorded outside any drill.
    seq = record(type="drills.target_set", actor=actor, body={"figure": code, "hours": span},
                 classification=policy.MEMBERS, signed=signed).seq
    found, _created = Target.objects.update_or_create(figure=code, defaults={
        "hours": span, "set_at": now, "entry_seq": seq})
    return found
