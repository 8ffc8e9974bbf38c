"""The organization registry's API; writes need a session, reads are public unless said otherwise."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.security import django_auth

from accord.core import provenance
from accord.core import signed as signed_acts
from accord.core.acting import Actor
from accord.core.errors import NotFound
from accord.core.policy import viewer_of
from accord.core.translations import legacy_texts
from accord.members import actions, queries
from accord.members.schemas import (
    AppointmentIn,
    BodyIn,
    BodyOut,
    ChairOut,
    HandoverIn,
    HistoryEventIn,
    HistoryEventOut,
    KeyIn,
    KeyOut,
    MemberIn,
    MemberOut,
    OfficeIn,
    OfficeOut,
    OfficialNameIn,
    OrganizationOut,
    OrganizationPatch,
    OverrideIn,
    PersonIn,
    PersonOut,
    RevokeIn,
    RoleIn,
    RuleChangeIn,
    SeatIn,
    TitleIn,
    UnseatIn,
)
from accord_verify import entries

router = Router(tags=["organization registry"])


def _actor(request: HttpRequest) -> Actor:
    return Actor(person=request.user)  # type: ignore[arg-type]


def _member_out(view: queries.MemberView, known: provenance.Known | None = None) -> dict[str, Any]:
    """A member with its history, each event with the provenance of its day (a day the record gives only to the
    year is marked uncertain); `known`: the provenance of a list's events, read at once."""
    known = known if known is not None else provenance.of_entries(e.entry_seq for e in view.events)
    return {
        "code": view.code, "name": view.member.name, "official_name": view.member.official_name,
        "status": view.status.value,
        "history": [{**HistoryEventOut.from_orm(e).dict(), "provenance": provenance.for_api(e.entry_seq, known)}
                    for e in view.events],
    }


@router.get("/organization", response=OrganizationOut, summary="The charter settings")
def organization(request: HttpRequest) -> Any:
    found = queries.organization()
    if found is None:
        raise NotFound("organization", "not configured yet")
    return found


@router.patch("/organization", response=OrganizationOut, auth=django_auth,
              summary="Change charter settings (secretariat)")
def configure(request: HttpRequest, payload: OrganizationPatch) -> Any:
    return actions.configure_organization(actor=_actor(request), **payload.dict(exclude_unset=True))


@router.get("/members", response=list[MemberOut], summary="Member states with status and history")
def members(request: HttpRequest, on: dt.date | None = None) -> list[dict[str, Any]]:
    found = queries.members(viewer_of(request.user), on)
    known = provenance.of_entries(e.entry_seq for v in found for e in v.events)  # every event's, read at once
    return [_member_out(v, known) for v in found]


@router.get("/members/{code}", response=MemberOut)
def member(request: HttpRequest, code: str) -> dict[str, Any]:
    return _member_out(queries.member(viewer_of(request.user), code))


@router.post("/members", response={201: MemberOut}, auth=django_auth,
             summary="Enter a state in the registry with its accession (secretariat)")
def add_member(request: HttpRequest, payload: MemberIn) -> Status[dict[str, Any]]:
    state = actions.add_member(actor=_actor(request), **payload.dict())
    return Status(201, _member_out(queries.member(viewer_of(request.user), state.code)))


@router.post("/members/{code}/history", response={201: MemberOut}, auth=django_auth,
             summary="Record an act in a member's history (secretariat)")
def add_history(request: HttpRequest, code: str, payload: HistoryEventIn) -> Status[dict[str, Any]]:
    actions.record_membership_event(actor=_actor(request), member=code, **payload.dict())
    return Status(201, _member_out(queries.member(viewer_of(request.user), code)))


@router.post("/members/{code}/official-name", response=MemberOut, auth=django_auth,
             summary="Set or change a member state's official short name per language (secretariat)")
def set_official_name(request: HttpRequest, code: str, payload: OfficialNameIn) -> dict[str, Any]:
    actions.set_official_name(actor=_actor(request), member=code, **payload.dict())
    return _member_out(queries.member(viewer_of(request.user), code))


@router.get("/chair", response=ChairOut, summary="Who chairs on a day (today by default)")
def chair(request: HttpRequest, on: dt.date | None = None) -> dict[str, Any]:
    view = queries.chairmanship(viewer_of(request.user), on)
    return {
        "on": view.today,
        "chair": view.chair.code if view.chair else None,
        "term": view.current.term if view.current else None,
        "term_start": view.current.start if view.current else None,
        "next_chair": view.next.member if view.next else None,
        "next_term": view.next.term if view.next else None,
        "next_start": view.next.start if view.next else None,
    }


