"""Every change in a crisis response: each function is one act with its ledger entry.

Every act of a crisis carries the request's classification, so that a request for the members'
eyes only stays sealed for observers and the public in the ledger and in live events alike. Acts
that record something which happened earlier (the demo's history, a late entry) take its instant
as `at`; the metrics are computed from these instants.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from accord.core import clock, dates, policy, prepared
from accord.core.acting import Actor, Signed, action, record, step
from accord.core.errors import Conflict, InvalidInput, NotFound
from accord.core.policy import may_see
from accord.core.translations import Texts, texts_of
from accord.core.values import choice_of, instant_of, iso_of, text_of
from accord.crises import catalogue, letters, policies, queries, rules
from accord.crises.models import (
    Acknowledgement,
    Crisis,
    Extension,
    Lesson,
    Letter,
    Link,
    Mandate,
    Phase,
    Pledge,
    SituationReport,
)
from accord.decisions import actions as decisions
from accord.decisions.models import Proposal
from accord.decisions.outcome import ADOPTED_OUTCOMES
from accord.decisions.queries import decision_by_identifier
from accord.forces import queries as forces
from accord.forces.models import Contribution
from accord.ledger.models import Entry
from accord.meetings import actions as meetings
from accord.meetings.models import Session
from accord.members import queries as member_queries
from accord.members.models import Body, Member, Office

CLASSIFICATIONS = (policy.PUBLIC, policy.MEMBERS)
TEXT_LIMIT = 5000
TITLE_LIMIT = 500  # a title or a place
# What an action accepts for a moment: a datetime (the pages' forms), or ISO 8601 text (the signed door, the
# console); for a day, a date or YYYY-MM-DD text.
When = dt.datetime | str | None
Day = dt.date | str | None
# What an action accepts for a text a person writes: a text per organization language, or one plain text
# (taken to be in the default language, as an entry written before texts followed the charter holds it).
Prose = Mapping[str, str] | str


def _who(actor: Actor) -> policies.Who:
    """Whom the policies judge: the person's viewer, or None for the console operator."""
    return policy.viewer_of(actor.person) if actor.person is not None else None


def _member_of(actor: Actor) -> str:
    """The member for which an official acts (the policies have said that it is one)."""
    who = _who(actor)
    assert who is not None
    assert who.member is not None
    return who.member


def _instant(value: When, field: str, *, required: bool = False, future: bool = False) -> dt.datetime:
    """An aware instant (ISO 8601 text or datetime); now when not given; not in the future unless said."""
    now = clock.now()
    instant = instant_of(value, field, naive_is_utc=True)  # the pages' forms ask for UTC
    if instant is None:
        if required:
            raise InvalidInput(field, _("is required"))
        return now
    if not future and instant > now + dt.timedelta(minutes=1):
        raise InvalidInput(field, _("is in the future: only what has happened is recorded"))
    return instant


def _crisis(crisis: int | Crisis) -> Crisis:
    if isinstance(crisis, Crisis):
        return crisis
    found = Crisis.objects.select_for_update().filter(pk=crisis).first()
    if found is None:
        raise NotFound("crisis", _("no crisis %(crisis)s") % {"crisis": crisis})
    return found


def _record(type: str, actor: Actor, crisis: Crisis, body: Mapping[str, Any], member: str | None = None, *,
            signed: Signed | None = None, names_crisis: bool = True) -> int:
    """Record a crisis act, naming its crisis; the request's own act does not (`names_crisis` False):
    its signer cannot know the number the crisis is given when it is filed. Its entry stands for it."""
    cited = {"crisis": crisis.pk, **body} if names_crisis else dict(body)
    applies = policy.floor(crisis.classification)  # an act on a crisis is never more open than the crisis
    return record(type=type, actor=actor, body=cited, classification=applies.classification,
                  audience=applies.audience, member=member or crisis.requester_id, signed=signed).seq


def _members(codes: Sequence[str], field: str) -> list[str]:
    result = []
    for code in codes:
        member = Member.objects.filter(code=str(code).strip().upper()).first()
        if member is None:
            raise InvalidInput(field, _("%(code)s is not a member state in the registry") % {"code": repr(code)})
        result.append(member.code)
    return sorted(set(result))


# 1. The request and its acknowledgements.


@action
def file_request(*, actor: Actor, legal_basis: str, happened: Prose, area: Prose, asks_for: Prose,
                 classification: str = policy.MEMBERS, at: When = None, signed: Signed | None = None) -> Crisis:
    """A member's official request; every member's console hears of it at once."""
    policies.refuse(policies.files_request(_who(actor)))
    member = _member_of(actor)
    basis = choice_of(legal_basis, "legal_basis", catalogue.codes(catalogue.legal_bases()))
    if classification not in CLASSIFICATIONS:
        raise InvalidInput("classification", _("must be one of %(choices)s")
                                             % {"choices": ', '.join(CLASSIFICATIONS)})
    crisis = Crisis(requester_id=member, filed_by=actor.handle or "", legal_basis=basis,
                    happened=texts_of(happened, "happened", limit=TEXT_LIMIT),
                    area=texts_of(area, "area", limit=300),
                    asks_for=texts_of(asks_for, "asks_for", limit=TEXT_LIMIT), classification=classification,
                    requested_at=_instant(at, "at"), entry_seq=-1)
    crisis.save(force_insert=True)
    crisis.entry_seq = _record("crises.request_filed", actor, crisis, {
        "requester": member, "legal_basis": basis, "happened": dict(crisis.happened),
        "area": dict(crisis.area), "asks_for": dict(crisis.asks_for),
        "requested_at": iso_of(crisis.requested_at),
    }, signed=signed, names_crisis=False)
    prepared.save(crisis, ["entry_seq"])
    return crisis


