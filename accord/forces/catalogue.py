"""The capabilities a member declares to a standing force and pledges to an operation: one list for both.

Each entry is `(code, label)`, the label an interface message in English translated through the
catalogues. An organization sets its own list in Django settings (CRISIS_CAPABILITIES, as `(code, label)`
pairs, the labels translated in its own catalogue); the default is the reference scenario's. The crises app
reads the same list, so that a pledge and a declared contribution speak of the same capabilities.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

Entry = tuple[str, str]

CAPABILITIES: tuple[Entry, ...] = (
    ("peacekeeping_contingent", _("Peacekeeping contingent")),
    ("infantry_company", _("Infantry company")),
    ("airborne_unit", _("Airborne unit")),
    ("military_police", _("Military police")),
    ("transport_aircraft", _("Transport aircraft")),
    ("medical_team", _("Medical team")),
    ("engineers", _("Engineer unit")),
)


def entries_of(value: object) -> tuple[Entry, ...]:
    """A configured list as `(code, label)` pairs."""
    return tuple((str(entry[0]), str(entry[1])) for entry in value)  # type: ignore[attr-defined]


def capabilities() -> tuple[Entry, ...]:
    return entries_of(getattr(settings, "CRISIS_CAPABILITIES", CAPABILITIES))


def codes(entries: tuple[Entry, ...]) -> list[str]:
    return [code for code, _label in entries]


def label(entries: tuple[Entry, ...], code: str) -> str:
    """The entry's label in the active language; an unknown code shows as itself."""
    for entry_code, name in entries:
        if entry_code == code:
            return gettext(name)
    return code


def choices(entries: tuple[Entry, ...]) -> list[tuple[str, str]]:
    """The entries as a form's choices, named in the reader's language."""
    return [(code, label(entries, code)) for code, _label in entries]
