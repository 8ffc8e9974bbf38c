"""The act's instant: what "now" is for every action, the same for all that one act writes.

An action reads the clock through `now()`, never `timezone.now()`: `@action` pins one instant when the
act begins, so that what the act stores (an opening time, a default date, a deadline check) and its
entries' `time` agree, and a replay of the log (`accord.core.replay`) pins the logged entry's time, so
that the act computes again exactly what it computed then.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

_pinned: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar("accord_act_instant", default=None)


def now() -> dt.datetime:
    """The act's instant inside an action (or a replay); the wall clock elsewhere."""
    return _pinned.get() or timezone.now()


def today() -> dt.date:
    return now().date()


def is_pinned() -> bool:
    return _pinned.get() is not None


@contextmanager
def pinned(instant: dt.datetime) -> Iterator[dt.datetime]:
    """Within the block, `now()` is `instant`."""
    token = _pinned.set(instant)
    try:
        yield instant
    finally:
        _pinned.reset(token)
