"""The attachments' API: list the files of a session, item or document; upload one (multipart); download one;
withdraw one. An attachment is as visible as what it is attached to; a hidden one is a missing one."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile
from ninja.security import django_auth

from accord.attachments import actions, downloads, policies, queries
from accord.attachments.models import Attachment
from accord.attachments.queries import Target
from accord.attachments.schemas import AttachmentOut, WithdrawnOut
from accord.core import paging
from accord.core.acting import Actor
from accord.core.errors import NotFound
from accord.core.inputs import Id
from accord.core.middleware import PayloadTooLarge, max_request_bytes
from accord.core.policy import Viewer, viewer_of

router = Router(tags=["attachments"])


def _actor(request: HttpRequest) -> Actor:
    return Actor(person=request.user)  # type: ignore[arg-type]


def attachment_out(viewer: Viewer, row: Attachment, target: Target) -> dict[str, Any]:
    return {"id": row.pk, "on": row.on, "target": row.target, "name": row.name, "sha256": row.sha256,
            "size": row.size, "content_type": row.content_type, "by": row.by, "attached_at": row.attached_at,
            "entry": row.entry_seq, "content": reverse("api:attachment_content", args=[row.pk]),
            "allowed": ["withdraw"] if policies.withdraws(viewer, row, target) else []}


@router.get("/attachments", response=list[AttachmentOut],
            summary="The files attached to a session, an agenda item or a document (on=session|item|document), "
                    "oldest first, a page at a time",
            description=paging.described("files", "are attached"))
def list_attachments(request: HttpRequest, response: HttpResponse, on: str, target: Id,
                     limit: paging.Limit = paging.API_LIMIT, offset: paging.Offset = 0) -> list[dict[str, Any]]:
    viewer = viewer_of(request.user)
    found = queries.target(viewer, on, target)
    ids = queries.file_ids_of(found)
    return [attachment_out(viewer, row, found)
            for row in queries.files_by_id(ids[paging.window(request, response, len(ids), offset, limit)])]


@router.post("/attachments", response={201: AttachmentOut}, auth=django_auth,
             summary="Attach a file (multipart: on, target, file) to a session, an agenda item or a document",
             description="PDF, office documents, images or plain text, its kind read from its bytes; at most the "
                         "server's upload limit (ACCORD_MAX_UPLOAD_BYTES, 5 MiB by default). The act's ledger "
                         "entry names the file's SHA-256, size and name.")
def attach(request: HttpRequest, on: Form[str], target: Form[int], file: File[UploadedFile]) -> Status[Any]:
    if file.size is not None and file.size > max_request_bytes("multipart/form-data"):
        raise PayloadTooLarge("file", f"is larger than {max_request_bytes('multipart/form-data')} bytes")
    row = actions.attach(actor=_actor(request), on=on, target=target, name=file.name or "", content=file.read())
    viewer = viewer_of(request.user)
    return Status(201, attachment_out(viewer, row, queries.target(viewer, row.on, row.target)))


@router.get("/attachments/{attachment_id}", response=AttachmentOut, summary="One attachment: its name, hash, size")
def get_attachment(request: HttpRequest, attachment_id: Id) -> dict[str, Any]:
    viewer = viewer_of(request.user)
    row, found = queries.attachment(viewer, attachment_id)
    return attachment_out(viewer, row, found)


@router.get("/attachments/{attachment_id}/content", url_name="attachment_content",
            summary="The attached file itself, as a download")
def attachment_content(request: HttpRequest, attachment_id: Id) -> HttpResponse:
    row, _found = queries.attachment(viewer_of(request.user), attachment_id)
    response = downloads.download(row)
    if response is None:
        raise NotFound("attachment")
    return response


@router.post("/attachments/{attachment_id}/withdraw", response=WithdrawnOut, auth=django_auth,
             summary="Withdraw an attachment (the secretariat, or who attached it); cannot be undone")
def withdraw(request: HttpRequest, attachment_id: Id) -> dict[str, Any]:
    row = actions.withdraw(actor=_actor(request), attachment=attachment_id)
    return {"id": row.pk, "entry": row.withdrawn_seq}

