"""Filters on a list page: GET parameters kept in the URL, applied to what the viewer may already see.

Each list offers only the values found among the rows the viewer may see (a year, a body, a member), so the
choices hint at nothing hidden. A value not offered is refused beside its field, by its label, and the other
filters still apply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from accord.core.dayfield import DayField

T = TypeVar("T")
Choices = Sequence[tuple[str, Any]]  # (value, label): a label may be a lazy translation


class ListFilters(forms.Form):
    """A list page's filters; a subclass declares them as optional ChoiceFields (and DateFields)."""

    def __init__(self, data: QueryDict, choices: Mapping[str, Choices] | None = None) -> None:
        asked = any(data.get(name) for name in self.base_fields)
        super().__init__(data if asked else None, auto_id="filter-%s")
        for name, options in (choices or {}).items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", _("All")), *options]

    def chosen(self) -> dict[str, Any]:
        """The filters asked for and valid, by name."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value not in ("", None)}

    @property
    def asked(self) -> bool:
        return self.is_bound


def choice(label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False)


def day_field(label: Any) -> DayField:
    return DayField(label=label, required=False)


def offered(values: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each (value, label) once, in label order: the choices a list's own rows give."""
    return sorted(dict(values).items(), key=lambda pair: pair[1])


def years(days: Iterable[dt.date | dt.datetime | None]) -> list[tuple[str, str]]:
    """The years of these days, newest first."""
    found = sorted({day.year for day in days if day is not None}, reverse=True)
    return [(str(year), str(year)) for year in found]


def narrow(rows: Iterable[T], chosen: Mapping[str, Any], tests: Mapping[str, Callable[[T, Any], bool]]) -> list[T]:
    """The rows that pass the test of every filter chosen."""
    active = [(tests[name], value) for name, value in chosen.items() if name in tests]
    return [row for row in rows if all(test(row, value) for test, value in active)]