@router.post("/chair/overrides", response={201: ChairOut}, auth=django_auth,
             summary="Record that the Council decided otherwise on the chairmanship")
def add_override(request: HttpRequest, payload: OverrideIn) -> Status[dict[str, Any]]:
    override = actions.record_chair_override(actor=_actor(request), **payload.dict())
    return Status(201, chair(request, override.start))


@router.post("/chair/handovers", response={201: ChairOut}, auth=django_auth,
             summary="Record the regular session at which a term began")
def add_handover(request: HttpRequest, payload: HandoverIn) -> Status[dict[str, Any]]:
    handover = actions.record_handover(actor=_actor(request), **payload.dict())
    return Status(201, chair(request, handover.on))


@router.post("/chair/rules", response={201: ChairOut}, auth=django_auth,
             summary="Record a change of the handover rule from a term on")
def add_rule(request: HttpRequest, payload: RuleChangeIn) -> Status[dict[str, Any]]:
    actions.change_handover_rule(actor=_actor(request), **payload.dict())
    return Status(201, chair(request, None))


@router.get("/persons", response=list[PersonOut], auth=django_auth,
            summary="The people of a delegation (or all), for signed-in persons")
def persons(request: HttpRequest, member: str | None = None) -> Any:
    return queries.people(viewer_of(request.user), member)


@router.post("/persons", response={201: PersonOut}, auth=django_auth,
             summary="Add a person (its delegation's head or administrator; secretariat for its own)")
def add_person(request: HttpRequest, payload: PersonIn) -> Status[Any]:
    return Status(201, actions.add_person(actor=_actor(request), **payload.dict()))


@router.post("/persons/{username}/role", response=PersonOut, auth=django_auth)
def change_role(request: HttpRequest, username: str, payload: RoleIn) -> Any:
    queries.person(viewer_of(request.user), username)
    return actions.change_role(actor=_actor(request), person=username, **payload.dict())


@router.post("/persons/{username}/title", response=PersonOut, auth=django_auth,
             summary="Set or change the office a person holds, per language (its delegation's keeper)")
def set_title(request: HttpRequest, username: str, payload: TitleIn) -> Any:
    queries.person(viewer_of(request.user), username)
    return actions.set_title(actor=_actor(request), person=username, **payload.dict())


@router.post("/persons/{username}/deactivate", response=PersonOut, auth=django_auth,
             summary="Close a person's access (its delegation's keeper; never one's own, never the last officer)")
def deactivate(request: HttpRequest, username: str) -> Any:
    queries.person(viewer_of(request.user), username)
    return actions.deactivate_person(actor=_actor(request), person=username)


@router.post("/persons/{username}/reactivate", response=PersonOut, auth=django_auth,
             summary="Open a deactivated person's access again (its delegation's keeper)")
def reactivate(request: HttpRequest, username: str) -> Any:
    queries.person(viewer_of(request.user), username)
    return actions.reactivate_person(actor=_actor(request), person=username)


@router.get("/persons/{username}/keys", response=list[KeyOut], summary="A person's public keys")
def keys(request: HttpRequest, username: str) -> Any:
    return queries.keys_of(viewer_of(request.user), username)


@router.post("/persons/{username}/keys", response={201: KeyOut}, auth=django_auth,
             summary="Register an Ed25519 public key")
def register_key(request: HttpRequest, username: str, payload: KeyIn) -> Status[Any]:
    queries.person(viewer_of(request.user), username)
    return Status(201, actions.register_key(actor=_actor(request), person=username, **payload.dict()))


@router.post("/keys/{key_id}/rotate", response={201: KeyOut}, auth=django_auth,
             summary="Replace a key: revoke it and register the new one in one act")
def rotate_key(request: HttpRequest, key_id: str, payload: KeyIn) -> Status[Any]:
    return Status(201, actions.rotate_key(actor=_actor(request), key_id=key_id, **payload.dict()))


@router.post("/keys/{key_id}/revoke", response=KeyOut, auth=django_auth)
def revoke_key(request: HttpRequest, key_id: str, payload: RevokeIn) -> Any:
    return actions.revoke_key(actor=_actor(request), key_id=key_id, reason=payload.reason)


