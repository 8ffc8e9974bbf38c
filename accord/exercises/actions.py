"""Every change to the exercises: each function is one act with its ledger entry.

An exercise's acts carry its classification, so that an exercise kept for the members' eyes stays sealed
from observers and the public in the ledger and in live events alike. Each step of the lifecycle
(planned → confirmed → held | postponed | moved | cancelled) is its own act; a postponed or moved exercise
is confirmed again; a held or cancelled one changes no more. An exercise that was held is recorded held
even where no confirmation was recorded (the demo's 2022 exercises: the day of their confirmation is not
known, and is not invented).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from accord.core import clock, policy, prepared
from accord.core.acting import Actor, Signed, action, record
from accord.core.errors import Conflict, InvalidInput, NotFound, NotPermitted
from accord.core.translations import Texts, texts_of
from accord.core.values import choice_of, date_of, iso_of, text_of
from accord.decisions import queries as decisions
from accord.exercises import catalogue, policies, queries
from accord.exercises.models import Assessment, DateClaim, Exercise, Lesson, Participation, Plan
from accord.forces import queries as forces
from accord.members.models import Body, Member
from accord.members.queries import state_name

CLASSIFICATIONS = (policy.PUBLIC, policy.MEMBERS)
Day = dt.date | str | None


def _viewer(actor: Actor) -> policy.Viewer | None:
    """Whom the policy judges: the person's viewer, or None for the console operator, who may do anything."""
    return policy.viewer_of(actor.person) if actor.person is not None else None


def _day(value: Day, field: str, *, required: bool = True) -> dt.date | None:
    day = date_of(value, field)
    if day is None and required:
        raise InvalidInput(field, _("is required"))
    return day


def _past(value: Day, field: str) -> dt.date:
    """A day that has come; today when not given."""
    day = _day(value, field, required=False) or clock.today()
    if day > clock.today():
        raise InvalidInput(field, _("is in the future: only what has happened is recorded"))
    return day


def _span(start: Day, end: Day, names: tuple[str, str]) -> tuple[dt.date, dt.date]:
    first, last = _day(start, names[0]), _day(end, names[1])
    assert first is not None
    assert last is not None
    if last < first:
        raise InvalidInput(names[1], _("is before the first day"))
    return first, last


