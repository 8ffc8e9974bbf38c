"""The monitoring acts' and codes' names in the reader's language, registered with the web labels."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACTS = {
    "monitoring.theme_configured": _("Monitoring theme configured"),
    "monitoring.followed": _("Theme followed or left by a member"),
    "monitoring.assessed": _("Theme assessed"),
    "monitoring.member_reported": _("Member's report on a theme"),
    "monitoring.statement_tagged": _("Statement tagged to a theme"),
    "monitoring.indicator_defined": _("Indicator defined"),
    "monitoring.value_reported": _("Indicator value reported"),
}

KINDS: dict[str, Promise] = {"regional": _("Regional direction"), "cross_cutting": _("Cross-cutting theme")}
# Who assesses a theme for the organization; a member's own report is "member".
AUTHORS: dict[str, Promise] = {"secretariat": _("The Secretariat"), "joint_staff": _("The Joint Staff"),
                                  "owner_body": _("The owner body"), "member": _("A member state")}
LEVELS: dict[str, Promise] = {"not_assessed": _("Level not assessed"), "low": _("Low"),
                                 "elevated": _("Elevated"), "high": _("High")}
# The order of the levels, for saying whether a new assessment raised or lowered the level.
RANK = {"low": 1, "elevated": 2, "high": 3}
CERTAINTIES: dict[str, Promise] = {"confirmed": _("Confirmed"), "reported": _("Reported"),
                                      "uncertain": _("Uncertain"), "illustrative": _("Illustrative")}

FREQUENCIES: dict[str, Promise] = {"monthly": _("Monthly"), "quarterly": _("Quarterly"), "yearly": _("Yearly")}


def choices(labels: dict[str, Promise]) -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in labels.items()]


def label(labels: dict[str, Promise], code: str) -> str:
    return str(labels.get(code, code))