def _body_out(view: queries.BodyView) -> dict[str, Any]:
    b = view.body
    return {
        "code": b.code, "name": b.name, "composition": b.composition, "decides": b.decides,
        "reference": b.reference,
        "members": view.members,
        "seats": [{"person": s.person.username, "full_name": s.person.full_name, "member": s.person.member_id}
                  for s in view.seats],
    }


@router.get("/bodies", response=list[BodyOut], summary="The organization's bodies and who sits on them")
def bodies(request: HttpRequest) -> Any:
    return [_body_out(view) for view in queries.bodies(viewer_of(request.user))]


@router.get("/bodies/{code}", response=BodyOut)
def body(request: HttpRequest, code: str) -> Any:
    return _body_out(queries.body(viewer_of(request.user), code))


@router.post("/bodies", response={201: BodyOut}, auth=django_auth,
             summary="Establish a body (the secretariat)")
def establish_body(request: HttpRequest, payload: BodyIn) -> Status[Any]:
    created = actions.establish_body(actor=_actor(request), **payload.dict())
    return Status(201, _body_out(queries.body(viewer_of(request.user), created.code)))


@router.post("/bodies/{code}/seats", response={201: BodyOut}, auth=django_auth,
             summary="Seat a person on a body (its delegation's head or administrator, or the secretariat)")
def seat_person(request: HttpRequest, code: str, payload: SeatIn) -> Status[Any]:
    queries.person(viewer_of(request.user), payload.person)
    actions.seat_person(actor=_actor(request), body=code, person=payload.person)
    return Status(201, _body_out(queries.body(viewer_of(request.user), code)))


@router.post("/bodies/{code}/seats/{username}/end", response=BodyOut, auth=django_auth,
             summary="End a person's seat on a body")
def unseat_person(request: HttpRequest, code: str, username: str, payload: UnseatIn) -> Any:
    queries.person(viewer_of(request.user), username)
    actions.unseat_person(actor=_actor(request), body=code, person=username, reason=payload.reason)
    return _body_out(queries.body(viewer_of(request.user), code))


def _office_out(view: queries.OfficeView) -> dict[str, Any]:
    o = view.office
    known = provenance.of_entries(a.entry_seq for a in view.appointments)
    return {
        "code": o.code, "name": o.name, "term_years": o.term_years, "reference": o.reference,
        "holders": [{"holder": a.holder, "member": a.member_id, "start": a.start, "end": a.end, "acting": a.acting,
                     "start_year_only": a.start_year_only, "end_year_only": a.end_year_only,
                     "decision": a.decision, "provenance": provenance.for_api(a.entry_seq, known)}
                    for a in view.appointments],
    }


@router.get("/offices", response=list[OfficeOut], summary="The organization's offices and who held them")
def offices(request: HttpRequest) -> Any:
    return [_office_out(view) for view in queries.offices(viewer_of(request.user))]


@router.get("/offices/{code}", response=OfficeOut)
def office(request: HttpRequest, code: str) -> Any:
    return _office_out(queries.office(viewer_of(request.user), code))


@router.post("/offices", response={201: OfficeOut}, auth=django_auth,
             summary="Establish an office (the secretariat)")
def establish_office(request: HttpRequest, payload: OfficeIn) -> Status[Any]:
    created = actions.establish_office(actor=_actor(request), **payload.dict())
    return Status(201, _office_out(queries.office(viewer_of(request.user), created.code)))


@router.post("/offices/{code}/appointments", response={201: OfficeOut}, auth=django_auth,
             summary="Record who held an office, appointed by a decision or acting (the secretariat)")
def record_appointment(request: HttpRequest, code: str, payload: AppointmentIn) -> Status[Any]:
    actions.record_appointment(actor=_actor(request), office=code, **payload.dict())
    return Status(201, _office_out(queries.office(viewer_of(request.user), code)))


# How each registry act, signed elsewhere, becomes a call of its action (see accord.core.signed).
# What these bodies name (persons, keys, bodies, member states) is the registry, which every person who can
# sign may read (queries.person, keys_of, bodies): nothing here is hidden from a signer, so the actions'
# own lookups answer a signer as the registry's pages do.



