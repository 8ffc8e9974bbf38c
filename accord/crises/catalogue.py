"""The crisis workflow's configurable lists: legal bases, responses, capabilities, deployment phases.

Each entry is `(code, label)`: the label is an interface message in English, translated like every
other label through the crises catalogue (locale/<language>/LC_MESSAGES/django.po), so that a new
interface language translates them there. An organization sets its own lists in Django settings
(CRISIS_LEGAL_BASES, CRISIS_CAPABILITIES, as `(code, label)` pairs, the labels translated in its own
catalogue); the defaults are the reference scenario's.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

Entry = tuple[str, str]

LEGAL_BASES: tuple[Entry, ...] = (
    ("consultations", _("Joint consultations (Treaty, Art. 2)")),
    ("aggression", _("Assistance against aggression (Treaty, Art. 4)")),
    ("peacekeeping", _("Peacekeeping")),
    ("relief", _("Emergency relief")),
)

CAPABILITIES: tuple[Entry, ...] = (
    ("peacekeeping_contingent", _("Peacekeeping contingent")),
    ("infantry_company", _("Infantry company")),
    ("airborne_unit", _("Airborne unit")),
    ("military_police", _("Military police")),
    ("transport_aircraft", _("Transport aircraft")),
    ("medical_team", _("Medical team")),
    ("engineers", _("Engineer unit")),
)

RESPONSES: tuple[Entry, ...] = (
    ("consultations", _("Joint consultations")),
    ("mission", _("Monitoring or fact-finding mission")),
    ("operation", _("Collective operation")),
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


def _entries(value: object) -> tuple[Entry, ...]:
    """A configured list as `(code, label)` pairs."""
    return tuple((str(entry[0]), str(entry[1])) for entry in value)  # type: ignore[attr-defined]


def legal_bases() -> tuple[Entry, ...]:
    return _entries(getattr(settings, "CRISIS_LEGAL_BASES", LEGAL_BASES))


def capabilities() -> tuple[Entry, ...]:
    return _entries(getattr(settings, "CRISIS_CAPABILITIES", CAPABILITIES))


def codes(entries: tuple[Entry, ...]) -> list[str]:
    return [code for code, _label in entries]


def label(entries: tuple[Entry, ...], code: str) -> str:
    """The entry's label in the active language; an unknown code shows as itself."""
    for entry_code, name in entries:
        if entry_code == code:
            return gettext(name)
    return code
