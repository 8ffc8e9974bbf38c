"""Every change to proposals, procedures, positions and decisions: each function is one act."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as noop

from accord.core import clock, dates, policy, prepared
from accord.core.acting import Actor, Signed, action, record
from accord.core.errors import Conflict, InvalidInput, NotFound, NotPermitted
from accord.core.translations import Texts, content_languages, texts_of
from accord.core.values import choice_of, date_of, instant_of, text_of
from accord.decisions import identifiers, policies, queries, sessions
from accord.decisions.models import (
    Accession,
    Decision,
    IdentifierScheme,
    Position,
    Procedure,
    Proposal,
    Scheme,
)
from accord.decisions.outcome import Kind, Outcome, Stance, outcome_of
from accord.decisions.sessions import SessionFacts
from accord.members import queries as registry
from accord.members.models import Body, Member
from accord.members.queries import state_name

STATEMENT_KINDS = ("reservation", "interpretative")
# A position's reasons, amendment or attached statement: a few paragraphs, which the grid, the decision's
# page and its PDF print in full; a longer text belongs in a document of its own.
POSITION_TEXT_LIMIT = 2000


def _viewer(actor: Actor) -> policy.Viewer:
    return policy.viewer_of(actor.person) if actor.person else policy.ANONYMOUS


def _require_runner(actor: Actor, what: str) -> None:
    if actor.person is not None and not policies.runs_procedures(_viewer(actor)):
        raise NotPermitted("actor", _("only the secretariat or the chair may %(what)s") % {"what": _(what)})


def _speaks_for(actor: Actor, member: str) -> None:
    """A member's position is taken by its own head or an authorized delegate, and by nobody else."""
    viewer = _viewer(actor)
    if actor.person is None or viewer.member != member:
        raise NotPermitted("member", _("%(actor)s does not speak for %(member)s")
                                     % {"actor": actor, "member": state_name(member)})
    if not policies.speaks_for(viewer, member):
        raise NotPermitted("actor", _("only the head of %(member)s or an authorized delegate takes its positions")
                                    % {"member": state_name(member)})


def _proposal(actor: Actor, proposal_id: int) -> Proposal:
    """The proposal if the actor may see it; missing and hidden look the same."""
    found = queries.proposal(_viewer(actor) if actor.person else None, proposal_id)
    if found is None:
        raise NotFound("proposal", _("there is no proposal %(number)s") % {"number": proposal_id})
    return found


def _fraction(value: str, field: str) -> Fraction:
    try:
        result = Fraction(str(value))
    except (ValueError, ZeroDivisionError):
        raise InvalidInput(field, _("%(value)s is not a fraction such as 1/2 or 0.5")
                                  % {"value": repr(value)}) from None
    if not 0 <= result <= 1:
        raise InvalidInput(field, _("must be between 0 and 1"))
    return result


def _record(proposal: Proposal, type: str, actor: Actor, body: dict[str, Any], signed: Signed | None = None,
            member: str | None = None) -> int:
    applies = policy.floor(proposal.classification, proposal.audience)  # never more open than the proposal
    return record(type=type, actor=actor, body=body, classification=applies.classification,
                  audience=applies.audience, member=member, signed=signed).seq


@action
def configure_identifiers(*, actor: Actor, scheme: str, number_format: str = "{body}-{year}/{number}",
                          signed: Signed | None = None) -> IdentifierScheme:
    """Set the charter's scheme for decision identifiers (the secretariat)."""
    if actor.person is not None and not _viewer(actor).in_secretariat:
        raise NotPermitted("actor", _("only the secretariat may change the charter settings"))
    choice_of(scheme, "scheme", Scheme.values)
    if scheme == Scheme.NUMBERED and "{number}" not in number_format:
        raise InvalidInput("number_format", _("must contain {number}"))
    seq = record(type="decisions.scheme_configured", actor=actor, signed=signed,
                 body={"scheme": scheme, "number_format": number_format}).seq
    setting = IdentifierScheme.objects.filter(pk=1).first() or IdentifierScheme(pk=1)
    setting.scheme, setting.number_format, setting.entry_seq = scheme, number_format, seq
    setting.save()
    return setting


