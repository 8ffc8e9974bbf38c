"""API shapes of meetings."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field

from accord.core.inputs import Id, one_of
from accord.core.provenance import PROVENANCE_DESCRIPTION, FieldProvenanceOut
from accord.core.schema import Schema
from accord.core.translations import TextsOut
from accord.meetings.models import Mode, Outcome, PartKind, Presence
from accord_verify.entries import CLASSIFICATIONS

# Regular, extraordinary, or a kind the charter adds (the organization's session_kinds): the act checks it.
SessionKind = Annotated[str, Field(description="regular, extraordinary, or a kind the charter adds "
                                               "(GET /organization: session_kinds)")]
ModeName = Annotated[str, one_of(Mode)]
PartKindName = Annotated[str, one_of(PartKind)]
OutcomeName = Annotated[str, one_of(Outcome)]
PresenceName = Annotated[str, one_of(Presence)]
Classification = Annotated[str, one_of(CLASSIFICATIONS)]


# A text in the organization's languages: an object from language (ISO 639) to text, e.g. {"en": "…"}.
Texts = dict[str, str]


class SessionIn(Schema):
    body: str
    title: Texts
    kind: SessionKind
    mode: ModeName
    starts_on: dt.date
    ends_on: dt.date | None = None
    place: Texts = {}
    host: str | None = None
    chair: str | None = None
    requested_by: str | None = None
    classification: Classification = "public"
    participants: list[str] | None = None
    note: Texts = {}


class PartIn(Schema):
    kind: PartKindName
    is_open: bool
    title: Texts = {}
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    participants: list[str] | None = None


class ItemIn(Schema):
    title: Texts
    part: Id | None = None
    references: list[str] | None = None


class OutcomeIn(Schema):
    outcome: OutcomeName
    note: Texts = {}


class AttendanceIn(Schema):
    member: str
    presence: PresenceName
    # A text per language; a plain string is taken to be in the default language.
    represented_by: Texts | str = {}
    reason: Texts | str = Field({}, description="Why the member was absent (an absence only)")


class ClosedPartPublishedIn(Schema):
    topic: Texts = {}
    reported: Texts = {}
    provenance: dict[str, Any] | None = Field(None, description=(
        "The sources of what was reported (accord.core.provenance): "
        '{"fields": {"reported": {"certainty": "reported"}}, "sources": [{"title", "fields": ["reported"]}]}'))


class SpeakerIn(Schema):
    delegation: str
    speaker: str | None = None
    # A text per language (a plain string: the default language); empty: the registered speaker's name.
    speaker_name: Texts | str = {}
    item: Id | None = None


class DeliveryIn(Schema):
    language: str
    text: str = ""
    summary: Texts = {}


class BilateralIn(Schema):
    counterpart: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    requester: str | None = None
    place: Texts = {}
    classification: Classification = "public"


class BilateralAnswerIn(Schema):
    accept: bool


class Classified(Schema):
    classification: str
    why: str


class ItemOut(Schema):
    id: int
    number: int
    part: int | None
    title: TextsOut
    references: list[str]
    outcome: str
    outcome_note: TextsOut
    classified: Classified


class StatementOut(Schema):
    id: int
    order: int
    delegation: str | None
    speaker: TextsOut
    delivered: bool
    language: str
    text: str
    summary: TextsOut
    classified: Classified
    # The floor: when the chair gave it (server time), the speaking time in seconds, when it ended.
    floor_at: dt.datetime | None = None
    floor_seconds: int | None = None
    floor_ended_at: dt.datetime | None = None
    provenance: dict[str, FieldProvenanceOut] = Field(default_factory=dict, description=PROVENANCE_DESCRIPTION)


class AttendanceOut(Schema):
    member: str
    presence: str
    represented_by: TextsOut
    reason: TextsOut = Field({}, description="Why the member was absent, where the record says")


class PartOut(Schema):
    id: int
    number: int
    kind: str
    open: bool
    title: TextsOut
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    classified: Classified
    content_visible: bool
    statements: list[StatementOut]
    attendance: list[AttendanceOut]
    announced_topic: TextsOut = Field(default_factory=dict, description="A closed part's announced topic")
    public_report: TextsOut = Field(default_factory=dict,
                                    description="What was reported publicly from a closed part")
    provenance: dict[str, FieldProvenanceOut] = Field(default_factory=dict, description=PROVENANCE_DESCRIPTION)


class BilateralOut(Schema):
    id: int
    session: int
    requester: str
    counterpart: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: TextsOut
    state: str
    classification: str
    provenance: dict[str, FieldProvenanceOut] = Field(default_factory=dict, description=PROVENANCE_DESCRIPTION)


class SessionSummary(Schema):
    id: int
    body: str
    title: TextsOut
    kind: str
    mode: str
    place: TextsOut
    note: TextsOut
    host: str | None
    chair: str | None
    convened_by: str
    requested_by: str | None
    starts_on: dt.date
    ends_on: dt.date
    state: str
    classified: Classified
    provenance: dict[str, FieldProvenanceOut] = Field(default_factory=dict, description=PROVENANCE_DESCRIPTION)


class SessionOut(SessionSummary):
    agenda_agreed_seq: int | None
    current_item: int | None
    parts: list[PartOut]
    items: list[ItemOut]
    bilaterals: list[BilateralOut]


def classified(applies: Any) -> dict[str, str]:
    return {"classification": applies.classification, "why": str(applies.reason)}


class FloorIn(Schema):
    seconds: int


class MinutesCirculateIn(Schema):
    comments_until: dt.datetime


class MinutesCommentIn(Schema):
    text: str


class MinutesCommentOut(Schema):
    author: str
    member: str | None
    text: str
    made_at: dt.datetime
    entry: int


class MinutesOut(Schema):
    """Where a session's minutes stand: draft, circulated (comments until a deadline) or approved."""

    session: int
    state: str
    comments_until: dt.datetime | None
    circulated_entry: int | None
    approved_at: dt.datetime | None
    approved_entry: int | None
    text_sha256: str
    # For approved minutes: whether the record still hashes to what the approving act holds.
    holds: bool | None
    comments: list[MinutesCommentOut]


class RoomIn(Schema):
    name: Texts


class RoomOut(Schema):
    number: int
    name: TextsOut


class ScheduleIn(Schema):
    """One of `part`, `item` (times and room) or `bilateral` (its room only), by id; the room by its number."""

    part: Id | None = None
    item: Id | None = None
    bilateral: Id | None = None
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    room: int | None = None


class SlotOut(Schema):
    kind: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    room: str


class TimetableOut(Schema):
    session: int
    rooms: list[RoomOut]
    slots: list[SlotOut]
