"""The one date field of every page form, and its time counterpart: the day typed as the page shows it, in
the reader's language, and with it, where a moment is asked, a time on a 24-hour clock in a named zone.

A browser's own date input shows the browser's locale's format (mm/dd/yyyy in an American browser), which
contradicts the page's dates ("16 мая 2022 г.") and cannot be typed in the page's language. So a day is a
text input, shown as the page shows a day (`dates.day`), with the page's format said beside it, and read
back in any of the ways a person writes a day: the page's own ("16 мая 2022 г.", "16 May 2022", "16 mai
2022"), abbreviated ("16 янв. 2022", "16 Sept 2022"), day first with dots, slashes or dashes
("16.05.2022", "16/05/2022") and ISO 8601 ("2022-05-16"). Month names are read in every language the
site speaks, whatever the page's, so a day pasted from another language's page still reads.

A moment (`InstantField`) is that day, a time ("14:30", "14.30", "14h30"; seconds where wanted) and the
zone they are read in, named beside the field: UTC, as the pages write instants, unless the page's script
(web/accord.js) puts the browser's own zone there before anything is typed. The zone travels with the form
(an IANA name, so a day in summer reads in summer time), and the moment is stored in UTC (DESIGN.md).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zoneinfo
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.dates import MONTHS, MONTHS_3, MONTHS_ALT, MONTHS_AP
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy

from accord.core import dates

# The day the examples show: the seed's summit; and a time of it.
EXAMPLE = dt.date(2022, 5, 16)
EXAMPLE_TIME = dt.time(14, 30)
# The zone a moment is read in when the page names no other: the zone of the pages' instants.
UTC = "UTC"

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:er)?\s*([^\W\d_]+)\.?,?\s*(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([^\W\d_]+)\.?\s*(\d{1,2}),?\s*(\d{4})$")
# What follows a year in Russian (the abbreviation of "year", or the word) and is not part of the day.
_YEAR_WORD = re.compile(r"\s*(?:г\.?|года?)$")
# A time on a 24-hour clock: "14:30", "14.30", "14h30" (French), "9:05", with seconds where they are wanted.
_CLOCK = re.compile(r"^(\d{1,2})[:.h](\d{2})(?:[:.](\d{2}))?$")


def _plain(word: str) -> str:
    """A word compared without case or accents ("Février" = "fevrier"; both sides alike, so "май" still reads)."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def _month_names() -> dict[str, int]:
    """Every month's name in every site language: full, genitive, short, and the AP's abbreviations."""
    names: dict[str, int] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for table in (MONTHS, MONTHS_ALT, MONTHS_3, MONTHS_AP):
                for number, name in table.items():
                    names[_plain(str(name)).rstrip(".")] = number
    return names


def month_of(word: str) -> int | None:
    """The month a word names: a name, or the start (three letters or more) of one that names one month only."""
    plain = _plain(word).rstrip(".")
    names = _month_names()
    if plain in names:
        return names[plain]
    if len(plain) < 3:
        return None
    found = {number for name, number in names.items() if name.startswith(plain)}
    return found.pop() if len(found) == 1 else None


def read_day(text: str) -> dt.date | None:
    """The day a person typed, or None when the text is not a day (a day the calendar lacks, 31 February, too)."""
    value = " ".join(str(text).split())
    value = _YEAR_WORD.sub("", value.casefold()).strip()
    numbers: tuple[str, str, str] | None = None
    if match := _ISO.match(value):
        numbers = (match[1], match[2], match[3])
    elif match := _NUMERIC.match(value):
        numbers = (match[3], match[2], match[1])
    elif match := _DAY_MONTH_YEAR.match(value):
        month = month_of(match[2])
        numbers = (match[3], str(month), match[1]) if month else None
    elif match := _MONTH_DAY_YEAR.match(value):
        month = month_of(match[1])
        numbers = (match[3], str(month), match[2]) if month else None
    if numbers is None:
        return None
    try:
        return dt.date(int(numbers[0]), int(numbers[1]), int(numbers[2]))
    except ValueError:
        return None


