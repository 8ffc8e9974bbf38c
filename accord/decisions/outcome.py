"""How a procedure ends: one pure function of the procedure, the positions lodged and the clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


class Kind(StrEnum):
    CONSENSUS = "consensus"  # at a session: adopted when no member formally objects by the item's close
    SILENCE = "silence"  # adopted at the deadline unless silence is broken
    WRITTEN = "written"  # every member answers by the deadline; adopted when all answered, none objects
    MAJORITY = "majority"  # where a charter allows it: quorum and threshold
    # Without a session: the secretariat circulates the draft, and the chair announces the decision once no
    # member has formally objected (consensus; absence is not objection). Closed by the announcement.
    CIRCULATED = "circulated"


class Stance(StrEnum):
    JOIN = "join"
    OBJECT = "object"
    ABSTAIN = "abstain"
    NON_PARTICIPATION = "non_participation"  # "does not join, does not block"
    BREAK_SILENCE = "break_silence"  # under silence: a proposed amendment breaks it


class Outcome(StrEnum):
    PENDING = "pending"
    ADOPTED = "adopted"
    ADOPTED_LIMITED = "adopted_limited"  # adopted in a limited format, naming who did not join
    RETURNED = "returned"  # returned for revision
    WITHDRAWN = "withdrawn"
    LAPSED = "lapsed"


ADOPTED_OUTCOMES = (Outcome.ADOPTED, Outcome.ADOPTED_LIMITED)
# Which of two positions of one member at the same instant counts: the weightier, so that the
# result never depends on the order in which they arrive.
_WEIGHT = {Stance.OBJECT: 4, Stance.BREAK_SILENCE: 3, Stance.NON_PARTICIPATION: 2, Stance.ABSTAIN: 1,
           Stance.JOIN: 0}


@dataclass(frozen=True)
class Procedure:
    kind: Kind
    members: frozenset[str]  # the members entitled to take a position
    # An instant; for consensus, the close of the item, and for a circulated draft the chair's announcement
    # (None: not closed yet).
    deadline: dt.datetime | None
    quorum: Fraction = Fraction(1, 2)  # majority: share of members who must answer
    threshold: Fraction = Fraction(1, 2)  # majority: share of votes cast (join + object) that must join, more than
    withdrawn: bool = False


@dataclass(frozen=True)
class Position:
    member: str
    stance: Stance
    at: dt.datetime


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    joined: tuple[str, ...] = ()
    objected: tuple[str, ...] = ()  # objected, or broke silence
    abstained: tuple[str, ...] = ()
    not_participating: tuple[str, ...] = ()
    not_answered: tuple[str, ...] = ()

    @property
    def final(self) -> bool:
        return self.outcome is not Outcome.PENDING

    @property
    def adopted(self) -> bool:
        return self.outcome in ADOPTED_OUTCOMES


def _standing(procedure: Procedure, positions: Iterable[Position], now: dt.datetime) -> dict[str, Position]:
    """Each entitled member's position that counts: its latest lodged in time (before the deadline)."""
    result: dict[str, Position] = {}
    for position in positions:
        if position.member not in procedure.members or position.at > now:
            continue
        if procedure.deadline is not None and position.at > procedure.deadline:
            continue
        held = result.get(position.member)
        if held is None or (position.at, _WEIGHT[position.stance]) > (held.at, _WEIGHT[held.stance]):
            result[position.member] = position
    return result


def _adopted(not_participating: tuple[str, ...]) -> Outcome:
    return Outcome.ADOPTED_LIMITED if not_participating else Outcome.ADOPTED


def outcome_of(procedure: Procedure, positions: Iterable[Position], now: dt.datetime) -> Result:
    """The outcome at `now`: PENDING until the rules of the procedure's kind settle it.

    Absence is not objection; a non-participant never counts as an objector, and its
    non-participation makes an adoption one in a limited format.
    """
    positions = list(positions)
    standing = _standing(procedure, positions, now)

    def having(*stances: Stance) -> tuple[str, ...]:
        return tuple(sorted(m for m, p in standing.items() if p.stance in stances))

    joined, abstained = having(Stance.JOIN), having(Stance.ABSTAIN)
    not_participating = having(Stance.NON_PARTICIPATION)
    objected = having(Stance.OBJECT, Stance.BREAK_SILENCE)
    if procedure.kind is Kind.SILENCE:
        # Once broken, silence stays broken: a later join does not mend it.
        deadline = procedure.deadline
        objected = tuple(sorted({p.member for p in positions
                                 if p.member in procedure.members
                                 and p.stance in (Stance.OBJECT, Stance.BREAK_SILENCE)
                                 and p.at <= now and (deadline is None or p.at <= deadline)}))
    not_answered = tuple(sorted(procedure.members - set(standing)))
    parts = {"joined": joined, "objected": objected, "abstained": abstained,
             "not_participating": not_participating, "not_answered": not_answered}
    if procedure.withdrawn:
        return Result(Outcome.WITHDRAWN, **parts)
    past_deadline = procedure.deadline is not None and now >= procedure.deadline

    if procedure.kind in (Kind.CONSENSUS, Kind.CIRCULATED):
        if not past_deadline:
            return Result(Outcome.PENDING, **parts)
        outcome = Outcome.RETURNED if objected else _adopted(not_participating)
        return Result(outcome, **parts)

    if procedure.kind is Kind.SILENCE:
        if objected:
            return Result(Outcome.RETURNED, **parts)
        return Result(_adopted(not_participating) if past_deadline else Outcome.PENDING, **parts)

    if procedure.kind is Kind.WRITTEN:
        if objected:
            return Result(Outcome.RETURNED, **parts)
        if not not_answered:
            return Result(_adopted(not_participating), **parts)
        return Result(Outcome.LAPSED if past_deadline else Outcome.PENDING, **parts)

    # Majority: settled at the deadline, or earlier once every member has answered.
    if not past_deadline and not_answered:
        return Result(Outcome.PENDING, **parts)
    answered = len(standing)
    if not procedure.members or Fraction(answered, len(procedure.members)) < procedure.quorum:
        return Result(Outcome.LAPSED, **parts)
    cast = len(joined) + len(objected)
    if cast and Fraction(len(joined), cast) > procedure.threshold:
        return Result(_adopted(not_participating), **parts)
    return Result(Outcome.RETURNED, **parts)
