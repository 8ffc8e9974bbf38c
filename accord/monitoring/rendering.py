"""The parts of a theme's page that grow with its series, written here rather than by the template engine:
a chart's points and the table of values under it. A theme of 10 indicators × 20 years of monthly values
has 2,400 of each, which Django's template loop renders in seconds; these give the same markup, escaped by
format_html, in milliseconds (bench/monitoring.py)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.utils import translation
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from accord.core import dates
from accord.monitoring.drawing import Point
from accord.monitoring.models import Value


@functools.lru_cache(maxsize=8192)
def _day_in(language: str | None, day: dt.date) -> str:
    with translation.override(language):
        return dates.day(day)


def _Days() -> Callable[[dt.date], str]:
    """Each day in the reader's language, written once per language and day (a series repeats its days)."""
    language = translation.get_language()
    return lambda day: _day_in(language, day)


def _number(value: Decimal) -> str:
    return str(localize(value.normalize()))


def points(shown: Iterable[Point]) -> SafeString:
    """A series' circles, a corrected value hollow, each with its member, day and value as its title."""
    day = _Days()
    hollow, filled = SafeString('fill="#fff" stroke="#888" class="corrected"'), SafeString('fill="#1d4e89"')
    return format_html_join("", '<circle cx="{}" cy="{}" r="4" {}><title>{}, {}: {}</title></circle>', (
        (point.x, point.y, hollow if point.corrected else filled, point.value.member_id, day(point.value.as_of),
         _number(point.value.value)) for point in shown))


def value_rows(values: Iterable[Value], unit: str) -> SafeString:
    """The table's rows: as of, member, value (illustrative, corrects, corrected), source, reported on (late)."""
    day = _Days()
    illustrative = format_html(" ({})", _("illustrative"))
    corrected = format_html(' <span class="note">{}</span>', _("corrected by a later report"))
    no_source = format_html("<em>{}</em>", _("no source given"))
    late = format_html(' <strong class="late">({})</strong>', _("late"))
    rows = []
    for value in values:
        is_corrected = bool(vars(value).get("is_corrected"))
        notes = SafeString("")
        if value.illustrative:
            notes += illustrative
        if value.corrects is not None:
            notes += format_html(' <span class="note">{}</span>',
                                 _("corrects %(earlier)s") % {"earlier": _number(value.corrects.value)})
        if is_corrected:
            notes += corrected
        rows.append(format_html(
            '<tr data-value="{}"{}><td><time datetime="{}">{}</time></td><td>{}</td><td>{} {}{}</td><td>{}</td>'
            '<td><time datetime="{}">{}</time>{}</td></tr>',
            value.pk, SafeString(' class="corrected"') if is_corrected else "", value.as_of.isoformat(),
            day(value.as_of), value.member.name, _number(value.value), unit, notes,
            value.source or no_source, value.reported_on.isoformat(), day(value.reported_on),
            late if vars(value).get("late") else ""))
    return SafeString("\n".join(rows))
