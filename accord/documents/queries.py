"""Reads of documents, always given the viewer: a hidden document is as missing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from accord.core import clock, paging, provenance
from accord.core.errors import NotFound
from accord.core.policy import Viewer, may_see
from accord.documents import lifecycle
from accord.documents.models import Adoption, Amendment, Document, Signature, TreatyStep, Version
from accord.members.models import Member
from accord.members.queries import registry_states
from accord_verify import texts


def documents(viewer: Viewer) -> list[Document]:
    return [d for d in Document.objects.all() if may_see(viewer, d.classification, d.audience)]


@dataclass(frozen=True, slots=True)
class Listed:
    """A document as its list filters it, before the page's documents are read in full."""

    pk: int
    kind: str


def listed_documents(viewer: Viewer | None) -> list[Listed]:
    """The documents the viewer may see, newest first, each with its kind: one light query, for a list served
    a page at a time (only the page's documents are then read in full, by `documents_by_id`)."""
    rows = Document.objects.order_by("-created_seq").values_list("pk", "kind", "classification", "audience")
    return [Listed(pk, kind) for pk, kind, classification, audience in rows
            if viewer is None or may_see(viewer, classification, audience)]


def documents_by_id(ids: list[int]) -> list[Document]:
    """These documents, in the order of `ids` (already the viewer's)."""
    return paging.in_order(Document.objects.all(), ids)


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


def adopted_document_ids() -> dict[int, int]:
    """The adopted documents, each with its adoption's entry (whose provenance may mark the day "reported")."""
    return dict(Adoption.objects.values_list("version__document_id", "seq"))


def adoption_of(doc: Document) -> Adoption | None:
    return Adoption.objects.select_related("version").filter(version__document=doc).first()


def signatures_of(doc: Document) -> list[Signature]:
    return list(Signature.objects.select_related("person", "member", "version").filter(version__document=doc))


def treaty_of(doc: Document, signatures: list[Signature] | None = None,
              steps: list[TreatyStep] | None = None) -> lifecycle.Treaty:
    """The treaty's facts as the lifecycle reads them; `signatures` and `steps`, where a page has read them
    already (`signatures_of`, `doc.steps`), are not read again."""
    return _treaty(doc, [lifecycle.SignatureFact(s.member_id, s.signed_on, bool(s.reservations))
                         for s in (signatures_of(doc) if signatures is None else signatures)],
                   [lifecycle.StepFact(s.member_id, s.kind, s.on, s.seq)
                    for s in (TreatyStep.objects.filter(document=doc) if steps is None else steps)])


def _treaty(doc: Document, signatures: list[lifecycle.SignatureFact],
            steps: list[lifecycle.StepFact]) -> lifecycle.Treaty:
    return lifecycle.Treaty(signatories=list(doc.signatories), rule=doc.force_rule, count=doc.force_count,
                            date=doc.force_date, signatures=signatures, steps=steps)


def in_force(docs: list[Document], today: dt.date | None = None) -> set[int]:
    """The treaties among `docs` in force (by their status tables, from the recorded instruments): their
    signatures and steps read in two queries for all of them, not two each."""
    treaties = [doc for doc in docs if doc.needs_ratification]
    if not treaties:
        return set()
    signatures: dict[int, list[lifecycle.SignatureFact]] = {doc.pk: [] for doc in treaties}
    for doc_id, member, on, reservations in Signature.objects.filter(version__document__in=treaties).values_list(
            "version__document_id", "member_id", "signed_on", "reservations"):
        signatures[doc_id].append(lifecycle.SignatureFact(member, on, bool(reservations)))
    steps: dict[int, list[lifecycle.StepFact]] = {doc.pk: [] for doc in treaties}
    for doc_id, member, kind, on, seq in TreatyStep.objects.filter(document__in=treaties).values_list(
            "document_id", "member_id", "kind", "on", "seq"):
        steps[doc_id].append(lifecycle.StepFact(member, kind, on, seq))
    day = today or clock.today()
    return {doc.pk for doc in treaties
            if lifecycle.status_table(_treaty(doc, signatures[doc.pk], steps[doc.pk]), day).in_force_on}


def status(doc: Document, today: dt.date | None = None, signatures: list[Signature] | None = None,
           steps: list[TreatyStep] | None = None) -> lifecycle.Table:
    return lifecycle.status_table(treaty_of(doc, signatures, steps), today or clock.today())


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
    missing: list[Member]


def awaiting_signature(viewer: Viewer) -> list[Awaiting]:
    """Adopted documents that some signatory has not signed yet, for the dashboard, naming who has not.

    An adoption the record holds as reported, uncertain or illustrative (an organization's past, loaded from its
    archive) awaits nothing: a signature it lacks is one not recorded, not one due."""
    adoptions = [adoption for adoption in Adoption.objects.select_related("version__document").order_by("-seq")
                 if may_see(viewer, adoption.version.document.classification, adoption.version.document.audience)]
    known = provenance.of_entries(adoption.seq for adoption in adoptions)
    members = {member.code: member for member in registry_states()} if adoptions else {}
    # Every adopted version's signatures in one query, not one a document.
    signed_by: dict[int, set[str]] = {}
    for version_id, member_id in Signature.objects.filter(
            version__in=[adoption.version_id for adoption in adoptions]).values_list("version_id", "member_id"):
        signed_by.setdefault(version_id, set()).add(member_id)
    result = []
    for adoption in adoptions:
        if provenance.marked(adoption.seq, "adopted_on", known=known) is not None:
            continue
        doc = adoption.version.document
        signed = signed_by.get(adoption.version_id, set())
        missing = [members[code] for code in doc.signatories if code not in signed and code in members]
        if missing:
            result.append(Awaiting(doc, len(signed), missing))
    return result
