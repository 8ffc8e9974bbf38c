"""The one date field of every page form: the day typed as the page shows it, in the reader's language.

A browser's own date input shows the browser's locale's format (mm/dd/yyyy in an American browser), which
contradicts the page's dates ("16 мая 2022 г.") and cannot be typed in the page's language. So a day is a
text input, shown as the page shows a day (`dates.day`), with the page's format said beside it, and read
back in any of the ways a person writes a day: the page's own ("16 мая 2022 г.", "16 May 2022", "16 mai
2022"), abbreviated ("16 янв. 2022", "16 Sept 2022"), day first with dots, slashes or dashes
("16.05.2022", "16/05/2022") and ISO 8601 ("2022-05-16"). Month names are read in every language the
site speaks, whatever the page's, so a day pasted from another language's page still reads.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.dates import MONTHS, MONTHS_3, MONTHS_ALT, MONTHS_AP
from django.utils.functional import lazy
from django.utils.translation import gettext

from accord.core import dates

# The day the examples show: the seed's summit.
EXAMPLE = dt.date(2022, 5, 16)

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:er)?\s*([^\W\d_]+)\.?,?\s*(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([^\W\d_]+)\.?\s*(\d{1,2}),?\s*(\d{4})$")
# What follows a year in Russian (the abbreviation of "year", or the word) and is not part of the day.
_YEAR_WORD = re.compile(r"\s*(?:г\.?|года?)$")


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


hint = lazy(_hint, str)
refusal = lazy(_refusal, str)
with_hint = lazy(_with_hint, str)


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
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        day = read_day(str(value))
        if day is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return day

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(data) != self.to_python(initial)
        except ValidationError:
            return True


def day_field(label: Any, *, required: bool = True, help_text: Any = "") -> DayField:
    """A form's day field (the one widget of dates on pages)."""
    return DayField(label=label, required=required, help_text=help_text)


__all__ = ["DayField", "DayInput", "day_field", "hint", "month_of", "numeric", "read_day", "refusal"]
