"""Reads of exercises, each given the viewer: an exercise's classification decides who sees it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from accord.core import dates, paging
from accord.core.calendar import Entry
from accord.core.errors import NotFound
from accord.core.policy import Viewer, may_see
from accord.core.translations import Texts
from accord.crises.models import Crisis, Pledge
from accord.exercises import drawing, rules
from accord.exercises.models import Exercise, Participation, Plan
from accord.forces import queries as forces
from accord.forces.models import Force
from accord.members.names import country_names


def exercises(viewer: Viewer) -> list[Exercise]:
    """Every exercise the viewer may see, by planned start."""
    return [found for found in Exercise.objects.select_related("host", "plan")
            if may_see(viewer, found.classification)]


def visible_exercise_ids(viewer: Viewer) -> list[int]:
    """The ids of the exercises the viewer may see, by planned start: one light query, for a list served a page
    at a time (only the page's exercises are then read in full, by `exercises_by_id`)."""
    return [pk for pk, classification in Exercise.objects.values_list("pk", "classification")
            if may_see(viewer, classification)]


@dataclass(frozen=True, slots=True)
class Listed:
    """An exercise as its list filters it, before the page's exercises are read in full."""

    pk: int
    planned_start: dt.date
    host: str
    host_name: Texts
    state: str


def listed_exercises(viewer: Viewer) -> list[Listed]:
    """The exercises the viewer may see, by planned start, with what the list's filters read: one light query."""
    rows = Exercise.objects.values_list("pk", "planned_start", "host_id", "host__official_name", "state",
                                        "classification")
    return [Listed(pk, start, host, country_names(host, official), state)
            for pk, start, host, official, state, classification in rows if may_see(viewer, classification)]


def exercises_by_id(ids: list[int], *fields: str) -> list[Exercise]:
    """These exercises (read in full, or only `fields`) with their host and plan, in the order of `ids`."""
    rows = Exercise.objects.select_related("host", "plan")
    return paging.in_order(rows.only(*fields) if fields else rows, ids)


def exercise(viewer: Viewer | None, pk: int) -> Exercise:
    """The exercise, or NotFound when it is missing or the viewer may not see it (the two look the same).
    No viewer is the server's console, which sees everything."""
    found = Exercise.objects.select_related("host", "plan").filter(pk=pk).first()
    if found is None or (viewer is not None and not may_see(viewer, found.classification)):
        raise NotFound("exercise", _("there is no exercise %(number)s") % {"number": pk})
    return found


def plans() -> list[Plan]:
    """The annual plans (public: a plan says only its year and its decision)."""
    return list(Plan.objects.all())


def participations(found: Exercise) -> list[Participation]:
    return list(found.participations.select_related("member", "force"))


def forces_of(viewer: Viewer, found: Exercise, seen: list[Force] | None = None) -> list[Force]:
    """The standing forces the exercise names, as far as the viewer may see them (`seen`: the forces the viewer
    may see, when a list has read them once for all its exercises)."""
    return [force for force in (forces.forces(viewer) if seen is None else seen) if force.pk in found.forces]


def calendar_entries(viewer: Viewer, first: dt.date, last: dt.date) -> list[Entry]:
    """Each exercise the viewer may see over its days (actual once held, planned otherwise); none cancelled."""
    found = []
    for item in exercises(viewer):
        if item.state == "cancelled":
            continue
        starts, ends = item.actual_start or item.planned_start, item.actual_end or item.planned_end
        if ends < first or starts > last:
            continue
        found.append(Entry(uid=f"exercise-{item.pk}@accord", title=item.name.pick().text, starts=starts, ends=ends,
                           url=reverse("exercises:exercise", args=[item.pk]), kind="exercise",
                           place=item.ground.pick().text, description=item.state_label))
    return found


# The states in which a member's forces are committed to an exercise (a pledge counts; a refusal does not).
TAKING_PART = ("pledged", "confirmed")


def spans_by_member(items: list[Exercise], participations: list[Participation] | None = None,
                    ) -> dict[str, list[drawing.Span]]:
    """Each member state's exercises among `items` as spans: the ones it hosts or has pledged or confirmed a
    part in (unless it declared it does not take part). An exercise's actual days are drawn for the host and
    the members that confirmed their part: a pledge alone does not say a contingent went. `participations`:
    the items' participations when the caller has read them already."""
    taking: dict[int, dict[str, str]] = {}
    if participations is None:
        participations = list(Participation.objects.filter(exercise__in=items)
                              .only("exercise_id", "member_id", "status"))
    for row in participations:
        taking.setdefault(row.exercise_id, {})[row.member_id] = row.status
    result: dict[str, list[drawing.Span]] = {}
    for item in items:
        statuses = taking.get(item.pk, {})
        members = {code for code, status in statuses.items() if status in TAKING_PART}
        if statuses.get(item.host_id) != "not_participating":
            members.add(item.host_id)
        for code in sorted(members):
            went = code == item.host_id or statuses.get(code) == "confirmed"
            result.setdefault(code, []).append(drawing.Span(
                label=item.name.pick().text, planned_start=item.planned_start, planned_end=item.planned_end,
                actual_start=item.actual_start if went else None, actual_end=item.actual_end if went else None,
                cancelled=item.state == "cancelled", key=str(item.pk)))
    return result


def exercise_timeline(found: Exercise, members: list[tuple[str, str]],
                      participations: list[Participation] | None = None) -> drawing.Timeline | None:
    """The exercise's participation timeline: a row per member state, what it said when it took no part.
    `participations`: the exercise's, when the caller has read them already."""
    declared = participations if participations is not None else list(found.participations.all())
    spans = spans_by_member([found], declared)
    statuses = {row.member_id: row.status for row in declared}
    rows = [(code, name, spans.get(code, []),
             "" if code in spans else statuses.get(code, "not_declared")) for code, name in members]
    return drawing.timeline(rows)


def year_timeline(items: list[Exercise], members: list[tuple[str, str]], year: int) -> drawing.Timeline | None:
    """The year's exercises per member state, over the whole year."""
    spans = spans_by_member(items)
    rows = [(code, name, spans.get(code, []), "" if code in spans else "none") for code, name in members]
    return drawing.timeline(rows, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))


