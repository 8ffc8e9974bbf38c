"""Who may act on the monitoring themes; actions enforce it, pages and the API offer only what it allows."""

from __future__ import annotations

from accord.core import policy
from accord.core.policy import Viewer

MEMBER_ROLES = (policy.HEAD, policy.DELEGATE, policy.LIAISON)


def configures_themes(viewer: Viewer) -> bool:
    """The organization configures its themes through the secretariat."""
    return viewer.in_secretariat


def assesses(viewer: Viewer) -> bool:
    """The secretariat records the assessments made by itself, the joint staff or a theme's owner body."""
    return viewer.in_secretariat


def tags_statements(viewer: Viewer) -> bool:
    """The secretariat, which keeps the record of sessions, tags a statement to the themes it speaks of."""
    return viewer.in_secretariat


def acts_for(viewer: Viewer, member: str) -> bool:
    """A member follows a theme and reports on it through its own head, delegate or liaison officer."""
    return (viewer.member == member and viewer.is_member_official and viewer.role in MEMBER_ROLES)


def follows_for(viewer: Viewer, member: str) -> bool:
    """Following is a member's own choice, said by its officials; the secretariat records a member's choice
    made before its officials kept it here."""
    return viewer.in_secretariat or acts_for(viewer, member)


def reports_for(viewer: Viewer, member: str) -> bool:
    """A member's report is its own: only its officials make it, never the secretariat in its name."""
    return acts_for(viewer, member)


def reports_for_any(viewer: Viewer) -> bool:
    return acts_for(viewer, viewer.member or "")


def defines_indicators(viewer: Viewer) -> bool:
    """The organization's secretariat defines what the members report."""
    return viewer.in_secretariat


def reports_values_for(viewer: Viewer, member: str, reporters: list[str]) -> bool:
    """A value is reported by an official of a member named among the indicator's reporters."""
    return member in reporters and acts_for(viewer, member)


def requests_consultations(viewer: Viewer, member: str) -> bool:
    """A member requests (or proposes) joint consultations through its own officials (Treaty, Art. 2)."""
    return acts_for(viewer, member)


def runs_consultations(viewer: Viewer) -> bool:
    """The secretariat acknowledges a request for consultations, schedules them and records their outcome."""
    return viewer.in_secretariat


def escalates(viewer: Viewer, member: str) -> bool:
    """Only the requesting state turns its consultations into a request for assistance: the request is its own."""
    return acts_for(viewer, member)
