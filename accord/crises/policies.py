"""Who may do what in a crisis response, and when: the actions enforce it, pages offer only what it allows.

Each act has one function here that says why it would be refused now (the error the action raises,
naming its field), or None when it would be accepted. The action raises that refusal; the page shows
the act's form only when there is none, so a form on the page is one the action takes, and the API,
which calls the actions, answers with the same refusal. `who` is the acting person's viewer, or None
for the console operator, who acts for the secretariat.

Two rules of the workflow live here rather than in each action: an act that happens once in a
response (the withdrawal completed, the sites handed over, a notification letter, ...) is refused the
second time; and once a response has ended, nothing but its after-action review (its lessons, and
the completion notice that reports the end) is recorded on it.
"""

from __future__ import annotations

from collections.abc import Collection

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as noop

from accord.core.errors import AccordError, Conflict, InvalidInput, NotPermitted
from accord.core.policy import Viewer
from accord.crises import letters
from accord.crises.models import Crisis, Lesson, Mandate, Pledge
from accord.decisions import policies as decision_policies
from accord.decisions.queries import identifier_texts
from accord.members.queries import state_name

Who = Viewer | None
Refusal = AccordError | None

# The letters to the Security Council sent once per operation; reports may follow one another.
ONCE_ONLY_LETTERS = ("notification", "completion")
# The only letter that may follow the end of a response: the notice that reports it.
CLOSING_LETTER = "completion"


def refuse(refusal: Refusal) -> None:
    """Raise the refusal, if there is one: what every action does with this module's answer."""
    if refusal is not None:
        raise refusal


def _secretariat(who: Who, what: str) -> Refusal:
    if who is not None and not who.in_secretariat:
        return NotPermitted("actor", _("only the secretariat may %(what)s") % {"what": _(what)})
    return None


def _official(who: Who, what: str) -> Refusal:
    if who is None or not who.is_member_official or who.member is None:
        return NotPermitted("actor", _("only an official of a member state may %(what)s") % {"what": _(what)})
    return None


def _requester(who: Who, crisis: Crisis, what: str) -> Refusal:
    refusal = _official(who, what)
    if refusal is None and who is not None and who.member != crisis.requester_id:
        return NotPermitted("actor", _("only the requesting state may %(what)s") % {"what": _(what)})
    return refusal


def _open(crisis: Crisis) -> Refusal:
    if not crisis.is_open:
        return Conflict("crisis", _("the response has ended: nothing but its after-action review and lessons is "
                                    "recorded on it now"))
    return None


def _unanswered(crisis: Crisis) -> Refusal:
    if crisis.outcome:
        return Conflict("crisis", _("the request was already answered (%(outcome)s)")
                                  % {"outcome": crisis.outcome})
    return None


def _mandated(mandate: Mandate | None) -> Refusal:
    if mandate is None:
        return Conflict("crisis", _("the operation has no mandate yet"))
    return None


# 1. The request, its acknowledgements and its answer.


def files_request(who: Who) -> Refusal:
    """A member's official files a request for its own state."""
    return _official(who, noop("file a request"))


def acknowledges(who: Who, crisis: Crisis, acknowledged: Collection[str]) -> Refusal:
    """Every other member acknowledges an open request once; the requester's filing is its own."""
    refusal = _official(who, noop("acknowledge a request"))
    if refusal is not None or who is None:
        return refusal
    if who.member == crisis.requester_id:
        return Conflict("crisis", _("%(member)s filed this request: its filing is its acknowledgement")
                                  % {"member": state_name(who.member)})
    if who.member in acknowledged:
        return Conflict("crisis", _("%(member)s has already acknowledged this request")
                                  % {"member": state_name(who.member)})
    return _open(crisis)


def acknowledges_by_decision(who: Who, crisis: Crisis, acknowledged: Collection[str],
                             members: Collection[str]) -> Refusal:
    """The secretariat records a decision the members took on an open request as their answer to it: each
    member that has not acknowledged it yet, other than the requesting state, once."""
    refusal = _secretariat(who, noop("record a decision as the members' answer"))
    if refusal is not None:
        return refusal
    if not members:
        return InvalidInput("members", _("name the members whose answer the decision is"))
    if crisis.requester_id in members:
        return Conflict("members", _("%(member)s filed this request: its filing is its acknowledgement")
                                   % {"member": state_name(crisis.requester_id)})
    done = sorted(set(members) & set(acknowledged))
    if done:
        return Conflict("members", _("%(member)s has already acknowledged this request")
                                   % {"member": state_name(done[0])})
    return _open(crisis)


