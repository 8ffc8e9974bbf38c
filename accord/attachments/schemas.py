"""The attachments' API schemas."""

from __future__ import annotations

import datetime as dt

from accord.core.schema import Schema


class AttachmentOut(Schema):
    id: int
    on: str
    target: int
    name: str
    sha256: str
    size: int
    content_type: str
    by: str
    attached_at: dt.datetime
    entry: int
    content: str  # where the file itself is downloaded
    allowed: list[str]  # "withdraw", when the caller may withdraw it


class WithdrawnOut(Schema):
    id: int
    entry: int
