"""What the standing forces' API takes and gives."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field

from accord.core.inputs import Id, Integer, one_of
from accord.core.schema import Schema
from accord.core.translations import TextsOut
from accord.forces import catalogue
from accord.forces.actions import CLASSIFICATIONS

Capability = Annotated[str, one_of(catalogue.codes(catalogue.capabilities()))]
Classification = Annotated[str, one_of(CLASSIFICATIONS)]


class ForceIn(Schema):
    name: dict[str, str] = Field(..., description="The name per language of the organization")
    purpose: dict[str, str] = Field(default_factory=dict, description="The purpose per language")
    size: Integer | None = Field(None, description="Approximate size in personnel; left out when unknown")
    established_on: dt.date | None = Field(None, description="Left out when the founding day is not known")
    proposal: Id | None = Field(None, description="The establishing decision's proposal, when it is in Accord")
    decision_reference: dict[str, str] = Field(default_factory=dict,
                                               description="The establishing decision as published, per language")
    source: dict[str, str] = Field(default_factory=dict, description="Where the facts are published, per language")
    classification: Classification = "public"


class ContributionIn(Schema):
    member: str
    capability: Capability
    units: Integer = Field(..., description="0 withdraws the capability; earlier declarations stay")
    personnel: Integer | None = None
    equipment: Integer | None = None
    reported: bool = Field(False, description="The figures are reported, not confirmed")
    note: dict[str, str] = Field(default_factory=dict, description="A note per language")
    declared_on: dt.date | None = Field(None, description="Today when left out")


class ContributionOut(Schema):
    id: int
    member: str
    capability: str
    units: int
    personnel: int | None
    equipment: int | None
    reported: bool
    note: TextsOut
    declared_on: dt.date
    entry: int = Field(..., description="The sequence number of the act's ledger entry")


class DeclaredOut(Schema):
    current: ContributionOut
    earlier: list[ContributionOut] = Field(..., description="The declarations it superseded, oldest first")


class ForceOut(Schema):
    id: int
    name: TextsOut
    purpose: TextsOut
    size: int | None = Field(..., description="Approximate; null when not known")
    established_on: dt.date | None
    proposal: int | None = Field(..., description="The establishing proposal, when the caller may see it")
    decision_reference: TextsOut
    source: TextsOut
    classification: str
    entry: int


class ForceDetailOut(ForceOut):
    declared: list[DeclaredOut] = Field(..., description="The standing declaration per member and capability")
    allowed: list[str] = Field(..., description="The acts the caller may perform on this force")
