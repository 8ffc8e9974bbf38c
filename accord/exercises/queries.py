"""Reads of exercises, each given the viewer: an exercise's classification decides who sees it."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from accord.core.calendar import Entry
from accord.core.errors import NotFound
from accord.core.policy import Viewer, may_see
from accord.exercises.models import Exercise, Participation, Plan
from accord.forces import queries as forces
from accord.forces.models import Force


def exercises(viewer: Viewer) -> list[Exercise]:
    """Every exercise the viewer may see, by planned start."""
    return [found for found in Exercise.objects.select_related("host", "plan")
            if may_see(viewer, found.classification)]


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


def forces_of(viewer: Viewer, found: Exercise) -> list[Force]:
    """The standing forces the exercise names, as far as the viewer may see them."""
    return [force for force in forces.forces(viewer) if force.pk in found.forces]


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
                           place=item.ground, description=item.state_label))
    return found
