"""An attached file as the pages and the API serve it: always a download of the kind read from its bytes,
never shown in the site's origin as something else (nosniff; a sandbox should a browser open it anyway)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from accord.attachments import store
from accord.attachments.models import Attachment


def download(row: Attachment) -> HttpResponse | None:
    """The file's response, or None when the store no longer holds it with its hash (the page then answers
    as for a missing attachment; `accord attachments verify` names it)."""
    content = store.read(row.sha256)
    if content is None or store.digest(content) != row.sha256:
        return None
    response = HttpResponse(content, content_type=row.content_type)
    response["Content-Disposition"] = content_disposition_header(True, row.name) or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
