"""Template filters of the crisis pages: labels from the catalogue and durations."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from accord.core import dates
from accord.core.templatetags.accord_web import instant, tr
from accord.core.translations import Texts
from accord.crises import catalogue, drawing
from accord.crises.models import Mandate
from accord.decisions.templatetags.decisions_tags import decision_identifier
from accord.members.models import Member

register = template.Library()


@register.filter
def legal_basis_label(code: str) -> str:
    return catalogue.label(catalogue.legal_bases(), code)


@register.filter
def response_label(code: str) -> str:
    return catalogue.label(catalogue.RESPONSES, code)


@register.filter
def ended_response_label(code: str) -> str:
    """The response of a closed request, as one phrase ("Collective operation completed")."""
    return catalogue.label(catalogue.RESPONSES_ENDED, code)


@register.filter
def ack_label(member: Member) -> str:
    """A member's label in its cell of the acknowledgement strip: its name in the reader's language where it
    fits, else its code (also where the name is not in the reader's language)."""
    picked = Texts.of(member.name).pick()
    return drawing.ack_label("" if picked.fallback else picked.text, member.code)


@register.filter
def capability_label(code: str) -> str:
    return catalogue.label(catalogue.capabilities(), code)


@register.filter
def phase_label(code: str) -> str:
    return catalogue.label(catalogue.PHASES, code)


@register.filter
def span(delta: dt.timedelta | None) -> str:
    """A duration as a person reads it: days, hours and minutes, the largest two that are not zero."""
    if delta is None:
        return "—"
    minutes = int(delta.total_seconds() // 60)
    sign = "−" if minutes < 0 else ""
    minutes = abs(minutes)
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(_("%(n)d d") % {"n": days})
    if hours:
        parts.append(_("%(n)d h") % {"n": hours})
    if mins and not days:
        parts.append(_("%(n)d min") % {"n": mins})
    return sign + (" ".join(parts[:2]) if parts else _("%(n)d min") % {"n": 0})


@register.filter
def get_item(mapping: dict[str, str], key: str) -> str:
    return mapping.get(key, key)


@register.filter
def letter_label(kind: str) -> str:
    labels = {"notification": _("Notification"), "report": _("Report"), "completion": _("Completion notice")}
    return labels.get(kind, kind)


@register.filter
def authorizing_decision(mandate: Mandate) -> SafeString:
    """The mandate's authorizing decision as the reader's language names it, then when it was taken, unless
    the name says the day already (the register's "Council, 6 January 2022, Decision to ..."): a day is then
    not written twice, and a known time of day follows alone."""
    named = (tr(mandate.decision_texts) if mandate.decision_texts
             else decision_identifier(mandate.decision_identifier))
    at = mandate.decision_at
    if at is None:
        return named
    if dates.day(at) not in strip_tags(named).replace("&nbsp;", "\u00a0"):
        return format_html("{}, {}", named, instant(at))
    if dates.known_to_the_day(at):
        return named
    clock = dates.instant(at).rpartition(", ")[2]
    return format_html('{}, <span class="date">{}</span>', named, clock)
