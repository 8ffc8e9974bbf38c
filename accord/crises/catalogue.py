"""The crisis workflow's configurable lists: legal bases, responses, capabilities, deployment phases.

Each entry is `(code, label)`: the label is an interface message in English, translated like every
other label through the crises catalogue (locale/<language>/LC_MESSAGES/django.po), so that a new
interface language translates them there. An organization sets its own lists in Django settings
(CRISIS_LEGAL_BASES, CRISIS_CAPABILITIES, as `(code, label)` pairs, the labels translated in its own
catalogue); the defaults are the reference scenario's.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_noop as _

# The capabilities are the standing forces' registry's, shared with it (accord.forces.catalogue).
from accord.forces.catalogue import CAPABILITIES, Entry, capabilities, choices, codes, entries_of, label

__all__ = ["CAPABILITIES", "LEGAL_BASES", "PHASES", "PHASE_CODES", "RESPONSES", "RESPONSES_ENDED", "Entry",
           "capabilities", "choices", "codes", "label", "legal_bases"]

LEGAL_BASES: tuple[Entry, ...] = (
    ("consultations", _("Joint consultations (Treaty, Art. 2)")),
    ("aggression", _("Assistance against aggression (Treaty, Art. 4)")),
    ("peacekeeping", _("Peacekeeping")),
    ("relief", _("Emergency relief")),
)

RESPONSES: tuple[Entry, ...] = (
    ("consultations", _("Joint consultations")),
    ("mission", _("Monitoring or fact-finding mission")),
    ("operation", _("Collective operation")),
)

# A response once its request is closed, each phrase whole: in Russian "closed" set after the response would
# have to agree with its noun (консультации, миссия, операция), and one word cannot.
RESPONSES_ENDED: tuple[Entry, ...] = (
    ("consultations", _("Joint consultations held")),
    ("mission", _("Mission completed")),
    ("operation", _("Collective operation completed")),
)

# A contingent's phases in the order they happen.
PHASES: tuple[Entry, ...] = (
    ("alerted", _("Alerted")),
    ("authorized", _("Nationally authorized")),
    ("departed", _("Departed")),
    ("arrived", _("Arrived")),
    ("operational", _("Operational")),
    ("handing_over", _("Handing over")),
    ("withdrawing", _("Withdrawing")),
    ("home", _("Home")),
)
PHASE_CODES: tuple[str, ...] = tuple(code for code, _label in PHASES)


def legal_bases() -> tuple[Entry, ...]:
    return entries_of(getattr(settings, "CRISIS_LEGAL_BASES", LEGAL_BASES))