def answers(who: Who, crisis: Crisis) -> Refusal:
    """The secretariat records the organization's answer (a response, or none), once."""
    return _secretariat(who, noop("record the answer to a request")) or _unanswered(crisis)


def convenes_on(who: Who, crisis: Crisis) -> Refusal:
    """An open request may be taken up by a session; who convenes it is the meetings' rule."""
    return _open(crisis)


def opens_procedure_on(who: Who, crisis: Crisis) -> Refusal:
    """The chair or the secretariat puts a draft decision on an open request to a procedure."""
    if who is not None and not decision_policies.runs_procedures(who):
        return NotPermitted("actor", _("only the secretariat or the chair opens a procedure"))
    return _open(crisis)


def ties(who: Who, crisis: Crisis) -> Refusal:
    """The secretariat ties an existing session or proposal to an open request."""
    return _secretariat(who, noop("tie a session or a proposal to a request")) or _open(crisis)


# 2. The mandate.


def sets_mandate(who: Who, crisis: Crisis, mandate: Mandate | None) -> Refusal:
    refusal = _secretariat(who, noop("set a mandate"))
    if refusal is not None:
        return refusal
    if crisis.outcome != "operation":
        return Conflict("crisis", _("a mandate follows the choice of a collective operation"))
    if mandate is not None:
        return Conflict("crisis", _("the operation already has its mandate; extend it instead"))
    return _open(crisis)


def records_decision(who: Who, crisis: Crisis, mandate: Mandate | None) -> Refusal:
    """The authorizing decision of a mandate set before it, recorded once."""
    refusal = _secretariat(who, noop("record the authorizing decision")) or _mandated(mandate)
    if refusal is not None or mandate is None:
        return refusal
    if mandate.decision_identifier:
        shown = _identifier_read(mandate.decision_identifier)
        return Conflict("decision_identifier", _("already authorized by %(decision_identifier)s")
                                               % {"decision_identifier": shown})
    return _open(crisis)


def _identifier_read(identifier: str) -> str:
    """A decision's identifier as the reader's language writes it (one outside the register as recorded)."""
    texts = identifier_texts(identifier)
    return texts.pick().text if texts is not None else identifier


def extends(who: Who, crisis: Crisis, mandate: Mandate | None) -> Refusal:
    """A running mandate's duration, extended by the secretariat; an ended one stays as it ended."""
    return _secretariat(who, noop("extend a mandate")) or _mandated(mandate) or _open(crisis)


# 3. Force generation.


def pledges(who: Who, crisis: Crisis) -> Refusal:
    """Any member's official pledges a contingent to an open collective operation."""
    refusal = _official(who, noop("pledge a contingent"))
    if refusal is None and (crisis.outcome != "operation" or not crisis.is_open):
        return Conflict("crisis", _("contingents are pledged to an open collective operation"))
    return refusal


def answers_pledge(who: Who, pledge: Pledge) -> Refusal:
    """The requesting state accepts or declines a pledge, once, while the response lasts."""
    refusal = _requester(who, pledge.crisis, noop("accept or decline a pledge"))
    if refusal is None and pledge.status != "pledged":
        return Conflict("pledge", _("the pledge was already %(status)s") % {"status": pledge.status})
    return refusal or _open(pledge.crisis)


def moves(who: Who, pledge: Pledge) -> Refusal:
    """A contingent's phases, planned or reached, are recorded by its own member's officials or by the
    secretariat, while the response lasts."""
    if who is not None and not who.in_secretariat and not (
            who.is_member_official and who.member == pledge.member_id):
        return NotPermitted("actor", _("only %(member_id)s's officials or the secretariat may move this "
                                       "contingent") % {"member_id": pledge.member_id})
    return _open(pledge.crisis)


