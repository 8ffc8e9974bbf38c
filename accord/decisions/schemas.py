"""API shapes of proposals, procedures, positions and decisions."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field

from accord.core.inputs import one_of
from accord.core.provenance import PROVENANCE_DESCRIPTION, FieldProvenanceOut
from accord.core.schema import Schema
from accord.core.translations import TextsOut
from accord.decisions.models import Scheme
from accord.decisions.outcome import Kind, Stance
from accord_verify.entries import CLASSIFICATIONS

ProcedureKind = Annotated[str, one_of(Kind)]
StanceName = Annotated[str, one_of(Stance)]
SchemeName = Annotated[str, one_of(Scheme)]
Classification = Annotated[str, one_of(CLASSIFICATIONS)]


class ProposalIn(Schema):
    title: dict[str, str]  # a text per organization language, {"ru": "…", "en": "…"}; the default one required
    # A text per organization language ({"ru": "…", "en": "…"}), or one string in the default language.
    text: dict[str, str] | str = ""
    document: str = ""
    body: str
    sponsors: list[str] = []
    classification: Classification = "members"
    audience: list[str] = []


class ProcedureIn(Schema):
    kind: ProcedureKind
    deadline: dt.datetime | None = None
    quorum: str | None = None
    threshold: str | None = None
    session: int | None = None  # consensus at a session: the session's id (GET /api/v1/meetings/sessions)


class PositionIn(Schema):
    member: str
    stance: StanceName
    reasons: str = ""
    amendment: str = ""
    statement_kind: str = ""
    statement: str = ""


class CloseIn(Schema):
    on: dt.date | None = None
    returned_for_revision: bool = False
    reason: dict[str, str] | str = Field("", description="Why the draft was returned, per organization language")


class ReviseIn(Schema):
    text: dict[str, str] | str = Field(..., description="The revised text, per organization language")
    reason: str = ""


class WithdrawIn(Schema):
    reason: dict[str, str] | str = Field("", description="Why, per organization language")


class AccedeIn(Schema):
    member: str
    on: dt.date | None = None


class SchemeIn(Schema):
    scheme: SchemeName
    number_format: str = "{body}-{year}/{number}"


class PositionOut(Schema):
    member: str
    stance: str  # "" when the member has not answered
    reasons: str = ""
    amendment: str = ""
    statement_kind: str = ""
    statement: str = ""
    by: str = ""
    signed: bool = False
    at: dt.datetime | None = None
    acceded: bool = False


class DecisionOut(Schema):
    id: int
    outcome: str
    identifier: str | None = Field(description="The stable identifier the log records (forms take it so, or "
                                               "as any language writes it)")
    identifier_texts: TextsOut = Field(description="The identifier as each organization language writes it: "
                                                   "every language, or the one `?lang=` asks for")
    decided_on: dt.date
    not_joined: list[str]
    objected: list[str]
    absent: list[str]
    reason: TextsOut
    announced_by: str | None = Field(description="A circulated draft (no session): the member that chaired on "
                                                 "the day, which announced the decision; null for other kinds")
    accessions: list[str]
    provenance: dict[str, FieldProvenanceOut] = Field(default_factory=dict, description=(
        "The closing act's provenance (its day is the field `on`). " + PROVENANCE_DESCRIPTION))


class ProcedureOut(Schema):
    id: int
    kind: str
    state: str
    opened_at: dt.datetime
    deadline: dt.datetime | None
    quorum: str
    threshold: str
    session: int | None
    outcome: str  # derived while open (pending until settled); recorded once closed
    not_answered: list[str]
    positions: list[PositionOut]
    decision: DecisionOut | None
    provenance: dict[str, FieldProvenanceOut] = Field(default_factory=dict, description=(
        "The opening act's provenance (fields `opened_at`, `deadline`). " + PROVENANCE_DESCRIPTION))


class ProposalOut(Schema):
    id: int
    title: TextsOut
    text: TextsOut
    document: str
    body: str
    sponsors: list[str]
    classification: str
    withdrawn: bool
    procedure: ProcedureOut | None
