"""Who may change the organization registry, and when: the actions enforce it, pages and the API offer
only what it allows.

Each function says why an act would be refused (the error the action raises, naming its field), or
None when it would be accepted. `who` is the acting person's viewer, or None for the console operator,
who keeps the registry for the secretariat and every delegation.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as noop

from accord.core import dates, policy
from accord.core.errors import AccordError, Conflict, InvalidInput, NotPermitted
from accord.core.policy import Viewer
from accord.members.models import Person, Role
from accord.members.queries import state_name

Who = Viewer | None
Refusal = AccordError | None


def refuse(refusal: Refusal) -> None:
    """Raise the refusal, if there is one: what every action does with this module's answer."""
    if refusal is not None:
        raise refusal


def keeps_registry(who: Who, what: str) -> Refusal:
    """The charter settings, the member states, their history, the chair and the bodies: the secretariat."""
    if who is not None and not who.in_secretariat:
        return NotPermitted("actor", _("only the secretariat may %(what)s") % {"what": _(what)})
    return None


def names_states(who: Who) -> Refusal:
    """The official short names of the member states are the registry's: the secretariat sets them."""
    return keeps_registry(who, noop("set the member states' official names"))


def administers(who: Who, member: str | None) -> Refusal:
    """A delegation's people are kept by its own head or administrator; the secretariat keeps its own."""
    if who is not None and not policy.may_administer_delegation(who, member):
        if member:
            return NotPermitted("member", _("only %(member)s's delegation administers its own people")
                                % {"member": state_name(member)})
        return NotPermitted("member", _("only the secretariat administers its own people"))
    return None


def titles(who: Who, target: Person) -> Refusal:
    """The office a person holds is written by whoever keeps its delegation (the secretariat for its own)."""
    return administers(who, target.member_id)


def administers_something(who: Viewer) -> bool:
    """Whether the administration pages are offered: to the secretariat and to each delegation's keeper
    (a person's own password and keys are on its own page, reached from the account menu)."""
    return who.handle is not None and (who.in_secretariat or policy.may_administer_delegation(who, who.member))


def _is(who: Who, target: Person) -> bool:
    return who is not None and who.handle == target.username


def keeps_keys_of(who: Who, target: Person) -> Refusal:
    """A person keeps its own keys and password; its delegation's keeper may act for it."""
    return None if _is(who, target) else administers(who, target.member_id)


def seats(who: Who, target: Person) -> Refusal:
    """A seat on a body is given or ended by the person's delegation or by the secretariat."""
    if who is None or who.in_secretariat:
        return None
    return administers(who, target.member_id)


def _keeps_last_officer(field: str, target: Person) -> Conflict:
    return Conflict(field, _("%(person)s is the last active secretariat officer: add or reactivate another first")
                    % {"person": target.username})


def _last_officer(target: Person, active_officers: int) -> bool:
    return target.is_active and target.role == Role.SECRETARIAT_OFFICER and active_officers <= 1


def deactivates(who: Who, target: Person, *, active_officers: int) -> Refusal:
    """A keeper closes another person's access. No one closes its own (nothing would open it again
    but another keeper), and the last active secretariat officer stays, or no one keeps the secretariat.

    `active_officers` is how many active secretariat officers there are now.
    """
    refusal = administers(who, target.member_id)
    if refusal is not None:
        return refusal
    if not target.is_active:
        return InvalidInput("person", _("%(person)s is already deactivated") % {"person": target.username})
    if _is(who, target):
        return NotPermitted("person", _("no one closes its own access: another keeper of the delegation does"))
    if _last_officer(target, active_officers):
        return _keeps_last_officer("person", target)
    return None


def reactivates(who: Who, target: Person) -> Refusal:
    """A keeper opens a deactivated person's access again; its keys stay as they were (revoked or not)."""
    refusal = administers(who, target.member_id)
    if refusal is None and target.is_active:
        return InvalidInput("person", _("%(person)s is active: there is nothing to reactivate")
                            % {"person": target.username})
    return refusal


def changes_role(who: Who, target: Person, role: str, *, active_officers: int) -> Refusal:
    """A keeper changes a person's role, but never takes the role from the last active officer."""
    refusal = administers(who, target.member_id)
    if refusal is None and role != Role.SECRETARIAT_OFFICER and _last_officer(target, active_officers):
        return _keeps_last_officer("role", target)
    return refusal


def dates_history(day: dt.date, field: str, today: dt.date) -> Refusal:
    """A member's history records what has happened: an event dated after today is refused, or every
    later event would have to follow it."""
    if day > today:
        return InvalidInput(field, _("is %(day)s, after today (%(today)s): the history records what has happened")
                            % {"day": dates.day(day), "today": dates.day(today)})
    return None
