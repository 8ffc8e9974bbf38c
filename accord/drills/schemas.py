"""What the drills API takes and gives."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field

from accord.core.inputs import Integer, one_of
from accord.core.schema import Schema
from accord.core.translations import TextsOut
from accord.drills import catalogue

InjectKind = Annotated[str, one_of(catalogue.codes(catalogue.INJECT_KINDS))]
Figure = Annotated[str, one_of(catalogue.codes(catalogue.FIGURES))]


class DrillIn(Schema):
    name: dict[str, str] | str = Field(..., description="A text per organization language")
    scenario: dict[str, str] | str = ""
    starts_at: dt.datetime


class InjectIn(Schema):
    at: dt.datetime
    kind: InjectKind
    member: str = Field("", description="The member state it is addressed to; empty: every participant")
    text: dict[str, str] | str


class TargetIn(Schema):
    figure: Figure
    hours: Integer


class InjectOut(Schema):
    id: int
    at: dt.datetime
    kind: str
    member: str
    text: TextsOut
    fired_at: dt.datetime | None


class DrillOut(Schema):
    id: int
    name: TextsOut
    scenario: TextsOut
    starts_at: dt.datetime
    illustrative: bool
    ended_at: dt.datetime | None
    injects: list[InjectOut]


class DrillFiguresRow(Schema):
    kind: str = Field(..., description="drill (this one), earlier (an earlier drill) or real (a real operation)")
    crisis: int | None
    requester: str | None = Field(..., description="The member state that requested assistance")
    requested_at: dt.datetime | None = Field(..., description="When the request was filed, as it says")
    to_decision_hours: float | None
    to_first_arrival_hours: float | None
    to_full_capability_hours: float | None
    acknowledgements: dict[str, float] = Field(..., description="Each member's acknowledgement, hours after")
    answered_last: str | None


class DrillFiguresOut(Schema):
    drill: DrillFiguresRow | None = Field(..., description="The drill's first request (by when it was filed)")
    requests: list[DrillFiguresRow] = Field(
        ..., description="Each of the drill's requests with its own figures, by when it was filed; the first is "
        "`drill`")
    compared: list[DrillFiguresRow] = Field(
        ..., description="The earlier drills (their first requests) and the real operations")
    targets: dict[str, int] = Field(..., description="The organization's targets, in hours, by figure")


class DrillTargetOut(Schema):
    figure: str
    hours: int

