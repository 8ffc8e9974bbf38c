"""API shapes of the organization registry."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field

from accord.core.inputs import Integer, one_of
from accord.core.provenance import PROVENANCE_DESCRIPTION, FieldProvenanceOut
from accord.core.schema import Schema
from accord.core.translations import TextsOut
from accord.members.history import EventKind
from accord.members.models import Role
from accord.members.rotation import HandoverRule

RoleName = Annotated[str, one_of(Role)]
HistoryKind = Annotated[str, one_of(EventKind)]
RuleName = Annotated[str, one_of(HandoverRule)]


class SessionKindIn(Schema):
    code: str = Field(..., description="Lower-case letters and '_', e.g. anniversary")
    name: dict[str, str] = Field(..., description="A text per language of the organization")


class SessionKindOut(Schema):
    code: str
    name: TextsOut


class StandingOut(Schema):
    body: TextsOut = Field(..., description="The other body (the UN General Assembly, say)")
    status: TextsOut = Field(..., description="The organization's status there (observer, say)")
    since: dt.date
    reference: TextsOut = Field(..., description="The act that gave it (a resolution, say)")


class StatusIn(Schema):
    body: dict[str, str] = Field(..., description="A text per language of the organization")
    status: dict[str, str] = Field(..., description="A text per language of the organization")
    since: dt.date
    reference: dict[str, str] = {}


class OrganizationOut(Schema):
    name: TextsOut
    abbreviation: TextsOut
    headquarters: TextsOut
    working_languages: list[str]
    languages: list[str]
    treaty_name: TextsOut
    treaty_signed_on: dt.date | None
    treaty_signed_at: TextsOut
    charter_signed_at: TextsOut
    treaty_in_force_on: dt.date | None
    charter_signed_on: dt.date | None
    charter_in_force_on: dt.date | None
    rotation_order: list[str]
    term_years: int
    anchor_member: str
    anchor_term: int | None
    session_kinds: list[SessionKindOut] = Field(..., description="The kinds of session the charter adds to "
                                                                 "regular and extraordinary ones")
    statuses: list[StandingOut] = Field([], description="The organization's standing in other bodies, since when")


class OrganizationPatch(Schema):
    """Only the fields sent change; a null is refused where the setting cannot be empty (the defaults shown
    are never applied)."""

    name: dict[str, str] = Field({}, description='A text per language, e.g. {"en": "...", "fr": "..."}')
    abbreviation: dict[str, str] = {}
    headquarters: dict[str, str] = {}
    working_languages: list[str] = []
    languages: list[str] = []
    treaty_name: dict[str, str] = {}
    treaty_signed_on: dt.date | None = None
    treaty_signed_at: dict[str, str] = {}
    treaty_in_force_on: dt.date | None = None
    charter_signed_on: dt.date | None = None
    charter_signed_at: dict[str, str] = {}
    charter_in_force_on: dt.date | None = None
    rotation_order: list[str] = []
    term_years: Integer = 1
    anchor_member: str = ""
    anchor_term: Integer | None = None
    session_kinds: list[SessionKindIn] = Field([], description="The kinds of session the charter adds (the whole "
                                                               "list: it replaces the last)")
    statuses: list[StatusIn] = Field([], description="The organization's standing in other bodies (the whole "
                                                     "list: it replaces the last)")


class HistoryEventOut(Schema):
    kind: str
    on: dt.date
    reference: TextsOut
    entry_seq: int
    provenance: dict[str, FieldProvenanceOut] = Field(default_factory=dict, description=PROVENANCE_DESCRIPTION)


class MemberOut(Schema):
    code: str
    name: TextsOut = Field(..., description="The state's name: the organization's official one, else ISO's")
    official_name: TextsOut = Field(..., description="The official short names the organization set")
    status: str
    history: list[HistoryEventOut]


class MemberIn(Schema):
    code: str = Field(..., min_length=3, max_length=3, description="ISO 3166-1 alpha-3")
    acceded_on: dt.date
    reference: dict[str, str] | str = Field({}, description="A text per language (a plain string: the default "
                                                            "language)")
    name: dict[str, str] = Field({}, description="The official short name per language, where it differs "
                                                 "from ISO's")


class OfficialNameIn(Schema):
    name: dict[str, str] = Field({}, description="The official short name per language; a language left out "
                                                 "(or given ISO's name) is named as ISO names it")


class HistoryEventIn(Schema):
    kind: HistoryKind
    on: dt.date
    reference: dict[str, str] | str = Field({}, description="A text per language (a plain string: the default "
                                                            "language)")


class ChairOut(Schema):
    on: dt.date
    chair: str | None
    term: int | None
    term_start: dt.date | None
    next_chair: str | None
    next_term: int | None
    next_start: dt.date | None


class OverrideIn(Schema):
    member: str
    start: dt.date
    end: dt.date | None = None
    reason: dict[str, str] | str
    reference: dict[str, str] | str = {}


class HandoverIn(Schema):
    term: Integer
    on: dt.date
    reference: dict[str, str] | str = Field({}, description="A text per language (a plain string: the default "
                                                            "language)")


class RuleChangeIn(Schema):
    rule: RuleName
    from_term: Integer
    reference: dict[str, str] | str = Field({}, description="A text per language (a plain string: the default "
                                                            "language)")


class PersonOut(Schema):
    username: str
    full_name: TextsOut
    title: TextsOut = Field(..., description="The office the person holds, per language")
    member: str | None = Field(None, alias="member_id")
    role: str
    is_delegation_admin: bool
    is_active: bool


class PersonIn(Schema):
    username: str
    full_name: dict[str, str] | str = Field(
        ..., description='The name per language, e.g. {"en": "...", "fr": "..."}; a plain string is in the '
                         "default language")
    role: RoleName
    member: str | None = None
    password: str | None = None
    title: dict[str, str] | str = Field({}, description="The office the person holds, per language; a plain "
                                                        "string is in the default language")
    delegation_admin: bool = False


class RoleIn(Schema):
    role: RoleName
    delegation_admin: bool = False


class TitleIn(Schema):
    title: dict[str, str] = Field(default_factory=dict,
                                  description="The office per language of the organization; empty clears it")


class KeyOut(Schema):
    key_id: str
    public_key: str
    label: str
    registered_seq: int
    revoked_seq: int | None
    revoked_reason: TextsOut = Field(..., description="Why it was revoked, per language")


class KeyIn(Schema):
    public_key: str = Field(..., description="the raw 32-byte Ed25519 public key, base64")
    label: str = ""


class RevokeIn(Schema):
    reason: dict[str, str] | str = Field(..., description="Why, per language of the organization (a plain "
                                                           "text: in its default language)")


class ActOut(Schema):
    ok: bool = True


class BodyIn(Schema):
    code: str = Field(..., description="Short code, e.g. CSC; letters, digits, '-'")
    name: dict[str, str] = Field(..., description="A text per language of the organization")
    composition: dict[str, str] = Field({}, description="Who sits on it, in words, per language")
    decides: bool = Field(True, description="False for a standing organ that does not take decisions")
    reference: dict[str, str] | str = Field({}, description="A text per language (a plain string: the default "
                                                            "language)")


class SeatOut(Schema):
    person: str
    full_name: TextsOut
    member: str | None


class BodyOut(Schema):
    code: str
    name: TextsOut
    composition: TextsOut
    decides: bool
    reference: TextsOut
    members: list[str] = Field(..., description="Member states represented on the body")
    seats: list[SeatOut] = Field(..., description="Who sits on it (signed-in persons only; empty otherwise)")


class SeatIn(Schema):
    person: str = Field(..., description="The username of the person to seat")


class UnseatIn(Schema):
    reason: str = ""


class OfficeIn(Schema):
    code: str = Field(..., description="Short code, e.g. SG; letters, digits, '-'")
    name: dict[str, str] | str = Field(..., description="A text per language of the organization")
    term_years: int | None = Field(None, description="The length of a term in years, if the charter sets one")
    reference: dict[str, str] | str = Field({}, description="Where the charter sets the office, per language")


class AppointmentIn(Schema):
    holder: dict[str, str] | str = Field(..., description="The holder's name, per language")
    member: str | None = Field(None, description="The member state the holder comes from (ISO alpha-3)")
    start: dt.date
    end: dt.date | None = Field(None, description="Last day in office; empty: still in office")
    acting: bool = Field(False, description="Acting in the office, not appointed to it")
    start_year_only: bool = Field(False, description="The record gives only the start's year")
    end_year_only: bool = Field(False, description="The record gives only the end's year")
    decision: dict[str, str] | str = Field({}, description="The appointing decision: a register identifier or a "
                                                          "published one, per language (required unless acting)")


class AppointmentOut(Schema):
    holder: TextsOut
    member: str | None
    start: dt.date
    end: dt.date | None
    acting: bool
    start_year_only: bool
    end_year_only: bool
    decision: TextsOut
    provenance: dict[str, FieldProvenanceOut] = Field(default_factory=dict, description=PROVENANCE_DESCRIPTION)


class OfficeOut(Schema):
    code: str
    name: TextsOut
    term_years: int | None
    reference: TextsOut
    holders: list[AppointmentOut] = Field(..., description="Who held the office, in order, acting holders "
                                                           "among them")