@action
def acknowledge_request(*, actor: Actor, crisis: int, at: When = None,
                        signed: Signed | None = None) -> Acknowledgement:
    """A member says it has seen the request; once per member."""
    request = _crisis(crisis)
    policies.refuse(policies.acknowledges(_who(actor), request, set(
        request.acknowledgements.values_list("member_id", flat=True))))
    member = _member_of(actor)
    instant = _instant(at, "at")
    if instant < request.requested_at:
        raise InvalidInput("at", _("is before the request was filed"))
    seq = _record("crises.request_acknowledged", actor, request,
                  {"member": member, "at": iso_of(instant)}, member=member, signed=signed)
    return Acknowledgement.objects.create(crisis=request, member_id=member, person=actor.handle or "",
                                          at=instant, entry_seq=seq)


@action
def acknowledge_by_decision(*, actor: Actor, crisis: int, members: Sequence[str], decision: Prose,
                            at: When = None, signed: Signed | None = None) -> list[Acknowledgement]:
    """A decision the members took on the request recorded as each one's answer to it, in one act: where no
    member's own acknowledgement is in the record, the decision they adopted is (the demo's 2022 request)."""
    request = _crisis(crisis)
    codes = _members(members, "members")
    policies.refuse(policies.acknowledges_by_decision(_who(actor), request, set(
        request.acknowledgements.values_list("member_id", flat=True)), codes))
    published = texts_of(decision, "decision", limit=600)
    instant = _instant(at, "at")
    if instant < request.requested_at:
        raise InvalidInput("at", _("is before the request was filed"))
    seq = _record("crises.acknowledged_by_decision", actor, request,
                  {"members": codes, "decision": dict(published), "at": iso_of(instant)}, signed=signed)
    return [Acknowledgement.objects.create(crisis=request, member_id=code, at=instant, by_decision=published,
                                           entry_seq=seq) for code in codes]


@action
def record_no_response(*, actor: Actor, crisis: int, outcome: str, objected_by: Sequence[str] = (),
                       note: Prose = "", at: When = None,
                       signed: Signed | None = None) -> Crisis:
    """The request was declined, or left without a decision: recorded, with who objected."""
    if outcome not in ("declined", "no_decision"):
        raise InvalidInput("outcome", _("must be declined or no_decision"))
    request = _crisis(crisis)
    policies.refuse(policies.answers(_who(actor), request))
    instant = _instant(at, "at")
    if instant < request.requested_at:
        raise InvalidInput("at", _("is before the request was filed"))
    request.outcome, request.outcome_at = outcome, instant
    request.objected_by = _members(objected_by, "objected_by")
    request.outcome_note = texts_of(note, "note", required=False, limit=TEXT_LIMIT)
    request.closed_at = instant
    prepared.save(request, ["outcome", "outcome_at", "objected_by", "outcome_note", "closed_at"])
    act = "crises.request_declined" if outcome == "declined" else "crises.request_left_without_decision"
    _record(act, actor, request, {"objected_by": request.objected_by, "note": dict(request.outcome_note),
                                  "at": iso_of(instant)}, signed=signed)
    return request


# 1a. Sessions and procedures that take up the request.


def _link(actor: Actor, request: Crisis, *, session: Session | None = None,
          proposal: Proposal | None = None) -> Link:
    if session is not None and Link.objects.filter(crisis=request, session=session).exists():
        raise Conflict("session", _("already takes up this request"))
    if proposal is not None and Link.objects.filter(crisis=request, proposal=proposal).exists():
        raise Conflict("proposal", _("already takes up this request"))
    seq = _record("crises.taken_up", actor, request, {"session": session.pk if session else None,
                                                     "proposal": proposal.pk if proposal else None})
    return Link.objects.create(crisis=request, session=session, proposal=proposal, entry_seq=seq)


def _texts(stem: str, value: Mapping[str, str] | None, *, required: bool = True) -> Texts:
    """A title or a place, a text per organization language, checked here so that a refusal names the
    language (`title.ru`)."""
    return texts_of(value, stem, required=required, limit=TITLE_LIMIT)


@action
def convene_on_request(*, actor: Actor, crisis: int, body: str, title: Mapping[str, str],
                       starts_on: Day = None, mode: str = "video", place: Mapping[str, str] | None = None,
                       chair: str | None = None) -> Link:
    """An extraordinary session of a body on the request, at the requesting member's request: by the
    chair or the secretariat, by video and on the same day unless said otherwise; the chair is the
    rotation's unless the secretariat names another (as for any session)."""
    request = _crisis(crisis)
    policies.refuse(policies.convenes_on(_who(actor), request))
    titles, places = _texts("title", title), _texts("place", place, required=False)
    session = step(meetings.convene_session)(
        actor=actor, body=body, title=dict(titles), kind="extraordinary", mode=mode,
        starts_on=starts_on or clock.now().date(), place=dict(places), chair=chair,
        requested_by=request.requester_id, classification=request.classification)
    return _link(actor, request, session=session)


