"""Conflicts an exercise runs into, found over plain data: a member's declared units committed twice at once,
or a host with an open crisis on its territory.

- a member's units of a standing force in two exercises whose days overlap (each naming that force);
- a member's units of a force in an exercise while the member has them pledged to an operation (a crisis's
  pledge naming that force) whose days overlap the exercise's;
- an exercise hosted by a member that has an open crisis (a request it filed) over the exercise's days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

TWO_EXERCISES = "unit_in_two_exercises"
ON_OPERATION = "unit_on_operation"
HOST_IN_CRISIS = "host_in_crisis"


@dataclass(frozen=True)
class Commitment:
    """A member's units of a force, committed over some days: to an exercise, or to an operation."""

    source: str  # "exercise" or "crisis"
    key: int  # the exercise's or the crisis's id
    member: str
    force: int | None  # None: no force named (ad hoc), which clashes with nothing
    first: dt.date
    last: dt.date | None  # None: still going


@dataclass(frozen=True)
class Crisis:
    """A crisis on a member's territory, open from its request until it is closed (None: still open)."""

    key: int
    territory: str
    first: dt.date
    last: dt.date | None


@dataclass(frozen=True)
class Clash:
    kind: str
    member: str
    key: int  # the other exercise's or the crisis's id
    force: int | None


def overlap(first: dt.date, last: dt.date | None, other_first: dt.date, other_last: dt.date | None) -> bool:
    """Whether two runs of days share one; None as a last day: still going."""
    return (other_last is None or first <= other_last) and (last is None or other_first <= last)


def clashes(mine: Sequence[Commitment], others: Iterable[Commitment], host: str, first: dt.date, last: dt.date,
            crises: Iterable[Crisis]) -> list[Clash]:
    """What the exercise (its own commitments `mine`, its host and days) clashes with, each once, in order."""
    found: list[Clash] = []
    others = list(others)
    for own in mine:
        if own.force is None:
            continue
        for other in others:
            if (other.member, other.force) != (own.member, own.force) or (other.source, other.key) == (
                    own.source, own.key):
                continue
            if overlap(own.first, own.last, other.first, other.last):
                kind = TWO_EXERCISES if other.source == "exercise" else ON_OPERATION
                found.append(Clash(kind, own.member, other.key, own.force))
    for crisis in crises:
        if crisis.territory == host and overlap(first, last, crisis.first, crisis.last):
            found.append(Clash(HOST_IN_CRISIS, host, crisis.key, None))
    return sorted(set(found), key=lambda clash: (clash.kind, clash.member, clash.key, clash.force or 0))
