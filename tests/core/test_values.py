"""Days and instants as every app's actions read them (accord.core.values)."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.core.errors import InvalidInput
from accord.core.values import date_of, instant_of


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