@action
def propose(
    *, actor: Actor, title: Mapping[str, str], body: str, text: Mapping[str, str] | str = "", document: str = "",
    sponsors: list[str] | None = None, classification: str = policy.MEMBERS, audience: list[str] | None = None,
    signed: Signed | None = None,
) -> Proposal:
    """Table a proposal before a deciding body, by a member's official or the secretariat."""
    viewer = _viewer(actor)
    if actor.person is not None and not policies.tables_proposals(viewer):
        raise NotPermitted("actor", _("only a member's official or the secretariat may table a proposal"))
    titles = texts_of(title, "title", limit=400)
    drafted = texts_of(text, "text", required=False, limit=PROPOSAL_TEXT_LIMIT)
    deciding = Body.objects.filter(code=str(body).strip().upper()).first()
    if deciding is None:
        raise NotFound("body", _("%(body)s is not a body of the organization") % {"body": repr(body)})
    if not deciding.decides:
        raise InvalidInput("body", _("%(body)s does not take decisions") % {"body": deciding.name})
    codes = sorted({str(code).strip().upper() for code in (sponsors or [])})
    known = set(Member.objects.filter(code__in=codes).values_list("code", flat=True))
    for code in codes:
        if code not in known:
            raise InvalidInput("sponsors", _("%(code)s is not a member state in the registry")
                                           % {"code": repr(code)})
    if viewer.member and viewer.member not in codes:
        raise InvalidInput("sponsors", _("must include %(member)s, whose official tables it")
                                       % {"member": state_name(viewer.member)})
    if classification not in (policy.PUBLIC, policy.MEMBERS, policy.PARTICIPANTS):
        raise InvalidInput("classification", _("must be public, members or participants"))
    named = sorted({str(a).strip() for a in (audience or [])})
    if classification == policy.PARTICIPANTS:
        if not named:
            raise InvalidInput("audience", _("a participants-only proposal names its participants"))
        named = sorted(set(named) | set(codes) | {policy.SECRETARIAT})
    else:
        named = []
    proposal = Proposal(title=titles, text=drafted, document=document.strip(),
                        body=deciding, sponsors=codes, classification=classification, audience=named,
                        proposed_by=actor.handle or "", entry_seq=0)
    proposal.save(force_insert=True)
    proposal.entry_seq = _record(proposal, "decisions.proposed", actor, signed=signed, body={
        "proposal": proposal.pk, "title": dict(titles), "text": dict(drafted),
        "document": proposal.document, "body": deciding.code, "sponsors": codes})
    prepared.save(proposal, ["entry_seq"])
    return proposal


