"""The documents API under /api/v1/documents: reads through the policy, each write one action."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import File, Router, Status
from ninja.files import UploadedFile
from ninja.security import django_auth

from accord.core import clock, paging, provenance
from accord.core.acting import Actor
from accord.core.inputs import Id
from accord.core.middleware import PayloadTooLarge, max_request_bytes
from accord.core.policy import viewer_of
from accord.decisions.queries import identifier_texts
from accord.documents import actions, pdf, queries, verification
from accord.documents.models import Document
from accord.documents.schemas import (
    AdoptionIn,
    AmendmentIn,
    AmendmentOut,
    DocumentIn,
    DocumentOut,
    DocumentSignatureIn,
    DocumentSummaryOut,
    NotificationIn,
    NotificationOut,
    RejectIn,
    SignatureOut,
    SigningOut,
    StatusOut,
    StepIn,
    StepOut,
    VerifyOut,
    VersionIn,
    VersionOut,
)
from accord_verify import entries, texts

router = Router(tags=["documents"])


def _actor(request: HttpRequest) -> Actor:
    return Actor(person=request.user)  # type: ignore[arg-type]


def status_out(doc: Document, today: dt.date) -> dict[str, Any]:
    table = queries.status(doc, today)
    return {"today": today, "in_force_on": table.in_force_on, "instruments": table.instruments,
            "rows": [{**row.__dict__, "stage": row.stage} for row in table.rows]}


def _amendment_out(a: Any) -> dict[str, Any]:
    return {"id": a.pk, "version": a.version.number, "language": a.language, "paragraph": a.paragraph,
            "text": a.text, "member": a.member, "person": a.person, "status": a.status, "reason": a.reason,
            "proposed_seq": a.proposed_seq, "decided_seq": a.decided_seq,
            "result_version": a.result.number if a.result else None}


def _signature_out(s: Any) -> dict[str, Any]:
    return {"version": s.version.number, "member": s.member_id, "person": s.person.username, "key_id": s.key_id,
            "signature": s.signature, "signed_on": s.signed_on, "place": s.place, "reservations": s.reservations,
            "seq": s.seq}


def document_out(doc: Document) -> dict[str, Any]:
    adoption = queries.adoption_of(doc)
    steps = list(doc.steps.values("member", "kind", "on", "reference", "seq"))
    # The provenance of its creation, its adoption and its depositary's steps, read at once.
    known = provenance.of_entries([doc.created_seq, adoption.seq if adoption else None,
                                   *(step["seq"] for step in steps)])
    return {
        "id": doc.pk, "kind": doc.kind, "title": doc.title,
        "provenance": provenance.for_api(doc.created_seq, known),
        "classification": doc.classification, "created_seq": doc.created_seq, "signatories": doc.signatories,
        "force_rule": doc.force_rule, "force_count": doc.force_count, "force_date": doc.force_date,
        "versions": [{"number": v.number, "texts": v.texts, "authentic": v.authentic, "hash": v.hash,
                      "note": v.note, "created_seq": v.created_seq,
                      "adopted": bool(adoption and adoption.version_id == v.pk)} for v in doc.versions.all()],
        "amendments": [_amendment_out(a.amendment) for a in queries.amendments_of(doc)],
        "adoption": {"version": adoption.version.number, "decision": adoption.decision,
                     "decision_texts": identifier_texts(adoption.decision), "adopted_on": adoption.adopted_on,
                     "seq": adoption.seq, "provenance": provenance.for_api(adoption.seq, known)}
        if adoption else None,
        "signatures": [_signature_out(s) for s in queries.signatures_of(doc)],
        "steps": [{**step, "provenance": provenance.for_api(step["seq"], known)} for step in steps],
        "notifications": list(doc.notifications.values("on", "subject", "text", "seq")),
        "status": status_out(doc, clock.today()),
    }


@router.get("", response=list[DocumentSummaryOut],
            summary="The documents the viewer may see, newest first, a page at a time",
            description=paging.described("documents"))
def list_documents(request: HttpRequest, response: HttpResponse, limit: paging.Limit = paging.API_LIMIT,
                   offset: paging.Offset = 0) -> Any:
    listed = queries.listed_documents(viewer_of(request.user))
    return queries.documents_by_id([row.pk for row in listed[paging.window(request, response, len(listed),
                                                                           offset, limit)]])


@router.post("", response={201: DocumentOut}, auth=django_auth, summary="Draft a document with its first version")
def create_document(request: HttpRequest, payload: DocumentIn) -> Status[Any]:
    doc = actions.create_document(actor=_actor(request), **payload.dict())
    return Status(201, document_out(doc))


@router.get("/{int:document_id}", response=DocumentOut,
            summary="A document: versions, amendments, signatures, status")
def get_document(request: HttpRequest, document_id: Id) -> Any:
    return document_out(queries.document(viewer_of(request.user), document_id))


@router.get("/{int:document_id}/status", response=StatusOut, summary="The ratification status table on a day")
def get_status(request: HttpRequest, document_id: Id, on: dt.date | None = None) -> Any:
    doc = queries.document(viewer_of(request.user), document_id)
    return status_out(doc, on or clock.today())


@router.post("/{int:document_id}/versions", response={201: VersionOut}, auth=django_auth,
             summary="Add a version")
def add_version(request: HttpRequest, document_id: Id, payload: VersionIn) -> Status[Any]:
    v = actions.add_version(actor=_actor(request), document=document_id, **payload.dict())
    return Status(201, {"number": v.number, "texts": v.texts, "authentic": v.authentic, "hash": v.hash,
                        "note": v.note, "created_seq": v.created_seq, "adopted": False})


@router.post("/{int:document_id}/amendments", response={201: AmendmentOut}, auth=django_auth,
             summary="Propose an amendment to a paragraph of a version")
def propose_amendment(request: HttpRequest, document_id: Id, payload: AmendmentIn) -> Status[Any]:
    return Status(201, _amendment_out(actions.propose_amendment(actor=_actor(request), document=document_id,
                                                                **payload.dict())))


@router.post("/amendments/{int:amendment_id}/accept", response=AmendmentOut, auth=django_auth,
             summary="Accept an amendment: it makes the next version")
def accept_amendment(request: HttpRequest, amendment_id: Id) -> Any:
    return _amendment_out(actions.accept_amendment(actor=_actor(request), amendment=amendment_id))


@router.post("/amendments/{int:amendment_id}/reject", response=AmendmentOut, auth=django_auth,
             summary="Reject an amendment")
def reject_amendment(request: HttpRequest, amendment_id: Id, payload: RejectIn) -> Any:
    return _amendment_out(actions.reject_amendment(actor=_actor(request), amendment=amendment_id,
                                                   reason=payload.reason))


@router.post("/{int:document_id}/adoption", response={201: DocumentOut}, auth=django_auth,
             summary="Record that a decision adopted a version")
def adopt(request: HttpRequest, document_id: Id, payload: AdoptionIn) -> Status[Any]:
    adoption = actions.adopt_version(actor=_actor(request), document=document_id, **payload.dict())
    return Status(201, document_out(adoption.version.document))


@router.get("/{int:document_id}/versions/{int:number}/signing", response=SigningOut,
            summary="What a head signs for a version: its hash, and the exact message (base64)")
def signing(request: HttpRequest, document_id: Id, number: Id) -> Any:
    version = queries.version(viewer_of(request.user), document_id, number)
    return {"document": document_id, "version": number, "hash": version.hash,
            "message": entries.b64(texts.signing_message(version.hash))}


@router.post("/{int:document_id}/signatures", response={201: SignatureOut}, auth=django_auth,
             summary="Submit a head's signature, made with `accord sign` or in the browser")
def sign(request: HttpRequest, document_id: Id, payload: DocumentSignatureIn) -> Status[Any]:
    return Status(201, _signature_out(actions.sign_document(actor=_actor(request), document=document_id,
                                                            **payload.dict())))


@router.post("/{int:document_id}/steps", response={201: StepOut}, auth=django_auth,
             summary="Record an instrument deposited, provisional application, amendment or denunciation")
def record_step(request: HttpRequest, document_id: Id, payload: StepIn) -> Status[Any]:
    step = actions.record_step(actor=_actor(request), document=document_id, **payload.dict())
    return Status(201, {"member": step.member_id, "kind": step.kind, "on": step.on, "reference": step.reference,
                        "seq": step.seq})


@router.post("/{int:document_id}/notifications", response={201: NotificationOut}, auth=django_auth,
             summary="Send a depositary notification")
def notify(request: HttpRequest, document_id: Id, payload: NotificationIn) -> Status[Any]:
    n = actions.notify(actor=_actor(request), document=document_id, **payload.dict())
    return Status(201, {"on": n.on, "subject": n.subject, "text": n.text, "seq": n.seq})


@router.get("/{int:document_id}/versions/{int:number}/pdf", summary="The version as PDF, with its verification")
def version_pdf(request: HttpRequest, document_id: Id, number: Id) -> HttpResponse:
    version = queries.version(viewer_of(request.user), document_id, number)
    response = HttpResponse(pdf.render(version.document, version), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="document-{document_id}-v{number}.pdf"'
    return response


@router.post("/verify", response=VerifyOut, summary="Check a PDF printed by Accord against this ledger",
             description="A multipart upload of the PDF (field `file`); a request larger than the "
                         "server's upload limit (ACCORD_MAX_UPLOAD_BYTES, 5 MiB by default) is refused "
                         "with 413 before it is read.")
def verify(request: HttpRequest, file: File[UploadedFile]) -> Any:
    if file.size is not None and file.size > max_request_bytes("multipart/form-data"):
        raise PayloadTooLarge("file", f"is larger than {max_request_bytes('multipart/form-data')} bytes")
    report = verification.verify_pdf(file.read())
    return {"ok": report.ok, "checks": report.checks, "problems": report.problems,
            "document": report.data.get("document"), "version": report.data.get("version"),
            "hash": report.data.get("hash")}
