"""Reads of the organization registry, each given the viewer; the registry's facts are public."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from accord.core import clock, once
from accord.core.errors import NotFound
from accord.core.history import events_of
from accord.core.policy import Viewer, may_administer_delegation
from accord.core.prepared import Prepared
from accord.core.rows import ActRow, from_event
from accord.ledger.models import Entry
from accord.members import history, rotation
from accord.members.models import (
    Appointment,
    Body,
    ChairOverride,
    Handover,
    Member,
    MembershipEvent,
    Office,
    Organization,
    Person,
    Role,
    RuleChange,
    Seat,
    SigningKey,
)
from accord_verify import entries

GOOD_STANDING = (history.Status.MEMBER, history.Status.FROZEN)


def today() -> dt.date:
    # The act's day inside an action (and in a replay, the logged act's): see accord.core.clock.
    return clock.today()


ORGANIZATION_KEPT = "organization"  # what accord.core.once keeps the charter under


def organization() -> Organization | None:
    """The charter settings, read once per request (accord.core.once)."""
    return once.remembered(ORGANIZATION_KEPT, lambda: Organization.objects.filter(pk=1).first())


def content_languages() -> list[str]:
    """The languages the organization keeps its content in, its default first (its working languages
    unless the charter lists the languages of translations as well)."""
    found = Organization.objects.filter(pk=1).values_list("languages", "working_languages").first()
    return list(found[0] or found[1]) if found else []


def log_witnesses() -> list[dict[str, str]]:
    """The witnesses the charter names for the log, [{"vkey", "url"}]: public, like the log."""
    found = Organization.objects.filter(pk=1).values_list("witnesses", flat=True).first()
    return list(found or [])


# What accord.core.once keeps the registry under: its states, their membership events and the rotation's records,
# which a page's cards, forms and policies each ask for (a crisis's page read them four to seven times). Each is
# read afresh inside an action, and every act forgets them.
STATES_KEPT = "registry.states"
EVENTS_KEPT = "registry.membership_events"
ROTATION_KEPT = "registry.rotation_records"


def registry_states() -> list[Member]:
    """Every member state in the registry, in code order, read once per request."""
    return once.remembered(STATES_KEPT, lambda: list(Member.objects.all()), fresh_in_action=True)


def _membership_events() -> list[MembershipEvent]:
    return once.remembered(EVENTS_KEPT, lambda: list(MembershipEvent.objects.order_by("on", "entry_seq")),
                           fresh_in_action=True)


def _rotation_records() -> tuple[list[RuleChange], list[Handover], list[ChairOverride]]:
    return once.remembered(ROTATION_KEPT, lambda: (list(RuleChange.objects.all()), list(Handover.objects.all()),
                                                   list(ChairOverride.objects.all())), fresh_in_action=True)


def _histories() -> dict[str, list[history.Event]]:
    result: dict[str, list[history.Event]] = defaultdict(list)
    for row in _membership_events():
        result[row.member_id].append(history.Event(history.EventKind(row.kind), row.on, row.reference))
    return result


def state_name(code: str | None) -> str:
    """A member state's name in the reader's language, as a refusal or a message names it (a code the
    registry does not hold, as given)."""
    found = (once.remembered(f"registry.state.{code}", lambda: Member.objects.filter(code=code).first())
             if code else None)
    return found.name.pick().text if found is not None else str(code or "")


# Unique, so unordered: `first()` would have Django build an ORDER BY for the one row. Built once: most acts on
# the registry read the person they concern, and the replay reads every act's actor.
_PERSON = Prepared(
    lambda username: Person.objects.select_related("member").filter(username=username).order_by()[:1],
    username=str,
)


def person_named(username: str) -> Person | None:
    """The person of `username`, with its member, as an act (or the replay of one) reads the person it concerns
    or its actor: no viewer, for actions only, never for what a page shows."""
    return next(iter(_PERSON(username=username)), None)


# Every act of a member's person asks for its member's standing (its viewer): built once.
_MEMBERSHIP_EVENTS = Prepared(
    lambda member: MembershipEvent.objects.filter(member_id=member).order_by("on", "entry_seq")
    .values_list("kind", "on", "reference"), member=str)


def member_in_good_standing(code: str, on: dt.date | None = None) -> bool:
    """Read once per request (the viewer of a page and of an API answer asks, and so does its ETag:
    accord.core.conditional), afresh inside an action."""
    day = on or today()

    def read() -> bool:
        events = [history.Event(history.EventKind(kind), on, reference)
                  for kind, on, reference in _MEMBERSHIP_EVENTS(member=code)]
        return history.status_on(events, day) in GOOD_STANDING

    return once.remembered(f"registry.standing.{code}.{day.isoformat()}", read, fresh_in_action=True)


@dataclass(frozen=True)
class MemberView:
    member: Member
    status: history.Status
    events: list[MembershipEvent]
    periods: list[history.Period]

    @property
    def code(self) -> str:
        return self.member.code

    @property
    def is_current(self) -> bool:
        return self.status in GOOD_STANDING


def members(viewer: Viewer, on: dt.date | None = None) -> list[MemberView]:
    """Every state in the registry with its status on `on` (today by default), current first."""
    day = on or today()
    rows: dict[str, list[MembershipEvent]] = defaultdict(list)
    for row in _membership_events():
        rows[row.member_id].append(row)
    result = []
    for member in registry_states():
        events = [history.Event(history.EventKind(r.kind), r.on, r.reference, r.entry_seq)
                  for r in rows[member.code]]
        result.append(MemberView(member, history.status_on(events, day), rows[member.code],
                                 history.periods(events, day)))
    result.sort(key=lambda view: (not view.is_current, str(view.member.name)))
    return result


def member(viewer: Viewer, code: str) -> MemberView:
    for view in members(viewer):
        if view.code == code.upper():
            return view
    raise NotFound("member", f"{code!r} is not a member state in the registry")


def _histories_of(states: list[MemberView]) -> dict[str, list[history.Event]]:
    """The membership histories of `members()`'s answer, as `_histories` reads them, without reading again."""
    result: dict[str, list[history.Event]] = defaultdict(list)
    for view in states:
        result[view.code] = [history.Event(history.EventKind(r.kind), r.on, r.reference) for r in view.events]
    return result


