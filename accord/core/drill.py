"""The drill scope: the real crisis procedure rehearsed, its records kept apart from the real ones.

A drill (accord.drills) runs the real actions. While a drill's scope is active (its pages under
`/drills/<n>/run/`, its acts, their replay):

- every act recorded carries the drill's mark (`"drill": n` in its body; `accord.core.acting.record`);
- every crisis, session, proposal and decision created is marked with the drill (`drill` column, set on save);
- the managers of those models read only that drill's records.

Outside a drill's scope the same managers read only the real records: a drill's records never reach a
real list, count, calendar, feed, search or metric, because every real read goes through these managers.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)
_current: contextvars.ContextVar[int | None] = contextvars.ContextVar("accord_drill", default=None)


def current() -> int | None:
    """The drill whose scope is active, or None for the real organization."""
    return _current.get()


@contextlib.contextmanager
def scope(drill: int | None) -> Iterator[None]:
    """Read and act within a drill (None: the real organization) for the time of the block."""
    token = _current.set(drill)
    try:
        yield
    finally:
        _current.reset(token)


# The drills' clock (accord.drills.ticking.until_next), set by the drills app when Django starts: core's live
# stream wakes a drill's pages at its next inject without importing the app above it.
_clock: Callable[[int], float | None] | None = None


def set_clock(until_next: Callable[[int], float | None]) -> None:
    """Name the function that fires a drill's due injects and says how long until its next one."""
    global _clock
    _clock = until_next


def until_next_inject(number: int) -> float | None:
    """Fire the drill's injects whose time has come; the seconds until its next one (None: none left)."""
    return _clock(number) if _clock is not None else None


def marked(body: dict[str, Any]) -> dict[str, Any]:
    """An act's body with the active drill's mark (unchanged outside a drill)."""
    drill = current()
    if drill is None or "drill" in body:
        return body
    return {**body, "drill": drill}


class ScopedManager(models.Manager[M]):
    """The manager every read of a scoped model goes through: the active drill's records, or the real ones.

    `path` names the drill's column, on the model itself or on the record it belongs to
    (`proposal__drill` for a procedure: `ScopedByProposal`). A related manager (`proposal.procedures`)
    reads what belongs to the record already in hand, whichever scope it was read in."""

    path = "drill"

    def get_queryset(self) -> models.QuerySet[M]:
        rows = super().get_queryset()
        if getattr(self, "instance", None) is not None:
            return rows
        drill = current()
        if drill is None:
            return rows.filter(**{f"{self.path}__isnull": True})
        return rows.filter(**{self.path: drill})


class ScopedByProposal(ScopedManager[M]):
    path = "proposal__drill"


def drill_field() -> models.PositiveIntegerField[Any, Any]:
    """The column that marks a record as a drill's (its number), empty for a real record."""
    return models.PositiveIntegerField(null=True, blank=True, db_index=True, editable=False)


def mark_on_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """pre_save (every model; accord.core.apps): a scoped record created in a drill's scope is the drill's."""
    manager = getattr(sender, "_default_manager", None)
    if (isinstance(manager, ScopedManager) and manager.path == "drill" and current() is not None
            and getattr(instance, "drill", None) is None):
        instance.drill = current()  # type: ignore[attr-defined]
