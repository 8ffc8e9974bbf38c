"""What the monitoring API takes and gives."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema

from accord.core.inputs import Id, one_of
from accord.core.translations import TextsOut
from accord.monitoring import labels
from accord.monitoring.actions import ASSESSING, CLASSIFICATIONS

Classification = Annotated[str, one_of(CLASSIFICATIONS)]
Kind = Annotated[str, one_of(list(labels.KINDS))]
Level = Annotated[str, one_of(list(labels.LEVELS))]
Certainty = Annotated[str, one_of(list(labels.CERTAINTIES))]
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
    sources: str = Field("", description="One source a line; required when the certainty is confirmed")
    certainty: Certainty = "confirmed"


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
    certainty: str
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
    classification: Classification = "public"
    warning: Decimal | None = Field(None, description="The level from which a value warns")
    alert: Decimal | None = Field(None, description="The level from which a value alerts; above the warning")


class ValueIn(Schema):
    member: str
    value: Decimal
    as_of: dt.date
    source: str = Field("", description="Empty: the value is shown as having no source")
    illustrative: bool = Field(False, description="An illustrative value, not a reported fact")
    corrects: Id | None = Field(None, description="The value this one corrects; it stays in the history")


class ValueOut(Schema):
    id: int
    member: str
    value: Decimal
    as_of: dt.date
    source: str
    illustrative: bool
    corrects: int | None
    corrected: bool = Field(..., description="A later value corrects this one")
    reported_on: dt.date
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