def current_rotation(org: Organization | None = None,
                     memberships: dict[str, list[history.Event]] | None = None) -> rotation.Rotation | None:
    """The charter's rotation; a page that has read the organization or the registry already passes them."""
    org = organization() if org is None else org
    if org is None or not org.rotation_order or not org.anchor_member or org.anchor_term is None:
        return None
    rules, handovers, overrides = _rotation_records()
    return rotation.Rotation(
        order=tuple(org.rotation_order),
        anchor_member=org.anchor_member,
        anchor_term=org.anchor_term,
        term_years=org.term_years,
        rules=tuple(rotation.RuleChange(rotation.HandoverRule(r.rule), r.from_term)
                    for r in rules),
        handovers=tuple(rotation.Handover(h.term, h.on, h.reference) for h in handovers),
        overrides=tuple(rotation.Override(o.member_id, o.start, o.end, o.reason) for o in overrides),
        memberships=_histories() if memberships is None else memberships,
    )


@dataclass(frozen=True)
class Chairmanship:
    today: dt.date
    chair: Member | None
    current: rotation.Term | None
    next: rotation.Term | None
    next_member: Member | None
    terms: list[rotation.Term]


def chairmanship(viewer: Viewer, on: dt.date | None = None, *, registry: list[MemberView] | None = None,
                 org: Organization | None = None) -> Chairmanship:
    """Who chairs on `on`, the terms around it and who is next. A page that has read the registry
    (`members()`) and the organization passes them, so that neither is read twice."""
    day = on or today()
    plan = current_rotation(org, _histories_of(registry) if registry is not None else None)
    if plan is None:
        return Chairmanship(day, None, None, None, None, [])
    code = rotation.chair_on(plan, day)
    all_terms = rotation.terms(plan, plan.anchor_term, day.year + 2)
    current = next((t for t in all_terms if t.start and t.start <= day and (t.end is None or day < t.end)), None)
    upcoming = rotation.next_chair(plan, day)
    states = ({view.code: view.member for view in registry} if registry is not None
              else {state.code: state for state in registry_states()})
    return Chairmanship(
        today=day,
        chair=states.get(code) if code else None,
        current=current,
        next=upcoming,
        next_member=states.get(upcoming.member) if upcoming and upcoming.member else None,
        terms=all_terms,
    )


