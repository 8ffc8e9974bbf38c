"""The monitoring acts' and codes' names in the reader's language, registered with the web labels."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ACTS = {
    "monitoring.theme_configured": _("Monitoring theme configured"),
    "monitoring.followed": _("Theme followed or left by a member"),
    "monitoring.assessed": _("Theme assessed"),
    "monitoring.member_reported": _("Member's report on a theme"),
    "monitoring.statement_tagged": _("Statement tagged to a theme"),
    "monitoring.indicator_defined": _("Indicator defined"),
    "monitoring.value_reported": _("Indicator value reported"),
    "monitoring.alert_raised": _("Indicator alert raised"),
    "monitoring.consultations_requested": _("Joint consultations requested"),
    "monitoring.consultations_acknowledged": _("Request for consultations acknowledged"),
    "monitoring.consultations_scheduled": _("Joint consultations scheduled"),
    "monitoring.consultations_concluded": _("Joint consultations concluded"),
    "monitoring.consultations_escalated": _("Consultations became a request for assistance"),
    "monitoring.alert_mail_chosen": _("Alert e-mail choice recorded"),
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


ALERT_LEVELS: dict[str, Promise] = {"warning": _("Warning level crossed"), "alert": _("Alert level crossed")}
CONSULTATION_KINDS: dict[str, Promise] = {"request": _("Request for consultations"),
                                          "proposal": _("Proposal for consultations")}
ORIGINS: dict[str, Promise] = {"alert": _("From an alert"), "theme": _("From the theme's page"),
                               "initiative": _("On the member's own initiative")}
STEPS: dict[str, Promise] = {"requested": pgettext_lazy("consultations", "Requested"),
                             "acknowledged": pgettext_lazy("consultations", "Acknowledged"),
                             "scheduled": _("Scheduled"), "concluded": _("Concluded"),
                             "escalated": _("Became a request for assistance")}
FORMS: dict[str, Promise] = {"session": _("In a session"), "written": _("By written procedure")}
OUTCOMES: dict[str, Promise] = {"joint_statement": _("A joint statement was adopted"),
                                "no_joint_statement": _("Ended without a joint statement")}
OPEN_STEPS = ("requested", "acknowledged", "scheduled")
