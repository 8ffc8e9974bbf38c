"""What the monitoring API takes and gives."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field

from accord.core.inputs import Id, one_of
from accord.core.provenance import PROVENANCE_DESCRIPTION, FieldProvenanceOut
from accord.core.schema import Schema
from accord.core.translations import TextsOut
from accord.monitoring import labels
from accord.monitoring.actions import ASSESSING, CLASSIFICATIONS, INDICATOR_CLASSIFICATIONS

Classification = Annotated[str, one_of(CLASSIFICATIONS)]
IndicatorClassification = Annotated[str, one_of(INDICATOR_CLASSIFICATIONS)]
Kind = Annotated[str, one_of(list(labels.KINDS))]
Level = Annotated[str, one_of(list(labels.LEVELS))]
Author = Annotated[str, one_of(ASSESSING)]
Frequency = Annotated[str, one_of(list(labels.FREQUENCIES))]


class ThemeIn(Schema):
    name: dict[str, str] = Field(..., description="The name per language of the organization")
    kind: Kind = Field(..., description="regional (a direction) or cross_cutting")
    description: dict[str, str] = Field(default_factory=dict)
    owner_body: str = Field("", description="The code of the body that owns the theme, if any")
    classification: Classification = "public"


class FollowIn(Schema):
    member: str
    following: bool = Field(True, description="false: the member no longer follows the theme")


class _AssessmentIn(Schema):
    level: Level
    summary: dict[str, str] = Field(..., description="The situation as assessed, per language")
    changes: dict[str, str] = Field(default_factory=dict, description="What changed since the last assessment")
    assessed_on: dt.date | None = Field(None, description="Today when left out")
    sources: str = Field("", description="One source a line; required unless the provenance marks the summary "
                                         "reported, uncertain or illustrative")
    provenance: dict[str, Any] | None = Field(None, description=(
        "How sure the assessment is and what it rests on (accord.core.provenance): e.g. "
        '{"fields": {"summary": {"certainty": "reported"}}}; without one it is confirmed. A reported, uncertain '
        "or illustrative assessment is marked wherever it is shown"))


class AssessmentIn(_AssessmentIn):
    author: Author


class MemberReportIn(_AssessmentIn):
    member: str


class TagIn(Schema):
    statement: Id


class ThemeOut(Schema):
    id: int
    name: TextsOut
    description: TextsOut
    kind: str
    owner_body: str | None
    classification: str
    followers: list[str] = Field(..., description="The member states following the theme")
    entry: int = Field(..., description="The sequence number of the act's ledger entry")


class AssessmentOut(Schema):
    id: int
    author: str = Field(..., description="secretariat, joint_staff, owner_body, or member (a member's report)")
    member: str | None
    level: str
    level_change: str = Field(..., description="first, raised, lowered, same, or empty where not comparable")
    summary: TextsOut
    changes: TextsOut
    assessed_on: dt.date
    sources: list[str]
    provenance: dict[str, FieldProvenanceOut] = Field(default_factory=dict, description=PROVENANCE_DESCRIPTION)
    entry: int


class TaggedStatementOut(Schema):
    id: int
    session: int
    session_starts_on: dt.date
    delegation: str | None
    speaker: TextsOut
    summary: TextsOut
    entry: int = Field(..., description="The tag's ledger entry")


class IndicatorIn(Schema):
    name: dict[str, str] = Field(..., description="The name per language of the organization")
    unit: str
    frequency: Frequency
    reporters: list[str] = Field(..., description="The member states that report it")
    classification: IndicatorClassification = Field("public", description=(
        "public, members, or participants: only the members following the theme (and the secretariat)"))
    warning: Decimal | None = Field(None, description="The level from which a value warns")
    alert: Decimal | None = Field(None, description="The level from which a value alerts; above the warning")


class ValueIn(Schema):
    member: str
    value: Decimal
    as_of: dt.date
    source: str = Field("", description="Empty: the value is shown as having no source")
    provenance: dict[str, Any] | None = Field(None, description=(
        "How sure the value is and what it rests on (accord.core.provenance): e.g. "
        '{"fields": {"value": {"certainty": "illustrative"}}}; an illustrative, uncertain or reported value '
        "is marked wherever it is shown"))
    corrects: Id | None = Field(None, description="The value this one corrects; it stays in the history")


class ValueOut(Schema):
    id: int
    member: str
    value: Decimal
    as_of: dt.date
    source: str
    provenance: dict[str, FieldProvenanceOut] = Field(default_factory=dict, description=PROVENANCE_DESCRIPTION)
    corrects: int | None
    corrected: bool = Field(..., description="A later value corrects this one")
    reported_on: dt.date
    no_source: bool = Field(..., description="The value was reported without a source")
    late: bool = Field(..., description="Reported after the period following the one it is as of")
    alert: str = Field(..., description="The level it raised an alert at (warning, alert), or empty")
    entry: int


class IndicatorOut(Schema):
    id: int
    theme: int
    name: TextsOut
    unit: str
    frequency: str
    reporters: list[str]
    classification: str
    warning: Decimal | None
    alert: Decimal | None
    not_reported: list[str] = Field(..., description="Reporting members with no value in the current period")
    values: list[ValueOut] = Field(..., description="Every value, corrected ones included, by day")
    entry: int


class ThemeDetailOut(ThemeOut):
    indicators: list[IndicatorOut] = Field(..., description="The indicators the caller may see")
    assessments: list[AssessmentOut] = Field(..., description="Oldest first")
    statements: list[TaggedStatementOut] = Field(..., description="The tagged statements the caller may see")
    allowed: list[str] = Field(..., description="The acts the caller may perform on this theme")


class FollowingOut(Schema):
    theme: int
    member: str
    following: bool
    entry: int


class TagOut(Schema):
    theme: int
    statement: int
    entry: int


ConsultationKind = Annotated[str, one_of(list(labels.CONSULTATION_KINDS))]
ConsultationForm = Annotated[str, one_of(list(labels.FORMS))]
Outcome = Annotated[str, one_of(list(labels.OUTCOMES))]


class AlertOut(Schema):
    id: int
    theme: int
    indicator: int
    value: int
    member: str
    level: str = Field(..., description="warning or alert: the level the value crossed")
    provenance: dict[str, FieldProvenanceOut] = Field(default_factory=dict, description=(
        "The provenance of the value that raised it: " + PROVENANCE_DESCRIPTION))
    open: bool = Field(..., description="Its value stands and no consultation it led to has ended")
    entry: int


class ConsultationIn(Schema):
    member: str
    grounds: dict[str, str] = Field(..., description="Why consultations are asked for, per language")
    kind: ConsultationKind = Field("request", description="request, or proposal (a proposal for consultations)")
    alert: Id | None = Field(None, description="The alert it follows, if any")
    requested_on: dt.date | None = Field(None, description="Today when left out")
    provenance: dict[str, Any] | None = Field(None, description=(
        "How sure the request is and what it rests on (accord.core.provenance): e.g. "
        '{"fields": {"grounds": {"certainty": "reported"}}} or, for a day known only to its month, '
        '{"fields": {"requested_on": {"certainty": "uncertain", "note": {"en": "..."}}}}'))


class ConsultationScheduleIn(Schema):
    form: ConsultationForm = Field(..., description="session or written")
    session: Id | None = Field(None, description="The session they are held in (form session)")
    written_until: dt.date | None = Field(None, description="The written procedure's last day (form written)")


class ConcludeIn(Schema):
    outcome: Outcome
    text: dict[str, str] = Field(default_factory=dict, description="The joint statement, per language")
    concluded_on: dt.date | None = Field(None, description="Today when left out")


class EscalateIn(Schema):
    happened: dict[str, str]
    area: dict[str, str]
    asks_for: dict[str, str]


class ConsultationStepOut(Schema):
    step: str
    note: TextsOut
    on: dt.date
    entry: int


class ConsultationOut(Schema):
    id: int
    theme: int
    kind: str
    origin: str
    alert: int | None
    member: str
    grounds: TextsOut
    requested_on: dt.date
    provenance: dict[str, FieldProvenanceOut] = Field(default_factory=dict, description=PROVENANCE_DESCRIPTION)
    status: str
    form: str
    session: int | None
    written_until: dt.date | None
    outcome: str = Field(..., description="joint_statement, no_joint_statement, or empty while open")
    outcome_text: TextsOut
    crisis: int | None = Field(..., description="The request for assistance it became, if it did")
    history: list[ConsultationStepOut]
    entry: int