@action
def open_procedure(
    *, actor: Actor, proposal: int, kind: str, deadline: dt.datetime | str | None = None,
    opened_at: dt.datetime | str | None = None,
    quorum: str | None = None, threshold: str | None = None, session: int | str | None = None,
    signed: Signed | None = None,
) -> Procedure:
    """Open the procedure that decides a proposal (the secretariat or the chair).

    Consensus is reached at a session: it names one of the deciding body's sessions, by id, that the
    actor may see and that has not ended when the procedure opens. A circulated draft is decided without a
    session: the secretariat circulates it, and closing the procedure records the chair's announcement.
    """
    _require_runner(actor, noop("open a procedure"))
    target = _proposal(actor, proposal)
    procedure_kind = Kind(choice_of(kind, "kind", [k.value for k in Kind]))
    if target.withdrawn:
        raise Conflict("proposal", _("was withdrawn"))
    if target.procedures.filter(state=Procedure.OPEN).exists():
        raise Conflict("proposal", _("already has an open procedure"))
    if target.decisions.filter(outcome__in=[Outcome.ADOPTED, Outcome.ADOPTED_LIMITED]).exists():
        raise Conflict("proposal", _("was adopted already"))
    now = clock.now()
    opened = instant_of(opened_at, "opened_at") or now
    if opened > now:
        raise InvalidInput("opened_at", _("is in the future"))
    until = instant_of(deadline, "deadline")
    if procedure_kind not in (Kind.CONSENSUS, Kind.CIRCULATED) and until is None:
        raise InvalidInput("deadline", _("a %(kind)s procedure needs a deadline") % {"kind": procedure_kind.value})
    if until is not None and until <= now:
        raise InvalidInput("deadline", _("must be in the future"))
    quorum_value: Fraction | None = None
    threshold_value: Fraction | None = None
    if procedure_kind is Kind.MAJORITY:
        quorum_value = _fraction(quorum if quorum not in (None, "") else "1/2", "quorum")
        threshold_value = _fraction(threshold if threshold not in (None, "") else "1/2", "threshold")
    elif quorum not in (None, "") or threshold not in (None, ""):
        raise InvalidInput("quorum" if quorum not in (None, "") else "threshold",
                           _("applies to a majority vote only"))
    at = _session_at(actor, target, procedure_kind, session)
    if at is not None and opened.date() > at.ends_on:
        raise InvalidInput("opened_at", _("is after the session ended (%(day)s)") % {"day": dates.day(at.ends_on)})
    day = opened.date()
    entitled = sorted(code for code in Member.objects.values_list("code", flat=True)
                      if registry.member_in_good_standing(code, day))
    if target.classification == policy.PARTICIPANTS:
        entitled = [code for code in entitled if code in target.audience]
    procedure = Procedure(proposal=target, kind=procedure_kind.value, opened_at=opened, deadline=until,
                          quorum=str(quorum_value) if quorum_value is not None else "",
                          threshold=str(threshold_value) if threshold_value is not None else "",
                          members=entitled, session=at.id if at is not None else None, entry_seq=0)
    procedure.save(force_insert=True)
    procedure.entry_seq = _record(target, "decisions.procedure_opened", actor, signed=signed, body={
        "proposal": target.pk, "procedure": procedure.pk, "kind": procedure.kind, "opened_at": opened.isoformat(),
        "deadline": until.isoformat() if until else None, "quorum": procedure.quorum,
        "threshold": procedure.threshold, "members": entitled, "session": procedure.session})
    prepared.save(procedure, ["entry_seq"])
    return procedure


def _session_at(actor: Actor, target: Proposal, kind: Kind, value: int | str | None) -> SessionFacts | None:
    """The session a consensus procedure is at: named by id, one the actor may see (a hidden one is
    missing), of the body that decides; the other kinds name none."""
    given = value not in (None, "")
    if kind is not Kind.CONSENSUS:
        if given:
            raise InvalidInput("session", _("only consensus is reached at a session"))
        return None
    if not given:
        raise InvalidInput("session", _("consensus is reached at a session: name the session"))
    try:
        number = int(str(value).strip())
    except ValueError:
        raise InvalidInput("session", _("%(value)s is not the number of a session")
                                      % {"value": repr(value)}) from None
    found = sessions.session(_viewer(actor) if actor.person else None, number)
    if found is None:
        raise NotFound("session", _("there is no session %(number)s") % {"number": number})
    if found.body != target.body_id:
        raise InvalidInput("session", _("is a session of another body: %(body)s decides this proposal")
                                      % {"body": target.body.name})
    return found


def _decided_at(actor: Actor, procedure: Procedure, on: dt.date | str | None, now: dt.datetime) -> dt.date:
    """The day a procedure is closed: given, or today; at a session, a day of the session once it is open."""
    day = date_of(on, "on")
    if procedure.session is None:
        day = day or now.date()
        if day < procedure.opened_at.date() or day > now.date():
            raise InvalidInput("on", _("must be between the opening (%(day)s) and today")
                                     % {"day": dates.day(procedure.opened_at)})
        return day
    at = sessions.session(_viewer(actor) if actor.person else None, procedure.session)
    if at is None:
        raise NotFound("session", _("there is no session %(number)s") % {"number": procedure.session})
    if not at.held:
        raise Conflict("session", _("%(session)s has not been opened: consensus is reached at the session, once "
                                    "it is in progress") % {"session": at.title})
    first, last = max(at.starts_on, procedure.opened_at.date()), min(at.ends_on, now.date())
    day = day or last
    if day < first or day > last:
        raise InvalidInput("on", _("must be a day of the session from the opening (%(first)s) to %(last)s")
                                 % {"first": first, "last": last})
    return day


