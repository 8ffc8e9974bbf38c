"""Template filters for what other apps' pages show of a decision: its identifier in the reader's language."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString

from accord.core.templatetags.accord_web import tr
from accord.decisions.models import Decision
from accord.decisions.queries import identifier_texts

register = template.Library()


@register.filter
def decision_identifier(named: str | Decision | None) -> SafeString:
    """A decision's identifier as the reader's language writes it (`|tr`, with its `lang`): of an identifier,
    or of the decision a page has read already; one the register does not hold (a decision taken before it)
    as it was recorded."""
    if isinstance(named, Decision):
        texts, identifier = named.identifier_texts or None, named.identifier or ""
    elif not named:
        return SafeString("")
    else:
        texts, identifier = identifier_texts(named), named
    return tr(texts) if texts is not None else escape(identifier)
