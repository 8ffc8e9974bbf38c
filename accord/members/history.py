"""A member state's membership history: its events, the status they give on a day, the rules."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


class EventKind(StrEnum):
    ACCEDED = "acceded"
    DID_NOT_EXTEND = "did_not_extend"
    WITHDREW = "withdrew"
    SUSPENDED = "suspended"
    RESTORED = "restored"
    PARTICIPATION_FROZEN = "participation_frozen"
    PARTICIPATION_RESUMED = "participation_resumed"
    # A member stopped paying its contributions: a fact of its history that leaves
    # its status as it was; the organization decides what follows, by acts of their own.
    CONTRIBUTIONS_STOPPED = "contributions_stopped"


# The kinds that record a fact without changing the member's status.
KEEPS_STATUS: frozenset[EventKind] = frozenset({EventKind.CONTRIBUTIONS_STOPPED})


class Status(StrEnum):
    NEVER = "never"  # not yet a member
    MEMBER = "member"
    FROZEN = "frozen"  # still a member; its participation frozen by its own declaration
    SUSPENDED = "suspended"
    FORMER = "former"  # withdrew, or did not extend the treaty


# A state with a frozen participation is still a member: it keeps its seat, its turn to chair
# and its obligations until it withdraws or the organization decides otherwise.
MEMBER_STATUSES: frozenset[Status] = frozenset({Status.MEMBER, Status.FROZEN})


@dataclass(frozen=True)
class Event:
    kind: EventKind
    on: datetime.date
    reference: Mapping[str, str] | str = ""  # a text per language, or a plain one
    entry: int | None = field(default=None, compare=False)  # the log entry that recorded it


@dataclass(frozen=True)
class Period:
    """One stretch of a timeline; `end` is the first day of the next period, None while it lasts."""

    status: Status
    start: datetime.date
    end: datetime.date | None
    # The entries of the events that begin and end it: a day the record does not establish shows its mark.
    start_entry: int | None = field(default=None, compare=False)
    end_entry: int | None = field(default=None, compare=False)


class HistoryError(Exception):
    """A new event that would make the history impossible; says which field is wrong and why."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


ALLOWED: Mapping[Status, frozenset[EventKind]] = MappingProxyType(
    {
        Status.NEVER: frozenset({EventKind.ACCEDED}),
        # A former member may accede again (a state that let the treaty lapse and rejoined
        # years later, as in the demo).
        Status.FORMER: frozenset({EventKind.ACCEDED}),
        Status.MEMBER: frozenset(
            {
                EventKind.DID_NOT_EXTEND,
                EventKind.WITHDREW,
                EventKind.SUSPENDED,
                EventKind.PARTICIPATION_FROZEN,
                EventKind.CONTRIBUTIONS_STOPPED,
            }
        ),
        Status.FROZEN: frozenset(
            {
                EventKind.PARTICIPATION_RESUMED,
                EventKind.WITHDREW,
                EventKind.SUSPENDED,
                EventKind.DID_NOT_EXTEND,
                EventKind.CONTRIBUTIONS_STOPPED,
            }
        ),
        Status.SUSPENDED: frozenset({EventKind.RESTORED, EventKind.WITHDREW}),
    }
)

# Restoration gives full membership back, even to a state that had frozen its participation
# before it was suspended: a restored state that still wants to stand aside declares so again.
_STATUS_AFTER: Mapping[EventKind, Status] = MappingProxyType(
    {
        EventKind.ACCEDED: Status.MEMBER,
        EventKind.DID_NOT_EXTEND: Status.FORMER,
        EventKind.WITHDREW: Status.FORMER,
        EventKind.SUSPENDED: Status.SUSPENDED,
        EventKind.RESTORED: Status.MEMBER,
        EventKind.PARTICIPATION_FROZEN: Status.FROZEN,
        EventKind.PARTICIPATION_RESUMED: Status.MEMBER,
    }
)


def _after(status: Status, kind: EventKind) -> Status:
    return status if kind in KEEPS_STATUS else _STATUS_AFTER[kind]


def _in_effect_order(events: Sequence[Event]) -> list[Event]:
    # Recorded histories are already in date order (check_new_event sees to it); sorting keeps
    # "an event takes effect on its date" true for any list, and the sort is stable, so events
    # of the same day still apply in the order they were recorded.
    return sorted(events, key=lambda event: event.on)


def status_on(events: Sequence[Event], day: datetime.date) -> Status:
    """The status on `day`, events given in recorded order; an event takes effect on its date."""
    status = Status.NEVER
    for event in _in_effect_order(events):
        if event.on > day:
            break
        status = _after(status, event.kind)
    return status


def current_status(events: Sequence[Event]) -> Status:
    """The status once every recorded event has taken effect, whatever its date.

    Deliberately not "the status today": this module never reads the clock. A caller that has
    recorded an event dated in the future and wants today's status asks `status_on(events, today)`.
    """
    status = Status.NEVER
    for event in _in_effect_order(events):
        status = _after(status, event.kind)
    return status


def _quoted(kinds: frozenset[EventKind]) -> str:
    # Declaration order reads better in a message than alphabetical order.
    return ", ".join(f"'{kind}'" for kind in EventKind if kind in kinds)


def check_new_event(events: Sequence[Event], new: Event) -> None:
    """Raise HistoryError unless `new` may be recorded after `events`."""
    if events:
        last = events[-1]
        if new.on < last.on:
            raise HistoryError(
                "on",
                f"is {new.on.isoformat()}, before the last recorded event "
                f"({last.kind} on {last.on.isoformat()}); events must be recorded in date order",
            )
    status = current_status(events)
    possible = ALLOWED[status]
    if new.kind not in possible:
        raise HistoryError(
            "kind",
            f"'{new.kind}' is not possible while the member is '{status}'; "
            f"possible: {_quoted(possible)}",
        )


def check_history(events: Sequence[Event]) -> None:
    """Raise HistoryError for the first event that could not follow the events before it."""
    for index, event in enumerate(events):
        check_new_event(events[:index], event)


def _changes(
    events: Sequence[Event], until: datetime.date
) -> Iterator[tuple[datetime.date, Status, int | None]]:
    """Each day on which the status changes, up to `until`, with the status from that day and the entry of the
    event that changed it."""
    status = Status.NEVER
    ordered = [event for event in _in_effect_order(events) if event.on <= until]
    running = Status.NEVER
    for index, event in enumerate(ordered):
        running = _after(running, event.kind)
        is_last_of_its_day = index + 1 == len(ordered) or ordered[index + 1].on != event.on
        if not is_last_of_its_day:
            continue  # only the status at the end of the day is ever in force
        day_status = running
        if day_status != status:
            status = day_status
            yield event.on, status, event.entry


def periods(events: Sequence[Event], until: datetime.date) -> list[Period]:
    """The timeline from the first event to `until`; events dated after `until` are left out.

    Before the first period the status is NEVER; the last period's `end` is None because it is
    still running on `until`. Neighbouring periods always differ in status.
    """
    changes = list(_changes(events, until))
    return [
        Period(status=status, start=start, end=changes[i + 1][0] if i + 1 < len(changes) else None,
               start_entry=entry, end_entry=changes[i + 1][2] if i + 1 < len(changes) else None)
        for i, (start, status, entry) in enumerate(changes)
    ]