def _open_procedure_of(target: Proposal) -> Procedure:
    procedure = target.procedures.filter(state=Procedure.OPEN).first()
    if procedure is None:
        raise Conflict("proposal", _("has no open procedure"))
    return procedure


@action
def lodge_position(
    *, actor: Actor, proposal: int, member: str, stance: str, reasons: str = "", amendment: str = "",
    statement_kind: str = "", statement: str = "", signed: Signed | None = None,
) -> Position:
    """A member's position in the open procedure, taken by its head or an authorized delegate."""
    code = str(member).strip().upper()
    _speaks_for(actor, code)
    target = _proposal(actor, proposal)
    procedure = _open_procedure_of(target)
    value = Stance(choice_of(stance, "stance", [s.value for s in Stance]))
    reasons, amendment, statement = (text_of(text, field, required=False, limit=POSITION_TEXT_LIMIT)
                                     for text, field in ((reasons, "reasons"), (amendment, "amendment"),
                                                         (statement, "statement")))
    if code not in procedure.members:
        raise InvalidInput("member", _("%(code)s does not take part in this procedure")
                                     % {"code": state_name(code)})
    now = clock.now()
    if procedure.deadline is not None and now > procedure.deadline:
        raise Conflict("procedure", _("its deadline has passed"))
    if procedure.positions.filter(member_id=code).exists():
        raise Conflict("member", _("%(code)s has already taken its position in this procedure")
                                 % {"code": state_name(code)})
    if value is Stance.OBJECT and not reasons.strip():
        raise InvalidInput("reasons", _("an objection states its reasons"))
    if value is Stance.BREAK_SILENCE:
        if procedure.kind != Kind.SILENCE:
            raise InvalidInput("stance", _("silence can be broken only in a silence procedure"))
        if not amendment.strip():
            raise InvalidInput("amendment", _("breaking silence proposes an amendment"))
    elif amendment.strip():
        raise InvalidInput("amendment", _("only breaking silence proposes an amendment"))
    if statement_kind or statement.strip():
        if value is not Stance.JOIN:
            raise InvalidInput("statement", _("a reservation or interpretative statement accompanies joining"))
        if statement_kind not in STATEMENT_KINDS:
            raise InvalidInput("statement_kind", _("must be one of: %(choices)s")
                                                 % {"choices": ", ".join(STATEMENT_KINDS)})
        if not statement.strip():
            raise InvalidInput("statement", _("is required with a reservation or interpretative statement"))
    body = {"proposal": target.pk, "procedure": procedure.pk, "member": code, "stance": value.value,
            "reasons": reasons, "amendment": amendment, "statement_kind": statement_kind, "statement": statement}
    seq = _record(target, "decisions.position_lodged", actor, body, signed=signed, member=code)
    position = Position(procedure=procedure, member_id=code, stance=value.value, reasons=reasons,
                        amendment=amendment, statement_kind=statement_kind, statement=statement,
                        by=actor.handle or "", signed=signed is not None, at=now, entry_seq=seq)
    position.save(force_insert=True)
    return position


