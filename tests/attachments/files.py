"""Small files of each kind an attachment may be, and some it may not."""

from __future__ import annotations

import io
import zipfile

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(32)
TEXT = "Повестка дня: заявление.\n".encode()
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(64)


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("run.sh", "echo hi")
    return out.getvalue()