ACCELERATED_KINDS = ("written", "silence")
LONGEST_ACCELERATED = 7 * 24  # hours


@action
def open_accelerated_procedure(*, actor: Actor, crisis: int, body: str, title: Mapping[str, str], text: str = "",
                               kind: str = "written", hours: int | str = 24) -> Link:
    """A draft decision on the request tabled and put to a written or silence procedure whose deadline
    is hours away (the chair or the secretariat), in one act: a draft never waits unopened."""
    request = _crisis(crisis)
    policies.refuse(policies.opens_procedure_on(_who(actor), request))
    if kind not in ACCELERATED_KINDS:
        raise InvalidInput("kind", _("an accelerated procedure is one of: %(choices)s")
                                   % {"choices": ', '.join(ACCELERATED_KINDS)})
    try:
        span = int(str(hours).strip())
    except ValueError:
        raise InvalidInput("hours", _("%(hours)s is not a whole number of hours")
                                    % {"hours": repr(hours)}) from None
    if not 1 <= span <= LONGEST_ACCELERATED:
        raise InvalidInput("hours", _("an accelerated deadline is 1 to %(LONGEST_ACCELERATED)s hours away")
                                    % {"LONGEST_ACCELERATED": LONGEST_ACCELERATED})
    titles = _texts("title", title)
    who = _who(actor)
    member = who.member if who is not None else None
    proposal = step(decisions.propose)(
        actor=actor, title=dict(titles), text=text, body=body,
        sponsors=[member] if member else [], classification=request.classification)
    step(decisions.open_procedure)(actor=actor, proposal=proposal.pk, kind=kind,
                                   deadline=clock.now() + dt.timedelta(hours=span))
    return _link(actor, request, proposal=proposal)


@action
def take_up(*, actor: Actor, crisis: int, session: int | None = None, proposal: int | None = None) -> Link:
    """Tie a session or a proposal that already exists to the request (the secretariat)."""
    request = _crisis(crisis)
    policies.refuse(policies.ties(_who(actor), request))
    if session is not None and proposal is not None:
        raise InvalidInput("proposal", _("name a session or a proposal, not both"))
    if session is not None:
        found_session = Session.objects.filter(pk=session).first()
        if found_session is None:
            raise NotFound("session", _("no session %(session)s") % {"session": session})
        return _link(actor, request, session=found_session)
    if proposal is None:
        raise InvalidInput("session", _("name the session or the proposal that takes up the request"))
    found_proposal = Proposal.objects.filter(pk=proposal).first()
    if found_proposal is None:
        raise NotFound("proposal", _("no proposal %(proposal)s") % {"proposal": proposal})
    return _link(actor, request, proposal=found_proposal)


# 2. The response and the mandate.


def _adopted_at(entry_seq: int, decided_on: dt.date) -> dt.datetime:
    """When a registered decision was adopted: its closing act's time, when that act was recorded on
    the day of the decision; the start of that day when it was recorded later (history entered since)."""
    closed = Entry.objects.filter(seq=entry_seq).values_list("time", flat=True).first()
    if closed is not None and closed.astimezone(dt.UTC).date() == decided_on:
        return closed
    return dt.datetime.combine(decided_on, dt.time(), dt.UTC)


def _authorizing_decision(given: Prose, at: When, request: Crisis) -> tuple[str, Texts, dt.datetime]:
    """The adopted decision that authorizes a response, as the mandate records it.

    A decision in the decisions register is tied by its identifier: it must have been adopted, and
    its day is the register's (at the given time of that day, or its start), and the mandate records its
    stable identifier however the reader's language wrote it. A decision taken before the register existed
    (the demo's history) is recorded as given: in one string, or as published in each of the organization's
    languages (its texts; the identifier is then the default language's).
    """
    published = Texts()
    if isinstance(given, Mapping):
        published = texts_of(given, "decision_identifier", limit=600)
        identifier = published.default
    else:
        identifier = text_of(given, "decision_identifier", limit=600)
    adopted = _instant(at, "decision_at")  # not given: adopted now
    registered = decision_by_identifier(identifier)
    if registered is not None:
        if registered.outcome not in ADOPTED_OUTCOMES:
            raise InvalidInput("decision_identifier", _("%(identifier)s was not adopted (%(outcome)s)")
                                                      % {"identifier": identifier, "outcome": registered.outcome})
        if at in (None, ""):
            adopted = _adopted_at(registered.entry_seq, registered.decided_on)
        elif adopted.date() != registered.decided_on:
            raise InvalidInput("decision_at", _("%(identifier)s was adopted on %(decided_on)s")
                                              % {"identifier": identifier,
                                                 "decided_on": registered.decided_on.isoformat()})
        identifier, published = str(registered.identifier), Texts()
    if adopted < request.requested_at:
        raise InvalidInput("decision_at", _("is before the request was filed"))
    return identifier, published, adopted


def _leader(given: Prose, day: dt.date) -> Texts:
    if not (isinstance(given, Mapping) and set(given) == {"office"}):
        return texts_of(given, "leaders", limit=200)
    office = Office.objects.filter(code=str(given["office"]).strip().upper()).first()
    if office is None:
        raise InvalidInput("leaders", _("%(code)s is not an office of the organization")
                           % {"code": repr(given["office"])})
    held = member_queries.holder_on(office.code, day)
    if held is None:
        return texts_of(dict(office.name), "leaders", limit=200)
    return texts_of({code: f"{held.holder.get(code) or held.holder.pick(code).text}, {name}"
                     for code, name in office.name.items()}, "leaders", limit=200)


