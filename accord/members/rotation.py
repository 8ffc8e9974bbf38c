"""Who chairs the organization on a given day: the charter's rotation, handovers and overrides."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_noop as noop

from accord.members import history

# The last year a datetime.date can hold; terms beyond it are never computed.
_LAST_YEAR = datetime.MAXYEAR


class HandoverRule(StrEnum):
    AT_REGULAR_SESSION = "at_regular_session"
    ON_JANUARY_1 = "on_january_1"


@dataclass(frozen=True)
class RuleChange:
    """From the handover into term `from_term` on, the chairmanship changes hands by `rule`."""

    rule: HandoverRule
    from_term: int


@dataclass(frozen=True)
class Handover:
    """Under AT_REGULAR_SESSION, `term` began at the regular session held `on`."""

    term: int
    on: datetime.date
    reference: Mapping[str, str] | str = ""  # a text per language, or a plain one


@dataclass(frozen=True)
class Override:
    """The Council decided otherwise: `member` chairs from `start` to `end` inclusive, or on."""

    member: str
    start: datetime.date
    end: datetime.date | None
    reason: Mapping[str, str] | str = ""  # a text per language, or a plain one

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Term:
    """One chairmanship; `start` is None while not yet known, `end` is the next term's start."""

    term: int
    # None only when no state in the order was a member when the term began.
    member: str | None
    start: datetime.date | None
    end: datetime.date | None
    rule: HandoverRule


class RotationError(Exception):
    """Rotation settings that contradict themselves; says which field is wrong and why.

    `reason` is the English sentence; `message` (a catalogue's message id) and `params` let a page say it in
    the reader's language, naming a state (`member`) by its name and a day (a `datetime.date`) as it writes
    days (`accord.members.actions._check_rotation`).
    """

    def __init__(self, field: str, message: str, **params: object) -> None:
        shown = {name: value.isoformat() if isinstance(value, datetime.date) else value
                 for name, value in params.items()}
        reason = message % shown
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
        self.message = message
        self.params = params


@dataclass(frozen=True)
class Rotation:
    """The charter's rotation: `anchor_member` holds `anchor_term`; each later term passes on.

    Terms are labelled by the calendar year they are counted for ("2022" and the state): term
    anchor_term + k * term_years goes to the next state in `order` after the previous holder that
    is a member on the day the term begins. `memberships` maps each state in the order to its
    history; a state without one has never been a member and is always skipped.
    """

    order: tuple[str, ...]
    anchor_member: str
    anchor_term: int
    term_years: int
    rules: tuple[RuleChange, ...]
    handovers: tuple[Handover, ...]
    overrides: tuple[Override, ...]
    memberships: Mapping[str, Sequence[history.Event]]

    def __post_init__(self) -> None:
        _check_rotation(self)


def _check_rotation(rotation: Rotation) -> None:
    if not rotation.order:
        raise RotationError("order", noop("is empty; list the members in the order they chair"))
    seen: set[str] = set()
    for member in rotation.order:
        if member in seen:
            raise RotationError("order", noop("lists %(member)s twice"), member=member)
        seen.add(member)
    if rotation.anchor_member not in seen:
        raise RotationError("anchor_member", noop("%(member)s is not in the order"), member=rotation.anchor_member)
    if rotation.term_years < 1:
        raise RotationError("term_years", noop("is %(years)s; a term lasts at least a year"),
                            years=rotation.term_years)
    if not datetime.MINYEAR <= rotation.anchor_term <= _LAST_YEAR:
        raise RotationError("anchor_term", noop("is %(term)s, not a usable year"), term=rotation.anchor_term)
    from_terms: set[int] = set()
    for change in rotation.rules:
        if change.from_term in from_terms:
            raise RotationError("rules", noop("two rule changes from term %(term)s"), term=change.from_term)
        from_terms.add(change.from_term)
    terms_handed_over: set[int] = set()
    for handover in rotation.handovers:
        term = handover.term
        if term < rotation.anchor_term or (term - rotation.anchor_term) % rotation.term_years:
            raise RotationError(
                "handovers",
                noop("term %(term)s is not a term of this rotation (term %(anchor)s and every %(years)s year(s) "
                     "after it)"),
                term=term, anchor=rotation.anchor_term, years=rotation.term_years,
            )
        if term in terms_handed_over:
            raise RotationError("handovers", noop("term %(term)s has two handovers"), term=term)
        terms_handed_over.add(term)
        if _rule_for(rotation, term) is not HandoverRule.AT_REGULAR_SESSION:
            raise RotationError(
                "handovers",
                noop("term %(term)s is handed over on 1 January, not at a session; the handover on %(on)s does "
                     "not apply"),
                term=term, on=handover.on,
            )
    for override in rotation.overrides:
        if override.end is not None and override.end < override.start:
            raise RotationError(
                "overrides",
                noop("the override for %(member)s ends on %(end)s, before it starts on %(start)s"),
                member=override.member, end=override.end, start=override.start,
            )
    # Known starts must follow one another, or a term would end before it began.
    previous: tuple[int, datetime.date] | None = None
    horizon = _horizon(rotation)
    for term in range(rotation.anchor_term, _LAST_YEAR + 1, rotation.term_years):
        if term > horizon + rotation.term_years:
            break  # from here on the rule never changes and starts cannot go backwards
        start = _start_of(rotation, term)
        if start is None:
            continue
        if previous is not None and start <= previous[1]:
            raise RotationError(
                "handovers",
                noop("term %(term)s would begin on %(start)s, not after term %(previous)s began on %(began)s"),
                term=term, start=start, previous=previous[0], began=previous[1],
            )
        previous = (term, start)


