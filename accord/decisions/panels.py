"""What the decisions pages and the pages of other apps (the dashboard, a crisis) show of a procedure.

Page-context functions over the queries, so that another app's page draws a procedure's panel by calling
them, never by importing this app's views (the import contract in pyproject.toml forbids that).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from accord.core import provenance
from accord.core.policy import Viewer
from accord.decisions import labels, policies, queries, sessions
from accord.decisions.forms import (
    AccedeForm,
    CloseProcedureForm,
    OpenProcedureForm,
    PositionForm,
    ReviseForm,
    WithdrawForm,
)
from accord.decisions.models import Proposal
from accord.members import queries as registry


def _names() -> dict[str, str]:
    return {member.code: str(member.name) for member in registry.registry_states()}


def _kept_silence(state: queries.ProcedureState) -> bool:
    """Whether a member that said nothing kept silence: a silence procedure past its deadline or closed.

    Under silence a member that raises no objection by the deadline joins by its silence (docs/decisions.md):
    it was not absent, and the page says so rather than listing it with the absent of other procedures.
    """
    procedure = state.procedure
    return procedure.kind == "silence" and (state.decision is not None or state.settled)


def _announced(state: queries.ProcedureState) -> bool:
    """Whether a circulated draft's decision was announced: a member with no position on record raised no
    formal objection (no session was held that it could be absent from)."""
    return state.procedure.kind == "circulated" and state.decision is not None


def _grid(viewer: Viewer, state: queries.ProcedureState, names: dict[str, str]) -> list[dict[str, Any]]:
    # Who lodged a position: a signed-in reader reads the name, the public the person's role (the log holds the
    # handle, an internal login that no reader should have to decode).
    people, roles = registry.actors(viewer)
    unanswered = (labels.KEPT_SILENCE if _kept_silence(state)
                  else labels.NO_POSITION_RECORDED if _announced(state) else labels.STANCES[""])
    return [{"row": row, "name": names.get(row.member, row.member),
             "by": people.get(row.position.by) or roles.get(row.position.by, "") if row.position else "",
             "label": labels.STANCES.get(row.stance, row.stance) if row.stance else unanswered}
            for row in state.rows]


def _absent_heading(state: queries.ProcedureState | None) -> str:
    """How the decision names the members that had not answered when it closed."""
    if state is not None and _announced(state):
        return str(labels.NO_POSITION_RECORDED_HEADING)
    if state is None or not _kept_silence(state):
        return str(labels.ABSENT)
    return str(labels.JOINED_BY_SILENCE if state.outcome.startswith("adopted") else labels.KEPT_SILENCE_HEADING)


def _announced_by(state: queries.ProcedureState | None) -> str:
    """The member that chaired on the day a circulated draft's decision was announced (the chair announces)."""
    code = queries.announced_by(state.decision) if state is not None and state.decision is not None else None
    return registry.state_name(code) if code else ""


def procedure_context(viewer: Viewer, proposal: Proposal) -> dict[str, Any]:
    """What the live part of a proposal's page shows (rendered whole and re-rendered on each act)."""
    procedure = queries.current_procedure(proposal)
    state = queries.state_of(procedure) if procedure else None
    names = _names()
    mine = viewer.member if state and viewer.member in state.procedure.members else None
    kind = state.procedure.kind if state else ""
    return {
        "proposal": proposal,
        "state": state,
        "grid": _grid(viewer, state, names) if state else [],
        "names": names,
        "outcome_label": labels.OUTCOMES.get(state.outcome, state.outcome) if state else "",
        "kind_label": labels.KINDS.get(state.procedure.kind, "") if state else "",
        "may_run": policies.runs_procedures(viewer),
        "may_lodge": bool(state and state.is_open and mine and policies.speaks_for(viewer, mine)
                          and not any(r.member == mine and r.position for r in state.rows)),
        "may_accede": bool(state and state.decision and state.decision.outcome.startswith("adopted")
                           and mine and policies.speaks_for(viewer, mine)
                           and not any(r.member == mine and (r.stance == "join" or r.acceded)
                                       for r in state.rows)),
        "may_withdraw": (not proposal.withdrawn and policies.withdraws(viewer, proposal.sponsors)
                         and not (state and state.decision and state.decision.outcome.startswith("adopted"))),
        "my_member": mine,
        "my_member_name": names.get(mine or "", ""),
        "sponsor_names": [names.get(code, code) for code in proposal.sponsors],
        "not_joined_names": [names.get(code, code) for code in state.decision.not_joined]
        if state and state.decision else [],
        "absent_names": [names.get(code, code) for code in state.decision.absent]
        if state and state.decision else [],
        "absent_heading": _absent_heading(state),
        "announced_by": _announced_by(state),
        "open_form": OpenProcedureForm(viewer=viewer, body=proposal.body_id),
        "session_at": sessions.session(viewer, state.procedure.session)
        if state and state.procedure.session is not None else None,
        "position_form": PositionForm(member=mine or "", silence=kind == "silence"),
        "close_form": CloseProcedureForm(consensus=kind == "consensus"),
        "withdraw_form": WithdrawForm(),
        "may_revise": (not proposal.withdrawn and policies.revises(viewer, proposal.sponsors)
                       and not (state and (state.is_open or (state.decision is not None
                                           and state.decision.outcome.startswith("adopted"))))),
        "revise_form": ReviseForm(initial={"text": proposal.text}),
        "accede_form": AccedeForm(member=mine or ""),
    }


# The dashboard lists this many open procedures, the nearest deadlines; the decisions list has the rest.
OPEN_SHOWN = 10


def open_procedures(request: HttpRequest, viewer: Viewer, names: Mapping[str, str] | None = None
                    ) -> dict[str, Any]:
    """The dashboard's context: the open procedures with the nearest deadlines, who has not answered each,
    and how many more are open. `names` are the member states' names by code when the page has read them."""
    found, total = queries.open_procedures(viewer, limit=OPEN_SHOWN)
    if found and names is None:
        names = _names()
    # The marks beside their deadlines, read in one query.
    provenance.preload(request, [state.procedure.entry_seq for _, state in found])
    return {"items": [{"proposal": proposal, "state": state,
                       "kind_label": labels.KINDS.get(state.procedure.kind, ""),
                       "outcome_label": labels.OUTCOMES.get(state.outcome, ""),
                       "not_answered": [(names or {}).get(code, code) for code in state.result.not_answered]}
                      for proposal, state in found],
            "total": total, "more": total - len(found)}
