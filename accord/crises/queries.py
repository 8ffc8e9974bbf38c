"""Reads of crises, each given the viewer: a request's classification decides who sees all of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet

from accord.core import paging
from accord.core.errors import NotFound
from accord.core.policy import Viewer, may_see
from accord.core.translations import Texts, content_languages
from accord.crises import catalogue, letters, rules
from accord.crises.models import Acknowledgement, Crisis, Lesson, Link, Mandate, Pledge, SituationReport
from accord.decisions import queries as decisions
from accord.decisions.models import Decision, Proposal
from accord.meetings import queries as meetings
from accord.meetings.models import Session
from accord.members import queries as registry
from accord.members.models import Member


def _visible(viewer: Viewer, crisis: Crisis) -> bool:
    return may_see(viewer, crisis.classification)


def crises(viewer: Viewer) -> list[Crisis]:
    """Every crisis the viewer may see, open ones first, newest first within each."""
    visible = [crisis for crisis in _listed(Crisis.objects.all()) if _visible(viewer, crisis)]
    return sorted(visible, key=lambda crisis: (not crisis.is_open, -crisis.requested_at.timestamp()))


@dataclass(frozen=True, slots=True)
class Listed:
    """A crisis as its list orders and filters it, before the page's crises are read in full."""

    pk: int
    requester_id: str
    outcome: str
    closed_at: dt.datetime | None
    requested_at: dt.datetime

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


def listed_crises(viewer: Viewer) -> list[Listed]:
    """The crises the viewer may see, in the order of `crises` (open ones first, newest first within each):
    one light query, for a list served a page at a time (only the page's crises are then read in full, by
    `crises_by_id`)."""
    rows = Crisis.objects.values_list("pk", "requester_id", "outcome", "closed_at", "requested_at",
                                      "classification")
    visible = [Listed(*row[:-1]) for row in rows if may_see(viewer, row[-1])]
    return sorted(visible, key=lambda crisis: (not crisis.is_open, -crisis.requested_at.timestamp()))


def crises_by_id(ids: list[int]) -> list[Crisis]:
    """These crises with what a list shows of them, in the order of `ids` (already the viewer's)."""
    return paging.in_order(_listed(Crisis.objects.all()), ids)


def _listed(rows: QuerySet[Crisis]) -> QuerySet[Crisis]:
    # The API lists each crisis with its acknowledgements and mandate: read with the crises, not per crisis.
    return rows.select_related("requester", "mandate__commander_body").prefetch_related("acknowledgements")


def requester_names(codes: set[str]) -> dict[str, str]:
    """The names of these requesting states, in the language of the page: one query."""
    return {member.code: str(member.name) for member in Member.objects.filter(code__in=codes)}


def open_crises(viewer: Viewer) -> list[Crisis]:
    return [crisis for crisis in crises(viewer) if crisis.is_open]


def crisis(viewer: Viewer, pk: int) -> Crisis:
    """The crisis, or NotFound when it is missing or the viewer may not see it (the two look the same)."""
    found = Crisis.objects.select_related("requester").filter(pk=pk).first()
    if found is None or not _visible(viewer, found):
        raise NotFound("crisis", f"no crisis {pk}")
    return found


def pledge_in(viewer: Viewer, crisis_pk: int, pk: int) -> Pledge:
    """A pledge of the crisis, seen as the viewer sees the crisis; a pledge of another crisis is missing."""
    found = crisis(viewer, crisis_pk).pledges.filter(pk=pk).first()
    if found is None:
        raise NotFound("pledge", f"no pledge {pk} in crisis {crisis_pk}")
    return found


def lesson_in(viewer: Viewer, crisis_pk: int, pk: int) -> Lesson:
    """A lesson of the crisis, seen as the viewer sees the crisis; a lesson of another crisis is missing."""
    found = crisis(viewer, crisis_pk).lessons.filter(pk=pk).first()
    if found is None:
        raise NotFound("lesson", f"no lesson {pk} in crisis {crisis_pk}")
    return found


@dataclass(frozen=True)
class AckCell:
    member: Member
    acknowledgement: Acknowledgement | None
    requested_at: dt.datetime

    @property
    def after(self) -> dt.timedelta | None:
        return None if self.acknowledgement is None else self.acknowledgement.at - self.requested_at


def acknowledgement_strip(viewer: Viewer, found: Crisis,
                          acknowledgements: list[Acknowledgement] | None = None) -> list[AckCell]:
    """One cell per other member in good standing on the day of the request: who has seen it, and when
    (the requesting state filed it: it has nothing to acknowledge and is never shown as pending). A page that
    has read the crisis's acknowledgements passes them."""
    given = found.acknowledgements.all() if acknowledgements is None else acknowledgements
    acks = {ack.member_id: ack for ack in given}
    day = found.requested_at.date()
    return [AckCell(view.member, acks.get(view.code), found.requested_at)
            for view in registry.members(viewer, day) if view.is_current and view.code != found.requester_id]


def mandate_of(found: Crisis) -> Mandate | None:
    """The crisis's mandate: as read with it when `crises` listed it (no query), else in one query."""
    if Crisis.mandate.is_cached(found):
        return getattr(found, "mandate", None)
    return Mandate.objects.select_related("commander_body").filter(crisis=found).first()


@dataclass(frozen=True)
class PledgeView:
    pledge: Pledge
    actuals: dict[str, dt.datetime]
    planned: dict[str, dt.datetime]
    # The phases the record dates only as a range: reached between actuals[phase] and by[phase].
    by: dict[str, dt.datetime] = field(default_factory=dict)

    @property
    def exact(self) -> dict[str, dt.datetime]:
        """The phases reached at a known instant (not those known only as a range)."""
        return {phase: at for phase, at in self.actuals.items() if phase not in self.by}

    @property
    def current_phase(self) -> str | None:
        reached = [code for code in catalogue.PHASE_CODES if code in self.actuals]
        return reached[-1] if reached else None

    @property
    def capability_label(self) -> str:
        return catalogue.label(catalogue.capabilities(), self.pledge.capability)


