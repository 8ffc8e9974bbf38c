"""The workflow's rules and measures as plain functions over plain data (no database)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from accord.crises.catalogue import PHASE_CODES

# From this phase on a contingent is deployed: it needs the authorizing decision first.
DEPLOYED_FROM = "departed"


def phase_refusal(actuals: Mapping[str, dt.datetime], phase: str, at: dt.datetime, *,
                  accepted: bool, decision_at: dt.datetime | None, by: dt.datetime | None = None) -> str | None:
    """Why a contingent may not record `phase` as reached at `at`, or None when it may.

    Phases happen in order: each needs the one before it, at the same time or earlier. No contingent
    deploys (departs, arrives, ...) before its pledge is accepted and a decision authorizes it.

    A phase the record dates only as a range (reached between `at` and `by`: the history as the sources
    give it) may follow phases they do not date at all: it needs no earlier phase recorded, and any
    earlier one recorded must have been reached by its range's end.
    """
    if phase not in PHASE_CODES:
        return f"{phase!r} is not one of: {', '.join(PHASE_CODES)}"
    if phase in actuals:
        return f"{phase} is already recorded"
    if by is not None and by < at:
        return f"a range ends after it begins ({at.isoformat()})"
    index = PHASE_CODES.index(phase)
    if index > 0 and by is not None:
        earlier = [name for name in PHASE_CODES[:index] if name in actuals and actuals[name] > by]
        if earlier:
            return f"{phase} cannot come before {earlier[0]} ({actuals[earlier[0]].isoformat()})"
    elif index > 0:
        previous = PHASE_CODES[index - 1]
        if previous not in actuals:
            return f"{phase} needs {previous} first"
        if at < actuals[previous]:
            return f"{phase} cannot come before {previous} ({actuals[previous].isoformat()})"
    if index >= PHASE_CODES.index(DEPLOYED_FROM):
        if not accepted:
            return "the requesting state has not accepted this contingent"
        if decision_at is None:
            return "no adopted decision authorizes a deployment"
        if at < decision_at:
            return f"the authorizing decision dates from {decision_at.isoformat()}"
    return None


def is_deployed(actuals: Mapping[str, dt.datetime]) -> bool:
    return "arrived" in actuals and "home" not in actuals


def every_contingent_home(contingents: Iterable[Mapping[str, dt.datetime]]) -> bool:
    """Withdrawal is complete only when every deployed contingent (any that set out) is home."""
    return all("home" in actuals for actuals in contingents if DEPLOYED_FROM in actuals)


@dataclass(frozen=True)
class GapRow:
    capability: str
    required: int
    pledged: int
    accepted: int
    deployed: int

    @property
    def gap(self) -> int:
        return max(0, self.required - self.accepted)


@dataclass(frozen=True)
class PledgeFacts:
    capability: str
    quantity: int
    status: str  # pledged, accepted, declined, withdrawn
    deployed: bool


def force_gap(required: Mapping[str, int], pledges: Iterable[PledgeFacts]) -> list[GapRow]:
    """Per capability: what the mandate requires, what is pledged (not declined), accepted, deployed."""
    pledged: dict[str, int] = {}
    accepted: dict[str, int] = {}
    deployed: dict[str, int] = {}
    for pledge in pledges:
        if pledge.status in ("pledged", "accepted"):
            pledged[pledge.capability] = pledged.get(pledge.capability, 0) + pledge.quantity
        if pledge.status == "accepted":
            accepted[pledge.capability] = accepted.get(pledge.capability, 0) + pledge.quantity
            if pledge.deployed:
                deployed[pledge.capability] = deployed.get(pledge.capability, 0) + pledge.quantity
    names = list(required) + sorted(set(pledged) - set(required))
    return [GapRow(name, required.get(name, 0), pledged.get(name, 0), accepted.get(name, 0),
                   deployed.get(name, 0)) for name in names]


@dataclass(frozen=True)
class Spread:
    phase: str
    first: dt.datetime
    last: dt.datetime

    @property
    def spread(self) -> dt.timedelta:
        return self.last - self.first


@dataclass(frozen=True)
class Metrics:
    to_decision: dt.timedelta | None
    to_first_arrival: dt.timedelta | None
    to_full_capability: dt.timedelta | None
    to_withdrawal: dt.timedelta | None
    spreads: list[Spread]
    acknowledgements: dict[str, dt.timedelta]


@dataclass(frozen=True)
class ForceTimes:
    """The force's own milestones, each recorded by an act on the force as a whole (None: not recorded)."""

    first_arrival: dt.datetime | None = None
    full_capability: dt.datetime | None = None
    withdrawal: dt.datetime | None = None


def _since(start: dt.datetime, end: dt.datetime | None) -> dt.timedelta | None:
    return None if end is None else end - start


def metrics(*, requested_at: dt.datetime, decision_at: dt.datetime | None,
            contingents: Sequence[Mapping[str, dt.datetime]],
            acknowledged: Mapping[str, dt.datetime], force: ForceTimes | None = None) -> Metrics:
    """The response times the acts' own times imply; nothing here is typed in by anyone.

    Full operational capability is when the last contingent that deployed became operational;
    withdrawal is when the last of them came home, and only once every one has. Where the force as a whole
    is dated by its own acts (its first arrival, its deployment complete, the withdrawal complete: `force`),
    those stand: they are what the record says of the force, where each contingent's day may be known only
    as a range.
    """
    deployed = [actuals for actuals in contingents if DEPLOYED_FROM in actuals]
    arrivals = [actuals["arrived"] for actuals in deployed if "arrived" in actuals]
    operational = [actuals.get("operational") for actuals in deployed]
    home = [actuals.get("home") for actuals in deployed]
    full = max(t for t in operational if t) if deployed and all(operational) else None
    withdrawn = max(t for t in home if t) if deployed and all(home) else None
    spreads = []
    for phase in PHASE_CODES:
        times = [actuals[phase] for actuals in contingents if phase in actuals]
        if times:
            spreads.append(Spread(phase, min(times), max(times)))
    given = force or ForceTimes()
    return Metrics(
        to_decision=_since(requested_at, decision_at),
        to_first_arrival=_since(requested_at, given.first_arrival or (min(arrivals) if arrivals else None)),
        to_full_capability=_since(requested_at, given.full_capability or full),
        to_withdrawal=_since(requested_at, given.withdrawal or withdrawn),
        spreads=spreads,
        acknowledgements={member: at - requested_at for member, at in acknowledged.items()},
    )


def laggards(contingents: Mapping[str, Mapping[str, dt.datetime]],
             planned: Mapping[str, Mapping[str, dt.datetime]]) -> set[tuple[str, str]]:
    """(contingent, phase) pairs reached later than planned, or still not reached past the plan."""
    late: set[tuple[str, str]] = set()
    for name, plan in planned.items():
        for phase, when in plan.items():
            actual = contingents.get(name, {}).get(phase)
            if actual is not None and actual > when:
                late.add((name, phase))
    return late
