"""The exercises' lists: kinds of exercise, lifecycle states, participation statuses.

Each entry is `(code, label)`, the label an interface message in English translated through the
catalogues. An organization sets its own kinds in Django settings (EXERCISE_KINDS, as `(code, label)` pairs).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_noop as _

from accord.forces.catalogue import Entry, choices, codes, entries_of, label

__all__ = ["KINDS", "OPEN_STATES", "RATINGS", "STATES", "STATUSES", "Entry", "choices", "codes", "kinds", "label"]

KINDS: tuple[Entry, ...] = (
    ("command_staff", _("Command and staff exercise")),
    ("special", _("Special exercise")),
    ("peacekeeping", _("Peacekeeping exercise")),
    ("reconnaissance", _("Reconnaissance exercise")),
    ("logistics", _("Logistics exercise")),
    # An exercise entered from a record that does not say its kind: said so, never guessed.
    ("not_recorded", _("Kind not recorded")),
)

STATES: tuple[Entry, ...] = (
    ("planned", _("Planned")),
    ("confirmed", _("Confirmed to take place")),
    ("held", _("Held")),
    ("postponed", _("Postponed")),
    ("moved", _("Moved to another host")),
    ("cancelled", _("Cancelled")),
)
# The states from which an exercise may still change; held and cancelled are final.
OPEN_STATES = ("planned", "confirmed", "postponed", "moved")

STATUSES: tuple[Entry, ...] = (
    ("pledged", _("Participation pledged")),
    ("confirmed", _("Participation confirmed")),
    ("not_participating", _("Does not take part")),
)


# How an objective was met, in the evaluation after the exercise.
RATINGS: tuple[Entry, ...] = (
    ("met", _("Met")),
    ("partly", _("Partly met")),
    ("not_met", _("Not met")),
)


def kinds() -> tuple[Entry, ...]:
    return entries_of(getattr(settings, "EXERCISE_KINDS", KINDS))
