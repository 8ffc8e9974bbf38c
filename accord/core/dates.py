"""The two ways a page, a letter or a message shows time: a day, or an instant with its zone.

Both follow the reader's language (accord/formats). Time is UTC inside (DESIGN.md), so an instant
names UTC; pages then move it into the reader's own zone in the browser (web/accord.js).
"""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format, time_format
from django.utils.translation import get_language

ZONE = "UTC"


def day(value: dt.date | None) -> str:
    """A day, "4 December 2026"; an instant gives the day it fell on in UTC."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.astimezone(dt.UTC).date() if value.tzinfo else value.date()
    return date_format(value, "DATE_FORMAT")


def axis_day(value: dt.date) -> str:
    """A day on a drawing's time axis, short: "5 Jan", "5 янв", "5 jan". Only English writes a month
    with a capital inside a date (Django's "M" capitalizes every language's month, "b" none)."""
    month = "M" if (get_language() or "en").startswith("en") else "b"
    return date_format(value, f"j {month}")


def known_to_the_day(value: dt.datetime) -> bool:
    """Facts whose sources give only the day are recorded at 00:00 UTC (the demo's crises, say): an act
    recorded now carries its microseconds, so an instant exactly on midnight stands for a day."""
    utc = value.astimezone(dt.UTC)
    return utc.time() == dt.time(0, 0)


def instant(value: dt.datetime | None, *, seconds: bool = False) -> str:
    """An instant, "4 December 2026, 14:30 UTC" (with seconds where asked); a fact known only to the
    day shows the day alone, never a made-up 00:00."""
    if value is None:
        return ""
    if known_to_the_day(value):
        return day(value)
    utc = value.astimezone(dt.UTC)
    clock = time_format(utc, "H:i:s" if seconds else "TIME_FORMAT")
    return f"{date_format(utc, 'DATE_FORMAT')}, {clock} {ZONE}"