def read_time(text: str) -> dt.time | None:
    """The time of day a person typed on a 24-hour clock, or None when the text is not one ("25:00", "2 pm")."""
    match = _CLOCK.match("".join(str(text).split()).casefold())
    if match is None:
        return None
    try:
        return dt.time(int(match[1]), int(match[2]), int(match[3] or 0))
    except ValueError:
        return None


def numeric(day: dt.date) -> str:
    """A day in digits, day first, as the reader's language writes it ("16/05/2022", "16.05.2022")."""
    return gettext("%(day)s/%(month)s/%(year)s") % {
        "day": f"{day.day:02d}", "month": f"{day.month:02d}", "year": f"{day.year:04d}"}


def _hint() -> str:
    return gettext("Day, month, year: %(example)s or %(numeric)s.") % {
        "example": dates.day(EXAMPLE), "numeric": numeric(EXAMPLE)}


def _refusal() -> str:
    return gettext("Not a date: write it as %(example)s or %(numeric)s.") % {
        "example": dates.day(EXAMPLE), "numeric": numeric(EXAMPLE)}


def _with_hint(help_text: Any) -> str:
    return f"{help_text} {_hint()}" if help_text else _hint()


def _time_hint() -> str:
    return gettext("Time on a 24-hour clock: %(example)s.") % {"example": clock(EXAMPLE_TIME)}


def _time_refusal() -> str:
    return gettext("Not a time: write it on a 24-hour clock, as %(example)s.") % {"example": clock(EXAMPLE_TIME)}


def _with_hints(help_text: Any) -> str:
    return f"{_with_hint(help_text)} {_time_hint()}"


def clock(time: dt.time) -> str:
    """A time of day as a field shows it: "14:30", with the seconds only when there are some."""
    return time.strftime("%H:%M:%S" if time.second else "%H:%M")


hint = lazy(_hint, str)
refusal = lazy(_refusal, str)
with_hint = lazy(_with_hint, str)
time_refusal = lazy(_time_refusal, str)
with_hints = lazy(_with_hints, str)


Read = TypeVar("Read", dt.date, dt.time)


def _typed(field: forms.Field, value: Any, kind: type[Read], read: Callable[[str], Read | None]) -> Read | None:
    """What a field of typed text holds: nothing, a value given as such, or the text read (else refused)."""
    if value in field.empty_values:
        return None
    if isinstance(value, kind):
        return value
    found = read(str(value))
    if found is None:
        raise ValidationError(field.error_messages["invalid"], code="invalid")
    return found


