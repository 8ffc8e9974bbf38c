"""Template filters that put the codes of acts and registries into the viewer's words."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from accord.core import dates, labels, translations
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
    """A language's name in the viewer's language ("Russian", "русский", "russe"), any ISO 639 code."""
    return translations.language_name(str(code))


@register.filter
def tr(value: Any) -> SafeString:
    """A translatable text in the reader's language, with its `lang`; a stand-in for a missing
    translation says so ("in Russian") beside it, so that no reader takes it for the translation."""
    picked = translations.Texts.of(value).pick()
    if not picked.text:
        return mark_safe("")
    text = escape(picked.text)
    if not picked.fallback:
        return mark_safe(f'<span lang="{picked.language}">{text}</span>')  # noqa: S308 (escaped)
    language = translations.language_name(picked.language, in_a_sentence=True)
    note = escape(_("not translated; in %(language)s") % {"language": language})
    return mark_safe(  # noqa: S308 (escaped)
        f'<span lang="{picked.language}">{text}</span> <small class="untranslated">({note})</small>')


@register.filter
def tr_text(value: Any) -> str:
    """A translatable text in the reader's language as plain text (for attributes and titles)."""
    return translations.Texts.of(value).pick().text


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


@register.filter(is_safe=True)
def one_line(text: str) -> str:
    """A short text (an attribute, a title) written over several template lines for reading, printed as one
    line: each run of whitespace becomes one space and the ends are trimmed (`{% filter one_line %}`)."""
    return " ".join(text.split())


@register.filter
def get_item(values: Any, name: str) -> Any:
    """A posted value by name (a QueryDict or a dict), for refilling a form after an error."""
    return values.get(name) if hasattr(values, "get") else None


@register.filter
def day(value: dt.date | None) -> str:
    """A day in the reader's language (accord/core/dates.py)."""
    return dates.day(value)


@register.filter
def axis_day(value: dt.date) -> str:
    """A day on a drawing's time axis, short, in the reader's language (accord/core/dates.py)."""
    return dates.axis_day(value)


@register.filter
def instant(value: dt.datetime | None, precision: str = "") -> str:
    """An instant in the reader's language with its zone; `|instant:"seconds"` adds the seconds."""
    return dates.instant(value, seconds=precision == "seconds")
