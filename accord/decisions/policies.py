"""Who may do what with proposals and procedures; actions enforce it, pages offer only what it allows."""

from __future__ import annotations

from accord.core import policy
from accord.core.policy import Viewer
from accord.members import queries as registry


def runs_procedures(viewer: Viewer) -> bool:
    """The secretariat, and the chairing member's head and delegates, open and close procedures."""
    if viewer.in_secretariat:
        return True
    if not (viewer.is_member_official and viewer.role in (policy.HEAD, policy.DELEGATE)):
        return False
    chair = registry.chairmanship(viewer).chair
    return chair is not None and viewer.member == chair.code


def speaks_for(viewer: Viewer, member: str) -> bool:
    """A member's positions are taken by its own head or an authorized delegate only."""
    return (viewer.member == member and viewer.is_member_official
            and viewer.role in (policy.HEAD, policy.DELEGATE))


def tables_proposals(viewer: Viewer) -> bool:
    return viewer.in_secretariat or viewer.is_member_official


def revises(viewer: Viewer, sponsors: list[str]) -> bool:
    """Who revises a proposal's text between procedures: who may withdraw it, its sponsors and the secretariat."""
    return withdraws(viewer, sponsors)


def withdraws(viewer: Viewer, sponsors: list[str]) -> bool:
    return viewer.in_secretariat or (viewer.member in sponsors and speaks_for(viewer, viewer.member or ""))