def dates_force(who: Who, crisis: Crisis, mandate: Mandate | None, milestone: str) -> Refusal:
    """The secretariat records the force's first arrival, then its deployment complete, once each, after the
    authorizing decision and while the response lasts."""
    refusal = _secretariat(who, noop("record the force's deployment")) or _mandated(mandate)
    if refusal is not None or mandate is None:
        return refusal
    if not mandate.decision_identifier:
        return Conflict("crisis", _("no adopted decision authorizes a deployment"))
    if milestone == "first_arrival" and mandate.first_arrival_at is not None:
        return Conflict("crisis", _("the force's first arrival is already recorded"))
    if milestone == "deployed" and mandate.deployed_at is not None:
        return Conflict("crisis", _("the force's deployment is already recorded complete"))
    return _open(crisis)


# 4. Completion and withdrawal.


def declares_complete(who: Who, crisis: Crisis, mandate: Mandate | None) -> Refusal:
    """The host state declares the mission complete, once."""
    refusal = _requester(who, crisis, noop("declare the mission complete")) or _mandated(mandate)
    if refusal is None and mandate is not None and mandate.completed_at is not None:
        return Conflict("crisis", _("the mission was already declared complete"))
    return refusal or _open(crisis)


def hands_over_sites(who: Who, crisis: Crisis, mandate: Mandate | None) -> Refusal:
    """The host state takes the guarded sites back, once, after declaring the mission complete."""
    refusal = _requester(who, crisis, noop("take the guarded sites back")) or _mandated(mandate)
    if refusal is not None or mandate is None:
        return refusal
    if mandate.completed_at is None:
        return Conflict("crisis", _("sites are handed over after the mission is declared complete"))
    if mandate.sites_handed_over_at is not None:
        return Conflict("sites", _("the guarded sites' handover is already recorded"))
    return _open(crisis)


def completes_withdrawal(who: Who, crisis: Crisis, mandate: Mandate | None) -> Refusal:
    """The secretariat records the withdrawal complete, once; it ends the response."""
    refusal = _secretariat(who, noop("record the withdrawal complete")) or _mandated(mandate)
    if refusal is not None or mandate is None:
        return refusal
    if mandate.withdrawal_complete_at is not None:
        return Conflict("crisis", _("the withdrawal was already recorded complete"))
    if mandate.completed_at is None:
        return Conflict("crisis", _("the host has not declared the mission complete"))
    return _open(crisis)


def hears_report(who: Who, crisis: Crisis) -> Refusal:
    """A mission ends once the body it reports to has heard its report: the secretariat records it, once,
    and the response ends with it."""
    refusal = _secretariat(who, noop("record a mission's report heard"))
    if refusal is None and crisis.outcome != "mission":
        return Conflict("crisis", _("only a mission's report is heard to end a response"))
    return refusal or _open(crisis)


# 5. Reports and letters.


def reports(who: Who, crisis: Crisis, mandate: Mandate | None, *, from_commander: bool,
            contributors: Collection[str]) -> Refusal:
    """The commander's report (recorded by the secretariat) or a contributing contingent's, while the
    operation lasts."""
    refusal = _mandated(mandate)
    if refusal is not None:
        return refusal
    if from_commander:
        refusal = _secretariat(who, noop("record the commander's report"))
    else:
        refusal = _official(who, noop("report for a contingent"))
        if refusal is None and who is not None and who.member not in contributors:
            refusal = NotPermitted("actor", _("%(member)s has no contingent in this operation")
                                            % {"member": state_name(who.member)})
    return refusal or _open(crisis)


def sends_letter(who: Who, crisis: Crisis, mandate: Mandate | None, kind: str, sent: Collection[str]) -> Refusal:
    """A letter to the Security Council reports an adopted decision; the notification and the completion
    notice go once each, the completion notice after the withdrawal and nothing after the end but it."""
    refusal = _secretariat(who, noop("record a letter to the Security Council")) or _mandated(mandate)
    if refusal is not None or mandate is None:
        return refusal
    if not mandate.decision_identifier:
        return Conflict("crisis", _("a letter reports an adopted decision; none is recorded yet"))
    if kind == CLOSING_LETTER and mandate.withdrawal_complete_at is None:
        return Conflict("kind", _("the completion notice follows the completed withdrawal"))
    if kind in ONCE_ONLY_LETTERS and kind in sent:
        return Conflict("kind", _("the %(kind)s letter was already sent") % {"kind": kind})
    return None if kind == CLOSING_LETTER else _open(crisis)