def _settings(body: Mapping[str, Any]) -> dict[str, Any]:
    """The charter settings an entry gives; texts as objects, or as `x_en`/`x_ru` pairs in older entries."""
    settings = {k: v for k, v in body.items() if k in actions.ORGANIZATION_FIELDS}
    for stem in actions.ORGANIZATION_TEXTS:
        if stem in body or f"{stem}_en" in body or f"{stem}_ru" in body:
            settings[stem] = legacy_texts(body, stem)
    return settings


_SIGNED: Mapping[str, Any] = {
    "organization.configured": lambda a, s, b: actions.configure_organization(actor=a, signed=s, **_settings(b)),
    "organization.witnesses_set": lambda a, s, b: actions.set_log_witnesses(
        actor=a, signed=s, witnesses=b["witnesses"]),
    "members.member_added": lambda a, s, b: actions.add_member(
        actor=a, signed=s, code=b["code"], acceded_on=b["acceded_on"], reference=legacy_texts(b, "reference"),
        name=legacy_texts(b, "name")),
    "members.official_name_set": lambda a, s, b: actions.set_official_name(
        actor=a, signed=s, member=b["member"], name=legacy_texts(b, "name")),
    "members.history_recorded": lambda a, s, b: actions.record_membership_event(
        actor=a, signed=s, member=b["member"], kind=b["kind"], on=b["on"],
        reference=legacy_texts(b, "reference")),
    "chair.override_recorded": lambda a, s, b: actions.record_chair_override(
        actor=a, signed=s, member=b["member"], start=b["start"], end=b.get("end"),
        reason=legacy_texts(b, "reason"), reference=legacy_texts(b, "reference")),
    "chair.handover_recorded": lambda a, s, b: actions.record_handover(
        actor=a, signed=s, term=b["term"], on=b["on"], reference=legacy_texts(b, "reference")),
    "chair.rule_changed": lambda a, s, b: actions.change_handover_rule(
        actor=a, signed=s, rule=b["rule"], from_term=b["from_term"], reference=legacy_texts(b, "reference")),
    "members.role_changed": lambda a, s, b: actions.change_role(
        actor=a, signed=s, person=b["person"], role=b["role"], delegation_admin=b["delegation_admin"]),
    "members.title_set": lambda a, s, b: actions.set_title(
        actor=a, signed=s, person=b["person"], title=legacy_texts(b, "title")),
    "members.person_deactivated": lambda a, s, b: actions.deactivate_person(
        actor=a, signed=s, person=b["person"], reason=b.get("reason", "")),
    entries.PERSON_REACTIVATED: lambda a, s, b: actions.reactivate_person(
        actor=a, signed=s, person=b["person"], reason=b.get("reason", "")),
    entries.KEY_REGISTERED: lambda a, s, b: actions.register_key(
        actor=a, signed=s, person=b["person"], public_key=b["public_key"], label=b.get("label", "")),
    entries.KEY_ROTATED: lambda a, s, b: actions.rotate_key(
        actor=a, signed=s, key_id=b["revoked_key"], public_key=b["public_key"], label=b.get("label", "")),
    entries.KEY_REVOKED: lambda a, s, b: actions.revoke_key(
        actor=a, signed=s, key_id=b["key_id"], reason=b["reason"]),
    "members.body_established": lambda a, s, b: actions.establish_body(
        actor=a, signed=s, code=b["code"], name=legacy_texts(b, "name"),
        composition=legacy_texts(b, "composition"), decides=b.get("decides", True),
        reference=legacy_texts(b, "reference")),
    "members.seat_given": lambda a, s, b: actions.seat_person(
        actor=a, signed=s, body=b["body"], person=b["person"]),
    "members.seat_ended": lambda a, s, b: actions.unseat_person(
        actor=a, signed=s, body=b["body"], person=b["person"], reason=b.get("reason", "")),
    "offices.office_established": lambda a, s, b: actions.establish_office(
        actor=a, signed=s, code=b["code"], name=b["name"], term_years=b.get("term_years"),
        reference=b.get("reference") or {}),
    "offices.appointment_recorded": lambda a, s, b: actions.record_appointment(
        actor=a, signed=s, office=b["office"], holder=b["holder"], member=b.get("member"), start=b["start"],
        end=b.get("end"), acting=bool(b.get("acting")), decision=b.get("decision") or {},
        start_year_only=bool(b.get("start_year_only")), end_year_only=bool(b.get("end_year_only"))),
}
for _type, _adapter in _SIGNED.items():
    signed_acts.register(_type, _adapter)
