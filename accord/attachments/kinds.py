"""What kind of file an upload is, read from its bytes (never from the name or the browser's word alone).

The kinds an attachment may be: PDF, office documents (Office Open XML, OpenDocument, the older binary
Office formats), images (PNG, JPEG, GIF, WebP) and plain UTF-8 text. Each is recognised by its signature
(and a ZIP's contents); the name's extension only tells apart the older Office formats, which share one
container.
"""

from __future__ import annotations

import io
import zipfile

PDF = "application/pdf"
TEXT = "text/plain"

_SIGNATURES = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_BY_EXTENSION = {
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
}
_OOXML = (
    ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
)
_ODF = (
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
)

ALLOWED = frozenset({PDF, TEXT, "image/png", "image/jpeg", "image/gif", "image/webp",
                     *_OLE_BY_EXTENSION.values(), *(kind for _name, kind in _OOXML), *_ODF})


def sniff(content: bytes, name: str) -> str | None:
    """The file's content type, or None when it is none of the kinds an attachment may be."""
    for signature, kind in _SIGNATURES:
        if content.startswith(signature):
            return kind
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    if content.startswith(_OLE):
        return _OLE_BY_EXTENSION.get(name.rpartition(".")[2].lower()) if "." in name else None
    if content.startswith(b"PK\x03\x04"):
        return _office_zip(content)
    return TEXT if _is_text(content) else None


def _office_zip(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            for member, kind in _OOXML:
                if member in names and "[Content_Types].xml" in names:
                    return kind
            if "mimetype" in names:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                return declared if declared in _ODF else None
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return None


def _is_text(content: bytes) -> bool:
    """UTF-8 without NULs or control characters other than tab, line feed, carriage return and form feed."""
    if not content:
        return False
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(ord(c) < 32 and c not in "\t\n\r\f" for c in text)