def _identifier(target: Proposal, on: dt.date) -> tuple[str, Texts]:
    """The decision's one stable identifier, which the log records, and how each language reads it."""
    setting = IdentifierScheme.objects.filter(pk=1).first()
    languages = content_languages()
    if setting is None or setting.scheme == Scheme.BODY_DATE_TITLE:
        # The stable identifier is written in English (the body's English name, English months), as it was
        # before titles followed the charter's languages, so that older entries replay unchanged; a title
        # with no English text gives its default. Readers see it composed in their own language.
        identifier = identifiers.composed(target.body.name, on, target.title, "en")
        shown = identifiers.per_language(target.body.name, on, target.title, languages)
    else:
        count = Decision.objects.filter(proposal__body=target.body, decided_on__year=on.year,
                                        identifier__isnull=False).count()
        identifier = setting.number_format.format(body=target.body.code, year=on.year, number=count + 1)
        shown = identifiers.the_same_in(identifier, languages)
    if target.drill is not None:
        # A drill's decision is never mistaken for a real one, and never takes a real one's identifier.
        identifier = f"DRILL-{target.drill} {identifier}"
        shown = identifiers.the_same_in(identifier, languages)
    if Decision._base_manager.filter(identifier=identifier).exists():
        raise Conflict("identifier", _("%(identifier)s identifies another decision already")
                                     % {"identifier": repr(identifier)})
    return identifier, shown


def _decide(target: Proposal, procedure: Procedure, outcome: Outcome, on: dt.date, reason: Texts,
            not_joined: list[str], objected: list[str], absent: list[str]) -> Decision:
    adopted = outcome in (Outcome.ADOPTED, Outcome.ADOPTED_LIMITED)
    identifier, shown = _identifier(target, on) if adopted else (None, Texts())
    procedure.state = Procedure.CLOSED
    prepared.save(procedure, ["state"])
    decision = Decision(procedure=procedure, proposal=target, drill=target.drill, outcome=outcome.value,
                        identifier=identifier,
                        identifier_texts=shown, decided_on=on, not_joined=not_joined, objected=objected,
                        absent=absent, reason=reason, entry_seq=0)
    decision.save(force_insert=True)
    return decision


@action
def close_procedure(
    *, actor: Actor, proposal: int, on: dt.date | str | None = None, returned_for_revision: bool = False,
    reason: Mapping[str, str] | str = "",
    signed: Signed | None = None,
) -> Decision:
    """Record the procedure's outcome, once, and give an adopted decision its identifier."""
    _require_runner(actor, noop("close a procedure"))
    target = _proposal(actor, proposal)
    procedure = _open_procedure_of(target)
    now = clock.now()
    day = _decided_at(actor, procedure, on, now)
    result = outcome_of(queries.facts(procedure, closing_at=now), queries.position_facts(procedure), now)
    why = texts_of(reason, "reason", required=False)
    if returned_for_revision:
        if procedure.kind != Kind.CONSENSUS:
            raise InvalidInput("returned_for_revision", _("a session returns a draft under consensus only"))
        if not why:
            raise InvalidInput("reason", _("say why the draft was returned"))
        outcome = Outcome.RETURNED
    elif not result.final:
        raise Conflict("procedure", _("is not settled yet: its deadline has not passed (%(deadline)s)")
                       % {"deadline": dates.instant(procedure.deadline)} if procedure.deadline
                       else _("is not settled yet: its deadline has not passed"))
    else:
        outcome = result.outcome
    not_joined = list(result.not_participating) if outcome is Outcome.ADOPTED_LIMITED else []
    absent = list(result.not_answered)
    decision = _decide(target, procedure, outcome, day, why, not_joined, list(result.objected), absent)
    decision.entry_seq = _record(target, "decisions.closed", actor, signed=signed, body={
        "proposal": target.pk, "procedure": procedure.pk, "outcome": outcome.value, "on": day.isoformat(),
        "identifier": decision.identifier, "not_joined": not_joined, "objected": list(result.objected),
        "absent": absent, "reason": dict(why)})
    prepared.save(decision, ["entry_seq"])
    return decision


# A proposal's text as revised between procedures: up to a long draft decision, never unbounded.
PROPOSAL_TEXT_LIMIT = 50_000


