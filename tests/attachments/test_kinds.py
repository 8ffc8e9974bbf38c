"""What kind of file an upload is, read from its bytes."""

from __future__ import annotations

import pytest
from files import EXECUTABLE, PDF, PNG, TEXT, docx, plain_zip

from accord.attachments import kinds


@pytest.mark.parametrize(("content", "name", "kind"), [
    (PDF, "agenda.pdf", "application/pdf"),
    (PDF, "agenda.txt", "application/pdf"),  # the bytes decide, not the name
    (PNG, "map.png", "image/png"),
    (TEXT, "notes.txt", "text/plain"),
    (docx(), "draft.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16), "old.doc", "application/msword"),
])
def test_it_reads_the_kind_from_the_bytes(content: bytes, name: str, kind: str) -> None:
    assert kinds.sniff(content, name) == kind
    assert kind in kinds.ALLOWED


@pytest.mark.parametrize(("content", "name"), [
    (EXECUTABLE, "setup.pdf"),
    (plain_zip(), "archive.docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16), "container.bin"),
    (b"text\x00with a NUL", "notes.txt"),
    (b"\xff\xfe not utf-8 \x80", "notes.txt"),
])
def test_it_refuses_what_is_none_of_the_kinds(content: bytes, name: str) -> None:
    assert kinds.sniff(content, name) is None