# 6. The after-action review.


def records_lesson(who: Who, crisis: Crisis) -> Refusal:
    """Members' officials and the secretariat record lessons, before or after the end."""
    if who is not None and not (who.in_secretariat or who.is_member_official):
        return NotPermitted("actor", _("only members' officials and the secretariat record lessons"))
    return None


def validates_lesson(who: Who, lesson: Lesson) -> Refusal:
    refusal = _secretariat(who, noop("validate lessons"))
    if refusal is None and lesson.validated:
        return Conflict("lesson", _("already validated"))
    return refusal


# What the page and the API tell a viewer it may do now: the same functions, asked in one place.


def dates_deployment_complete(who: Who, crisis: Crisis, mandate: Mandate | None) -> Refusal:
    """The force's deployment complete is recorded after its first arrival (the action says so of the day)."""
    refusal = dates_force(who, crisis, mandate, "deployed")
    if refusal is None and mandate is not None and mandate.first_arrival_at is None:
        return Conflict("crisis", _("the force's first arrival is recorded first"))
    return refusal


def allowed(viewer: Viewer, crisis: Crisis, mandate: Mandate | None, *, acknowledged: Collection[str],
            contributors: Collection[str], sent: Collection[str], awaiting: Collection[str] = ()) -> list[str]:
    """The names of the acts on the crisis itself that `viewer` may take now, each exactly when its
    action would accept it (letters as `send_letter.<kind>`). Convening is offered to whoever runs
    procedures today, the meetings' rule for a session of the day. `awaiting`: the other members that have
    not acknowledged the request, whose answer a decision may be recorded as."""
    checks: dict[str, Refusal] = {
        "acknowledge": acknowledges(viewer, crisis, acknowledged),
        "answer_by_decision": acknowledges_by_decision(viewer, crisis, acknowledged, awaiting),
        "answer": answers(viewer, crisis),
        "convene": (convenes_on(viewer, crisis) if decision_policies.runs_procedures(viewer)
                    else NotPermitted("actor", _("only the chair or the secretariat convenes"))),
        "open_procedure": opens_procedure_on(viewer, crisis),
        "tie": ties(viewer, crisis),
        "set_mandate": sets_mandate(viewer, crisis, mandate),
        "record_decision": records_decision(viewer, crisis, mandate),
        "extend": extends(viewer, crisis, mandate),
        "pledge": pledges(viewer, crisis),
        "first_arrival": dates_force(viewer, crisis, mandate, "first_arrival"),
        "deployment_complete": dates_deployment_complete(viewer, crisis, mandate),
        "report_heard": hears_report(viewer, crisis),
        "declare_complete": declares_complete(viewer, crisis, mandate),
        "hand_over_sites": hands_over_sites(viewer, crisis, mandate),
        "complete_withdrawal": completes_withdrawal(viewer, crisis, mandate),
        "report_for_commander": reports(viewer, crisis, mandate, from_commander=True, contributors=contributors),
        "report_for_contingent": reports(viewer, crisis, mandate, from_commander=False,
                                         contributors=contributors),
        **{f"send_letter.{kind}": sends_letter(viewer, crisis, mandate, kind, sent) for kind in letters.KINDS},
        "record_lesson": records_lesson(viewer, crisis),
    }
    return [name for name, refusal in checks.items() if refusal is None]


def allowed_on_pledge(viewer: Viewer, pledge: Pledge) -> list[str]:
    """The acts on one pledge `viewer` may take now: its answer, and moving its contingent (once
    accepted: only accepted contingents deploy, so the others' phases are not offered)."""
    checks: dict[str, Refusal] = {
        "answer": answers_pledge(viewer, pledge),
        "move": moves(viewer, pledge) if pledge.status == "accepted" else Conflict("pledge", _("not accepted")),
    }
    return [name for name, refusal in checks.items() if refusal is None]