class DayInput(forms.TextInput):
    """A day typed as text, shown as the page shows a day."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false", "size": "20", "class": "input--day",
                                **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.date):
            return dates.day(value)
        shown: str | None = super().format_value(value)  # what was typed, as typed
        return shown


class DayField(forms.DateField):
    """A day, typed as the page shows it or in digits (see the module's docstring), with the format said."""

    widget = DayInput
    default_error_messages = {"invalid": refusal()}

    def __init__(self, *, help_text: Any = "", **kwargs: Any) -> None:
        super().__init__(help_text=with_hint(help_text), **kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        return _typed(self, value, dt.date, read_day)

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(data) != self.to_python(initial)
        except ValidationError:
            return True


def day_field(label: Any, *, required: bool = True, help_text: Any = "") -> DayField:
    """A form's day field (the one widget of dates on pages)."""
    return DayField(label=label, required=required, help_text=help_text)


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones() - {"localtime"}) | {UTC}


def zone_of(name: str) -> zoneinfo.ZoneInfo | None:
    """The zone an IANA name names ("Europe/Moscow", "UTC"), or None."""
    return zoneinfo.ZoneInfo(name) if name in _zones() else None


# A moment written in one piece: a day, then a time ("16 May 2022, 14:30 UTC", "16/05/2022 14:30").
_ONE_PIECE = re.compile(r"^(.*?)[,\s]+(\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?)(?:\s+(\S+))?$")


def split_instant(text: str) -> list[str]:
    """A moment written in one piece as the day, the time and the zone a form's three parts hold: ISO 8601
    (its offset turned into UTC), or a day as DayField reads it followed by a time and, maybe, a zone."""
    value = " ".join(text.split())
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        match = _ONE_PIECE.match(value)
        return [match[1], match[2], match[3] or UTC] if match else [value, "", UTC]
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return [moment.date().isoformat(), clock(moment.time().replace(microsecond=0)), UTC]


class TimeInput(forms.TextInput):
    """A time of day typed as text on a 24-hour clock (a browser's own time input follows its locale's clock)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false", "size": "8", "class": "input--time",
                                "inputmode": "numeric", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.time):
            return clock(value)
        shown: str | None = super().format_value(value)
        return shown


class TimeField(forms.TimeField):
    """A time of day on a 24-hour clock, typed as text ("14:30"), refused in the reader's language."""

    widget = TimeInput
    default_error_messages = {"invalid": time_refusal()}

    def to_python(self, value: Any) -> dt.time | None:
        return _typed(self, value, dt.time, read_time)


class InstantInput(forms.MultiWidget):
    """A day, a time and the zone they are read in: the zone is carried hidden and named beside the time."""

    template_name = "core/forms/instant.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__((DayInput(), TimeInput(), forms.HiddenInput(attrs={"data-zone": ""})), attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.datetime):
            utc = value.astimezone(dt.UTC)
            return [utc.date(), utc.time().replace(microsecond=0), UTC]
        return [None, None, UTC]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[Any]:
        if f"{name}_0" not in data and data.get(name):
            return split_instant(str(data[name]))  # the moment in one piece (pasted, or a form of a script)
        values: list[Any] = super().value_from_datadict(data, files, name)
        values[2] = values[2] or UTC  # a form sent without the zone reads UTC
        return values

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and super().value_omitted_from_data(data, files, name)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context(name, value, attrs)
        _day, time, zone = context["widget"]["subwidgets"]
        context["zone"] = zone["value"] or UTC
        if time["attrs"].get("id"):  # the time is read in the zone named beside it
            time["attrs"]["aria-describedby"] = f"{time['attrs']['id']}_zone"
        return context


class InstantField(forms.MultiValueField):
    """A moment: a day as DayField reads it, a time on a 24-hour clock, and the zone named beside them;
    cleaned to an instant in UTC. Empty when both day and time are; one without the other is refused."""

    widget = InstantInput
    default_error_messages = {"incomplete": gettext_lazy("Give both the day and the time.")}

    def __init__(self, *, label: Any, required: bool = True, help_text: Any = "", **kwargs: Any) -> None:
        fields = (DayField(), TimeField(), forms.CharField(required=False))
        super().__init__(fields, label=label, required=required, help_text=with_hints(help_text),
                         require_all_fields=False, **kwargs)
        for field in self.fields[:2]:
            field.required = True  # each asked for once the other is given ("incomplete")
            field.error_messages["incomplete"] = self.error_messages["incomplete"]
        self.fields[0].help_text = ""

    def clean(self, value: Any) -> dt.datetime | None:
        # The zone is always there: a moment is empty when neither its day nor its time is typed.
        if isinstance(value, (list, tuple)) and all(part in self.empty_values for part in value[:2]):
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        cleaned: dt.datetime | None = super().clean(value)
        return cleaned

    def compress(self, data_list: list[Any]) -> dt.datetime | None:
        if not data_list or (data_list[0] is None and data_list[1] is None):
            return None
        day, time, name = data_list
        zone = zone_of(str(name or UTC))
        if zone is None:
            raise ValidationError(gettext("Not a time zone: %(zone)s.") % {"zone": name}, code="zone")
        return dt.datetime.combine(day, time, tzinfo=zone).astimezone(dt.UTC)

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return bool(self.clean(data) != initial)
        except ValidationError:
            return True


__all__ = ["UTC", "DayField", "DayInput", "InstantField", "InstantInput", "TimeField", "TimeInput", "clock",
           "day_field", "hint", "month_of", "numeric", "read_day", "read_time", "refusal", "zone_of"]