def _count(value: object, field: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInput(field, _("must be a whole number from 0"))
    return value


def _member(code: object, field: str) -> str:
    found = str(code or "").strip().upper()
    if not Member.objects.filter(code=found).exists():
        raise InvalidInput(field, _("%(code)s is not a member state in the registry") % {"code": repr(found)})
    return found


def _member_name(code: str) -> str:
    """The member state's name in the reader's language."""
    return str(Member.objects.get(code=code).name)


def _record(found: Exercise, type: str, actor: Actor, body: dict[str, Any], member: str | None = None,
            signed: Signed | None = None) -> int:
    return record(type=type, actor=actor, body={"exercise": found.pk, **body},
                  classification=found.classification, member=member, signed=signed).seq


def _require_planner(actor: Actor) -> None:
    viewer = _viewer(actor)
    if viewer is not None and not policies.plans_exercises(viewer):
        raise NotPermitted("actor", _("only the secretariat may plan exercises or record them held"))


@action
def adopt_plan(*, actor: Actor, year: int, proposal: int | None = None, decision_reference: str = "",
               signed: Signed | None = None) -> Plan:
    """Record the year's plan of exercises adopted by a decision (the secretariat)."""
    _require_planner(actor)
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 9999:
        raise InvalidInput("year", _("must be a year such as 2022"))
    if Plan.objects.filter(year=year).exists():
        raise Conflict("year", _("the plan for %(year)s is recorded already") % {"year": year})
    reference = text_of(decision_reference, "decision_reference", required=False)
    if proposal is not None and decisions.proposal(_viewer(actor), proposal) is None:
        raise NotFound("proposal", _("there is no proposal %(number)s") % {"number": proposal})
    if proposal is None and not reference:
        raise InvalidInput("decision_reference", _("name the decision that adopted the plan, or its proposal"))
    plan = Plan(year=year, proposal_id=proposal, decision_reference=reference, entry_seq=-1)
    plan.save(force_insert=True)
    plan.entry_seq = record(type="exercises.plan_adopted", actor=actor, signed=signed, body={
        "plan": plan.pk, "year": year, "proposal": proposal, "decision_reference": reference}).seq
    prepared.save(plan, ["entry_seq"])
    return plan


@action
def plan_exercise(*, actor: Actor, name: Mapping[str, str], kind: str, host: str, ground: Mapping[str, str] | str,
                  planned_start: Day, planned_end: Day, forces_exercised: Sequence[int] = (),
                  stages: Mapping[str, str] | None = None, scenario: Mapping[str, str] | None = None,
                  objectives: Mapping[str, str] | None = None, lead: str = "", observers: Sequence[str] = (),
                  classification: str = policy.PUBLIC, signed: Signed | None = None) -> Exercise:
    """Plan an exercise (the secretariat, for the Joint Staff); it goes into the plan of its year, if any."""
    _require_planner(actor)
    viewer = _viewer(actor)
    names = texts_of(name, "name", limit=300)
    code = choice_of(kind, "kind", catalogue.codes(catalogue.kinds()))
    where = _member(host, "host")
    place = texts_of(ground, "ground", limit=300)
    first, last = _span(planned_start, planned_end, ("planned_start", "planned_end"))
    chosen = sorted({int(pk) for pk in forces_exercised})
    visible = {force.pk for force in forces.forces(viewer)} if viewer is not None else None
    for pk in chosen:
        if (visible is not None and pk not in visible) or (visible is None and not forces.exists(pk)):
            raise NotFound("forces_exercised", _("there is no standing force %(number)s") % {"number": pk})
    leading = str(lead or "").strip().upper()
    if leading and not Body.objects.filter(code=leading).exists():
        raise InvalidInput("lead", _("%(body)s is not a body of the organization") % {"body": repr(leading)})
    invited = [text_of(item, "observers", limit=300) for item in observers if str(item).strip()]
    choice_of(classification, "classification", CLASSIFICATIONS)
    texts = {field: texts_of(value or {}, field, required=False, limit=5000)
             for field, value in (("stages", stages), ("scenario", scenario), ("objectives", objectives))}
    found = Exercise(plan=Plan.objects.filter(year=first.year).first(), name=names, kind=code, forces=chosen,
                     host_id=where, ground=place, planned_start=first, planned_end=last, lead=leading,
                     observers=invited, classification=classification, entry_seq=-1, **texts)
    found.save(force_insert=True)
    found.entry_seq = _record(found, "exercises.planned", actor, signed=signed, body={
        "name": dict(names), "kind": code, "host": where, "ground": dict(place), "planned_start": iso_of(first),
        "planned_end": iso_of(last), "forces_exercised": chosen, "lead": leading, "observers": invited,
        **{field: dict(value) for field, value in texts.items()}})
    prepared.save(found, ["entry_seq"])
    return found


def _open(actor: Actor, exercise: int, *, host_may: bool) -> Exercise:
    """The exercise as the actor may see it, still open to change, the actor allowed to change it."""
    viewer = _viewer(actor)
    found = queries.exercise(viewer, exercise)
    if viewer is not None:
        allowed = policies.acts_for_host(viewer, found.host_id) if host_may else policies.plans_exercises(viewer)
        if not allowed:
            raise NotPermitted("actor", _("only the host or the secretariat may change this exercise") if host_may
                               else _("only the secretariat may plan exercises or record them held"))
    if found.state not in catalogue.OPEN_STATES:
        raise Conflict("exercise", _("the exercise is %(state)s already: it changes no more")
                       % {"state": found.state_label})
    return found


def _by(actor: Actor) -> str:
    return actor.member or "secretariat"


def _set_state(found: Exercise, state: str, actor: Actor, reason: Texts, on: dt.date, fields: list[str]) -> None:
    found.state, found.state_reason, found.state_by, found.state_on = state, reason, _by(actor), on
    found.steps = [*found.steps, {"state": state, "on": iso_of(on), "by": _by(actor), "reason": dict(reason),
                                  "host": found.host_id}]
    prepared.save(found, ["state", "state_reason", "state_by", "state_on", "steps", *fields])


@action
def confirm_exercise(*, actor: Actor, exercise: int, on: Day = None, signed: Signed | None = None) -> Exercise:
    """The host (or the secretariat) confirms a planned, postponed or moved exercise."""
    found = _open(actor, exercise, host_may=True)
    if found.state == "confirmed":
        raise Conflict("exercise", _("the exercise is confirmed already"))
    day = _past(on, "on")
    _set_state(found, "confirmed", actor, Texts(), day, [])
    _record(found, "exercises.confirmed", actor, {"on": iso_of(day)}, signed=signed)
    return found


@action
def record_held(*, actor: Actor, exercise: int, actual_start: Day, actual_end: Day,
                signed: Signed | None = None) -> Exercise:
    """The secretariat records the exercise held, on the days it was held. Usually it was confirmed first; an
    exercise entered after the fact may have no recorded confirmation, and none is made up for it."""
    found = _open(actor, exercise, host_may=False)
    first, last = _span(actual_start, actual_end, ("actual_start", "actual_end"))
    if last > clock.today():
        raise InvalidInput("actual_end", _("is in the future: only what has happened is recorded"))
    found.actual_start, found.actual_end = first, last
    _set_state(found, "held", actor, Texts(), last, ["actual_start", "actual_end"])
    _record(found, "exercises.held", actor, {"actual_start": iso_of(first), "actual_end": iso_of(last)},
            signed=signed)
    return found


@action
def postpone_exercise(*, actor: Actor, exercise: int, planned_start: Day, planned_end: Day,
                      reason: Mapping[str, str] | str,
                      on: Day = None, signed: Signed | None = None) -> Exercise:
    """The host (or the secretariat) puts the exercise off to new dates, saying why."""
    found = _open(actor, exercise, host_may=True)
    first, last = _span(planned_start, planned_end, ("planned_start", "planned_end"))
    why = texts_of(reason, "reason", limit=1000)
    day = _past(on, "on")
    found.planned_start, found.planned_end = first, last
    _set_state(found, "postponed", actor, why, day, ["planned_start", "planned_end"])
    _record(found, "exercises.postponed", actor, {"planned_start": iso_of(first), "planned_end": iso_of(last),
                                                   "reason": dict(why), "on": iso_of(day)}, signed=signed)
    return found


@action
def move_exercise(*, actor: Actor, exercise: int, host: str, ground: Mapping[str, str] | str,
                  reason: Mapping[str, str] | str, on: Day = None,
                  signed: Signed | None = None) -> Exercise:
    """The exercise goes to another host (and ground): by the host that gives it up, or the secretariat."""
    found = _open(actor, exercise, host_may=True)
    where = _member(host, "host")
    if where == found.host_id:
        raise InvalidInput("host", _("is the host already"))
    place = texts_of(ground, "ground", limit=300)
    why = texts_of(reason, "reason", limit=1000)
    day = _past(on, "on")
    found.host_id, found.ground = where, place
    _set_state(found, "moved", actor, why, day, ["host", "ground"])
    _record(found, "exercises.moved", actor, {"host": where, "ground": dict(place), "reason": dict(why),
                                              "on": iso_of(day)}, signed=signed)
    return found


@action
def cancel_exercise(*, actor: Actor, exercise: int, reason: Mapping[str, str] | str, on: Day = None,
                    signed: Signed | None = None) -> Exercise:
    """The host (or the secretariat) cancels the exercise, saying why; who cancelled is the actor's state."""
    found = _open(actor, exercise, host_may=True)
    why = texts_of(reason, "reason", limit=1000)
    day = _past(on, "on")
    _set_state(found, "cancelled", actor, why, day, [])
    _record(found, "exercises.cancelled", actor, {"reason": dict(why), "on": iso_of(day), "by": _by(actor)},
            signed=signed)
    return found


@action
def declare_participation(*, actor: Actor, exercise: int, member: str, participation: str,
                          force: int | None = None, units: int | None = None, personnel: int | None = None,
                          equipment: int | None = None, reason: Mapping[str, str] | str = "", on: Day = None,
                          acknowledged: bool = False, signed: Signed | None = None) -> Participation:
    """A member pledges, confirms or declines its part in an exercise; a later declaration replaces the
    member's earlier one (the log keeps every one).

    Units of a standing force already committed over the same days (to another exercise, or pledged to an
    operation) are refused, unless the declaration acknowledges the clash: then the entry records that it did,
    and the page goes on showing the clash to the planners."""
    viewer = _viewer(actor)
    found = queries.exercise(viewer, exercise)
    code = str(member or "").strip().upper()
    if viewer is not None and not policies.declares_participation(viewer, code):
        raise NotPermitted("member", _("%(actor)s does not declare participation for %(member)s")
                                     % {"actor": actor, "member": state_name(code) or "—"})
    code = _member(code, "member")
    if found.state not in catalogue.OPEN_STATES:
        raise Conflict("exercise", _("the exercise is %(state)s already: it changes no more")
                       % {"state": found.state_label})
    kind = choice_of(participation, "participation", [entry for entry, _label in catalogue.STATUSES])
    why = texts_of(reason, "reason", required=kind == "not_participating", limit=1000)
    if force is not None and force not in found.forces:
        raise InvalidInput("force", _("is not a force this exercise exercises"))
    figures = {name: _count(value, name) for name, value in
               (("units", units), ("personnel", personnel), ("equipment", equipment))}
    if kind == "not_participating" and any(value for value in figures.values()):
        raise InvalidInput("units", _("a member that does not take part declares no units"))
    day = _past(on, "on")
    clashing = queries.clashes(viewer, found, member=code, force=force) if kind in queries.TAKING_PART else []
    if clashing and not acknowledged:
        raise Conflict("acknowledged", _(
            "%(member)s's units of this force are committed to %(other)s over the same days: acknowledge the "
            "clash to declare them all the same")
                       % {"member": _member_name(code), "other": queries.clash_text(clashing[0])})
    row = Participation.objects.filter(exercise=found, member_id=code).first() or Participation(
        exercise=found, member_id=code, entry_seq=-1, declared_on=day)
    row.status, row.force_id, row.reason, row.declared_on = kind, force, why, day
    row.units, row.personnel, row.equipment = figures["units"], figures["personnel"], figures["equipment"]
    row.entry_seq = _record(found, "exercises.participation_declared", actor, member=code, signed=signed, body={
        "member": code, "status": kind, "force": force, **figures, "reason": dict(why), "on": iso_of(day),
        "acknowledged": bool(clashing)})
    if row.pk is None:
        row.save(force_insert=True)
    else:
        prepared.save(row, ["status", "force", "units", "personnel", "equipment", "reason", "declared_on",
                                "entry_seq"])
    return row


@action
def record_date_claim(*, actor: Actor, exercise: int, source: Mapping[str, str] | str, first: Day, last: Day,
                      used: bool = False, signed: Signed | None = None) -> DateClaim:
    """The secretariat records what a source says the exercise's days were; `used` marks the one the
    organization goes by (the one used before is then no longer). A held or cancelled exercise takes claims
    too: sources are often compared after the fact."""
    viewer = _viewer(actor)
    found = queries.exercise(viewer, exercise)
    _require_planner(actor)
    who = texts_of(source, "source", limit=300)
    start, end = _span(first, last, ("first", "last"))
    if not isinstance(used, bool):
        raise InvalidInput("used", _("must be true or false"))
    claim = DateClaim(exercise=found, source=who, first=start, last=end, used=used, entry_seq=-1)
    claim.save(force_insert=True)
    if used:
        found.date_claims.exclude(pk=claim.pk).filter(used=True).update(used=False)
    claim.entry_seq = _record(found, "exercises.date_claimed", actor, signed=signed, body={
        "source": dict(who), "first": iso_of(start), "last": iso_of(end), "used": used})
    prepared.save(claim, ["entry_seq"])
    return claim


def _held(actor: Actor, exercise: int) -> tuple[policy.Viewer | None, Exercise]:
    """A held exercise whose evaluation the actor may see (the members and the secretariat)."""
    viewer = _viewer(actor)
    found = queries.exercise(viewer, exercise)
    if viewer is not None and not policies.sees_evaluation(viewer, found):
        raise NotPermitted("actor", _("the evaluation is shared with the member states only"))
    if found.state != "held":
        raise Conflict("exercise", _("an exercise is evaluated once it is held"))
    return viewer, found


def _evaluation_entry(found: Exercise, type: str, actor: Actor, body: dict[str, Any], member: str | None = None,
                      signed: Signed | None = None) -> int:
    """The evaluation's entries are sealed from observers and the public, as their pages are."""
    classification = found.classification if found.classification != policy.PUBLIC else policies.EVALUATION
    return record(type=type, actor=actor, body={"exercise": found.pk, **body}, classification=classification,
                  member=member, signed=signed).seq


@action
def assess_objective(*, actor: Actor, exercise: int, objective: Mapping[str, str] | str, rating: str,
                     findings: Mapping[str, str] | str, signed: Signed | None = None) -> Assessment:
    """The secretariat (for the Joint Staff) assesses one objective of a held exercise, with its findings."""
    viewer, found = _held(actor, exercise)
    if viewer is not None and not policies.evaluates(viewer):
        raise NotPermitted("actor", _("only the secretariat assesses an exercise's objectives"))
    aim = texts_of(objective, "objective", limit=1000)
    grade = choice_of(rating, "rating", catalogue.codes(catalogue.RATINGS))
    found_out = texts_of(findings, "findings", limit=5000)
    row = Assessment(exercise=found, objective=aim, rating=grade, findings=found_out, entry_seq=-1)
    row.save(force_insert=True)
    row.entry_seq = _evaluation_entry(found, "exercises.objective_assessed", actor, signed=signed, body={
        "objective": dict(aim), "rating": grade, "findings": dict(found_out)})
    prepared.save(row, ["entry_seq"])
    return row


@action
def record_lesson(*, actor: Actor, exercise: int, text: Mapping[str, str] | str,
                  signed: Signed | None = None) -> Lesson:
    """A lesson drawn from a held exercise, by the secretariat or an official of a state that took part."""
    viewer, found = _held(actor, exercise)
    participants = {found.host_id, *found.participations.filter(status__in=queries.TAKING_PART)
                    .values_list("member_id", flat=True)}
    if viewer is not None and not policies.draws_lessons(viewer, found, participants):
        raise NotPermitted("actor", _("lessons are drawn by the secretariat and the states that took part"))
    words = texts_of(text, "text", limit=5000)
    member = actor.member or ""
    row = Lesson(exercise=found, text=words, member=member, entry_seq=-1)
    row.save(force_insert=True)
    row.entry_seq = _evaluation_entry(found, "exercises.lesson_recorded", actor, signed=signed,
                                      member=member or None, body={"text": dict(words), "member": member})
    prepared.save(row, ["entry_seq"])
    return row
