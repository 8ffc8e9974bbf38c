"""Template filters that put the codes of acts and registries into the viewer's words."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_info

from accord.core import labels
from accord.core.rows import Names

register = template.Library()


@register.filter
def act_label(act_type: str) -> str:
    return labels.act_label(act_type)


@register.filter
def status_label(status: str) -> str:
    return labels.label_in(labels.STATUS_LABELS, str(status))


@register.filter
def kind_label(kind: str) -> str:
    return labels.label_in(labels.EVENT_KIND_LABELS, str(kind))


@register.filter
def classification_label(classification: str) -> str:
    return labels.label_in(labels.CLASSIFICATION_LABELS, str(classification))


@register.filter
def rule_label(rule: str) -> str:
    return labels.label_in(labels.HANDOVER_RULE_LABELS, str(rule))


@register.filter
def language_name(code: str) -> str:
    """A working language's name in the viewer's language ("Russian", "русский")."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


@register.filter
def person_name(names: Names, handle: str | None) -> str | None:
    return names.person(handle)


@register.filter
def member_name(names: Names, code: str | None) -> str | None:
    return names.member(code)


@register.filter
def breakable(code: str) -> SafeString:
    """A dotted code that may wrap after its dots and underscores, never inside a word."""
    return mark_safe(re.sub(r"([._])", r"\1<wbr>", str(escape(code))))  # noqa: S308 (escaped first)


@register.filter
def get_item(values: Any, name: str) -> Any:
    """A posted value by name (a QueryDict or a dict), for refilling a form after an error."""
    return values.get(name) if hasattr(values, "get") else None
