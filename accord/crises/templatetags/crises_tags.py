"""Template filters of the crisis pages: labels from the catalogue and durations."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.translation import gettext as _

from accord.crises import catalogue

register = template.Library()


@register.filter
def legal_basis_label(code: str) -> str:
    return catalogue.label(catalogue.legal_bases(), code)


@register.filter
def response_label(code: str) -> str:
    return catalogue.label(catalogue.RESPONSES, code)


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