@dataclass(frozen=True)
class Clash:
    """A conflict the exercise runs into, with the clashing record as the viewer may see it."""

    kind: str  # one of rules.TWO_EXERCISES, rules.ON_OPERATION, rules.HOST_IN_CRISIS
    member: str
    force: int | None
    exercise: Exercise | None = None
    crisis: Crisis | None = None


# What a clash never reads of the other exercise (its name, days, state and classification are all it shows).
UNUSED_IN_A_CLASH = ("ground", "stages", "scenario", "objectives", "observers", "state_reason", "steps", "forces")


def _days(found: Exercise) -> tuple[dt.date, dt.date]:
    return found.actual_start or found.planned_start, found.actual_end or found.planned_end


def _operation_days(crisis: Crisis) -> tuple[dt.date, dt.date | None]:
    """An operation commits its contingents from the request until the withdrawal is complete or the crisis is
    closed; still going while neither is recorded."""
    mandate = getattr(crisis, "mandate", None)
    ended = (mandate.withdrawal_complete_at if mandate is not None else None) or crisis.closed_at
    return crisis.requested_at.date(), ended.date() if ended else None


def clashes(viewer: Viewer | None, found: Exercise, *, member: str | None = None, force: int | None = None,
            participations: list[Participation] | None = None) -> list[Clash]:
    """The conflicts of the exercise with what the viewer may see (None: the console, which sees everything).

    With `member` and `force`, the clashes that member's units of that force would have if declared for the
    exercise (what an act checks before it records them); a cancelled exercise clashes with nothing.
    `participations`: the exercise's, when the caller has read them already."""
    if found.state == "cancelled":
        return []
    first, last = _days(found)
    if member is not None and force is not None:
        mine = [rules.Commitment("exercise", found.pk, member, force, first, last)]
    elif member is None:
        rows = participations if participations is not None else list(found.participations.all())
        mine = [rules.Commitment("exercise", found.pk, row.member_id, row.force_id, first, last)
                for row in rows if row.status in TAKING_PART and row.force_id is not None]
    else:
        mine = []
    members = {own.member for own in mine}

    def seen(classification: str) -> bool:
        return viewer is None or may_see(viewer, classification)

    others: dict[tuple[str, int], Exercise | Crisis] = {}
    commitments = []
    # Only records whose days can overlap the exercise's are read: the database narrows 20 years of
    # participations to the few around these days, and rules.clashes decides on those.
    before_end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), dt.UTC)
    for row in (Participation.objects.filter(status__in=TAKING_PART, force__isnull=False, member_id__in=members,
                                             force_id__in={own.force for own in mine})
                .annotate(from_day=Coalesce("exercise__actual_start", "exercise__planned_start"),
                          to_day=Coalesce("exercise__actual_end", "exercise__planned_end"))
                .filter(from_day__lte=last, to_day__gte=first)
                .exclude(exercise=found).exclude(exercise__state="cancelled").select_related("exercise")
                .defer(*(f"exercise__{name}" for name in UNUSED_IN_A_CLASH))):
        if seen(row.exercise.classification):
            others[("exercise", row.exercise_id)] = row.exercise
            commitments.append(rules.Commitment("exercise", row.exercise_id, row.member_id, row.force_id,
                                                *_days(row.exercise)))
    for pledge in (Pledge.objects.filter(status__in=("pledged", "accepted"), force__isnull=False,
                                         member_id__in=members, crisis__requested_at__lt=before_end)
                   .select_related("crisis__requester", "crisis__mandate")):
        if seen(pledge.crisis.classification):
            others[("crisis", pledge.crisis_id)] = pledge.crisis
            commitments.append(rules.Commitment("crisis", pledge.crisis_id, pledge.member_id, pledge.force_id,
                                                *_operation_days(pledge.crisis)))
    crises = []
    if member is None:
        for crisis in (Crisis.objects.filter(requester_id=found.host_id, requested_at__lt=before_end)
                       .select_related("requester", "mandate")):
            if seen(crisis.classification):
                others[("crisis", crisis.pk)] = crisis
                crises.append(rules.Crisis(crisis.pk, crisis.requester_id, crisis.requested_at.date(),
                                           crisis.closed_at.date() if crisis.closed_at else None))
    result = []
    for clash in rules.clashes(mine, commitments, found.host_id, first, last, crises):
        source = "exercise" if clash.kind == rules.TWO_EXERCISES else "crisis"
        other = others[(source, clash.key)]
        result.append(Clash(clash.kind, clash.member, clash.force,
                            exercise=other if isinstance(other, Exercise) else None,
                            crisis=other if isinstance(other, Crisis) else None))
    return result


def clash_text(clash: Clash) -> str:
    """What the clash is with, in the reader's language: the other exercise, or the crisis by its state and day."""
    if clash.exercise is not None:
        return _("the exercise %(name)s (%(first)s – %(last)s)") % {
            "name": clash.exercise.name.pick().text, "first": dates.day(_days(clash.exercise)[0]),
            "last": dates.day(_days(clash.exercise)[1])}
    assert clash.crisis is not None
    return _("the crisis on the request of %(state)s of %(day)s") % {
        "state": clash.crisis.requester.name, "day": dates.day(clash.crisis.requested_at.date())}
