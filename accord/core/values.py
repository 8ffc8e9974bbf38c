"""Values as acts take them: days and instants (ISO 8601 text or Python values), text and choices,
each refused at its field, and the one way an entry's body writes a day or an instant.

Every app's actions read their values through these, so that a bad value is named the same way
everywhere, in the reader's language, and an instant is always stored in UTC (DESIGN.md: time is UTC
inside).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from accord.core import replaying
from accord.core.errors import InvalidInput
from accord.core.text import is_name_or_title, refusal


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
        raise InvalidInput(field, _("%(value)s is not a date (YYYY-MM-DD)") % {"value": repr(value)}) from None


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
            raise InvalidInput(field, _("%(value)s is not an instant (ISO 8601, with its zone)")
                               % {"value": repr(value)}) from None
    if instant.tzinfo is None:
        if not naive_is_utc:
            raise InvalidInput(field, _("must give its time zone (an instant, e.g. 2022-05-16T10:00:00+03:00)"))
        instant = instant.replace(tzinfo=dt.UTC)
    try:
        return instant.astimezone(dt.UTC)
    except OverflowError:  # 0001-01-01T00:00:00+14:00 is before the first instant a datetime holds
        raise InvalidInput(field, _("is out of the range of instants (years 1 to 9999 in UTC)")) from None


def text_of(value: object, field: str, *, required: bool = True, limit: int = 500) -> str:
    """Text as an act stores it: the ends stripped, at most `limit` characters, refused when unstorable.

    The strictest of the per-app readings it replaces: what cannot be stored (a NUL, a lone surrogate)
    and a bidirectional control in a name or a title are refused as everywhere else (`text.refusal`);
    a name or a title is one line (its runs of whitespace become one space, as documents did), other
    text keeps its lines; the refusal of a long text says how long it is.
    """
    raw = "" if value is None else str(value)
    if is_name_or_title(field):
        raw = " ".join(raw.split())
    text = raw.strip()
    if required and not text:
        raise InvalidInput(field, _("is required"))
    if reason := refusal(field, text):
        raise InvalidInput(field, reason)
    if len(text) > limit and replaying.active() is None:
        # A limit on length binds acts from now on: a logged act accepted before the limit (or under a
        # wider one) replays as the log holds it (docs/ledger.md, "How an act is replayed").
        raise InvalidInput(field, _("is %(length)d characters long; at most %(limit)d")
                           % {"length": len(text), "limit": limit})
    return text


def choice_of(value: object, field: str, choices: Iterable[str]) -> str:
    """One of the allowed codes, exactly as given (a catalogue's codes, or a Django choices' `values`)."""
    allowed = [str(choice) for choice in choices]
    code = "" if value is None else str(value)
    if code in allowed:
        return code
    if not code:
        raise InvalidInput(field, _("is required"))
    raise InvalidInput(field, _("%(value)s is not one of: %(choices)s")
                       % {"value": repr(code), "choices": ", ".join(choice for choice in allowed if choice)})


def iso_of(value: dt.date | dt.datetime | None) -> str | None:
    """How an entry's body writes a day (YYYY-MM-DD) or an instant (ISO 8601 in UTC); None stays None.

    The one serializer of dates and instants in entry bodies: an instant is written in UTC whatever
    zone it came in, so that two acts at the same moment read the same. A naive datetime is taken to
    be UTC already (time is UTC inside, DESIGN.md).
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        instant = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
        return instant.astimezone(dt.UTC).isoformat()
    return value.isoformat()
