"""The documents API's input and output shapes."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field

from accord.core.inputs import Integer, one_of
from accord.core.provenance import PROVENANCE_DESCRIPTION, FieldProvenanceOut
from accord.core.schema import Schema
from accord.core.translations import TextsOut
from accord.documents.models import ForceRule, Kind, StepKind
from accord_verify.entries import CLASSIFICATIONS

DocumentKind = Annotated[str, one_of(Kind)]
ForceRuleName = Annotated[str, one_of(ForceRule)]
StepKindName = Annotated[str, one_of(StepKind)]
Classification = Annotated[str, one_of(CLASSIFICATIONS)]


class DocumentIn(Schema):
    kind: DocumentKind
    title: dict[str, str]  # a text per organization language, its default required
    texts: dict[str, str]
    authentic: list[str]
    classification: Classification = "public"
    audience: list[str] = []
    signatories: list[str] = []
    force_rule: ForceRuleName = "on_signature"
    force_count: Integer | None = None
    force_date: dt.date | None = None


class VersionIn(Schema):
    texts: dict[str, str]
    authentic: list[str]
    note: str = ""


class AmendmentIn(Schema):
    version: Integer
    language: str
    paragraph: Integer
    text: str
    reason: str = ""


class RejectIn(Schema):
    reason: str = ""


class AdoptionIn(Schema):
    version: Integer
    decision: str
    adopted_on: dt.date


class DocumentSignatureIn(Schema):
    version: Integer
    key_id: str
    signature: str
    signed_on: dt.date
    # Where it was signed, a text per organization language (`{"fr": "Suva", "en": "Suva"}`); a plain text is
    # the default language's.
    place: dict[str, str] | str
    reservations: str = ""


class StepIn(Schema):
    member: str
    kind: StepKindName
    on: dt.date
    # A text per organization language ({"ru": "...", "en": "..."}), or one text in its default language.
    reference: dict[str, str] | str = ""


class NotificationIn(Schema):
    on: dt.date
    subject: dict[str, str] | str
    text: dict[str, str] | str = ""


class VersionOut(Schema):
    number: int
    texts: dict[str, str]
    authentic: list[str]
    hash: str
    note: str
    created_seq: int
    adopted: bool


class AmendmentOut(Schema):
    id: int
    version: int
    language: str
    paragraph: int
    text: str
    member: str
    person: str
    status: str
    reason: str
    proposed_seq: int
    decided_seq: int | None
    result_version: int | None


class AdoptionOut(Schema):
    version: int
    decision: str  # the adopting decision's stable identifier, as the log records it
    decision_texts: TextsOut | None = None  # as each organization language writes it (every one, or ?lang=)
    adopted_on: dt.date
    seq: int
    provenance: dict[str, FieldProvenanceOut] = Field(default_factory=dict, description=PROVENANCE_DESCRIPTION)


class SignatureOut(Schema):
    version: int
    member: str
    person: str
    key_id: str
    signature: str
    signed_on: dt.date
    place: TextsOut
    reservations: str
    seq: int


class StepOut(Schema):
    member: str
    kind: str
    on: dt.date
    reference: TextsOut
    seq: int
    provenance: dict[str, FieldProvenanceOut] = Field(default_factory=dict, description=PROVENANCE_DESCRIPTION)


class NotificationOut(Schema):
    on: dt.date
    subject: TextsOut
    text: TextsOut
    seq: int


class StatusRowOut(Schema):
    member: str
    stage: str
    signed_on: dt.date | None
    with_reservations: bool
    instrument: str | None
    instrument_on: dt.date | None
    provisional_on: dt.date | None
    in_force_on: dt.date | None
    denounced_on: dt.date | None
    ended_by: str | None


class StatusOut(Schema):
    today: dt.date
    in_force_on: dt.date | None
    instruments: int
    rows: list[StatusRowOut]


class DocumentSummaryOut(Schema):
    id: int
    kind: str
    title: TextsOut
    classification: str
    created_seq: int


class DocumentOut(DocumentSummaryOut):
    # The certainty of the document's title (its creation's provenance), where its act gives one.
    provenance: dict[str, FieldProvenanceOut] = Field(default_factory=dict, description=PROVENANCE_DESCRIPTION)
    signatories: list[str]
    force_rule: str
    force_count: int | None
    force_date: dt.date | None
    versions: list[VersionOut]
    amendments: list[AmendmentOut]
    adoption: AdoptionOut | None
    signatures: list[SignatureOut]
    steps: list[StepOut]
    notifications: list[NotificationOut]
    status: StatusOut


class SigningOut(Schema):
    """What a head signs: the message is the context line and the hash, base64."""

    document: int
    version: int
    hash: str
    message: str


class VerifyOut(Schema):
    ok: bool
    document: int | None
    version: int | None
    hash: str | None
    checks: list[str]
    problems: list[str]