@action
def choose_response(*, actor: Actor, crisis: int, response: str, leaders: Sequence[Prose] = (),
                    reports_to: str = "", note: Prose = "", at: When = None,
                    signed: Signed | None = None) -> Crisis:
    """The organization's answer: consultations, a mission (led by named officials, reporting back),
    or a collective operation (whose mandate follows)."""
    request = _crisis(crisis)
    policies.refuse(policies.answers(_who(actor), request))
    kind = choice_of(response, "response", catalogue.codes(catalogue.RESPONSES))
    instant = _instant(at, "at")
    if instant < request.requested_at:
        raise InvalidInput("at", _("is before the request was filed"))
    # Each leader a text per language ("Stanislav Zas, Secretary General" and its Cyrillic); a plain name is
    # the default language's, as everywhere. A leader given as an office ({"office": "SG"}) is named from the
    # office: its holder on the day (or the office alone where none is recorded), and the act records that.
    names = [_leader(name, instant.date()) for name in leaders]
    body_code = ""
    if kind == "mission":
        if not names:
            raise InvalidInput("leaders", _("a mission is led by named officials"))
        body_code = _body(reports_to, "reports_to").code
    request.outcome, request.outcome_at, request.leaders = kind, instant, [dict(name) for name in names]
    request.reports_to, request.outcome_note = body_code, texts_of(note, "note", required=False, limit=TEXT_LIMIT)
    prepared.save(request, ["outcome", "outcome_at", "leaders", "reports_to", "outcome_note"])
    _record("crises.response_chosen", actor, request, {
        "response": kind, "leaders": [dict(name) for name in names], "reports_to": body_code,
        "note": dict(request.outcome_note), "at": iso_of(instant)}, signed=signed)
    return request


def _body(code: str, field: str) -> Body:
    body = Body.objects.filter(code=str(code or "").strip().upper()).first()
    if body is None:
        raise InvalidInput(field, _("%(code)s is not a body of the organization") % {"code": repr(code)})
    return body


def _requirements(value: Mapping[str, Any]) -> dict[str, int]:
    allowed = catalogue.codes(catalogue.capabilities())
    result: dict[str, int] = {}
    for code, units in value.items():
        if code not in allowed:
            raise InvalidInput(f"requirements.{code}", _("is not in the catalogue: %(choices)s")
                                                       % {"choices": ', '.join(allowed)})
        if not isinstance(units, int) or isinstance(units, bool) or units < 1:
            raise InvalidInput(f"requirements.{code}", _("must be a whole number of units from 1"))
        result[code] = units
    return result


@action
def set_mandate(*, actor: Actor, crisis: int, purpose: Prose, area: Prose, ends_at: When, commander: Prose,
                commander_body: str, requirements: Mapping[str, object], outside_territory: bool = False,
                unsc_reference: str = "", decision_identifier: Prose = "", decision_at: When = None) -> Mandate:
    """The mandate of a collective operation; deployments wait for its authorizing decision.

    A decision may send forces "for a limited period of time" without an end date (the demo's 2022 mission):
    `ends_at` is then left out, and the page says that no end date is recorded. A requirement not
    stated in the decision is left empty rather than guessed. With no decision named, the decision
    adopted on a procedure that took up the request (if one was) authorizes it.
    """
    request = _crisis(crisis)
    policies.refuse(policies.sets_mandate(_who(actor), request, Mandate.objects.filter(crisis=request).first()))
    unsc = text_of(unsc_reference, "unsc_reference", required=False, limit=200)
    if outside_territory and not unsc:
        raise InvalidInput("unsc_reference", _("an operation outside the members' territory needs a UN Security "
                                               "Council decision"))
    mandate = Mandate(crisis=request, purpose=texts_of(purpose, "purpose", limit=TEXT_LIMIT),
                      area=texts_of(area, "area", limit=300),
                      ends_at=None if ends_at in (None, "") else _instant(ends_at, "ends_at", future=True),
                      commander=texts_of(commander, "commander", limit=200),
                      commander_body=_body(commander_body, "commander_body"),
                      outside_territory=bool(outside_territory), unsc_reference=unsc,
                      requirements=_requirements(requirements), entry_seq=-1)
    taken = queries.adopted_decision(request) if not decision_identifier else None
    identifier = decision_identifier or (taken.identifier or "" if taken else "")
    if identifier:
        mandate.decision_identifier, mandate.decision_texts, mandate.decision_at = _authorizing_decision(
            identifier, decision_at, request)
    if mandate.ends_at is not None and mandate.ends_at <= (mandate.decision_at or request.requested_at):
        raise InvalidInput("ends_at", _("a limited duration ends after it begins"))
    mandate.save(force_insert=True)
    mandate.entry_seq = _record("crises.mandate_set", actor, request, _mandate_body(
        mandate, {"purpose": purpose, "area": area, "commander": commander}))
    prepared.save(mandate, ["entry_seq"])
    return mandate


