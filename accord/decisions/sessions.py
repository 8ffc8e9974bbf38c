"""The sessions a decision may be taken at, as decisions needs to know them.

Consensus is reached at a session of the body that decides: the procedure names the session, which
must exist, be one the actor may see, and be a session of that body; the decision is dated within it,
once it has been opened. Sessions belong to the meetings app, which sits above this one, so this module
says what it needs (`SessionFacts`) and meetings tells it where to read them (`use_sessions`, from its
AppConfig.ready()), as the registry tells the ledger where the witnesses are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from accord.core.policy import Viewer


@dataclass(frozen=True, slots=True)
class SessionFacts:
    """What a decision needs of a session."""

    id: int
    body: str  # the code of the body whose session it is
    title: str  # in the reader's language
    starts_on: dt.date
    ends_on: dt.date
    held: bool  # opened: in progress or closed
    # The entry that convened it, whose provenance may mark its days (an illustrative day).
    entry_seq: int | None = None


# (viewer or None for the system itself, a session's id or None for all) -> the sessions it may see.
Lookup = Callable[[Viewer | None, int | None], list[SessionFacts]]
_lookup: Lookup | None = None


def use_sessions(lookup: Lookup) -> None:
    """Where sessions are read (the meetings app sets it when Django starts)."""
    global _lookup
    _lookup = lookup


def session(viewer: Viewer | None, session_id: int) -> SessionFacts | None:
    """The session if `viewer` may see it (None: the system); a missing and a hidden one are both None."""
    found = _lookup(viewer, session_id) if _lookup is not None else []
    return found[0] if found else None


def visible_ids(viewer: Viewer | None) -> set[int]:
    """The ids of every session `viewer` may see: one read for a list that names many sessions."""
    return {facts.id for facts in (_lookup(viewer, None) if _lookup is not None else [])}


def sessions_of(viewer: Viewer | None, body: str) -> list[SessionFacts]:
    """The sessions of `body` that `viewer` may see, earliest first."""
    found = _lookup(viewer, None) if _lookup is not None else []
    return [facts for facts in found if facts.body == body]
