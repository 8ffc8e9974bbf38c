"""The one date field of the page forms: a day typed as the page shows it in the reader's language, in digits
day first, or in ISO 8601; shown back as the page shows a day; refused beside its field in the page's language.
And its time counterpart: that day, a time on a 24-hour clock, and the zone named beside them."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest
from django import forms
from django.utils import translation

from accord.core.dayfield import DayField, InstantField, TimeField, read_day, read_time
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


@pytest.mark.parametrize(("typed", "time"), [
    ("14:30", dt.time(14, 30)), ("9:05", dt.time(9, 5)), ("14.30", dt.time(14, 30)), ("14h30", dt.time(14, 30)),
    (" 23:59:58 ", dt.time(23, 59, 58)), ("00:00", dt.time(0, 0)),
])
def test_it_reads_a_time_on_a_24_hour_clock(typed: str, time: dt.time) -> None:
    assert read_time(typed) == time


@pytest.mark.parametrize("typed", ["", "24:00", "14:60", "2 pm", "2:30 PM", "1430", "14", "14:3", "noon"])
def test_it_refuses_what_is_not_a_time(typed: str) -> None:
    assert read_time(typed) is None


class _Moments(ActForm):
    at = InstantField(label="At")
    until = InstantField(label="Until", required=False)


def _moment(name: str, day: str, time: str, zone: str = "UTC") -> dict[str, str]:
    return {f"{name}_0": day, f"{name}_1": time, f"{name}_2": zone}


@pytest.mark.parametrize(("language", "day", "time", "zone", "instant"), [
    ("ru", "16 мая 2022 г.", "14:30", "Europe/Moscow", dt.datetime(2022, 5, 16, 11, 30, tzinfo=dt.UTC)),
    ("en", "16/05/2022", "14:30", "UTC", dt.datetime(2022, 5, 16, 14, 30, tzinfo=dt.UTC)),
    ("fr", "16 mai 2022", "14h30", "America/New_York", dt.datetime(2022, 5, 16, 18, 30, tzinfo=dt.UTC)),
])
def test_a_moment_is_its_day_as_the_page_writes_it_a_time_and_a_named_zone(
        language: str, day: str, time: str, zone: str, instant: dt.datetime) -> None:
    with translation.override(language):
        form = _Moments({**_moment("at", day, time, zone), **_moment("until", "", "")})
        assert form.is_valid(), form.errors
        assert form.cleaned_data == {"at": instant, "until": None}


def test_a_moment_is_shown_as_the_page_writes_a_day_with_its_time_and_zone_named_beside_it() -> None:
    with translation.override("ru"):
        page = str(_Moments(initial={"at": dt.datetime(2022, 5, 16, 11, 30, 5, tzinfo=dt.UTC)}))
    assert 'value="16 мая 2022 г."' in page
    assert 'value="11:30:05"' in page
    assert "Часовой пояс: UTC" in page
    assert 'name="at_2" value="UTC"' in page
    # Each part has its label, the whole its legend; the time names its zone; nothing is a browser's widget.
    assert '<label for="id_at_0" class="instant__label">День</label>' in page
    assert '<label for="id_at_1" class="instant__label">Время</label>' in page
    assert 'aria-describedby="id_at_1_zone"' in page
    assert "<legend" in page
    assert "Время по 24-часовым часам: 14:30." in page
    assert 'type="datetime-local"' not in page
    assert 'type="time"' not in page


def test_a_refused_moment_names_its_field_in_the_pages_language_and_comes_back_as_typed() -> None:
    with translation.override("ru"):
        form = _Moments({**_moment("at", "16 мая 2022 г.", "25:00", "Europe/Moscow"),
                         **_moment("until", "", "14:30", "Asia/Almaty")})
        assert not form.is_valid()
        assert form.errors == {
            "at": ["Это не время: напишите его по 24-часовым часам, так: 14:30."],
            "until": ["Укажите и день, и время."]}
        page = str(form)
    assert 'value="16 мая 2022 г."' in page
    assert 'value="25:00"' in page
    assert 'value="14:30"' in page
    assert "Часовой пояс: Europe/Moscow" in page
    assert 'name="until_2" value="Asia/Almaty"' in page
    with translation.override("ru"):
        assert _Moments({**_moment("at", "", "")}).errors["at"] == ["Обязательное поле."]


def test_a_moment_written_in_one_piece_reads_too() -> None:
    """As a page writes it, or ISO 8601 with an offset (what a script sends): the same instant."""
    for written in ("16 мая 2022 г., 14:30 Europe/Moscow", "2022-05-16T14:30:00+03:00", "16.05.2022 11:30"):
        form = _Moments({"at": written})
        assert form.is_valid(), (written, form.errors)
        assert form.cleaned_data["at"] == dt.datetime(2022, 5, 16, 11, 30, tzinfo=dt.UTC)


def test_a_time_field_is_a_24_hour_text_refused_in_the_pages_language() -> None:
    class _Slot(ActForm):
        starts_at = TimeField(label="From")

    with translation.override("fr"):
        assert _Slot({"starts_at": "2 pm"}).errors["starts_at"] == [
            "Ce n’est pas une heure : écrivez-la sur 24 heures, comme 14:30."]
        assert 'type="text"' in str(_Slot())


def test_every_page_forms_date_is_a_day_field() -> None:
    """No page form keeps a browser's own date, time or date-and-time input (its format contradicts the
    page's, and names no zone): every day typed on a page goes through DayField, every moment through
    InstantField (a DayField and a time), every time of day through its TimeField."""
    from django.apps import apps

    found = []
    moments = []
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
                    if isinstance(field, InstantField):
                        moments.append((cls.__name__, field_name))
                    where = (cls, field_name)
                    assert not isinstance(field, (forms.DateTimeField, forms.SplitDateTimeField)), where
                    assert isinstance(field, TimeField) or not isinstance(field, forms.TimeField), where
                    widgets = getattr(field.widget, "widgets", [field.widget])
                    assert not any(isinstance(widget, (forms.DateInput, forms.DateTimeInput, forms.TimeInput))
                                   and not isinstance(widget, forms.HiddenInput) for widget in widgets), (
                        cls, field_name)
                    assert not any(getattr(widget, "input_type", "") in ("date", "time", "datetime-local")
                                   for widget in widgets), (cls, field_name)
    assert len(found) >= 20
    assert len(moments) >= 10, moments