@action
def revise(*, actor: Actor, proposal: int, text: Mapping[str, str] | str, reason: str = "",
           signed: Signed | None = None) -> Proposal:
    """A sponsor (or the secretariat) revises the proposal's text between procedures: once silence is broken
    or the draft returned, and before a new procedure opens on it. The log keeps every earlier text."""
    target = _proposal(actor, proposal)
    if actor.person is not None and not policies.revises(_viewer(actor), target.sponsors):
        raise NotPermitted("actor", _("only a sponsor or the secretariat may revise a proposal"))
    if target.withdrawn:
        raise Conflict("proposal", _("was withdrawn"))
    if target.decisions.filter(outcome__in=[Outcome.ADOPTED, Outcome.ADOPTED_LIMITED]).exists():
        raise Conflict("proposal", _("was adopted already"))
    if target.procedures.filter(state=Procedure.OPEN).exists():
        raise Conflict("proposal", _("has an open procedure: its text is revised before a new procedure opens"))
    revised = texts_of(text, "text", limit=PROPOSAL_TEXT_LIMIT)
    why = text_of(reason, "reason", required=False)
    if revised == target.text:
        raise InvalidInput("text", _("is the text the proposal has already"))
    _record(target, "decisions.revised", actor, signed=signed, body={
        "proposal": target.pk, "text": dict(revised), "reason": why})
    target.text = revised
    prepared.save(target, ["text"])
    return target


@action
def withdraw(*, actor: Actor, proposal: int, reason: Mapping[str, str] | str = "",
             signed: Signed | None = None) -> Proposal:
    """A sponsor (or the secretariat) withdraws its proposal; an open procedure ends as withdrawn."""
    target = _proposal(actor, proposal)
    viewer = _viewer(actor)
    if actor.person is not None and not policies.withdraws(viewer, target.sponsors):
        raise NotPermitted("actor", _("only a sponsor or the secretariat may withdraw a proposal"))
    if target.withdrawn:
        raise Conflict("proposal", _("was withdrawn already"))
    if target.decisions.filter(outcome__in=[Outcome.ADOPTED, Outcome.ADOPTED_LIMITED]).exists():
        raise Conflict("proposal", _("was adopted: a decision is not withdrawn"))
    why = texts_of(reason, "reason", required=False)
    procedure = target.procedures.filter(state=Procedure.OPEN).first()
    target.withdrawn = True
    prepared.save(target, ["withdrawn"])
    decision = None
    if procedure is not None:
        decision = _decide(target, procedure, Outcome.WITHDRAWN, clock.now().date(), why, [], [], [])
    seq = _record(target, "decisions.withdrawn", actor, signed=signed, body={
        "proposal": target.pk, "procedure": procedure.pk if procedure else None, "reason": dict(why)})
    if decision is not None:
        decision.entry_seq = seq
        prepared.save(decision, ["entry_seq"])
    return target


@action
def accede(*, actor: Actor, decision: int, member: str, on: dt.date | str | None = None,
           signed: Signed | None = None) -> Accession:
    """A member that did not join (absent, or not participating) accedes to an adopted decision."""
    code = str(member).strip().upper()
    _speaks_for(actor, code)
    found = queries.decision(_viewer(actor) if actor.person else None, decision)
    if found is None:
        raise NotFound("decision", _("there is no decision %(number)s") % {"number": decision})
    if found.outcome not in (Outcome.ADOPTED, Outcome.ADOPTED_LIMITED):
        raise Conflict("decision", _("only an adopted decision can be acceded to"))
    if found.procedure.positions.filter(member_id=code, stance=Stance.JOIN).exists():
        raise Conflict("member", _("%(code)s joined this decision when it was taken") % {"code": state_name(code)})
    if found.accessions.filter(member_id=code).exists():
        raise Conflict("member", _("%(code)s has acceded already") % {"code": state_name(code)})
    day = date_of(on, "on") or clock.now().date()
    if day < found.decided_on or day > clock.now().date():
        raise InvalidInput("on", _("must be between the decision (%(day)s) and today")
                           % {"day": dates.day(found.decided_on)})
    seq = _record(found.proposal, "decisions.acceded", actor, signed=signed, member=code, body={
        "decision": found.pk, "identifier": found.identifier, "member": code, "on": day.isoformat()})
    accession = Accession(decision=found, member_id=code, on=day, by=actor.handle or "", entry_seq=seq)
    accession.save(force_insert=True)
    return accession