def _mandate_body(mandate: Mandate, given: Mapping[str, object]) -> dict[str, Any]:
    return {"purpose": dict(mandate.purpose), "area": dict(mandate.area),
            "ends_at": iso_of(mandate.ends_at), "commander": dict(mandate.commander),
            "commander_body": mandate.commander_body_id,
            "outside_territory": mandate.outside_territory, "unsc_reference": mandate.unsc_reference,
            "requirements": mandate.requirements, "decision_identifier": _decision_given(mandate),
            "decision_at": iso_of(mandate.decision_at)}


def _decision_given(mandate: Mandate) -> str | dict[str, str]:
    """The authorizing decision as the entry records it: as published in each language, or its identifier."""
    return dict(mandate.decision_texts) if mandate.decision_texts else mandate.decision_identifier


def _mandated(crisis: int, judge: Callable[[Crisis, Mandate | None], policies.Refusal]) -> tuple[Crisis, Mandate]:
    """The crisis and its mandate, locked, once the policy's `judge` accepts the act on them."""
    request = _crisis(crisis)
    mandate = Mandate.objects.select_for_update().filter(crisis=request).first()
    policies.refuse(judge(request, mandate))
    assert mandate is not None  # every policy on a mandate refuses an act without one
    return request, mandate


@action
def record_decision(*, actor: Actor, crisis: int, decision_identifier: Prose, decision_at: When,
                    signed: Signed | None = None) -> Mandate:
    """The adopted decision authorizing an operation whose mandate was set before it."""
    request, mandate = _mandated(crisis, lambda c, m: policies.records_decision(_who(actor), c, m))
    mandate.decision_identifier, mandate.decision_texts, mandate.decision_at = _authorizing_decision(
        decision_identifier, decision_at, request)
    prepared.save(mandate, ["decision_identifier", "decision_texts", "decision_at"])
    _record("crises.decision_recorded", actor, request, {"decision_identifier": _decision_given(mandate),
                                                         "decision_at": iso_of(mandate.decision_at)},
            signed=signed)
    return mandate


@action
def extend_mandate(*, actor: Actor, crisis: int, ends_at: When, reference: Prose,
                   signed: Signed | None = None) -> Mandate:
    """A limited duration is extended only by an act naming what extended it."""
    request, mandate = _mandated(crisis, lambda c, m: policies.extends(_who(actor), c, m))
    new_end = _instant(ends_at, "ends_at", required=True, future=True)
    if mandate.ends_at is not None and new_end <= mandate.ends_at:
        raise InvalidInput("ends_at", _("an extension ends after the current end, %(value)s")
                                      % {"value": iso_of(mandate.ends_at)})
    references = texts_of(reference, "reference", limit=300)
    previous = mandate.ends_at
    mandate.ends_at = new_end
    prepared.save(mandate, ["ends_at"])
    seq = _record("crises.mandate_extended", actor, request, {"previous_end": iso_of(previous),
                                                              "ends_at": iso_of(new_end),
                                                              "reference": dict(references)},
                  signed=signed)
    Extension.objects.create(mandate=mandate, previous_end=previous, ends_at=new_end, reference=references,
                             entry_seq=seq)
    return mandate


# 3. Force generation: pledges against the requirement, accepted or declined by the requesting state.


# What a pledge's equipment figure counts: pieces of equipment (any), or vehicles where the record counts those.
EQUIPMENT_UNITS = ("pieces", "vehicles")


@action
def pledge_contingent(*, actor: Actor, crisis: int, capability: str, quantity: int,
                      personnel: int | None = None, personnel_reported: bool = False, at: When = None,
                      force: int | None = None, declared: int | None = None, equipment: int | None = None,
                      equipment_unit: str = "pieces", note: Prose = "", signed: Signed | None = None) -> Pledge:
    """A member offers a contingent against the requirement; contributing is voluntary. The contingent may
    come from a standing force and name the member's declared units of it (its declaration), or be ad hoc;
    it may say its equipment (a number of pieces of equipment, or of vehicles where the record counts those:
    `equipment_unit`) and, in a note, what it is and what it is to do."""
    request = _crisis(crisis)
    policies.refuse(policies.pledges(_who(actor), request))
    member = _member_of(actor)
    code = choice_of(capability, "capability", catalogue.codes(catalogue.capabilities()))
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        raise InvalidInput("quantity", _("must be a whole number of units from 1"))
    if personnel is not None and (not isinstance(personnel, int) or personnel < 1):
        raise InvalidInput("personnel", _("must be a whole number of people from 1, or left out"))
    if equipment is not None and (not isinstance(equipment, int) or isinstance(equipment, bool) or equipment < 1):
        raise InvalidInput("equipment", _("must be a whole number of pieces from 1, or left out"))
    unit = choice_of(equipment_unit or "pieces", "equipment_unit", EQUIPMENT_UNITS)
    if equipment is None and unit != "pieces":
        raise InvalidInput("equipment_unit", _("is given only with the number of pieces of equipment"))
    described = texts_of(note, "note", required=False, limit=TEXT_LIMIT)
    instant = _instant(at, "at")
    source, declaration = _declared_units(actor, member, code, force, declared)
    pledge = Pledge(crisis=request, member_id=member, capability=code, quantity=quantity, personnel=personnel,
                    personnel_reported=bool(personnel_reported), force_id=source, declared_id=declaration,
                    equipment=equipment, equipment_unit=unit, note=described, entry_seq=-1)
    pledge.save(force_insert=True)
    # Not the pledge's own number: its signer cannot know it before pledging; its entry stands for it.
    pledge.entry_seq = _record("crises.pledge_made", actor, request, {
        "member": member, "capability": code, "quantity": quantity, "personnel": personnel,
        "personnel_reported": pledge.personnel_reported, "at": iso_of(instant),
        # An ad hoc pledge's entry is as it always was, so that what its signer signed still matches it.
        **({"force": source, "declared": declaration} if source is not None else {}),
        **({"equipment": equipment} if equipment is not None else {}),
        **({"equipment_unit": unit} if unit != "pieces" else {}),
        **({"note": dict(described)} if described else {})},
        member=member, signed=signed)
    prepared.save(pledge, ["entry_seq"])
    return pledge


