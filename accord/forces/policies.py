"""Who may act on the standing forces; actions enforce it, pages and the API offer only what it allows."""

from __future__ import annotations

from accord.core import policy
from accord.core.policy import Viewer


def establishes_forces(viewer: Viewer) -> bool:
    """The secretariat records a force the organization's decision established."""
    return viewer.in_secretariat


def declares_for(viewer: Viewer, member: str) -> bool:
    """A member's contribution is declared by its own head, delegate or liaison officer, or recorded by the
    secretariat (a declaration published before the member's officials kept it here)."""
    if viewer.in_secretariat:
        return True
    return (viewer.member == member and viewer.is_member_official
            and viewer.role in (policy.HEAD, policy.DELEGATE, policy.LIAISON))


def declares_for_any(viewer: Viewer) -> bool:
    """Whether the page offers the declaration form at all."""
    return viewer.in_secretariat or declares_for(viewer, viewer.member or "")
