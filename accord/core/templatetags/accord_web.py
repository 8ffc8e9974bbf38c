"""Template filters that put the codes of acts and registries into the viewer's words."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _

from accord.core import clock, dates, drawing, labels, translations
from accord.core.rows import Names

register = template.Library()


@register.filter
def time_left(deadline: dt.datetime) -> str:
    """Django's `timeuntil`, counted from the clock's `now` (which marks the page as read at an instant), not
    from a wall clock of its own that a page cached on the log's head would not know it read."""
    return timeuntil(deadline, clock.now())


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
def names_of(things: Iterable[Any]) -> str:
    """Things that have a `name` (member states, bodies), named in the reader's language, in a comma list."""
    return ", ".join(tr_text(thing.name) for thing in things)


@register.filter
def person_name(names: Names, handle: str | None) -> str | None:
    return names.person(handle)


@register.filter
def person_role(names: Names, handle: str | None) -> str | None:
    return names.role(handle)


@register.filter
def member_name(names: Names, code: str | None) -> str | None:
    return names.member(code)


@register.filter
def key_groups(value: str) -> SafeString:
    """A signing key or its id in groups of four characters ("ed25519:" kept whole before them), which a line
    breaks between and never inside; the gaps are the style's, so a key copied is the key as written."""
    text = str(value)
    head, colon, rest = text.rpartition(":")
    parts = [format_html('<span class="key__algorithm">{}</span>', head + colon)] if colon else []
    parts += [format_html('<span class="key__group">{}</span>', rest[start:start + 4])
              for start in range(0, len(rest), 4)]
    return mark_safe("<wbr>".join(parts))  # noqa: S308 (each part escaped)


@register.filter
def label_from(band_percent: float, text: str | None) -> str:
    """The class of a drawn band whose label `text` fits from some width of the drawing on ("band--label-from-720",
    see drawing.label_fits_from), "" when it never fits (the band keeps its code)."""
    width = drawing.label_fits_from(text or "", float(band_percent))
    return "" if width is None else f"band--label-from-{width}"


@register.filter(is_safe=True)
def one_line(text: str) -> str:
    """A short text (an attribute, a title) written over several template lines for reading, printed as one
    line: each run of whitespace becomes one space and the ends are trimmed (`{% filter one_line %}`)."""
    return " ".join(text.split())


@register.filter
def get_item(values: Any, name: str) -> Any:
    """A posted value by name (a QueryDict or a dict), for refilling a form after an error."""
    return values.get(name) if hasattr(values, "get") else None


def _unbroken(text: str) -> SafeString:
    """Text a line never breaks inside (a day, "16 мая 2022 г.", or a time and its zone): the bytes are the
    formatter's own, so what the page says is what dates.py writes, and only the style keeps it whole."""
    return format_html('<span class="date">{}</span>', text) if text else SafeString("")


@register.filter
def day(value: dt.date | None, breaks: str = "") -> SafeString:
    """A day in the reader's language (accord/core/dates.py), never broken across two lines; `|day:"year"`
    lets a narrow column break it before its year, and only there ("16 мая" / "2022 г.")."""
    text = dates.day(value)
    return _year_broken(text) if breaks == "year" else _unbroken(text)


def _year_broken(text: str) -> SafeString:
    """A day that a narrow column may break before its year, and only there ("16 мая" / "2022 г.")."""
    year = re.search(r" (?=\d{4}\b)", text)
    if year is None:
        return _unbroken(text)
    return format_html('<span class="date-parts">{} {}</span>', _unbroken(text[:year.start()]),
                       _unbroken(text[year.end():]))


@register.filter
def axis_day(value: dt.date) -> str:
    """A day on a drawing's time axis, short, in the reader's language (accord/core/dates.py)."""
    return dates.axis_day(value)


@register.filter
def instant(value: dt.datetime | None, precision: str = "") -> SafeString:
    """An instant in the reader's language with its zone; `|instant:"seconds"` adds the seconds. Neither its
    day nor its time and zone is broken across two lines (it may break after the day's comma); `|instant:"year"`
    lets a narrow column break its day before the year too, as `|day:"year"` (the page's script keeps that when
    it moves the time into the reader's zone: the <time> then carries data-year-break)."""
    text = dates.instant(value, seconds=precision == "seconds")
    shown, comma, clock = text.rpartition(", ")
    whole = _year_broken if precision == "year" else _unbroken
    if not comma or value is None or dates.known_to_the_day(value):
        return whole(text)
    return format_html("{}, {}", whole(shown), _unbroken(clock))
