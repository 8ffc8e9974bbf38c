"""The act's instant: what "now" is for every action, the same for all that one act writes.

An action reads the clock through `now()`, never `timezone.now()`: `@action` pins one instant when the
act begins, so that what the act stores (an opening time, a default date, a deadline check) and its
entries' `time` agree, and a replay of the log (`accord.core.replay`) pins the logged entry's time, so
that the act computes again exactly what it computed then.

A page can ask what its answer read of the clock (`watching`): none of it, the day only, or the instant;
an answer cached on the log's head (accord.core.conditional) is keyed on the day, or not cached at all.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

_pinned: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar("accord_act_instant", default=None)


class Reads:
    """What was read of the wall clock while watched: the days `today` gave, whether `now` was read."""

    __slots__ = ("days", "instant")

    def __init__(self) -> None:
        self.days: set[dt.date] = set()
        self.instant = False

    def merge(self, other: Reads) -> None:
        self.days |= other.days
        self.instant = self.instant or other.instant


# One mutable record, not flags set in the variable: a sync view run on a thread by asgiref reads a copy
# of the context, and the record it marks is the same object.
_watched: contextvars.ContextVar[Reads | None] = contextvars.ContextVar("accord_clock_reads", default=None)


def now() -> dt.datetime:
    """The act's instant inside an action (or a replay); the wall clock elsewhere."""
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    reads = _watched.get()
    if reads is not None:
        reads.instant = True
    return timezone.now()


def today() -> dt.date:
    pinned = _pinned.get()
    if pinned is not None:
        return pinned.date()
    day = timezone.now().date()
    reads = _watched.get()
    if reads is not None:
        reads.days.add(day)
    return day


@contextmanager
def watching() -> Iterator[Reads]:
    """Within the block, every read of the wall clock is marked on the record yielded, and after it on the
    record of an enclosing block too (a part of a page watched on its own is still part of the page)."""
    enclosing = _watched.get()
    reads = Reads()
    token = _watched.set(reads)
    try:
        yield reads
    finally:
        _watched.reset(token)
        if enclosing is not None:
            enclosing.merge(reads)


def watched() -> Reads | None:
    """The record of the innermost block watching the clock, if any: what was read in it so far."""
    return _watched.get()


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