def _declared_units(actor: Actor, member: str, capability: str, force: object,
                    declared: object) -> tuple[int | None, int | None]:
    """The standing force a pledge names and the member's declaration of that capability to it, as the actor
    may see them; a declaration names its force, and must be the member's standing one of the capability."""
    for value, field in ((force, "force"), (declared, "declared")):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise InvalidInput(field, _("must be a number"))
    viewer = _who(actor)
    if isinstance(force, int):
        forces.force(viewer, force)
    if not isinstance(declared, int):
        return force if isinstance(force, int) else None, None
    row = Contribution.objects.filter(pk=declared, member_id=member).first()
    if row is None or (viewer is not None and not may_see(viewer, row.force.classification)):
        raise NotFound("declared", _("there is no declaration %(number)s of your units") % {"number": declared})
    if force is not None and force != row.force_id:
        raise InvalidInput("declared", _("is a declaration to another standing force"))
    latest = Contribution.objects.filter(force_id=row.force_id, member_id=member,
                                         capability=row.capability).order_by("declared_on", "entry_seq").last()
    if row.capability != capability or latest != row or row.units == 0:
        raise InvalidInput("declared", _("is not your standing declaration of this capability"))
    return row.force_id, row.pk


def _pledge(pledge: int, crisis: Crisis | None = None) -> Pledge:
    found = Pledge.objects.select_for_update().select_related("crisis").filter(pk=pledge).first()
    if found is None or (crisis is not None and found.crisis_id != crisis.pk):
        raise NotFound("pledge", _("no pledge %(pledge)s") % {"pledge": pledge})
    return found


@action
def answer_pledge(*, actor: Actor, pledge: int, accept: bool, at: When = None,
                  signed: Signed | None = None) -> Pledge:
    """The requesting state accepts or declines a pledged contingent."""
    found = _pledge(pledge)
    request = found.crisis
    policies.refuse(policies.answers_pledge(_who(actor), found))
    found.status = "accepted" if accept else "declined"
    found.answered_at = _instant(at, "at")
    prepared.save(found, ["status", "answered_at"])
    _record("crises.pledge_accepted" if accept else "crises.pledge_declined", actor, request,
            {"pledge": found.pk, "member": found.member_id, "at": iso_of(found.answered_at)}, signed=signed)
    return found


# 4. Deployment: each contingent's phases, planned and actual; completion, handover, withdrawal.


@action
def plan_phase(*, actor: Actor, pledge: int, phase: str, planned_at: When, signed: Signed | None = None) -> Phase:
    """When a contingent is planned to reach a phase (a later plan replaces the earlier one)."""
    found = _pledge(pledge)
    policies.refuse(policies.moves(_who(actor), found))
    code = choice_of(phase, "phase", catalogue.PHASE_CODES)
    instant = _instant(planned_at, "planned_at", required=True, future=True)
    row = Phase.objects.filter(pledge=found, phase=code).first() or Phase(pledge=found, phase=code, entry_seq=-1)
    if row.actual_at is not None:
        # A plan made after the fact would hide that the contingent was late.
        raise Conflict("phase", _("%(code)s was already reached; its plan stays as it was") % {"code": code})
    row.planned_at = instant
    row.entry_seq = _record("crises.phase_planned", actor, found.crisis, {
        "pledge": found.pk, "member": found.member_id, "phase": code, "planned_at": iso_of(instant)},
        member=found.member_id, signed=signed)
    row.save()
    return row


@action
def record_phase(*, actor: Actor, pledge: int, phase: str, at: When = None, by: When = None,
                 signed: Signed | None = None) -> Phase:
    """A contingent reached a phase; the order of phases and the authorizing decision are enforced. With `by`,
    the record dates it only as a range (reached between `at` and `by`, as the sources give it: "between 6 and
    9 January"), and phases the sources do not date may be left out before it."""
    found = _pledge(pledge)
    policies.refuse(policies.moves(_who(actor), found))
    code = str(phase or "").strip()
    instant = _instant(at, "at")
    latest = None if by in (None, "") else _instant(by, "by")
    rows = {row.phase: row for row in Phase.objects.filter(pledge=found)}
    actuals = {name: row.actual_at for name, row in rows.items() if row.actual_at is not None}
    mandate = Mandate.objects.filter(crisis_id=found.crisis_id).first()
    decision_at = mandate.decision_at if mandate and mandate.decision_identifier else None
    refusal = rules.phase_refusal(actuals, code, instant, accepted=found.status == "accepted",
                                  decision_at=decision_at, by=latest)
    if refusal:
        raise InvalidInput("by" if latest is not None and latest < instant else "phase", refusal)
    row = rows.get(code) or Phase(pledge=found, phase=code, entry_seq=-1)
    row.actual_at, row.actual_by = instant, latest
    row.entry_seq = _record("crises.phase_reached", actor, found.crisis, {
        "pledge": found.pk, "member": found.member_id, "phase": code, "at": iso_of(instant),
        # A phase reached at a known instant is entered as it always was, so that what its signer signed matches.
        **({"by": iso_of(latest)} if latest is not None else {})},
        member=found.member_id, signed=signed)
    row.save()
    return row


