"""The access policy: the one place that decides who may see what; every read goes through it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

PUBLIC = "public"
MEMBERS = "members"
PARTICIPANTS = "participants"
SECRETARIAT = "secretariat"

# Roles (persons.role); an observer sees what the public sees, wherever it sits.
SECRETARIAT_OFFICER = "secretariat_officer"
HEAD = "head"
DELEGATE = "delegate"
LIAISON = "liaison"
OBSERVER = "observer"


@dataclass(frozen=True)
class Viewer:
    """What the policy needs to know of whoever is looking; ANONYMOUS is the public."""

    handle: str | None = None
    member: str | None = None
    role: str | None = None
    member_in_good_standing: bool = False
    delegation_admin: bool = False

    @property
    def in_secretariat(self) -> bool:
        return self.role == SECRETARIAT_OFFICER

    @property
    def is_member_official(self) -> bool:
        """A person of a current member's delegation who is not there as an observer."""
        return bool(self.member) and self.member_in_good_standing and self.role != OBSERVER


ANONYMOUS = Viewer()


def viewer_of(user: Any) -> Viewer:
    """The Viewer for a request's user (a Person, or Django's AnonymousUser)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    from accord.members.queries import member_in_good_standing

    member = user.member_id
    return Viewer(
        handle=user.username,
        member=member,
        role=user.role,
        member_in_good_standing=bool(member) and member_in_good_standing(member),
        delegation_admin=user.is_delegation_admin,
    )


def may_see(viewer: Viewer, classification: str, audience: Sequence[str] = ()) -> bool:
    if classification == PUBLIC:
        return True
    if classification == MEMBERS:
        return viewer.in_secretariat or viewer.is_member_official
    if classification == PARTICIPANTS:
        if viewer.in_secretariat:
            return SECRETARIAT in audience
        return viewer.is_member_official and viewer.member in audience
    return False


def may_administer_delegation(viewer: Viewer, member: str | None) -> bool:
    """A delegation's people are kept by its own head or delegation administrator.

    The secretariat keeps its own staff and observers, never a member's delegation.
    """
    if member is None:
        return viewer.in_secretariat
    return viewer.member == member and viewer.member_in_good_standing and (
        viewer.role == HEAD or viewer.delegation_admin
    )
