"""The drills' acts' names in the reader's language, registered with the web labels."""

from django.utils.translation import gettext_lazy as _

ACTS = {
    "drills.planned": _("Drill planned"),
    "drills.inject_scheduled": _("An inject added to a drill's timetable"),
    "drills.inject_fired": _("An inject of a drill fired"),
    "drills.ended": _("Drill ended"),
    "drills.target_set": _("A response-time target set"),
}
