"""What the exercises API takes and gives."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field

from accord.core.inputs import Id, Integer, one_of
from accord.core.schema import Schema
from accord.core.translations import TextsOut
from accord.exercises import catalogue
from accord.exercises.actions import CLASSIFICATIONS

Kind = Annotated[str, one_of(catalogue.codes(catalogue.kinds()))]
Status = Annotated[str, one_of(catalogue.codes(catalogue.STATUSES))]
Classification = Annotated[str, one_of(CLASSIFICATIONS)]
Rating = Annotated[str, one_of(catalogue.codes(catalogue.RATINGS))]


class PlanIn(Schema):
    year: Integer
    proposal: Id | None = Field(None, description="The adopting decision's proposal, when it is in Accord")
    decision_reference: str = Field("", description="The adopting decision as published")


class PlanOut(Schema):
    id: int
    year: int
    proposal: int | None
    decision_reference: str


class ExerciseIn(Schema):
    name: dict[str, str] = Field(..., description="The name per language of the organization")
    kind: Kind
    host: str
    ground: dict[str, str] = Field(..., description="The training ground per language of the organization")
    planned_start: dt.date
    planned_end: dt.date
    forces_exercised: list[Id] = []
    stages: dict[str, str] = Field(default_factory=dict)
    scenario: dict[str, str] = Field(default_factory=dict)
    objectives: dict[str, str] = Field(default_factory=dict)
    lead: str = Field("", description="The leading body's code")
    observers: list[str] = []
    classification: Classification = "public"


class OnIn(Schema):
    on: dt.date | None = Field(None, description="Today when left out")


class HeldIn(Schema):
    actual_start: dt.date
    actual_end: dt.date


class PostponeIn(OnIn):
    planned_start: dt.date
    planned_end: dt.date
    reason: dict[str, str] = Field(..., description="Why, per language of the organization")


class MoveIn(OnIn):
    host: str
    ground: dict[str, str] = Field(..., description="The training ground per language of the organization")
    reason: dict[str, str] = Field(..., description="Why, per language of the organization")


class CancelIn(OnIn):
    reason: dict[str, str] = Field(..., description="Why, per language of the organization")


class ParticipationIn(OnIn):
    member: str
    participation: Status
    force: Id | None = None
    units: Integer | None = None
    personnel: Integer | None = None
    equipment: Integer | None = None
    reason: dict[str, str] = Field(default_factory=dict, description="Required when the member does not take part")
    acknowledged: bool = Field(False, description="Declare the units although they are committed elsewhere over "
                                                  "the same days (refused otherwise, 409 naming the clash)")


class ParticipationOut(Schema):
    member: str
    status: str
    force: int | None
    units: int | None
    personnel: int | None
    equipment: int | None
    reason: TextsOut
    declared_on: dt.date


class ExerciseOut(Schema):
    id: int
    year: int | None = Field(..., description="The year of the plan it is in, if one is recorded")
    name: TextsOut
    kind: str
    forces_exercised: list[int]
    host: str
    ground: TextsOut
    planned_start: dt.date
    planned_end: dt.date
    actual_start: dt.date | None
    actual_end: dt.date | None
    stages: TextsOut
    scenario: TextsOut
    objectives: TextsOut
    lead: str
    observers: list[str]
    state: str = Field(..., description="planned, confirmed, held, postponed, moved or cancelled")
    state_reason: TextsOut
    state_by: str
    state_on: dt.date | None
    classification: str


class DateClaimIn(Schema):
    source: dict[str, str] = Field(..., description="Who says so, per language of the organization")
    first: dt.date
    last: dt.date
    used: bool = Field(False, description="The organization goes by these dates (no longer by any other)")


class DateClaimOut(Schema):
    source: TextsOut
    first: dt.date
    last: dt.date
    used: bool


class ExerciseAssessmentIn(Schema):
    objective: dict[str, str] = Field(..., description="The objective, per language of the organization")
    rating: Rating
    findings: dict[str, str] = Field(..., description="What was found, per language")


class ExerciseAssessmentOut(Schema):
    objective: TextsOut
    rating: str = Field(..., description="met, partly or not_met")
    findings: TextsOut


class ExerciseLessonIn(Schema):
    text: dict[str, str] = Field(..., description="The lesson, per language of the organization")


class ExerciseLessonOut(Schema):
    text: TextsOut
    member: str = Field(..., description="The member whose official drew it; empty: the secretariat")


class ConflictOut(Schema):
    kind: str = Field(..., description="unit_in_two_exercises, unit_on_operation or host_in_crisis")
    member: str = Field(..., description="The member whose units clash, or the host")
    force: int | None = Field(..., description="The standing force whose units clash")
    exercise: int | None = Field(..., description="The other exercise, for units in two exercises")
    crisis: int | None = Field(..., description="The crisis, for units on an operation or a host in crisis")


class ExerciseDetailOut(ExerciseOut):
    participations: list[ParticipationOut]
    date_claims: list[DateClaimOut] = Field(..., description="What each source says the days were")
    assessments: list[ExerciseAssessmentOut] = Field(
        ..., description="The objectives assessed (members and secretariat)")
    lessons: list[ExerciseLessonOut] = Field(..., description="The lessons drawn (members and secretariat)")
    conflicts: list[ConflictOut] = Field(..., description="The clashes the caller may see, with their records")
    allowed: list[str] = Field(..., description="The acts the caller may perform on this exercise")