def chair_on(day: dt.date) -> str | None:
    plan = current_rotation()
    return rotation.chair_on(plan, day) if plan else None


def people(viewer: Viewer, member: str | None = None) -> list[Person]:
    """A delegation's people: the registry of who is who is visible to signed-in persons only."""
    if viewer.handle is None:
        return []
    rows = Person.objects.select_related("member").filter(is_active=True)
    if member is not None:
        rows = rows.filter(member_id=member.upper())
    return list(rows)


def actors(viewer: Viewer) -> tuple[dict[str, str], dict[str, str]]:
    """Who acts, by handle, in one query: each active person's name, for a signed-in viewer only (as
    `people`), and each person's role in the reader's language, for everyone: an act's actor is public in
    the log (its handle), and a role says what kind of person acted without naming them (issue #21)."""
    persons = list(Person.objects.all())
    names = {p.username: p.display_name for p in persons if p.is_active} if viewer.handle is not None else {}
    return names, {p.username: str(Role(p.role).label) for p in persons}


def closed_people(viewer: Viewer, member: str | None) -> list[Person]:
    """A delegation's deactivated people, for those who keep it (who may reactivate them) only."""
    if viewer.handle is None or not may_administer_delegation(viewer, member):
        return []
    return list(Person.objects.select_related("member").filter(is_active=False, member_id=member))


def active_officers() -> int:
    """How many secretariat officers may act now (the last one stays: see members.policies)."""
    return Person.objects.filter(role="secretariat_officer", is_active=True).count()


def person(viewer: Viewer, username: str) -> Person:
    if viewer.handle is not None:
        found = Person.objects.select_related("member").filter(username=username).first()
        if found is not None:
            return found
    raise NotFound("person")


def keys_of(viewer: Viewer, username: str) -> list[SigningKey]:
    """Public keys are public (the verifier needs them), and so is their history."""
    return list(SigningKey.objects.filter(person__username=username))


def may_administer(viewer: Viewer, member: str | None) -> bool:
    return may_administer_delegation(viewer, member)


@dataclass(frozen=True)
class BodyView:
    """A body with the members represented on it; the persons only for signed-in viewers."""

    body: Body
    members: list[str]
    seats: list[Seat]

    @property
    def code(self) -> str:
        return self.body.code


def bodies(viewer: Viewer) -> list[BodyView]:
    """The organization's bodies, in the order they were established; the structure is public."""
    seats: dict[str, list[Seat]] = defaultdict(list)
    for seat in Seat.objects.select_related("person", "person__member").filter(person__is_active=True):
        seats[seat.body_id].append(seat)
    shown = viewer.handle is not None
    return [BodyView(body, sorted({s.person.member_id for s in seats[body.code] if s.person.member_id}),
                     seats[body.code] if shown else [])
            for body in Body.objects.all()]


def body(viewer: Viewer, code: str) -> BodyView:
    for view in bodies(viewer):
        if view.code == code.strip().upper():
            return view
    raise NotFound("body", f"{code!r} is not a body of the organization")


def sits_on(username: str, code: str) -> bool:
    """Whether a person (still active) holds a seat on the body."""
    return Seat.objects.filter(body_id=code.upper(), person__username=username,
                               person__is_active=True).exists()


def seated_members(code: str) -> set[str]:
    """The member states with at least one active person seated on the body."""
    rows = Seat.objects.filter(body_id=code.upper(), person__is_active=True, person__member__isnull=False)
    return set(rows.values_list("person__member_id", flat=True))


