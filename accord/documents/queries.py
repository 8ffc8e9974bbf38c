"""Reads of documents, always given the viewer: a hidden document is as missing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from accord.core import clock
from accord.core.errors import NotFound
from accord.core.policy import Viewer, may_see
from accord.documents import lifecycle
from accord.documents.models import Adoption, Amendment, Document, Signature, TreatyStep, Version
from accord_verify import texts


def documents(viewer: Viewer) -> list[Document]:
    return [d for d in Document.objects.all() if may_see(viewer, d.classification, d.audience)]


def document(viewer: Viewer, pk: int) -> Document:
    found = Document.objects.filter(pk=pk).first()
    if found is None or not may_see(viewer, found.classification, found.audience):
        raise NotFound("document")
    return found


def version(viewer: Viewer, pk: int, number: int) -> Version:
    found = document(viewer, pk).versions.filter(number=number).first()
    if found is None:
        raise NotFound("version")
    return found


def adopted_document_ids() -> set[int]:
    return set(Adoption.objects.values_list("version__document_id", flat=True))


def adoption_of(doc: Document) -> Adoption | None:
    return Adoption.objects.select_related("version").filter(version__document=doc).first()


def signatures_of(doc: Document) -> list[Signature]:
    return list(Signature.objects.select_related("person", "member", "version").filter(version__document=doc))


def treaty_of(doc: Document) -> lifecycle.Treaty:
    return lifecycle.Treaty(
        signatories=list(doc.signatories),
        rule=doc.force_rule,
        count=doc.force_count,
        date=doc.force_date,
        signatures=[lifecycle.SignatureFact(s.member_id, s.signed_on, bool(s.reservations))
                    for s in signatures_of(doc)],
        steps=[lifecycle.StepFact(s.member_id, s.kind, s.on) for s in TreatyStep.objects.filter(document=doc)],
    )


def status(doc: Document, today: dt.date | None = None) -> lifecycle.Table:
    return lifecycle.status_table(treaty_of(doc), today or clock.today())


@dataclass(frozen=True)
class AmendmentView:
    amendment: Amendment
    before: str
    diff: list[texts.Piece]


def amendments_of(doc: Document) -> list[AmendmentView]:
    result = []
    for amendment in Amendment.objects.select_related("version", "result").filter(version__document=doc):
        before = texts.paragraphs(amendment.version.texts[amendment.language])[amendment.paragraph - 1]
        result.append(AmendmentView(amendment, before, texts.word_diff(before, amendment.text)))
    return result


def version_diff(older: Version, newer: Version, language: str) -> list[texts.Piece]:
    return texts.word_diff(older.texts.get(language, ""), newer.texts.get(language, ""))


@dataclass(frozen=True)
class Awaiting:
    document: Document
    signed: int
    missing: list[str]


def awaiting_signature(viewer: Viewer) -> list[Awaiting]:
    """Adopted documents that some signatory has not signed yet, for the dashboard."""
    result = []
    for adoption in Adoption.objects.select_related("version__document").order_by("-seq"):
        doc = adoption.version.document
        if not may_see(viewer, doc.classification, doc.audience):
            continue
        signed = set(Signature.objects.filter(version=adoption.version).values_list("member_id", flat=True))
        missing = [code for code in doc.signatories if code not in signed]
        if missing:
            result.append(Awaiting(doc, len(signed), missing))
    return result
