"""Who may see and direct drills; actions enforce it, pages and the API offer only what it allows."""

from __future__ import annotations

from accord.core import policy
from accord.core.errors import NotPermitted
from accord.core.policy import Viewer
from accord.drills.models import Drill

# A drill is the members' rehearsal: its pages, acts and figures are for the member states and the secretariat.
CLASSIFICATION = policy.MEMBERS


def sees(viewer: Viewer, found: Drill | None = None) -> bool:
    return policy.may_see(viewer, CLASSIFICATION)


def directs(viewer: Viewer | None) -> bool:
    """The secretariat directs a drill: plans it, sets its timetable of injects, fires them, ends it; and
    sets the organization's response-time targets. None: the console."""
    return viewer is None or viewer.in_secretariat


def refuse(allowed: bool, what: str) -> None:
    if not allowed:
        raise NotPermitted("actor", what)
