"""The drill's clock: an inject fires at its time without the director's click.

An inject whose time has come is fired by the system (the server's console, `person: null` in its entry,
`unattended: true` in its body), each its own act in the drill's scope, as soon as the server next looks:

- on every page of the drill: its own page and its live refresh, and every real page drawn in its scope under
  /drills/<n>/run/ (accord.drills.middleware);
- by every drill page's live stream, which wakes at the drill's next inject (or its keep-alive, whichever
  comes first; accord.core.api) while anyone has a page of the drill open, so that the participants' pages hear
  of the inject within a moment of its time without anyone loading a page;
- by `accord drills tick` (once, or `--every SECONDS` from a timer), for a drill that nobody is watching.

Firing is idempotent: two of these reaching one inject at once fire it once (accord.drills.actions.fire_due).
"""

from __future__ import annotations

import datetime as dt

from accord.core import clock
from accord.core.acting import Actor
from accord.drills import actions, queries
from accord.drills.models import Inject


def tick(drill: int | None = None) -> list[Inject]:
    """Fire what is due now, of the drill (None: of every drill still running), as the system."""
    if not queries.due_injects(clock.now(), drill):
        return []  # the common case: one small read, nothing written
    return actions.fire_due(actor=Actor.console(), drill=drill, unattended=True)


def until_next(drill: int) -> float | None:
    """Fire what is due, then the seconds until the drill's next inject (None: nothing left to fire)."""
    tick(drill)
    now = clock.now()
    upcoming = queries.next_inject(now, drill)
    return None if upcoming is None else max((upcoming - now) / dt.timedelta(seconds=1), 0.0)
