"""The access policy: the one place that decides who may see what; every read goes through it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

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
    # Declared in the import contract (pyproject.toml): whether the viewer's member is in good standing
    # is the registry's to say. Imported here, not at the top, because members imports core at its top.
    from accord.members.queries import member_in_good_standing

    member = user.member_id
    return Viewer(
        handle=user.username,
        member=member,
        role=user.role,
        member_in_good_standing=bool(member) and member_in_good_standing(member),
        delegation_admin=user.is_delegation_admin,
    )


class Readable(NamedTuple):
    """What a viewer may read, as data a query can apply: every thing of these classifications, and a
    `participants` thing whose audience names `audience_key` (None: no such thing)."""

    classifications: tuple[str, ...]
    audience_key: str | None

    def admits(self, classification: str, audience: Sequence[str] = ()) -> bool:
        """Whether a thing of this classification and audience is readable: `may_see` for a viewer whose
        `readable` this is (a live stream reads it once, then asks it of every act)."""
        if classification in self.classifications:
            return True
        return classification == PARTICIPANTS and self.audience_key is not None and self.audience_key in audience


def readable(viewer: Viewer) -> Readable:
    """The policy itself: `may_see` reads it, and so does a query that applies it in SQL (the search index)."""
    if viewer.in_secretariat:
        return Readable((PUBLIC, MEMBERS), SECRETARIAT)
    if viewer.is_member_official:
        return Readable((PUBLIC, MEMBERS), viewer.member)
    return Readable((PUBLIC,), None)


def may_see(viewer: Viewer, classification: str, audience: Sequence[str] = ()) -> bool:
    return readable(viewer).admits(classification, audience)


class Restriction(NamedTuple):
    """Who may read something: a classification, and for `participants` the audience it names."""

    classification: str
    audience: tuple[str, ...] = ()


# How far each classification narrows who may read; a higher rank is never seen by more people.
_RANK = {PUBLIC: 0, MEMBERS: 1, PARTICIPANTS: 2}


def floor(
    container: str, container_audience: Sequence[str] = (), requested: str = PUBLIC,
    requested_audience: Sequence[str] = (),
) -> Restriction:
    """The classification and audience an act on a thing must at least have: the stricter of the thing's
    own (its container's: a session, a part, a crisis, a document) and what the act asked for.

    An act is never less restricted than the thing it is on, or it would show outsiders what the thing
    hides: a meeting asked for inside a members-only session is members-only whatever was asked. Within
    a `participants` thing, a `participants` act keeps only the participants named by both, since a
    reader must be allowed both. `public` and `members` carry no audience. Every app's actions compute
    the classification of an act on a thing through this one function.
    """
    for value in (container, requested):
        if value not in _RANK:
            raise ValueError(f"{value!r} is not a classification ({', '.join(_RANK)})")
    if container == PARTICIPANTS and requested == PARTICIPANTS:
        return Restriction(PARTICIPANTS, tuple(sorted(set(container_audience) & set(requested_audience))))
    if _RANK[requested] > _RANK[container]:
        container, container_audience = requested, requested_audience
    audience = tuple(sorted(set(container_audience))) if container == PARTICIPANTS else ()
    return Restriction(container, audience)


def shown_to_all_readers(
    thing: str, thing_audience: Sequence[str], container: str, container_audience: Sequence[str] = (),
) -> bool:
    """Whether everyone who may read the container may also read the thing (so that putting the thing
    in it, a proposal linked from an agenda item, shows no one what they may not see)."""
    return floor(container, container_audience, thing, thing_audience) == floor(container, container_audience,
                                                                                 container, container_audience)


def may_administer_delegation(viewer: Viewer, member: str | None) -> bool:
    """A delegation's people are kept by its own head or delegation administrator.

    The secretariat keeps its own staff and observers, never a member's delegation.
    """
    if member is None:
        return viewer.in_secretariat
    return viewer.member == member and viewer.member_in_good_standing and (
        viewer.role == HEAD or viewer.delegation_admin
    )
