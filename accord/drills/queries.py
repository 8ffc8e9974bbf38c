"""Reads of drills, each given the viewer; a drill's figures computed with the crises' own code, in its scope.

The after-action figures of a drill are `accord.crises.queries.metrics` of each of the drill's requests, read in
the drill's scope (accord.core.drill): exactly the code that measures a real operation. They are set beside the
organization's targets, the earlier drills' figures and the real operations' (read in the real scope).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import prefetch_related_objects
from django.urls import reverse

from accord.core import drill, paging
from accord.core.errors import NotFound
from accord.core.policy import Viewer
from accord.core.translations import Texts
from accord.crises import queries as crises
from accord.crises.models import Crisis
from accord.crises.models import Lesson as CrisisLesson
from accord.drills import catalogue, policies
from accord.drills.models import Drill, Inject, Target
from accord.exercises import policies as exercise_policies
from accord.exercises import queries as exercises


def drills(viewer: Viewer) -> list[Drill]:
    return list(Drill.objects.all()) if policies.sees(viewer) else []


def visible_drill_ids(viewer: Viewer) -> list[int]:
    """The ids of the drills the viewer may see, the latest first: one light query, for a list served a page at a
    time (only the page's drills are then read in full, by `drills_by_id`)."""
    return list(Drill.objects.values_list("pk", flat=True)) if policies.sees(viewer) else []


def drills_by_id(ids: list[int], *, with_injects: bool = True) -> list[Drill]:
    """These drills (with their injects, unless not wanted), in the order of `ids` (already the viewer's)."""
    rows = Drill.objects.all()
    return paging.in_order(rows.prefetch_related("injects") if with_injects else rows, ids)


def drill_of(viewer: Viewer, pk: int) -> Drill:
    """The drill, or NotFound when it is missing or the viewer may not see it (the two look the same)."""
    found = Drill.objects.filter(pk=pk).first()
    if found is None or not policies.sees(viewer, found):
        raise NotFound("drill", f"no drill {pk}")
    return found


def injects(found: Drill) -> list[Inject]:
    return list(found.injects.all())


def due(found: Drill, now: dt.datetime) -> list[Inject]:
    """The injects whose time has come and that the director has not fired yet."""
    return [inject for inject in found.injects.all() if inject.fired_at is None and inject.at <= now]


def due_injects(now: dt.datetime, drill: int | None = None) -> list[int]:
    """The injects of the drill (None: of every drill) still running whose time has come and that have not
    fired, by their time: what the drill's clock fires (accord.drills.ticking)."""
    rows = Inject.objects.filter(fired_at__isnull=True, at__lte=now, drill__ended_at__isnull=True)
    if drill is not None:
        rows = rows.filter(drill_id=drill)
    return list(rows.order_by("at", "entry_seq").values_list("pk", flat=True))


def next_inject(now: dt.datetime, drill: int) -> dt.datetime | None:
    """When the drill's next inject is to fire, if it has one left and is still running."""
    return (Inject.objects.filter(drill_id=drill, fired_at__isnull=True, at__gt=now, drill__ended_at__isnull=True)
            .order_by("at").values_list("at", flat=True).first())


def targets() -> dict[str, Target]:
    return {target.figure: target for target in Target.objects.all()}


@dataclass(frozen=True)
class Figures:
    """A response's figures: the intervals from the request, and each member's acknowledgement time."""

    label: Texts | str
    kind: str  # drill, earlier, real
    crisis: Crisis | None
    values: dict[str, dt.timedelta | None]
    responses: list[tuple[str, dt.timedelta]]  # (member, after the request), slowest last

    @property
    def last(self) -> tuple[str, dt.timedelta] | None:
        """Who answered last, and when."""
        return self.responses[-1] if self.responses else None


def _figures(viewer: Viewer, found: Crisis, label: Texts | str, kind: str) -> Figures:
    views = crises.pledges(found)
    measured = crises.metrics(found, crises.mandate_of(found), views)
    values = {code: getattr(measured, code) for code in catalogue.codes(catalogue.FIGURES)}
    responses = sorted(measured.acknowledgements.items(), key=lambda pair: (pair[1], pair[0]))
    return Figures(label, kind, found, values, responses)


def requests_of(viewer: Viewer, found: Drill) -> list[Figures]:
    """Each of the drill's requests with its own figures, read in its scope, by when it was filed (not when it
    was recorded): the first is the drill's measure, a later one (a second state asking while the first is
    handled) is measured from its own filing. None before a request is filed."""
    with drill.scope(found.pk):
        requests = sorted(crises.crises(viewer), key=lambda crisis: (crisis.requested_at, crisis.entry_seq))
        return [_figures(viewer, crisis, found.name, "drill") for crisis in requests]


def figures_of(viewer: Viewer, found: Drill) -> Figures | None:
    """The drill's figures: its first request's; None before a request is filed."""
    requests = requests_of(viewer, found)
    return requests[0] if requests else None


def comparison(viewer: Viewer, found: Drill) -> list[Figures]:
    """Each of the drill's requests beside the earlier drills (their first requests) and the real operations
    the viewer may see (each a row)."""
    rows = requests_of(viewer, found)
    for earlier in Drill.objects.filter(starts_at__lt=found.starts_at).order_by("-starts_at")[:5]:
        figures = figures_of(viewer, earlier)
        if figures is not None:
            rows.append(Figures(earlier.name, "earlier", figures.crisis, figures.values, figures.responses))
    with drill.scope(None):
        for crisis in crises.crises(viewer):
            if crises.mandate_of(crisis) is not None:  # an operation: a response measured from request to arrival
                rows.append(_figures(viewer, crisis, crisis.area, "real"))
    return rows


@dataclass(frozen=True)
class LessonRow:
    source: str  # crisis, exercise, drill
    text: Texts
    validated: bool | None
    about: Texts | str
    link: str
    entry_seq: int


def _taught(lesson: CrisisLesson) -> Texts:
    """A crisis lesson as the secretariat validated it, or as observed."""
    return Texts.of(lesson.validated_text if lesson.validated else lesson.text)


def lessons(viewer: Viewer) -> list[LessonRow]:
    """The organization's one lessons list: the crises', the exercises' and the drills' lessons the viewer
    may see, newest first. Each source's lessons are read in one query for all its crises or exercises (a
    drill's crises in its own scope), not one per crisis or exercise."""
    rows: list[LessonRow] = []
    with drill.scope(None):
        found_crises = crises.crises(viewer)
        prefetch_related_objects(found_crises, "lessons")
        for crisis in found_crises:
            for lesson in crisis.lessons.all():
                rows.append(LessonRow("crisis", _taught(lesson), lesson.validated, crisis.area,
                                      reverse("crises:crisis", args=[crisis.pk]), lesson.entry_seq))
    evaluated = [exercise for exercise in exercises.exercises(viewer)
                 if exercise_policies.sees_evaluation(viewer, exercise)]
    prefetch_related_objects(evaluated, "lessons")
    for exercise in evaluated:
        for taught in exercise.lessons.all():
            rows.append(LessonRow("exercise", taught.text, None, exercise.name,
                                  reverse("exercises:exercise", args=[exercise.pk]), taught.entry_seq))
    for found in drills(viewer):
        with drill.scope(found.pk):
            in_drill = crises.crises(viewer)
            prefetch_related_objects(in_drill, "lessons")
            for crisis in in_drill:
                for lesson in crisis.lessons.all():
                    rows.append(LessonRow("drill", _taught(lesson), lesson.validated, found.name,
                                          reverse("drills:drill", args=[found.pk]), lesson.entry_seq))
    return sorted(rows, key=lambda row: -row.entry_seq)

