"""Who may do what in meetings; the actions enforce it, and the pages and the API offer only what it allows.

Each predicate takes the Viewer of a person; the server's console (no person) is not a viewer and the
actions let it through, as they do in every app. Writing into something presumes seeing it: whoever may
not see a session, a part, an item or a statement is told it is not there (accord.meetings.actions),
never that they may not act on it.
"""

from __future__ import annotations

import datetime as dt

from accord.core import policy
from accord.core.policy import Viewer
from accord.meetings import classify
from accord.meetings.models import AgendaItem, Bilateral, Part, Session, Statement
from accord.members import queries as registry

# The chair convenes sessions from its own today on: a session held earlier is put on the record by the
# Secretariat, which keeps the calendar. A day's grace, because the chair's today may be UTC's yesterday.
CHAIR_BACKDATES = dt.timedelta(days=1)


def acts_for(viewer: Viewer, member: str | None) -> bool:
    """A member's own head or delegates act for it (as in decisions: an observer or liaison does not)."""
    return (member is not None and viewer.member == member and viewer.is_member_official
            and viewer.role in (policy.HEAD, policy.DELEGATE))


# Convening.


def convenes(viewer: Viewer, day: dt.date, chair: str | None = None) -> bool:
    """The Secretariat convenes any session; a member's officials only as the chair in office on its first
    day (the rotation, or the Council's override), and then with their own state in the chair."""
    if viewer.in_secretariat:
        return True
    in_office = registry.chair_on(day)
    return acts_for(viewer, in_office) and chair in (None, in_office)


def offers_convening(viewer: Viewer, today: dt.date) -> bool:
    """The convening form is for the Secretariat and the officials of the chair in office now or next."""
    if viewer.in_secretariat:
        return True
    held = registry.chairmanship(viewer, today)  # the rotation computed once for both
    in_office = held.chair.code if held.chair is not None else None
    next_chair = held.next.member if held.next is not None else None
    return acts_for(viewer, in_office) or acts_for(viewer, next_chair)


def earliest_first_day(viewer: Viewer | None, today: dt.date) -> dt.date | None:
    """The earliest first day of a session this convener may put on the calendar (None: no limit).

    No one records a session before the organization's founding treaty was signed; the Secretariat (and
    the console) record sessions held earlier after the fact; a chair convenes from its today on.
    """
    org = registry.organization()
    founded = org.treaty_signed_on if org is not None else None
    if viewer is not None and not viewer.in_secretariat:
        return max(filter(None, (founded, today - CHAIR_BACKDATES)))
    return founded


def names_requester(viewer: Viewer, requester: str, *, carried: bool) -> bool:
    """Who may say a session is convened "at a member's request".

    The request is that member's act, so it is said only by whoever can vouch for it: the Secretariat,
    which receives members' requests (and records past sessions); the member's own officials (a chair
    that asks itself, as the demo's chair did in September 2022); or another act that carries the request it
    answers (a crisis request taken up: `carried`), never by a chair naming another state at will.
    """
    return viewer.in_secretariat or acts_for(viewer, requester) or carried


# Running a session.


def runs(viewer: Viewer, session: Session) -> bool:
    """The Secretariat and the session's chair (its head and delegates) run it, as far as they may see."""
    return sees_session(viewer, session) and (viewer.in_secretariat or acts_for(viewer, session.chair_id))


def sees_session(viewer: Viewer, session: Session) -> bool:
    return classify.of_session(session).visible_to(viewer)


def sees_part(viewer: Viewer, part: Part) -> bool:
    """The part's content, not only that it takes place (which is as visible as the session)."""
    return sees_session(viewer, part.session) and classify.of_part(part).visible_to(viewer)


def sees_item(viewer: Viewer, item: AgendaItem) -> bool:
    return sees_session(viewer, item.session) and classify.of_item(item).visible_to(viewer)


def sees_statement(viewer: Viewer, statement: Statement) -> bool:
    return sees_part(viewer, statement.part) and classify.of_statement(statement).visible_to(viewer)


def moves_agenda(viewer: Viewer, item: AgendaItem) -> bool:
    """Taking up an item and recording its outcome: who runs the session, on an item they may see."""
    return runs(viewer, item.session) and sees_item(viewer, item)


def records_in(viewer: Viewer, part: Part) -> bool:
    """Attendance, and the part's agenda: who runs the session, in a part whose content they may see."""
    return runs(viewer, part.session) and sees_part(viewer, part)


def inscribes(viewer: Viewer, part: Part, delegation: str) -> bool:
    """A speaker is put on a part's list by who runs the session, or by the speaker's own delegation."""
    return sees_part(viewer, part) and (runs(viewer, part.session) or acts_for(viewer, delegation))


def delivers(viewer: Viewer, statement: Statement) -> bool:
    """What a delegation said is recorded by that delegation, or by the Secretariat taking the record;
    the chair's officials speak for their own state only."""
    return sees_statement(viewer, statement) and (
        viewer.in_secretariat or acts_for(viewer, statement.delegation_id))


# Bilateral meetings.


def asks_bilateral(viewer: Viewer, session: Session, requester: str) -> bool:
    return sees_session(viewer, session) and (viewer.in_secretariat or acts_for(viewer, requester))


def answers_bilateral(viewer: Viewer, bilateral: Bilateral) -> bool:
    return viewer.in_secretariat or acts_for(viewer, bilateral.counterpart_id)


# The floor and the minutes.


def gives_floor(viewer: Viewer, statement: Statement) -> bool:
    """The chair (or the Secretariat) gives the floor to a speaker on a list whose part it may see."""
    return runs(viewer, statement.part.session) and sees_statement(viewer, statement)


def comments_on_minutes(viewer: Viewer, session: Session) -> bool:
    """The session's participants comment on circulated minutes: the officials of a member that may see
    the session (a participants-only one: its named members), and the Secretariat."""
    if not sees_session(viewer, session):
        return False
    return viewer.in_secretariat or acts_for(viewer, viewer.member)


def approves_minutes(viewer: Viewer, session: Session) -> bool:
    """The minutes are circulated and approved by who runs the session: its chair, or the Secretariat."""
    return runs(viewer, session)