def pledges(found: Crisis) -> list[PledgeView]:
    result = []
    for pledge in Pledge.objects.select_related("member").filter(crisis=found).prefetch_related("phases"):
        pledge.crisis = found  # its policies ask for the crisis, which the page has read already
        phases = list(pledge.phases.all())
        result.append(PledgeView(
            pledge,
            {p.phase: p.actual_at for p in phases if p.actual_at is not None},
            {p.phase: p.planned_at for p in phases if p.planned_at is not None},
            {p.phase: p.actual_by for p in phases if p.actual_at is not None and p.actual_by is not None},
        ))
    return result


def force_gap(found: Crisis, mandate: Mandate | None, views: list[PledgeView]) -> list[rules.GapRow]:
    required = dict(mandate.requirements) if mandate else {}
    facts = [rules.PledgeFacts(v.pledge.capability, v.pledge.quantity, v.pledge.status,
                               "arrived" in v.actuals) for v in views]
    return rules.force_gap(required, facts)


def metrics(found: Crisis, mandate: Mandate | None, views: list[PledgeView],
            acknowledgements: list[Acknowledgement] | None = None) -> rules.Metrics:
    """The response times; a phase known only as a range does not time a contingent (the force's own acts,
    its first arrival, deployment complete and withdrawal complete, time the force where they are recorded).
    A page that has read the crisis's acknowledgements passes them."""
    given = found.acknowledgements.all() if acknowledgements is None else acknowledgements
    return rules.metrics(
        requested_at=found.requested_at,
        decision_at=mandate.decision_at if mandate else found.outcome_at,
        contingents=[v.exact for v in views if v.pledge.status == "accepted"],
        acknowledged={ack.member_id: ack.at for ack in given},
        force=rules.ForceTimes(first_arrival=mandate.first_arrival_at, full_capability=mandate.deployed_at,
                               withdrawal=mandate.withdrawal_complete_at) if mandate else None,
    )


def latest_reports(found: Crisis, reports: list[SituationReport] | None = None) -> list[SituationReport]:
    """The latest picture: the newest report from each source, the commander's first (from `reports`, the
    crisis's reports in order, when the page has read them)."""
    latest: dict[str, SituationReport] = {}
    for report in found.reports.all() if reports is None else reports:
        latest[report.source] = report
    return sorted(latest.values(), key=lambda r: (r.source != "commander", r.source))


@dataclass(frozen=True)
class Taken:
    """A session or a proposal that takes up the request, as the viewer may see it."""

    session: Session | None = None
    proposal: Proposal | None = None


def taken_up(viewer: Viewer, found: Crisis) -> list[Taken]:
    """The sessions and proposals tied to the request that the viewer may see, in the order tied;
    each through its own app's access policy (a closed session or a participants-only draft stays
    out of sight of those who may not see it)."""
    result = []
    for link in found.links.all():
        if link.session_id is not None:
            try:
                result.append(Taken(session=meetings.session(viewer, link.session_id)))
            except NotFound:
                continue
        elif link.proposal_id is not None and (proposal := decisions.proposal(viewer, link.proposal_id)):
            result.append(Taken(proposal=proposal))
    return result


def adopted_decision(request: Crisis) -> Decision | None:
    """The latest decision adopted on a procedure that took up the request, if any."""
    from accord.decisions.outcome import ADOPTED_OUTCOMES

    return (Decision.objects.filter(proposal__in=Link.objects.filter(crisis=request).values("proposal"),
                                    outcome__in=ADOPTED_OUTCOMES)
            .order_by("-entry_seq").first())


def letter_facts(crisis: Crisis) -> letters.Facts:
    """What a letter to the Security Council may say about this operation: only what the acts record."""
    from accord.members.models import Organization

    mandate = Mandate.objects.filter(crisis=crisis).first()
    organization = Organization.objects.filter(pk=1).first()
    contributors = Member.objects.filter(
        code__in=crisis.pledges.filter(status="accepted").values("member_id")).order_by("code")
    latest = crisis.reports.order_by("-number").first()
    return letters.Facts(
        organization=names_of(organization) if organization else Texts(),
        requester=names_of(crisis.requester), requested_at=crisis.requested_at,
        legal_basis=crisis.legal_basis, purpose=mandate.purpose if mandate else Texts(),
        area=mandate.area if mandate else crisis.area,
        decision_identifier=mandate.decision_identifier if mandate else "",
        decision_texts=decision_texts(mandate) if mandate else None,
        decision_at=mandate.decision_at if mandate else None, ends_at=mandate.ends_at if mandate else None,
        contributors=[names_of(m) for m in contributors],
        latest_number=latest.number if latest else None, latest_report=latest.text if latest else Texts(),
        completed_at=mandate.completed_at if mandate else None,
        withdrawal_at=mandate.withdrawal_complete_at if mandate else None,
    )


def names_of(named: object) -> Texts:
    """A member's or the organization's name in each language it is kept in."""
    name = getattr(named, "name", None)
    if isinstance(name, Texts):
        return name
    # Kept, until the registry holds its names as texts, in a column per language.
    return Texts.of([[code, str(getattr(named, f"name_{code}", "") or "")] for code in content_languages()])


def decision_texts(mandate: Mandate) -> Texts | None:
    """How each language writes the mandate's authorizing decision: the register's identifier_texts, or the
    decision as published (one taken before the register); None for one recorded in a single string."""
    return decisions.identifier_texts(mandate.decision_identifier) or (mandate.decision_texts or None)