@action
def record_first_arrival(*, actor: Actor, crisis: int, at: When = None, signed: Signed | None = None) -> Mandate:
    """The force's first contingent arrived: the force's own milestone, where the record dates the force and
    not each contingent (the first arrivals of the 2022 operation); it times request → first arrival."""
    request, mandate = _mandated(crisis, lambda c, m: policies.dates_force(_who(actor), c, m, "first_arrival"))
    instant = _instant(at, "at")
    if mandate.decision_at is not None and instant < mandate.decision_at:
        raise InvalidInput("at", _("the authorizing decision dates from %(value)s")
                                 % {"value": dates.instant(mandate.decision_at)})
    mandate.first_arrival_at = instant
    mandate.first_arrival_seq = _record("crises.first_arrival", actor, request, {"at": iso_of(instant)},
                                        signed=signed)
    prepared.save(mandate, ["first_arrival_at", "first_arrival_seq"])
    return mandate


@action
def record_deployment_complete(*, actor: Actor, crisis: int, at: When = None, personnel: int | None = None,
                               equipment: int | None = None, signed: Signed | None = None) -> Mandate:
    """The force's deployment complete (its full operational capability), with the personnel and pieces of
    equipment deployed in all where the record gives them; after its first arrival."""
    request, mandate = _mandated(crisis, lambda c, m: policies.dates_force(_who(actor), c, m, "deployed"))
    for value, field in ((personnel, "personnel"), (equipment, "equipment")):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
            raise InvalidInput(field, _("must be a whole number from 1, or left out"))
    instant = _instant(at, "at")
    if mandate.first_arrival_at is None:
        raise InvalidInput("at", _("the force's first arrival is recorded first"))
    if instant < mandate.first_arrival_at:
        raise InvalidInput("at", _("is before the force's first arrival"))
    mandate.deployed_at, mandate.deployed_personnel, mandate.deployed_equipment = instant, personnel, equipment
    mandate.deployed_seq = _record("crises.deployment_completed", actor, request,
                                   {"at": iso_of(instant), "personnel": personnel, "equipment": equipment},
                                   signed=signed)
    prepared.save(mandate, ["deployed_at", "deployed_personnel", "deployed_equipment", "deployed_seq"])
    return mandate


@action
def record_report_heard(*, actor: Actor, crisis: int, note: Prose = "", at: When = None,
                        signed: Signed | None = None) -> Crisis:
    """The body a mission reports to heard its report: the mission's own end, which ends the response."""
    request = _crisis(crisis)
    policies.refuse(policies.hears_report(_who(actor), request))
    instant = _instant(at, "at")
    if request.outcome_at is not None and instant < request.outcome_at:
        raise InvalidInput("at", _("is before the mission was sent"))
    request.closed_at = instant
    request.closing_note = texts_of(note, "note", required=False, limit=TEXT_LIMIT)
    prepared.save(request, ["closed_at", "closing_note"])
    _record("crises.mission_report_heard", actor, request, {"note": dict(request.closing_note),
                                                           "at": iso_of(instant)}, signed=signed)
    return request


@action
def declare_mission_complete(*, actor: Actor, crisis: int, at: When = None,
                             signed: Signed | None = None) -> Mandate:
    """The host state declares the mission complete."""
    request, mandate = _mandated(crisis, lambda c, m: policies.declares_complete(_who(actor), c, m))
    mandate.completed_at = _instant(at, "at")
    prepared.save(mandate, ["completed_at"])
    _record("crises.mission_completed", actor, request, {"at": iso_of(mandate.completed_at)}, signed=signed)
    return mandate


@action
def hand_over_sites(*, actor: Actor, crisis: int, sites: int, at: When = None,
                    signed: Signed | None = None) -> Mandate:
    """The guarded sites are handed back to the host state."""
    request, mandate = _mandated(crisis, lambda c, m: policies.hands_over_sites(_who(actor), c, m))
    if not isinstance(sites, int) or sites < 0:
        raise InvalidInput("sites", _("must be a whole number of sites"))
    mandate.sites_handed_over, mandate.sites_handed_over_at = sites, _instant(at, "at")
    prepared.save(mandate, ["sites_handed_over", "sites_handed_over_at"])
    _record("crises.sites_handed_over", actor, request,
            {"sites": sites, "at": iso_of(mandate.sites_handed_over_at)}, signed=signed)
    return mandate


@action
def complete_withdrawal(*, actor: Actor, crisis: int, at: When = None, signed: Signed | None = None) -> Mandate:
    """Withdrawal is complete, and the crisis closed, only when every contingent that set out is home."""
    request, mandate = _mandated(crisis, lambda c, m: policies.completes_withdrawal(_who(actor), c, m))
    contingents = [{row.phase: row.actual_at for row in pledge.phases.all() if row.actual_at is not None}
                   for pledge in request.pledges.filter(status="accepted").prefetch_related("phases")]
    if not rules.every_contingent_home(contingents):
        raise InvalidInput("crisis", _("not every contingent is home yet"))
    homes = [actuals["home"] for actuals in contingents if "home" in actuals]
    instant = _instant(at, "at") if at is not None or not homes else max(homes)
    if homes and instant < max(homes):
        raise InvalidInput("at", _("is before the last contingent came home"))
    mandate.withdrawal_complete_at = instant
    prepared.save(mandate, ["withdrawal_complete_at"])
    request.closed_at = instant
    prepared.save(request, ["closed_at"])
    _record("crises.withdrawal_completed", actor, request, {"at": iso_of(instant)}, signed=signed)
    return mandate


