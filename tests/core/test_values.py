"""Days and instants as every app's actions read them (accord.core.values)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from accord.core.errors import InvalidInput
from accord.core.values import choice_of, date_of, instant_of, iso_of, text_of


def test_a_day_is_read_from_text_a_date_or_a_datetime_and_empty_is_none() -> None:
    assert date_of("2022-05-16", "on") == dt.date(2022, 5, 16)
    assert date_of(dt.date(2022, 5, 16), "on") == dt.date(2022, 5, 16)
    assert date_of(dt.datetime(2022, 5, 16, 23, 0, tzinfo=dt.UTC), "on") == dt.date(2022, 5, 16)
    assert date_of("", "on") is None
    assert date_of(None, "on") is None


def test_a_bad_day_is_refused_at_its_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        date_of("16/05/2022", "signed_on")
    assert (caught.value.field, caught.value.reason) == ("signed_on", "'16/05/2022' is not a date (YYYY-MM-DD)")


def test_an_instant_is_kept_in_utc_and_needs_its_zone_unless_the_form_asks_for_utc() -> None:
    assert instant_of("2022-05-16T13:00:00+03:00", "at") == dt.datetime(2022, 5, 16, 10, 0, tzinfo=dt.UTC)
    assert instant_of("", "at") is None
    with pytest.raises(InvalidInput) as caught:
        instant_of("2022-05-16T13:00", "deadline")
    assert caught.value.field == "deadline"
    assert "time zone" in caught.value.reason
    utc = instant_of("2022-05-16T13:00", "at", naive_is_utc=True)
    assert utc == dt.datetime(2022, 5, 16, 13, 0, tzinfo=dt.UTC)
    with pytest.raises(InvalidInput) as caught:
        instant_of("soon", "at")
    assert caught.value.field == "at"


def test_text_is_stripped_a_title_is_one_line_and_other_text_keeps_its_lines() -> None:
    assert text_of("  Joint statement \n on   ports ", "title_en") == "Joint statement on ports"
    assert text_of(" first line\nsecond line \n", "reason") == "first line\nsecond line"
    assert text_of("   ", "note", required=False) == ""
    assert text_of(None, "note", required=False) == ""


def test_text_is_refused_at_its_field_when_missing_too_long_or_unstorable() -> None:
    with pytest.raises(InvalidInput) as missing:
        text_of(" \t", "title_en")
    assert (missing.value.field, missing.value.reason) == ("title_en", "is required")
    with pytest.raises(InvalidInput) as long:
        text_of("x" * 12, "place", limit=10)
    assert (long.value.field, long.value.reason) == ("place", "is 12 characters long; at most 10")
    with pytest.raises(InvalidInput) as nul:
        text_of("a\x00b", "reason")
    assert nul.value.field == "reason"
    with pytest.raises(InvalidInput) as bidi:
        text_of("Evil\u202etxt.exe", "title_ru")
    assert bidi.value.reason == "contains a bidirectional control character"


def test_text_refusals_are_in_the_readers_language() -> None:
    with translation.override("ru"), pytest.raises(InvalidInput) as missing:
        text_of("", "title_en")
    assert missing.value.reason == "обязательное поле"


@pytest.mark.parametrize(("language", "date", "instant", "zone", "range_"), [
    ("ru", "'16/05/2022' не является датой (ГГГГ-ММ-ДД)",
     "'soon' не является моментом времени (ISO 8601, с часовым поясом)",
     "должно указывать часовой пояс", "вне допустимого диапазона моментов времени"),
    ("fr", "'16/05/2022' n’est pas une date (AAAA-MM-JJ)",
     "'soon' n’est pas un instant (ISO 8601, avec son fuseau horaire)",
     "doit indiquer son fuseau horaire", "est hors de la plage des instants"),
], ids=["ru", "fr"])
def test_day_and_instant_refusals_are_in_the_readers_language(
    language: str, date: str, instant: str, zone: str, range_: str
) -> None:
    with translation.override(language):
        with pytest.raises(InvalidInput) as day:
            date_of("16/05/2022", "signed_on")
        with pytest.raises(InvalidInput) as not_instant:
            instant_of("soon", "at")
        with pytest.raises(InvalidInput) as no_zone:
            instant_of("2022-05-16T13:00", "deadline")
        with pytest.raises(InvalidInput) as out_of_range:
            instant_of("0001-01-01T00:00:00+14:00", "at")
    assert (day.value.field, day.value.reason) == ("signed_on", date)
    assert (not_instant.value.field, not_instant.value.reason) == ("at", instant)
    assert no_zone.value.reason.startswith(zone)
    assert "2022-05-16T10:00:00+03:00" in no_zone.value.reason
    assert out_of_range.value.reason.startswith(range_)


def test_a_choice_is_one_of_the_codes_exactly_as_given() -> None:
    assert choice_of("urgent", "priority", ["normal", "urgent"]) == "urgent"
    assert choice_of("", "body", ["", "council"]) == ""
    with pytest.raises(InvalidInput) as other:
        choice_of(" urgent", "priority", ["normal", "urgent"])
    assert (other.value.field, other.value.reason) == ("priority", "' urgent' is not one of: normal, urgent")
    with pytest.raises(InvalidInput) as missing:
        choice_of(None, "priority", ["normal", "urgent"])
    assert missing.value.reason == "is required"


def test_an_entry_writes_a_day_as_is_and_an_instant_in_utc() -> None:
    moscow = dt.timezone(dt.timedelta(hours=3))
    assert iso_of(dt.date(2022, 5, 16)) == "2022-05-16"
    assert iso_of(dt.datetime(2022, 5, 16, 13, 0, tzinfo=moscow)) == "2022-05-16T10:00:00+00:00"
    assert iso_of(dt.datetime(2022, 5, 16, 10, 0)) == "2022-05-16T10:00:00+00:00"
    assert iso_of(None) is None
