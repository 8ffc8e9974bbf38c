"""Which classification applies to a meeting object, and why: inherited session → part → statement."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accord.core.policy import PARTICIPANTS, SECRETARIAT, Viewer, may_see
from accord.meetings.models import AgendaItem, Bilateral, Part, Session, Statement


@dataclass(frozen=True)
class Applies:
    """A classification with its audience and the reason it applies, for the page to say."""

    classification: str
    audience: tuple[str, ...]
    reason: Promise | str

    def visible_to(self, viewer: Viewer) -> bool:
        return may_see(viewer, self.classification, self.audience)


def of_session(session: Session) -> Applies:
    return Applies(session.classification, tuple(session.audience), _("set when the session was convened"))


def of_part(part: Part, session: Session | None = None) -> Applies:
    if part.classification:
        return Applies(part.classification, tuple(part.audience), _("set on this part"))
    if not part.is_open:
        return Applies(PARTICIPANTS, tuple(part.audience), _("a closed part: visible to its participants only"))
    inherited = of_session(session or part.session)
    return Applies(inherited.classification, inherited.audience, _("an open part: inherited from the session"))


def of_item(item: AgendaItem) -> Applies:
    if item.part_id is None:
        inherited = of_session(item.session)
        return Applies(inherited.classification, inherited.audience, _("inherited from the session"))
    inherited = of_part(item.part)  # type: ignore[arg-type]
    return Applies(inherited.classification, inherited.audience, _("inherited from the part it is taken in"))


def of_statement(statement: Statement) -> Applies:
    if statement.classification:
        return Applies(statement.classification, tuple(statement.audience), _("set on this statement"))
    inherited = of_part(statement.part)
    return Applies(inherited.classification, inherited.audience, _("inherited from the part it was made in"))


def bilateral_audience(bilateral: Bilateral) -> tuple[str, ...]:
    return tuple(sorted({bilateral.requester_id, bilateral.counterpart_id, SECRETARIAT}))


def of_bilateral(bilateral: Bilateral) -> Applies:
    audience = bilateral_audience(bilateral) if bilateral.classification == PARTICIPANTS else ()
    return Applies(bilateral.classification, audience, _("set when the meeting was requested"))
