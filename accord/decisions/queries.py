"""Reads of proposals, procedures and decisions, each through the access policy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db.models import F, QuerySet

from accord.core import clock, drill, paging
from accord.core.policy import Viewer, may_see
from accord.core.translations import Texts
from accord.decisions import outcome
from accord.decisions.models import Decision, Position, Procedure, Proposal
from accord.members import queries as registry


def _visible(viewer: Viewer | None, proposal: Proposal) -> bool:
    """None is the console (the server's operator), who sees everything."""
    return viewer is None or may_see(viewer, proposal.classification, proposal.audience)


def proposal(viewer: Viewer | None, proposal_id: int) -> Proposal | None:
    found = Proposal.objects.select_related("body").filter(pk=proposal_id).first()
    return found if found is not None and _visible(viewer, found) else None


def decision(viewer: Viewer | None, decision_id: int) -> Decision | None:
    """The decision if the viewer may see the proposal it decided; None when missing or hidden alike."""
    found = Decision.objects.select_related("proposal", "procedure").filter(pk=decision_id).first()
    return found if found is not None and _visible(viewer, found.proposal) else None


def adopted_decision(viewer: Viewer | None, proposal: Proposal) -> Decision | None:
    """The proposal's adopted decision (in full or in a limited format), the one a member accedes to."""
    if not _visible(viewer, proposal):
        return None
    return proposal.decisions.filter(outcome__in=outcome.ADOPTED_OUTCOMES).first()


def proposals(viewer: Viewer) -> list[Proposal]:
    return [p for p in _listed(Proposal.objects.all()) if _visible(viewer, p)]


def visible_proposal_ids(viewer: Viewer | None) -> list[int]:
    """The ids of the proposals the viewer may see, newest first: one light query, for a list served a page at
    a time (only the page's proposals are then read in full, by `proposals_by_id`)."""
    return [row[0] for row in _visible_rows(viewer)]


@dataclass(frozen=True, slots=True)
class Listed:
    """A proposal as its list filters it by body and year, before the page's proposals are read in full."""

    pk: int
    body: str
    body_name: Texts
    opened: dt.date | None  # the day its current procedure was opened; None before one is


def listed_proposals(viewer: Viewer | None) -> list[Listed]:
    """The proposals the viewer may see, newest first, each with its body and the day its current procedure
    (the latest, as `current_procedure` reads it) was opened: two light queries, however many there are."""
    latest: dict[int, tuple[dt.datetime, int]] = {}
    for proposal_id, opened_at, seq in Procedure.objects.order_by().values_list("proposal_id", "opened_at",
                                                                                "entry_seq"):
        if proposal_id not in latest or (opened_at, seq) > latest[proposal_id]:
            latest[proposal_id] = (opened_at, seq)
    return [Listed(pk, body, name, latest[pk][0].date() if pk in latest else None)
            for pk, body, name in _visible_rows(viewer, "body_id", "body__name")]


def _visible_rows(viewer: Viewer | None, *fields: str) -> list[tuple[Any, ...]]:
    """(pk, *fields) of each proposal the viewer may see, newest first."""
    rows = Proposal.objects.order_by("-entry_seq").values_list("pk", *fields, "classification", "audience")
    return [row[:-2] for row in rows if viewer is None or may_see(viewer, row[-2], row[-1])]


def proposals_by_id(ids: list[int]) -> list[Proposal]:
    """These proposals with what a list shows of them, in the order of `ids` (already the viewer's)."""
    return paging.in_order(_listed(Proposal.objects.all()), ids)


def _listed(rows: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return rows.select_related("body").prefetch_related(
        "decisions", "procedures__positions", "procedures__decision__accessions")


def proposal_titled(title: str) -> Proposal | None:
    """The proposal with this title in any language (the demos tie their records to one by its title).

    Not filtered by a viewer, like `decision_by_identifier`. Titles are stored as language pairs, which
    SQLite cannot search inside, so the rows are read.
    """
    return next((p for p in Proposal.objects.order_by("entry_seq") if title in p.title.values()), None)


def decision_by_identifier(identifier: str) -> Decision | None:
    """The decision an identifier names, its stable one or as any of the organization's languages writes it
    (for the documents app, tying an adopted version to it, and a crisis naming its authorizing decision).

    Not filtered by a viewer: the caller reads what it ties to through its own policy check. In a drill's
    scope (accord.core.drill) the drill's decisions are looked in first, then the real ones: a real record
    read inside a drill (a document adopted by a real decision) names a real decision. A real page never
    finds a drill's decision."""
    found = _decision_named(identifier)
    if found is None and drill.current() is not None:
        with drill.scope(None):
            found = _decision_named(identifier)
    return found


def _decision_named(identifier: str) -> Decision | None:
    rows = Decision.objects.select_related("proposal", "procedure")
    found = rows.filter(identifier=identifier).first()
    if found is not None or not identifier.strip():
        return found
    # As a reader saw it, in any language the organization keeps (a form takes what the page showed). The
    # texts are stored as language pairs, which SQLite cannot search inside, so the adopted ones are read.
    wanted = " ".join(identifier.split())
    return next((d for d in rows.exclude(identifier=None)
                 if wanted in (" ".join(text.split()) for text in d.identifier_texts.values())), None)


def identifier_texts(identifier: str) -> Texts | None:
    """How each of the organization's languages writes the decision an identifier names; None for one the
    register does not hold (a decision taken before it, recorded as given, in no language in particular)."""
    found = decision_by_identifier(identifier) if identifier else None
    return found.identifier_texts if found is not None and found.identifier_texts else None


def facts(procedure: Procedure, closing_at: dt.datetime | None = None) -> outcome.Procedure:
    """The procedure as outcome_of reads it; consensus closes at `closing_at` (the item's close, or the chair's
    announcement of a circulated draft)."""
    deadline = procedure.deadline
    if procedure.kind in (outcome.Kind.CONSENSUS, outcome.Kind.CIRCULATED) and deadline is None:
        deadline = closing_at
    return outcome.Procedure(
        kind=outcome.Kind(procedure.kind), members=frozenset(procedure.members), deadline=deadline,
        quorum=Fraction(procedure.quorum) if procedure.quorum else Fraction(1, 2),
        threshold=Fraction(procedure.threshold) if procedure.threshold else Fraction(1, 2),
    )


def announced_by(decision: Decision) -> str | None:
    """The member that chaired on the day a circulated draft's decision was announced (the chair announces
    it); None for the other kinds, decided by their own rules."""
    if decision.procedure.kind != outcome.Kind.CIRCULATED:
        return None
    return registry.chair_on(decision.decided_on)


def position_facts(procedure: Procedure) -> list[outcome.Position]:
    return [outcome.Position(p.member_id, outcome.Stance(p.stance), p.at) for p in procedure.positions.all()]


@dataclass(frozen=True)
class Row:
    """One member's line in a procedure's grid."""

    member: str
    position: Position | None
    acceded: bool = False

    @property
    def stance(self) -> str:
        return self.position.stance if self.position else ""


@dataclass(frozen=True)
class ProcedureState:
    procedure: Procedure
    result: outcome.Result
    rows: list[Row]
    decision: Decision | None

    @property
    def is_open(self) -> bool:
        return self.procedure.state == Procedure.OPEN

    @property
    def outcome(self) -> str:
        return self.decision.outcome if self.decision else self.result.outcome.value

    @property
    def time_left(self) -> dt.timedelta | None:
        if not self.is_open or self.procedure.deadline is None:
            return None
        return max(self.procedure.deadline - clock.now(), dt.timedelta(0))

    @property
    def settled(self) -> bool:
        """Open, but its outcome is already determined: it waits only for its closing act."""
        return self.is_open and self.result.final


def state_of(procedure: Procedure, now: dt.datetime | None = None) -> ProcedureState:
    now = now or clock.now()
    positions = list(procedure.positions.all())
    try:
        decision: Decision | None = procedure.decision
    except Decision.DoesNotExist:
        decision = None
    result = outcome.outcome_of(
        facts(procedure), [outcome.Position(p.member_id, outcome.Stance(p.stance), p.at) for p in positions], now)
    by_member = {p.member_id: p for p in positions}
    acceded = {a.member_id for a in decision.accessions.all()} if decision else set()
    rows = [Row(code, by_member.get(code), code in acceded) for code in procedure.members]
    return ProcedureState(procedure, result, rows, decision)


def current_procedure(proposal: Proposal) -> Procedure | None:
    """The latest procedure on the proposal (read from what was prefetched, where it was)."""
    procedures = sorted(proposal.procedures.all(), key=lambda p: (p.opened_at, p.entry_seq))
    return procedures[-1] if procedures else None


def open_procedures(viewer: Viewer, limit: int | None = None) -> tuple[list[tuple[Proposal, ProcedureState]], int]:
    """The open procedures the viewer may see, the nearest deadline first (those without one last), at most
    `limit` of them; and how many the viewer may see in all. Only the shown ones are read in full."""
    ids = [pk for pk, classification, audience in Procedure.objects.filter(state=Procedure.OPEN)
           .order_by(F("deadline").asc(nulls_last=True), "entry_seq")
           .values_list("pk", "proposal__classification", "proposal__audience")
           if viewer is None or may_see(viewer, classification, audience)]
    shown = ids[:limit] if limit is not None else ids
    rows = {p.pk: p for p in Procedure.objects.filter(pk__in=shown).select_related(
        "proposal", "proposal__body", "decision").prefetch_related("positions", "decision__accessions")}
    return [(rows[pk].proposal, state_of(rows[pk])) for pk in shown if pk in rows], len(ids)