def _horizon(rotation: Rotation) -> int:
    """The last term after which neither the rule nor the recorded handovers change anything."""
    return max(
        [rotation.anchor_term]
        + [change.from_term for change in rotation.rules]
        + [handover.term for handover in rotation.handovers]
    )


def _rule_for(rotation: Rotation, term: int) -> HandoverRule:
    in_force = [change for change in rotation.rules if change.from_term <= term]
    if not in_force:
        return HandoverRule.AT_REGULAR_SESSION
    return max(in_force, key=lambda change: change.from_term).rule


def _start_of(rotation: Rotation, term: int) -> datetime.date | None:
    if term > _LAST_YEAR:
        return None
    if _rule_for(rotation, term) is HandoverRule.ON_JANUARY_1:
        return datetime.date(term, 1, 1)
    for handover in rotation.handovers:
        if handover.term == term:
            return handover.on
    return None  # the session has not been recorded yet: the term has not begun


def _next_start_after(rotation: Rotation, term: int) -> datetime.date | None:
    """The start of the first later term that has begun or has a known date, if any."""
    horizon = _horizon(rotation)
    for later in range(term + rotation.term_years, _LAST_YEAR + 1, rotation.term_years):
        start = _start_of(rotation, later)
        if start is not None:
            return start
        if later > horizon:
            return None  # past the horizon only 1 January starts are known, and this is not one
    return None


def _is_member(rotation: Rotation, state: str, day: datetime.date | None) -> bool:
    events = rotation.memberships.get(state, ())
    # A term whose start is not known yet goes, as far as anyone can say today, to the next state
    # that is a member once everything recorded so far has taken effect.
    status = history.current_status(events) if day is None else history.status_on(events, day)
    return status in history.MEMBER_STATUSES


@dataclass(frozen=True)
class _Turn:
    term: int
    member: str | None
    start: datetime.date | None


def _turns(rotation: Rotation) -> Iterator[_Turn]:
    """Every term from the anchor on, with the state whose turn it is and its start if known."""
    order = rotation.order
    position = order.index(rotation.anchor_member)
    member: str | None = rotation.anchor_member
    term = rotation.anchor_term
    while term <= _LAST_YEAR:
        start = _start_of(rotation, term)
        if term != rotation.anchor_term:
            member = None
            for step in range(1, len(order) + 1):
                candidate = (position + step) % len(order)
                if _is_member(rotation, order[candidate], start):
                    position, member = candidate, order[candidate]
                    break
        yield _Turn(term=term, member=member, start=start)
        term += rotation.term_years


def _turn_in_force(rotation: Rotation, day: datetime.date) -> _Turn | None:
    horizon = _horizon(rotation)
    in_force: _Turn | None = None
    for turn in _turns(rotation):
        if turn.start is not None:
            if turn.start > day:
                break  # known starts only grow (checked when the rotation was made)
            in_force = turn
        elif turn.term > horizon:
            break  # no later term can have a known start either
    return in_force


def _as_term(rotation: Rotation, turn: _Turn) -> Term:
    return Term(
        term=turn.term,
        member=turn.member,
        start=turn.start,
        end=_next_start_after(rotation, turn.term),
        rule=_rule_for(rotation, turn.term),
    )


def chair_on(rotation: Rotation, day: datetime.date) -> str | None:
    """The member chairing on `day`, or None when nobody does.

    An override in force wins (the latest listed, where they overlap, being the Council's latest
    word), even before the anchor term. Otherwise the holder of the term in force chairs while it
    is a member: a chair that withdraws or is suspended mid-term leaves the chair vacant until the
    Council decides otherwise or the next term begins, since the charter names no stand-in.
    """
    for override in reversed(rotation.overrides):
        if override.covers(day):
            return override.member
    turn = _turn_in_force(rotation, day)
    if turn is None or turn.member is None:
        return None
    return turn.member if _is_member(rotation, turn.member, day) else None


def terms(rotation: Rotation, first_term: int, last_term: int) -> list[Term]:
    """The rotation's terms from `first_term` to `last_term` inclusive (none before the anchor).

    Overrides are not folded in: they are Council decisions for a stretch of days, shown beside
    the terms, and they do not move anyone's turn.
    """
    found: list[Term] = []
    for turn in _turns(rotation):
        if turn.term > last_term:
            break
        if turn.term >= first_term:
            found.append(_as_term(rotation, turn))
    return found


def next_chair(rotation: Rotation, day: datetime.date) -> Term | None:
    """The term after the one in force on `day` (the anchor term if none is); start may be None."""
    in_force = _turn_in_force(rotation, day)
    after = rotation.anchor_term if in_force is None else in_force.term + rotation.term_years
    upcoming = terms(rotation, after, after)
    return upcoming[0] if upcoming else None
