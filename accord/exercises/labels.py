"""The exercises' acts' names in the reader's language, registered with the web labels."""

from django.utils.translation import gettext_lazy as _

ACTS = {
    "exercises.plan_adopted": _("Annual plan of exercises adopted"),
    "exercises.planned": _("Exercise planned"),
    "exercises.confirmed": _("Exercise confirmed"),
    "exercises.held": _("Exercise held"),
    "exercises.postponed": _("Exercise postponed"),
    "exercises.moved": _("Exercise moved to another host"),
    "exercises.cancelled": _("Exercise cancelled"),
    "exercises.participation_declared": _("Participation in an exercise declared"),
    "exercises.date_claimed": _("A source's dates of an exercise recorded"),
    "exercises.objective_assessed": _("An exercise's objective assessed"),
    "exercises.lesson_recorded": _("A lesson drawn from an exercise"),
}