# 5. Situation reports and the letters to the UN Security Council.


@action
def file_situation_report(*, actor: Actor, crisis: int, text: Prose, from_commander: bool = False,
                          at: When = None, signed: Signed | None = None) -> SituationReport:
    """A numbered report: the commander's (recorded by the secretariat) or a contributing contingent's."""
    request = _crisis(crisis)
    contributors = set(request.pledges.filter(status="accepted").values_list("member_id", flat=True))
    policies.refuse(policies.reports(_who(actor), request, Mandate.objects.filter(crisis=request).first(),
                                     from_commander=from_commander, contributors=contributors))
    source = "commander" if from_commander else _member_of(actor)
    number = (request.reports.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    instant = _instant(at, "at")
    body = texts_of(text, "text", limit=TEXT_LIMIT)
    seq = _record("crises.situation_reported", actor, request, {"number": number, "source": source,
                                                               "text": dict(body),
                                                               "at": iso_of(instant)}, signed=signed)
    return SituationReport.objects.create(crisis=request, number=number, source=source, text=body, at=instant,
                                          person=actor.handle or "", entry_seq=seq)


@action
def record_letter_sent(*, actor: Actor, crisis: int, kind: str, reference: str = "", at: When = None,
                       addressee: str = letters.COUNCIL, sender: Prose = "", text_kept: bool = True,
                       undated: bool = False, signed: Signed | None = None) -> Letter:
    """The letter as generated now from the acts, recorded as sent (in each of its languages), to the
    President of the Security Council or (`addressee`) the UN Secretary-General, from the organization or a
    named `sender`. A letter of the past whose text is not in the record is recorded without one
    (`text_kept` False), and one whose day is not either, without its day (`undated`)."""
    if kind not in letters.KINDS:
        raise InvalidInput("kind", _("must be one of %(choices)s") % {"choices": ', '.join(letters.KINDS)})
    if addressee not in letters.ADDRESSEES:
        raise InvalidInput("addressee", _("must be one of %(choices)s")
                                        % {"choices": ', '.join(letters.ADDRESSEES)})
    request, _mandate = _mandated(crisis, lambda c, m: policies.sends_letter(
        _who(actor), c, m, kind, set(c.letters.filter(addressee=addressee).values_list("kind", flat=True))))
    if undated and at not in (None, ""):
        raise InvalidInput("at", _("an undated letter has no day"))
    instant = None if undated else _instant(at, "at")
    reference = text_of(reference, "reference", required=False, limit=200)
    writer = texts_of(sender, "sender", required=False, limit=300)
    text = letters.compose(kind, queries.letter_facts(request)) if text_kept else Texts()
    seq = _record("crises.letter_sent", actor, request, {
        "kind": kind, "reference": reference, "text": dict(text), "at": iso_of(instant) if instant else None,
        # A letter of the organization to the Council is entered as it always was (what its signer signed).
        **({"addressee": addressee} if addressee != letters.COUNCIL else {}),
        **({"sender": dict(writer)} if writer else {})}, signed=signed)
    return Letter.objects.create(crisis=request, kind=kind, text=text, sent_at=instant, reference=reference,
                                 addressee=addressee, sender=writer, entry_seq=seq)


# 6. The after-action review's lessons: raw, then validated.


@action
def record_lesson(*, actor: Actor, crisis: int, text: Prose, signed: Signed | None = None) -> Lesson:
    """A lesson as observed, by a member's official or the secretariat."""
    request = _crisis(crisis)
    who = _who(actor)
    policies.refuse(policies.records_lesson(who, request))
    member = who.member if who is not None else None
    body = texts_of(text, "text", limit=TEXT_LIMIT)
    seq = _record("crises.lesson_recorded", actor, request, {"text": dict(body)},
                  member=member or request.requester_id, signed=signed)
    return Lesson.objects.create(crisis=request, text=body, member=member or "", person=actor.handle or "",
                                 entry_seq=seq)


@action
def validate_lesson(*, actor: Actor, lesson: int, text: Prose = "", signed: Signed | None = None) -> Lesson:
    """The secretariat validates a lesson, in the raw words or in a validated wording."""
    found = Lesson.objects.select_for_update().select_related("crisis").filter(pk=lesson).first()
    if found is None:
        raise NotFound("lesson", _("no lesson %(lesson)s") % {"lesson": lesson})
    policies.refuse(policies.validates_lesson(_who(actor), found))
    found.validated = True
    wording = texts_of(text, "text", required=False, limit=TEXT_LIMIT)
    found.validated_text = wording or found.text
    prepared.save(found, ["validated", "validated_text"])
    # The entry holds the wording validated: the one given, or the lesson's own texts when none was.
    _record("crises.lesson_validated", actor, found.crisis, {
        "lesson": found.pk, "text": dict(found.validated_text)}, signed=signed)
    return found
