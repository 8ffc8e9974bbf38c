"""The parts of a theme's page that repeat per value, written here rather than by the template engine: a
chart's corrected points and the rows of the table under it, escaped by format_html (bench/monitoring.py)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal

from django.urls import reverse
from django.utils import translation
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from accord.core import dates
from accord.core.history import Signer
from accord.core.provenance import FieldProvenance
from accord.core.templatetags.provenance import certainty
from accord.monitoring.drawing import Point
from accord.monitoring.queries import Reported


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


def points(shown: Iterable[Point], names: dict[str, str]) -> SafeString:
    """A series' corrected values, hollow circles, each with its member, day and value as its title."""
    day = _Days()
    return format_html_join(
        "", '<circle cx="{}" cy="{}" r="4" fill="#fff" stroke="#888" class="corrected"><title>{}, {}: {} ({})'
            '</title></circle>', (
            (point.x, point.y, names.get(point.value.member_id, point.value.member_id), day(point.value.as_of),
             _number(point.value.value), _("corrected by a later report")) for point in shown))


class _Marks:
    """What the core `certainty` tag reads its provenance from (a request's cache): the marks read already."""

    def __init__(self, marks: Mapping[int, FieldProvenance]) -> None:
        self._accord_provenance = {seq: {"value": mark} for seq, mark in marks.items()}


def value_rows(values: Iterable[Reported], unit: str, names: dict[str, str],
               marks: Mapping[int, FieldProvenance] | None = None,
               signers: Mapping[int, Signer] | None = None) -> SafeString:
    """The table's rows: as of, member, value (its certainty mark, corrects, corrected, who signed it), source,
    reported on (late). `marks` are the values' certainties by entry (queries.marks), shown by the core mark;
    `signers` who signed a value's act themselves, by entry (queries.signers), linked to its entry."""
    day = _Days()
    marks = marks or {}
    signers = signers or {}
    context = {"request": _Marks(marks)}
    corrected = format_html(' <span class="note">{}</span>', _("corrected by a later report"))
    no_source = format_html("<em>{}</em>", _("no source given"))
    late = format_html(' <strong class="late">({})</strong>', _("late"))
    rows = []
    for value in values:
        is_corrected = bool(vars(value).get("is_corrected"))
        notes = SafeString("")
        if value.entry_seq in marks:
            notes += certainty(context, value.entry_seq, "value")
        earlier = vars(value).get("earlier")
        if earlier is not None:
            notes += format_html(' <span class="note">{}</span>',
                                 _("corrects %(earlier)s") % {"earlier": _number(earlier.value)})
        if is_corrected:
            notes += corrected
        signer = signers.get(value.entry_seq)
        if signer is not None:
            notes += format_html(' <a class="note signed" href="{}">{}</a>',
                                 reverse("web:entry", args=[value.entry_seq]),
                                 _("signed by %(person)s with key %(key)s")
                                 % {"person": signer.person, "key": signer.key})
        rows.append(format_html(
            '<tr data-value="{}"{}><td><time datetime="{}">{}</time></td><td>{}</td><td>{} {}{}</td><td>{}</td>'
            '<td><time datetime="{}">{}</time>{}</td></tr>',
            value.pk, SafeString(' class="corrected"') if is_corrected else "", value.as_of.isoformat(),
            day(value.as_of), names.get(value.member_id, value.member_id), _number(value.value), unit, notes,
            value.source or no_source, value.reported_on.isoformat(), day(value.reported_on),
            late if vars(value).get("late") else ""))
    return SafeString("\n".join(rows))
