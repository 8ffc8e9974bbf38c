"""The one date field of the page forms: a day typed as the page shows it in the reader's language, in digits
day first, or in ISO 8601; shown back as the page shows a day; refused beside its field in the page's language."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest
from django import forms
from django.utils import translation

from accord.core.dayfield import DayField, read_day
from accord.core.pages import ActForm

SUMMIT = dt.date(2022, 5, 16)


@pytest.mark.parametrize("typed", [
    "16 мая 2022 г.", "16 мая 2022", "16 Мая 2022 года", "16.05.2022", "16 May 2022", "16 may 2022",
    "May 16, 2022", "16/05/2022", "16-05-2022", "2022-05-16", " 16  mai   2022 ", "16 MAI 2022", "16 май 2022",
])
def test_it_reads_a_day_as_each_language_writes_it(typed: str) -> None:
    assert read_day(typed) == SUMMIT


@pytest.mark.parametrize(("typed", "day"), [
    ("1er mai 2022", dt.date(2022, 5, 1)), ("3 févr. 2023", dt.date(2023, 2, 3)),
    ("3 fevrier 2023", dt.date(2023, 2, 3)), ("9 сент. 2021", dt.date(2021, 9, 9)),
    ("9 Sept 2021", dt.date(2021, 9, 9)), ("1 янв 2020", dt.date(2020, 1, 1)),
    ("29.02.2024", dt.date(2024, 2, 29)), ("31 декабря 2026 г.", dt.date(2026, 12, 31)),
])
def test_it_reads_abbreviated_months_and_the_edges_of_the_calendar(typed: str, day: dt.date) -> None:
    assert read_day(typed) == day


@pytest.mark.parametrize("typed", [
    "", "hello", "31.02.2022", "29.02.2023", "16.13.2022", "05/16/2022", "16 ma 2022", "16 2022", "2022-5",
    "16 mayo 2022x", "0.05.2022", "16.05.22", "2022-05-16T10:00",
])
def test_it_refuses_what_is_not_a_day(typed: str) -> None:
    assert read_day(typed) is None


class _Form(ActForm):
    on = DayField(label="On")
    until = DayField(label="Until", required=False, help_text="Left empty: open-ended.")


@pytest.mark.parametrize(("language", "typed", "shown"), [
    ("ru", "16 мая 2022 г.", "16 мая 2022 г."), ("en", "16/05/2022", "16 May 2022"),
    ("fr", "2022-05-16", "16 mai 2022"),
])
def test_a_form_takes_the_page_day_and_shows_a_day_as_the_page_does(language: str, typed: str, shown: str) -> None:
    with translation.override(language):
        form = _Form({"on": typed, "until": ""})
        assert form.is_valid(), form.errors
        assert form.cleaned_data == {"on": SUMMIT, "until": None}
        assert f'value="{shown}"' in str(_Form(initial={"on": SUMMIT})["on"])


def test_a_refused_day_is_named_by_its_field_in_the_pages_language_and_comes_back_as_typed() -> None:
    with translation.override("ru"):
        form = _Form({"on": "32 мая 2022", "until": "завтра"})
        assert not form.is_valid()
        refusal = "Это не дата: напишите её так: 16 мая 2022 г. или 16.05.2022."
        assert form.errors == {"on": [refusal], "until": [refusal]}
        page = str(form)
        assert 'value="32 мая 2022"' in page
        assert 'value="завтра"' in page
        assert "<label for=\"id_on\">On" in page
    with translation.override("en"):
        assert _Form({"on": "x"}).errors["on"] == ["Not a date: write it as 16 May 2022 or 16/05/2022."]


def test_the_format_is_said_beside_the_field_in_the_pages_language_after_its_own_hint() -> None:
    with translation.override("ru"):
        page = str(_Form())
        assert "День, месяц, год: 16 мая 2022 г. или 16.05.2022." in page
        assert "Left empty: open-ended. День, месяц, год" in page
        assert 'aria-describedby="id_on_helptext"' in page
        assert 'type="text"' in page
        assert 'type="date"' not in page
    with translation.override("fr"):
        assert "Jour, mois, année : 16 mai 2022 ou 16/05/2022." in str(_Form())


def test_every_page_forms_date_is_a_day_field() -> None:
    """No page form keeps a browser's own date input (its format contradicts the page's): every day typed on a
    page goes through DayField."""
    from django.apps import apps

    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("accord."):
            continue
        try:
            module = __import__(f"{config.name}.forms", fromlist=["forms"])
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                for field_name, field in getattr(cls, "base_fields", {}).items():
                    if isinstance(field, forms.DateField):
                        found.append((cls.__name__, field_name))
                        assert isinstance(field, DayField), (cls, field_name)
                        assert not isinstance(field.widget, forms.DateInput), (cls, field_name)
    assert len(found) >= 20
