"""Dates and instants as acts take them: ISO 8601 text or Python values, refused at their field.

Every app's actions read days and instants through these two, so that a bad value is named the
same way everywhere and an instant is always stored in UTC (DESIGN.md: time is UTC inside).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from accord.core.errors import InvalidInput


def date_of(value: Any, field: str) -> dt.date | None:
    """A day (YYYY-MM-DD, or a date); None when not given."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput(field, f"{value!r} is not a date (YYYY-MM-DD)") from None


def instant_of(value: Any, field: str, *, naive_is_utc: bool = False) -> dt.datetime | None:
    """An instant in UTC (ISO 8601 with its zone, or an aware datetime); None when not given.

    A time without a zone is refused, unless `naive_is_utc` says the form asks for UTC already.
    """
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        instant = value
    else:
        try:
            instant = dt.datetime.fromisoformat(str(value))
        except ValueError:
            raise InvalidInput(field, f"{value!r} is not an instant (ISO 8601, with its zone)") from None
    if instant.tzinfo is None:
        if not naive_is_utc:
            raise InvalidInput(field, "must give its time zone (an instant, e.g. 2022-05-16T10:00:00+03:00)")
        instant = instant.replace(tzinfo=dt.UTC)
    try:
        return instant.astimezone(dt.UTC)
    except OverflowError:  # 0001-01-01T00:00:00+14:00 is before the first instant a datetime holds
        raise InvalidInput(field, "is out of the range of instants (years 1 to 9999 in UTC)") from None