def people_listed(viewer: Viewer, *, member: str | None = None, role: str | None = None,
                  active: bool | None = None) -> list[Person]:
    """The people the administration pages list: every active person for a signed-in viewer (as
    `people`), and the deactivated ones of the delegations it keeps; filtered by member ("-": the
    secretariat's own), role and whether active."""
    if viewer.handle is None:
        return []
    rows = Person.objects.select_related("member")
    if member == "-":
        rows = rows.filter(member__isnull=True)
    elif member:
        rows = rows.filter(member_id=member.upper())
    if role:
        rows = rows.filter(role=role)
    if active is not None:
        rows = rows.filter(is_active=active)
    return [person for person in rows
            if person.is_active or may_administer_delegation(viewer, person.member_id)]


# The acts whose body names a person, by the key it is named under.
PERSON_ACTS = {
    "members.person_added": "username", "members.role_changed": "person", "members.title_set": "person",
    "members.person_deactivated": "person", "members.person_reactivated": "person",
    "members.password_set": "person", entries.KEY_REGISTERED: "person", entries.KEY_ROTATED: "person",
    entries.KEY_REVOKED: "person", "members.seat_given": "person", "members.seat_ended": "person",
}


def acts_about(viewer: Viewer, username: str, limit: int = 100) -> list[ActRow]:
    """The registry's acts on a person, newest first: the history its page shows (they are public acts)."""
    if viewer.handle is None:
        return []
    # The entry's text holds the username wherever the body names it; the body says where exactly.
    found = Entry.objects.filter(type__in=PERSON_ACTS, data__contains=f'"{username}"').order_by("-seq")
    return [from_event(event, viewer) for event in events_of(list(found[:limit]))
            if event.body.get(PERSON_ACTS[event.type]) == username]


def seats_of(viewer: Viewer, username: str) -> list[Seat]:
    """The bodies a person sits on (seats are shown to signed-in viewers, as on the bodies' page)."""
    if viewer.handle is None:
        return []
    return list(Seat.objects.select_related("body").filter(person__username=username))


def key(viewer: Viewer, key_id: str) -> SigningKey | None:
    """A registered key by its id (keys are public, as `keys_of`)."""
    return SigningKey.objects.select_related("person").filter(key_id=key_id).first()


def chair_records(viewer: Viewer) -> dict[str, list[Any]]:
    """What the chairmanship's page lists: the handover rules, the handovers and the Council's overrides."""
    return {"rules": list(RuleChange.objects.all()), "handovers": list(Handover.objects.all()),
            "overrides": list(ChairOverride.objects.select_related("member"))}


@dataclass(frozen=True)
class OfficeView:
    """An office with its holders in order (acting ones among them); the offices are public."""

    office: Office
    appointments: list[Appointment]

    @property
    def code(self) -> str:
        return self.office.code

    def holder_on(self, day: dt.date) -> Appointment | None:
        """Who held the office on `day` (appointed or acting), None if no one is recorded."""
        return next((a for a in self.appointments if a.start <= day and (a.end is None or day <= a.end)), None)


def offices(viewer: Viewer) -> list[OfficeView]:
    """The organization's offices, in the order they were established, each with its holders."""
    held: dict[str, list[Appointment]] = defaultdict(list)
    for appointment in Appointment.objects.select_related("member").order_by("start", "entry_seq"):
        held[appointment.office_id].append(appointment)
    return [OfficeView(office, held[office.code]) for office in Office.objects.all()]


def office(viewer: Viewer, code: str) -> OfficeView:
    for view in offices(viewer):
        if view.code == code.strip().upper():
            return view
    raise NotFound("office", f"{code!r} is not an office of the organization")


def holder_on(code: str, day: dt.date) -> Appointment | None:
    """Who held the office `code` on `day`, where the organization records the office (else None: the
    caller keeps its own free text)."""
    return (Appointment.objects.filter(office_id=code.upper(), start__lte=day)
            .exclude(end__lt=day).order_by("-start").first())
