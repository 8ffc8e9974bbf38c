"""The decisions API under /api/v1/decisions: every action, and reads through the access policy."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status
from ninja.security import django_auth

from accord.core import paging, provenance
from accord.core import signed as signed_acts
from accord.core.acting import Actor
from accord.core.errors import NotFound
from accord.core.inputs import Id
from accord.core.policy import Viewer, viewer_of
from accord.decisions import actions, queries, sessions
from accord.decisions.models import Decision, Procedure, Proposal
from accord.decisions.schemas import (
    AccedeIn,
    CloseIn,
    PositionIn,
    ProcedureIn,
    ProposalIn,
    ProposalOut,
    ReviseIn,
    SchemeIn,
    WithdrawIn,
)

router = Router(tags=["decisions"])


def _actor(request: HttpRequest) -> Actor:
    return Actor(person=request.user)  # type: ignore[arg-type]


def _decision_out(decision: Decision, known: provenance.Known | None = None) -> dict[str, Any]:
    return {"id": decision.pk, "outcome": decision.outcome, "identifier": decision.identifier,
            "identifier_texts": decision.identifier_texts, "decided_on": decision.decided_on,
            "not_joined": decision.not_joined, "objected": decision.objected,
            "absent": decision.absent, "reason": decision.reason, "announced_by": queries.announced_by(decision),
            "accessions": [a.member_id for a in decision.accessions.all()],
            "provenance": provenance.for_api(decision.entry_seq, known)}


@dataclass(frozen=True)
class Listing:
    """What a list of proposals reads once for all its rows: the provenance of their procedures and decisions,
    and the sessions the viewer may see (a procedure names its session only to those)."""

    known: provenance.Known
    sessions: set[int]

    @classmethod
    def of(cls, proposals: list[Proposal], viewer: Viewer) -> Listing:
        seqs = [seq for p in proposals if (procedure := queries.current_procedure(p)) is not None
                for seq in (procedure.entry_seq, _decision_seq(procedure))]
        return cls(provenance.of_entries(seqs), sessions.visible_ids(viewer))


def _decision_seq(procedure: Procedure) -> int | None:
    try:
        return procedure.decision.entry_seq
    except Decision.DoesNotExist:
        return None


def proposal_out(proposal: Proposal, viewer: Viewer, listing: Listing | None = None) -> dict[str, Any]:
    procedure = queries.current_procedure(proposal)
    shown = None
    if procedure is not None:
        state = queries.state_of(procedure)
        known = listing.known if listing is not None else None
        # A session the viewer may not see is not named (not even by its id).
        session_shown = procedure.session is not None and (
            procedure.session in listing.sessions if listing is not None
            else sessions.session(viewer, procedure.session) is not None)
        shown = {
            "id": procedure.pk, "kind": procedure.kind, "state": procedure.state,
            "opened_at": procedure.opened_at, "deadline": procedure.deadline, "quorum": procedure.quorum,
            "threshold": procedure.threshold, "outcome": state.outcome,
            "session": procedure.session if session_shown else None,
            "not_answered": list(state.result.not_answered) if state.is_open else
            [row.member for row in state.rows if row.position is None],
            "positions": [
                {"member": row.member, "stance": row.stance, "acceded": row.acceded,
                 **({"reasons": p.reasons, "amendment": p.amendment, "statement_kind": p.statement_kind,
                     "statement": p.statement, "by": p.by, "signed": p.signed, "at": p.at}
                    if (p := row.position) else {})}
                for row in state.rows],
            "decision": _decision_out(state.decision, known) if state.decision else None,
            "provenance": provenance.for_api(procedure.entry_seq, known),
        }
    return {"id": proposal.pk, "title": proposal.title,
            "text": proposal.text, "document": proposal.document, "body": proposal.body_id,
            "sponsors": proposal.sponsors, "classification": proposal.classification,
            "withdrawn": proposal.withdrawn, "procedure": shown}


def _shown(request: HttpRequest, proposal_id: int) -> dict[str, Any]:
    found = queries.proposal(viewer_of(request.user), proposal_id)
    if found is None:
        raise NotFound("proposal", f"there is no proposal {proposal_id}")
    return proposal_out(found, viewer_of(request.user))


@router.put("/scheme", response=SchemeIn, auth=django_auth,
            summary="Set how decisions are identified (a charter setting; the secretariat)")
def configure_identifiers(request: HttpRequest, payload: SchemeIn) -> Any:
    return actions.configure_identifiers(actor=_actor(request), **payload.dict())


@router.get("", response=list[ProposalOut], summary="Proposals the viewer may see, newest first, a page at a time",
            description=paging.described("proposals"))
def proposals(request: HttpRequest, response: HttpResponse, limit: paging.Limit = paging.API_LIMIT,
              offset: paging.Offset = 0) -> list[dict[str, Any]]:
    viewer = viewer_of(request.user)
    ids = queries.visible_proposal_ids(viewer)
    page = queries.proposals_by_id(ids[paging.window(request, response, len(ids), offset, limit)])
    listing = Listing.of(page, viewer)
    return [proposal_out(p, viewer, listing) for p in page]


@router.get("/{proposal_id}", response=ProposalOut, summary="A proposal and its procedure's live state")
def proposal(request: HttpRequest, proposal_id: Id) -> dict[str, Any]:
    return _shown(request, proposal_id)


@router.post("", response={201: ProposalOut}, auth=django_auth,
             summary="Table a proposal before a deciding body")
def propose(request: HttpRequest, payload: ProposalIn) -> Status[dict[str, Any]]:
    created = actions.propose(actor=_actor(request), **payload.dict())
    return Status(201, _shown(request, created.pk))


@router.post("/{proposal_id}/procedure", response={201: ProposalOut}, auth=django_auth,
             summary="Open the procedure that decides it (the secretariat or the chair)")
def open_procedure(request: HttpRequest, proposal_id: Id, payload: ProcedureIn) -> Status[dict[str, Any]]:
    actions.open_procedure(actor=_actor(request), proposal=proposal_id, **payload.dict())
    return Status(201, _shown(request, proposal_id))


@router.post("/{proposal_id}/positions", response={201: ProposalOut}, auth=django_auth,
             summary="Lodge a member's position (its head or an authorized delegate)",
             description="To sign the position on the member's own machine, submit the act "
                         "`decisions.position_lodged` to POST /api/v1/acts instead.")
def lodge_position(request: HttpRequest, proposal_id: Id, payload: PositionIn) -> Status[dict[str, Any]]:
    actions.lodge_position(actor=_actor(request), proposal=proposal_id, **payload.dict())
    return Status(201, _shown(request, proposal_id))


@router.post("/{proposal_id}/close", response=ProposalOut, auth=django_auth,
             summary="Close the procedure: record its outcome once, give an adopted decision its identifier")
def close(request: HttpRequest, proposal_id: Id, payload: CloseIn) -> dict[str, Any]:
    actions.close_procedure(actor=_actor(request), proposal=proposal_id, **payload.dict())
    return _shown(request, proposal_id)


@router.post("/{proposal_id}/revise", response=ProposalOut, auth=django_auth,
             summary="Revise a proposal's text between procedures (a sponsor or the secretariat)")
def revise(request: HttpRequest, proposal_id: Id, payload: ReviseIn) -> dict[str, Any]:
    actions.revise(actor=_actor(request), proposal=proposal_id, text=payload.text, reason=payload.reason)
    return _shown(request, proposal_id)


@router.post("/{proposal_id}/withdraw", response=ProposalOut, auth=django_auth,
             summary="Withdraw a proposal (a sponsor or the secretariat)")
def withdraw(request: HttpRequest, proposal_id: Id, payload: WithdrawIn) -> dict[str, Any]:
    actions.withdraw(actor=_actor(request), proposal=proposal_id, reason=payload.reason)
    return _shown(request, proposal_id)


@router.post("/decisions/{decision_id}/accessions", response={201: ProposalOut}, auth=django_auth,
             summary="A member that did not join accedes to an adopted decision later")
def accede(request: HttpRequest, decision_id: Id, payload: AccedeIn) -> Status[dict[str, Any]]:
    accession = actions.accede(actor=_actor(request), decision=decision_id, **payload.dict())
    return Status(201, _shown(request, accession.decision.proposal_id))


# How a decisions act, signed on a member's own machine, becomes a call of its action. What the body names
# is fetched as its signer may see it first: a hidden proposal or decision is refused as a missing one.


def _signed_proposal(a: Actor, b: Mapping[str, Any]) -> int:
    number = signed_acts.number(b, "proposal")
    if queries.proposal(viewer_of(a.person), number) is None:
        raise NotFound("proposal", f"there is no proposal {number}")
    return number


def _signed_decision(a: Actor, b: Mapping[str, Any]) -> int:
    number = signed_acts.number(b, "decision")
    if queries.decision(viewer_of(a.person), number) is None:
        raise NotFound("decision", f"there is no decision {number}")
    return number


_SIGNED: Mapping[str, Any] = {
    "decisions.position_lodged": lambda a, s, b: actions.lodge_position(
        actor=a, signed=s, proposal=_signed_proposal(a, b), member=b["member"], stance=b["stance"],
        reasons=b.get("reasons", ""), amendment=b.get("amendment", ""),
        statement_kind=b.get("statement_kind", ""), statement=b.get("statement", "")),
    "decisions.acceded": lambda a, s, b: actions.accede(
        actor=a, signed=s, decision=_signed_decision(a, b), member=b["member"], on=b.get("on")),
}
for _type, _adapter in _SIGNED.items():
    signed_acts.register(_type, _adapter)
