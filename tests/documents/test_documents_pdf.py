"""The signed document's PDF, and `accord ledger verify-document` on it."""

from __future__ import annotations

import io
from pathlib import Path

import documents_org as org
import pytest
from django.core.management import call_command
from nacl.signing import SigningKey

from accord.documents import pdf, verification
from accord.documents.models import Version


def _signed_pdf(head_keys: dict[str, SigningKey]) -> bytes:
    document, digest = org.adopted_statement()
    for code, key in head_keys.items():
        org.sign(code, key, document, digest)
    version = Version.objects.get(document_id=document, number=1)
    return pdf.render(version.document, version)


def test_it_verifies_a_signed_pdf(head_keys: dict[str, SigningKey], tmp_path: Path) -> None:
    path = tmp_path / "statement.pdf"
    path.write_bytes(_signed_pdf(head_keys))
    out = io.StringIO()
    call_command("ledger", "verify-document", str(path), stdout=out)
    text = out.getvalue()
    assert "verified: document" in text
    assert text.count("signature of") == 6


def test_it_refuses_a_pdf_whose_embedded_text_was_altered(head_keys: dict[str, SigningKey]) -> None:
    data = _signed_pdf(head_keys)
    record, printed = verification.read_pdf(data)
    record["content"]["texts"]["ru"] = record["content"]["texts"]["ru"].replace("миру", "войне")
    report = verification.Report()
    verification._verify(record, printed, report, against_ledger=True)
    assert any("does not hash" in p for p in report.problems)


def test_it_refuses_a_pdf_printed_with_other_words(head_keys: dict[str, SigningKey]) -> None:
    record, printed = verification.read_pdf(_signed_pdf(head_keys))
    report = verification.Report()
    verification._verify(record, printed.replace("миру", "войне"), report, against_ledger=True)
    assert any("printed ru text differs" in p for p in report.problems)


def test_a_file_that_is_not_a_pdf_exits_damaged(head_keys: dict[str, SigningKey], tmp_path: Path) -> None:
    path = tmp_path / "not.pdf"
    path.write_bytes(b"hello")
    with pytest.raises(SystemExit) as exit:
        call_command("ledger", "verify-document", str(path), stdout=io.StringIO())
    assert exit.value.code == 1


def test_it_refuses_a_signature_by_a_key_this_ledger_does_not_know(head_keys: dict[str, SigningKey]) -> None:
    record, printed = verification.read_pdf(_signed_pdf(head_keys))
    stranger = SigningKey.generate()
    from accord.documents import signing
    from accord.ledger import entries

    record["signatures"][0].update(public_key=entries.b64(bytes(stranger.verify_key)),
                                   signature=signing.sign_hash(stranger, record["hash"]))
    report = verification.Report()
    verification._verify(record, printed, report, against_ledger=True)
    assert any("is not the key registered" in p for p in report.problems)
