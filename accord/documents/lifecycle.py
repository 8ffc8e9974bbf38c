"""The treaty's status per member, derived from the recorded facts and the day: never stored.

`status_table(document, today)` is a pure function of plain data, so that the page, the API and the
PDF always show the state the records imply on that day, and so that it can be property-tested.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

INSTRUMENT_KINDS = frozenset({"ratification", "acceptance", "approval", "accession"})
ENDING_KINDS = ("denounced", "ceased")
STEP_KINDS = INSTRUMENT_KINDS | {"signed", "provisional", "in_force", "amended", *ENDING_KINDS}
# The columns of the drawn table, in the order a state passes them.
STAGES = ("signed", "instrument", "provisional", "in_force", "denounced")


@dataclass(frozen=True)
class SignatureFact:
    member: str
    on: dt.date
    reservations: bool = False


@dataclass(frozen=True)
class StepFact:
    member: str
    kind: str
    on: dt.date
    seq: int | None = field(default=None, compare=False)  # the entry that recorded it, for its certainty mark


@dataclass(frozen=True)
class Treaty:
    """What the status table needs of a document."""

    signatories: Sequence[str]
    rule: str = "on_signature"  # on_signature | after_instruments | on_date | on_deposit
    count: int | None = None
    date: dt.date | None = None
    signatures: Sequence[SignatureFact] = ()
    steps: Sequence[StepFact] = ()


@dataclass(frozen=True)
class Row:
    member: str
    signed_on: dt.date | None = None
    with_reservations: bool = False
    instrument: str | None = None
    instrument_on: dt.date | None = None
    provisional_on: dt.date | None = None
    in_force_on: dt.date | None = None
    denounced_on: dt.date | None = None  # the day it stopped being bound: denounced, or ceased
    ended_by: str | None = None  # "denounced" or "ceased"
    amended_on: dt.date | None = None
    # The entry of the depositary's step that gives a stage its day (instrument, in force, ended), so that the
    # day is shown with the certainty that step carries.
    entries: Mapping[str, int] = field(default_factory=dict, compare=False)

    @property
    def stage(self) -> str:
        """The furthest stage this member has reached."""
        if self.denounced_on:
            return self.ended_by or "denounced"
        if self.in_force_on:
            return "in_force"
        if self.provisional_on:
            return "provisional"
        if self.instrument_on:
            return "instrument"
        if self.signed_on:
            return "signed_with_reservations" if self.with_reservations else "signed"
        return "open"

    def date_of(self, stage: str) -> dt.date | None:
        return {"signed": self.signed_on, "instrument": self.instrument_on, "provisional": self.provisional_on,
                "in_force": self.in_force_on, "denounced": self.denounced_on}[stage]


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    in_force_on: dt.date | None = None  # the definitive entry into force, where the rule gives one
    instruments: int = 0
    notes: tuple[str, ...] = field(default=())


def _first(facts: Iterable[StepFact], kinds: Iterable[str]) -> StepFact | None:
    wanted = set(kinds)
    chosen = [f for f in facts if f.kind in wanted]
    return min(chosen, key=lambda f: (f.on, f.kind)) if chosen else None


def _entry_into_force(treaty: Treaty, deposits: list[dt.date], today: dt.date) -> dt.date | None:
    if treaty.rule == "after_instruments":
        needed = treaty.count or len(treaty.signatories)
        return deposits[needed - 1] if needed and len(deposits) >= needed else None
    if treaty.rule == "on_date":
        return treaty.date if treaty.date and treaty.date <= today else None
    return None


def status_table(treaty: Treaty, today: dt.date) -> Table:
    """Each member's stage on `today`: facts dated after it do not count yet."""
    signatures: dict[str, SignatureFact] = {}
    on_paper = [SignatureFact(s.member, s.on) for s in treaty.steps if s.kind == "signed"]
    for fact in sorted((s for s in [*treaty.signatures, *on_paper] if s.on <= today),
                       key=lambda s: (s.on, s.member, s.reservations)):
        signatures.setdefault(fact.member, fact)
    steps = [s for s in treaty.steps if s.on <= today]
    by_member: dict[str, list[StepFact]] = {}
    for step in steps:
        by_member.setdefault(step.member, []).append(step)
    instruments = {m: _first(facts, INSTRUMENT_KINDS) for m, facts in by_member.items()}
    deposits = sorted(f.on for f in instruments.values() if f is not None)
    definitive = _entry_into_force(treaty, deposits, today)
    members = list(dict.fromkeys([*treaty.signatories, *sorted(by_member), *sorted(signatures)]))
    rows = []
    for member in members:
        signature = signatures.get(member)
        facts = by_member.get(member, [])
        instrument = instruments.get(member)
        provisional = _first(facts, ["provisional"])
        denounced = _first(facts, ENDING_KINDS)
        amended = _first(facts, ["amended"])
        in_force: dt.date | None = None
        if treaty.rule == "on_signature":
            in_force = signature.on if signature else None
        elif instrument is not None:
            if treaty.rule == "on_deposit":
                in_force = instrument.on
            elif definitive is not None:
                in_force = max(definitive, instrument.on)
        # The depositary's record of the day it entered into force for the member stands where it is given
        # (a treaty whose instruments' days are not in the record, in force on a day the record gives).
        recorded = _first(facts, ["in_force"])
        if recorded is not None:
            in_force = recorded.on
        if in_force and denounced and denounced.on < in_force:
            in_force = None
        given = {"instrument": instrument, "provisional": provisional, "denounced": denounced,
                 "in_force": recorded if recorded is not None and recorded.on == in_force else None}
        rows.append(Row(
            member=member,
            signed_on=signature.on if signature else None,
            with_reservations=bool(signature and signature.reservations),
            instrument=instrument.kind if instrument else None,
            instrument_on=instrument.on if instrument else None,
            provisional_on=provisional.on if provisional and not in_force else None,
            in_force_on=in_force,
            denounced_on=denounced.on if denounced else None,
            ended_by=denounced.kind if denounced else None,
            amended_on=amended.on if amended else None,
            entries={stage: fact.seq for stage, fact in given.items() if fact and fact.seq is not None},
        ))
    return Table(rows=tuple(rows), in_force_on=definitive, instruments=len(deposits))
