"""Which classification applies to a meeting object, and why: inherited session → part → statement.

Every object's classification is the floor (accord.core.policy.floor) of its container's and its own:
what an object asks for can make it stricter than the thing it is in, never more open. Every act on a
meeting object is recorded with the classification worked out here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accord.core.policy import PARTICIPANTS, SECRETARIAT, Viewer, floor, may_see
from accord.meetings.models import AgendaItem, Bilateral, Part, Session, Statement


@dataclass(frozen=True)
class Applies:
    """A classification with its audience and the reason it applies, for the page to say."""

    classification: str
    audience: tuple[str, ...]
    reason: Promise | str

    def visible_to(self, viewer: Viewer) -> bool:
        return may_see(viewer, self.classification, self.audience)


def _within(container: Applies, requested: str, audience: tuple[str, ...] | list[str], reason: Promise | str,
            raised: Promise | str) -> Applies:
    """`requested` inside `container`: the stricter of the two, with the reason that applies."""
    found = floor(container.classification, container.audience, requested, audience)
    own = floor(container.classification, container.audience, container.classification, container.audience)
    return Applies(found.classification, found.audience,
                   raised if found == own and found.classification != requested else reason)


def of_session(session: Session) -> Applies:
    return session_applies(session.classification, session.audience)


def session_applies(classification: str, audience: list[str] | tuple[str, ...]) -> Applies:
    """A session's classification from its columns alone (a list reads only those of every session)."""
    return Applies(classification, tuple(sorted(audience)), _("set when the session was convened"))


def of_part(part: Part, session: Session | None = None) -> Applies:
    inherited = of_session(session or part.session)
    if part.classification:
        return _within(inherited, part.classification, part.audience, _("set on this part"),
                       _("inherited from the session, which is more restricted"))
    if not part.is_open:
        closed = _("a closed part: visible to its participants only")
        return _within(inherited, PARTICIPANTS, part.audience, closed, closed)
    return Applies(inherited.classification, inherited.audience, _("an open part: inherited from the session"))


def of_item(item: AgendaItem) -> Applies:
    if item.part_id is None:
        inherited = of_session(item.session)
        return Applies(inherited.classification, inherited.audience, _("inherited from the session"))
    inherited = of_part(item.part, item.session)  # type: ignore[arg-type]
    return Applies(inherited.classification, inherited.audience, _("inherited from the part it is taken in"))


def of_statement(statement: Statement) -> Applies:
    inherited = of_part(statement.part)
    if statement.classification:
        return _within(inherited, statement.classification, statement.audience, _("set on this statement"),
                       _("inherited from the part it was made in"))
    return Applies(inherited.classification, inherited.audience, _("inherited from the part it was made in"))


def bilateral_audience(bilateral: Bilateral) -> tuple[str, ...]:
    return _bilateral_audience(bilateral.requester_id, bilateral.counterpart_id)


def _bilateral_audience(requester: str, counterpart: str) -> tuple[str, ...]:
    return tuple(sorted({requester, counterpart, SECRETARIAT}))


def of_bilateral(bilateral: Bilateral) -> Applies:
    """What the delegations asked for, never more open than the session on whose margins they meet."""
    return bilateral_applies(of_session(bilateral.session), bilateral.classification, bilateral.requester_id,
                             bilateral.counterpart_id)


def bilateral_applies(session: Applies, classification: str, requester: str, counterpart: str) -> Applies:
    """A bilateral meeting's classification from its columns and its session's (a list reads only those)."""
    audience = _bilateral_audience(requester, counterpart) if classification == PARTICIPANTS else ()
    return _within(session, classification, audience, _("set when the meeting was requested"),
                   _("inherited from the session on whose margins it is held"))
