"""What the crises API takes and gives."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field

from accord.core.inputs import Id, Integer, one_of
from accord.core.provenance import PROVENANCE_DESCRIPTION, FieldProvenanceOut
from accord.core.schema import Schema
from accord.core.translations import TextsOut
from accord.crises import catalogue
from accord.crises.actions import CLASSIFICATIONS
from accord.meetings.models import Mode

LegalBasis = Annotated[str, one_of(catalogue.codes(catalogue.legal_bases()))]
Capability = Annotated[str, one_of(catalogue.codes(catalogue.capabilities()))]
ResponseKind = Annotated[str, one_of(catalogue.codes(catalogue.RESPONSES))]
PhaseName = Annotated[str, one_of(catalogue.PHASE_CODES)]
NoResponseOutcome = Annotated[str, one_of(("declined", "no_decision"))]
Classification = Annotated[str, one_of(CLASSIFICATIONS)]
ModeName = Annotated[str, one_of(Mode)]
# A text in the organization's languages as the API takes it: an object from language (ISO 639) to text,
# {"ru": "…", "en": "…"}; the default language's text is required where the text is.
TextsIn = dict[str, str]


class RequestIn(Schema):
    legal_basis: LegalBasis
    happened: TextsIn = Field(description="What happened, per language")
    area: TextsIn = Field(description="The area concerned, per language")
    asks_for: TextsIn = Field(description="What the member asks for, per language")
    classification: Classification = "members"
    at: dt.datetime | None = None


class AtIn(Schema):
    at: dt.datetime | None = None


class NoResponseIn(Schema):
    outcome: NoResponseOutcome
    objected_by: list[str] = []
    note: TextsIn = Field(default_factory=dict, description="A note per language")
    at: dt.datetime | None = None


class ResponseIn(Schema):
    response: ResponseKind
    leaders: list[TextsIn] = Field(default_factory=list,
                                   description="Who leads a mission: each a name per language, or an office "
                                               "({\"office\": \"SG\"}: its holder on the day, named from "
                                               "the office)")
    reports_to: str = ""
    note: TextsIn = Field(default_factory=dict, description="A note per language")
    at: dt.datetime | None = None


class MandateIn(Schema):
    purpose: TextsIn = Field(description="What the operation is to do, per language")
    area: TextsIn = Field(description="Where, per language")
    ends_at: dt.datetime | None = None
    commander: TextsIn = Field(description="The commander, per language (a name in each script)")
    commander_body: str
    requirements: dict[str, Integer] = {}
    outside_territory: bool = False
    unsc_reference: str = ""
    decision_identifier: str | dict[str, str] = Field(
        "", description="The authorizing decision: a register identifier, or one taken before the register as "
                        "published, in one string or per language")
    decision_at: dt.datetime | None = None


class DecisionIn(Schema):
    decision_identifier: str | dict[str, str] = Field(
        description="A register identifier, or a decision taken before the register as published, in one string "
                    "or per language")
    decision_at: dt.datetime | None = None


class ExtendIn(Schema):
    ends_at: dt.datetime
    reference: TextsIn = Field(description="The act that extended the mandate, per language")


class AcknowledgementOut(Schema):
    member: str
    person: str
    at: dt.datetime
    by_decision: TextsOut = Field(default_factory=dict, description=(
        "The decision recorded as the member's answer, as published per language; empty: its own act"))


class MandateOut(Schema):
    purpose: TextsOut
    area: TextsOut
    ends_at: dt.datetime | None
    commander: TextsOut
    commander_body: str
    outside_territory: bool
    unsc_reference: str
    requirements: dict[str, int]
    decision_identifier: str
    decision_texts: TextsOut | None = Field(description="The authorizing decision's identifier as each "
                                                        "organization language writes it (null for a decision "
                                                        "outside the register, recorded as given)")
    decision_at: dt.datetime | None
    first_arrival_at: dt.datetime | None = Field(None, description="The force's first arrival (its own act)")
    deployed_at: dt.datetime | None = Field(None, description="The force's deployment complete (its own act)")
    deployed_personnel: int | None = None
    deployed_equipment: int | None = None


class CrisisOut(Schema):
    """A crisis; each text is an object from language to text: every language, or the one `?lang=` asks
    for (the default language's, when that one is missing)."""

    id: int
    requester: str
    legal_basis: str
    happened: TextsOut
    area: TextsOut
    asks_for: TextsOut
    classification: str
    requested_at: dt.datetime
    outcome: str
    outcome_at: dt.datetime | None
    outcome_note: TextsOut
    objected_by: list[str]
    leaders: list[TextsOut]
    reports_to: str
    closed_at: dt.datetime | None
    closing_note: TextsOut = Field(default_factory=dict, description="How the response ended, per language")
    acknowledgements: list[AcknowledgementOut]
    mandate: MandateOut | None
    provenance: dict[str, FieldProvenanceOut] = Field(default_factory=dict, description=PROVENANCE_DESCRIPTION)


class PledgeIn(Schema):
    capability: Capability
    quantity: Integer
    personnel: Integer | None = None
    personnel_reported: bool = False
    at: dt.datetime | None = None
    force: Id | None = Field(None, description="The standing force the contingent comes from; left out: ad hoc")
    declared: Id | None = Field(None, description="The member's standing declaration of this capability to it")
    equipment: Integer | None = Field(None, description="Vehicles and other pieces of equipment, where given")
    equipment_unit: str = Field("pieces", description="What `equipment` counts: pieces (of equipment) or vehicles")
    note: TextsIn = Field(default_factory=dict, description="What the contingent is and is to do, per language")


class AnswerIn(Schema):
    accept: bool
    at: dt.datetime | None = None


class PhaseIn(Schema):
    phase: PhaseName
    planned_at: dt.datetime | None = None
    at: dt.datetime | None = None
    by: dt.datetime | None = Field(None, description=(
        "With at: the record dates the phase only as a range, reached between at and by"))


class SitesIn(Schema):
    sites: Integer
    at: dt.datetime | None = None


class PhaseOut(Schema):
    phase: str
    planned_at: dt.datetime | None
    actual_at: dt.datetime | None
    actual_by: dt.datetime | None = Field(None, description=(
        "Set when the record dates the phase only as a range: reached between actual_at and actual_by"))


class PledgeOut(Schema):
    id: int
    member: str
    capability: str
    quantity: int
    personnel: int | None
    personnel_reported: bool
    equipment: int | None = None
    equipment_unit: str = Field("pieces", description="What `equipment` counts: pieces (of equipment) or vehicles")
    note: TextsOut = Field(default_factory=dict, description="What the contingent was and did, per language")
    status: str
    force: int | None = Field(description="The standing force it comes from; null: ad hoc")
    declared: int | None = Field(description="The member's declaration of the units it names")
    phases: list[PhaseOut]
    allowed: list[str] = Field(description="The acts on this pledge the caller may take now: answer, move")


class GapOut(Schema):
    capability: str
    required: int
    pledged: int
    accepted: int
    deployed: int
    gap: int


class TakenOut(Schema):
    """A session or a proposal that takes up the request; `state` is the session's, or for a
    proposal tabled, open or closed, with its procedure's `outcome` (derived while open)."""

    session: int | None
    proposal: int | None
    title: str
    state: str
    outcome: str | None


class SentLetterOut(Schema):
    kind: str
    addressee: str = Field(description="council (the President of the Security Council) or secretary (the UN "
                                       "Secretary-General)")
    sender: TextsOut = Field(default_factory=dict,
                             description="Who wrote it, per language; empty: the organization")
    text: TextsOut = Field(description="The letter per language; empty: its text is not in the record")
    sent_at: dt.datetime | None = Field(description="null: the day it was sent is not in the record")
    reference: str = ""


class CrisisDetailOut(CrisisOut):
    pledges: list[PledgeOut]
    force_gap: list[GapOut]
    taken_up: list[TakenOut]
    letters: list[SentLetterOut] = Field(default_factory=list,
                                         description="The letters to the UN recorded as sent")
    allowed: list[str] = Field(description=(
        "The acts on this crisis the caller may take now, each exactly when its action would accept it: "
        "acknowledge, answer, convene, open_procedure, tie, set_mandate, record_decision, extend, pledge, "
        "declare_complete, hand_over_sites, complete_withdrawal, report_for_commander, report_for_contingent, "
        "send_letter.<kind>, record_lesson"))


class ConveneIn(Schema):
    body: str
    title: dict[str, str] = Field(description="The session's title per language: {\"ru\": \"…\", \"en\": \"…\"}")
    starts_on: dt.date | None = None
    mode: ModeName = "video"
    place: dict[str, str] = Field(default_factory=dict, description="Where it meets in person, per language")
    chair: str | None = Field(None, description="The member in the chair, if not the rotation's (the secretariat "
                                                "only; required on a day the rotation gives nobody)")


class AcceleratedIn(Schema):
    body: str
    title: dict[str, str] = Field(description="The draft decision's title per language")
    text: str = ""
    kind: str = "written"
    hours: Integer = 24


class TakeUpIn(Schema):
    session: Id | None = None
    proposal: Id | None = None


class ReportIn(Schema):
    text: TextsIn = Field(description="The report, per language")
    from_commander: bool = False
    at: dt.datetime | None = None


class ReportOut(Schema):
    number: int
    source: str
    text: TextsOut
    at: dt.datetime


class LetterIn(Schema):
    kind: str
    reference: str = ""
    at: dt.datetime | None = None
    addressee: str = Field("council", description="council (the President of the Security Council) or secretary "
                                                  "(the UN Secretary-General)")
    sender: TextsIn = Field(default_factory=dict, description="Who wrote it, per language; left out: the "
                                                              "organization")
    text_kept: bool = Field(True, description="false: a letter of the past whose text is not in the record")
    undated: bool = Field(False, description="true: a letter of the past whose day is not in the record")


class LetterOut(Schema):
    kind: str
    text: TextsOut = Field(description="The letter in each of the organization's languages the interface speaks")
    sent_at: dt.datetime | None = None
    reference: str = ""


class LessonIn(Schema):
    text: TextsIn = Field(default_factory=dict, description=(
        "The lesson, per language; validating, the validated wording (none: the lesson's own words)"))


class LessonOut(Schema):
    id: int
    text: TextsOut
    member: str
    validated: bool
    validated_text: TextsOut


class SpreadOut(Schema):
    phase: str
    first: dt.datetime
    last: dt.datetime
    spread_seconds: float


class ReviewOut(Schema):
    to_decision_seconds: float | None
    to_first_arrival_seconds: float | None
    to_full_capability_seconds: float | None
    to_withdrawal_seconds: float | None
    spreads: list[SpreadOut]
    acknowledgement_seconds: dict[str, float]
    lessons: list[LessonOut]
