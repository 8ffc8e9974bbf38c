"""Template filters for what other apps' pages show of a decision: its identifier in the reader's language."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString

from accord.core.templatetags.accord_web import tr
from accord.decisions.queries import identifier_texts

register = template.Library()


@register.filter
def decision_identifier(identifier: str | None) -> SafeString:
    """A decision's identifier as the reader's language writes it (`|tr`, with its `lang`); one the register
    does not hold (a decision taken before it) as it was recorded."""
    if not identifier:
        return SafeString("")
    texts = identifier_texts(identifier)
    return tr(texts) if texts is not None else escape(identifier)
