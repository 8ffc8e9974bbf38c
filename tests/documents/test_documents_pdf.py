"""The signed document's PDF, checked whole: `accord ledger verify-document` against this database, an
export or a server, and every alteration of its pages or of its embedded record refused."""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import documents_org as org
import pytest
from django.core.management import call_command
from django.test import override_settings
from nacl.signing import SigningKey

from accord.documents import pdf, verification
from accord.documents.models import Version
from accord.ledger.logkey import log_key
from accord_verify import checking, printed

Sections = list[printed.Section]


def _signed_version(head_keys: dict[str, SigningKey]) -> Version:
    document, digest = org.adopted_statement()
    for code, key in head_keys.items():
        org.sign(code, key, document, digest)
    return Version.objects.get(document_id=document, number=1)


def _signed_pdf(head_keys: dict[str, SigningKey]) -> bytes:
    version = _signed_version(head_keys)
    return pdf.render(version.document, version)


def _forged(head_keys: dict[str, SigningKey], monkeypatch: pytest.MonkeyPatch, *,
            pages: Callable[[Sections], Sections] = lambda sections: sections,
            record: Callable[[dict[str, Any]], None] = lambda record: None) -> bytes:
    """The signed PDF made again by a forger with the same tools: its pages changed by `pages`, or its
    embedded record by `record`; the rest as the server prints it."""
    version = _signed_version(head_keys)
    genuine_layout, genuine_payload = printed.layout, verification.payload

    def payload(*args: Any) -> dict[str, Any]:
        made = genuine_payload(*args)
        record(made)
        return made

    with monkeypatch.context() as patch:
        patch.setattr(printed, "layout", lambda facts: pages(genuine_layout(facts)))
        patch.setattr(verification, "payload", payload)
        return pdf.render(version.document, version)


def _edit_lines(role: str, edit: Callable[[printed.Line], list[printed.Line]]) -> Callable[[Sections], Sections]:
    def run(sections: Sections) -> Sections:
        return [dataclasses.replace(section, groups=tuple(
            dataclasses.replace(group, lines=tuple(new for line in group.lines
                                                   for new in (edit(line) if line.role == role else [line])))
            for group in section.groups)) for section in sections]
    return run


def _refused(data: bytes, *words: str) -> list[str]:
    report = verification.verify_pdf(data)
    assert not report.ok
    assert any(all(word in problem for word in words) for problem in report.problems), report.problems
    return report.problems


def test_it_verifies_a_signed_pdf(head_keys: dict[str, SigningKey], tmp_path: Path) -> None:
    path = tmp_path / "statement.pdf"
    path.write_bytes(_signed_pdf(head_keys))
    out = io.StringIO()
    call_command("ledger", "verify-document", str(path), stdout=out)
    text = out.getvalue()
    assert "verified: document" in text
    assert text.count("signature of") == 6
    assert "every line of the 3 pages is what the log says the document prints" in text


def test_it_prints_every_signature_block_from_the_log(head_keys: dict[str, SigningKey]) -> None:
    _, pages = checking.read_pdf(_signed_pdf(head_keys))
    text = "\n".join(pages)
    assert "Армения / Armenia (ARM)" in text
    assert "Moscow, 2022-05-16" in text
    assert "Ledger entry #" in text


def test_it_verifies_offline_against_an_export_with_a_pinned_key(head_keys: dict[str, SigningKey],
                                                                 tmp_path: Path) -> None:
    (tmp_path / "d.pdf").write_bytes(_signed_pdf(head_keys))
    call_command("ledger", "export", str(tmp_path / "log.json"), "--quiet", stdout=io.StringIO())
    vkey = log_key().vkey
    missing = tmp_path / "no-key-here" / "log.key"
    out = io.StringIO()
    # Where no log key file exists (an auditor's machine), nothing is created and the pinned key rules.
    with override_settings(LOG_KEY_FILE=str(missing)):
        call_command("ledger", "verify-document", str(tmp_path / "d.pdf"), "--log", str(tmp_path / "log.json"),
                     "--key", vkey, stdout=out)
    assert "verified: document" in out.getvalue()
    assert not missing.parent.exists()


def test_it_refuses_an_export_under_another_pinned_key(head_keys: dict[str, SigningKey], tmp_path: Path) -> None:
    (tmp_path / "d.pdf").write_bytes(_signed_pdf(head_keys))
    call_command("ledger", "export", str(tmp_path / "log.json"), "--quiet", stdout=io.StringIO())
    from accord_verify import note

    other = note.format_vkey("accord.local/log", bytes(SigningKey.generate().verify_key))
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("ledger", "verify-document", str(tmp_path / "d.pdf"), "--log", str(tmp_path / "log.json"),
                     "--key", other, stdout=out)
    assert exit.value.code == 1
    assert "not the one you pinned" in out.getvalue()


def test_it_needs_a_pinned_key_with_an_export(head_keys: dict[str, SigningKey], tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--key is required"):
        call_command("ledger", "verify-document", str(tmp_path / "d.pdf"), "--log", str(tmp_path / "log.json"))


@pytest.mark.django_db(transaction=True)
def test_it_verifies_against_a_server_with_a_pinned_key(live_server: Any, tmp_path: Path) -> None:
    (tmp_path / "d.pdf").write_bytes(_signed_pdf(org.build()))
    out = io.StringIO()
    call_command("ledger", "verify-document", str(tmp_path / "d.pdf"), "--url", live_server.url,
                 "--key", log_key().vkey, stdout=out)
    assert "verified: document" in out.getvalue()


def test_it_refuses_a_sentence_added_under_the_text(head_keys: dict[str, SigningKey],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def add(sections: Sections) -> Sections:
        first = sections[0]
        body = first.groups[0]
        added = printed.Line("para", "Armenia did not sign the statement", "")
        return [dataclasses.replace(first, groups=(dataclasses.replace(body, lines=(*body.lines, added)),)),
                *sections[1:]]

    _refused(_forged(head_keys, monkeypatch, pages=add),
             "page 1, line 6", "'Armenia did not sign the statement'", "which the log does not say")


def test_it_refuses_a_sentence_laid_over_a_page_as_an_annotation(head_keys: dict[str, SigningKey]) -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import FreeText

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_signed_pdf(head_keys))))
    writer.add_annotation(page_number=1, annotation=FreeText(text="Armenia did not sign the statement",
                                                             rect=(50, 50, 400, 100)))
    altered = io.BytesIO()
    writer.write(altered)
    _refused(altered.getvalue(), "page 2: carries 1 annotation(s) (FreeText)")


Operations = list[tuple[list[Any], bytes]]


def _drawn_over(data: bytes, page: int, change: Callable[[Operations], Operations]) -> bytes:
    """The PDF with a page's drawing changed by `change`, as an editor adds a shape or recolours text."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ContentStream, FloatObject, NumberObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    target = writer.pages[page]
    stream = ContentStream(target.get_contents(), writer)

    def pdf_value(value: Any) -> Any:
        if isinstance(value, (int, float)):
            return NumberObject(value) if isinstance(value, int) else FloatObject(value)
        return value

    stream.operations = [([pdf_value(v) for v in operands], operator)
                         for operands, operator in change(list(stream.operations))]
    target.replace_contents(stream)
    altered = io.BytesIO()
    writer.write(altered)
    return altered.getvalue()


def _first(operator: bytes, new: Callable[[list[Any]], list[Any]]) -> Callable[[Operations], Operations]:
    def change(operations: Operations) -> Operations:
        index = next(i for i, (_, op) in enumerate(operations) if op == operator)
        return [*operations[:index], (new(operations[index][0]), operator), *operations[index + 1:]]
    return change


@pytest.mark.parametrize(("change", "how"), [
    (lambda ops: [*ops, ([], b"q"), ([1, 1, 1], b"rg"), ([50, 600, 400, 40], b"re"), ([], b"f"), ([], b"Q")],
     "a filled area"),
    (_first(b"rg", lambda operands: [1, 1, 1]), "text in white"),
    (lambda ops: [([3], b"Tr"), *ops], "invisible text"),
    (lambda ops: [([0, 0, 10, 10], b"re"), ([], b"W"), ([], b"n"), *ops], "text under a clip"),
    (_first(b"Tm", lambda operands: [*operands[:4], 5000, operands[5]]), "text off the page"),
    (_first(b"Tf", lambda operands: [operands[0], 0.5]), "tiny text"),
], ids=["white box", "white ink", "invisible", "clip", "off the page", "tiny"])
def test_it_refuses_printed_words_hidden_on_a_page(head_keys: dict[str, SigningKey],
                                                  change: Callable[[Operations], Operations], how: str) -> None:
    _refused(_drawn_over(_signed_pdf(head_keys), 1, change), "page 2: hides printed words", how)


def test_it_refuses_a_changed_title(head_keys: dict[str, SigningKey], monkeypatch: pytest.MonkeyPatch) -> None:
    forged = _forged(head_keys, monkeypatch, pages=_edit_lines(
        "title", lambda line: [dataclasses.replace(line, text=line.text.replace("Совместное", "Особое"))]))
    _refused(forged, "page 1, line 2", "'Особое'", "'Совместное'", "the title of the ru text")


def test_it_refuses_a_signing_place_changed_on_the_page(head_keys: dict[str, SigningKey],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def minsk(line: printed.Line) -> list[printed.Line]:
        moved = "RUS" in line.where
        return [dataclasses.replace(line, text=line.text.replace("Moscow", "Minsk") if moved else line.text)]

    _refused(_forged(head_keys, monkeypatch, pages=_edit_lines("place", minsk)),
             "page 2", "'Minsk,'", "'Moscow,'", "the signature block of RUS")


@pytest.mark.parametrize(("name", "value"), [("place", "Minsk"), ("signed_on", "2022-05-17"),
                                             ("reservations", "Armenia does not join paragraph 2")])
def test_it_refuses_a_signature_edited_in_the_embedded_record(head_keys: dict[str, SigningKey],
                                                              monkeypatch: pytest.MonkeyPatch, name: str,
                                                              value: str) -> None:
    def edit(record: dict[str, Any]) -> None:
        record["signatures"][0][name] = value

    _refused(_forged(head_keys, monkeypatch, record=edit), f"the record's {name} of ARM's signature", repr(value))


@pytest.mark.parametrize(("name", "value"), [("place", "Minsk"), ("signed_on", "2022-05-17"),
                                             ("reservations", "Armenia does not join paragraph 2")])
def test_it_refuses_a_signature_edited_in_an_embedded_entry(head_keys: dict[str, SigningKey],
                                                            monkeypatch: pytest.MonkeyPatch, name: str,
                                                            value: str) -> None:
    def edit(record: dict[str, Any]) -> None:
        item = record["entries"][-1]
        data = json.loads(item["entry"])
        data["statement"]["body"][name] = value
        item["entry"] = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    problems = _refused(_forged(head_keys, monkeypatch, record=edit), "is not proved to be in its checkpoint")
    # What the forger printed from the edited entry is not what the log says either.
    assert any("the signature block of TJK" in problem for problem in problems), problems


def test_it_refuses_a_dropped_signatory(head_keys: dict[str, SigningKey], monkeypatch: pytest.MonkeyPatch) -> None:
    def drop(record: dict[str, Any]) -> None:
        gone = next(s for s in record["signatures"] if s["member"] == "ARM")
        record["signatures"].remove(gone)
        record["entries"] = [item for item in record["entries"] if item["seq"] != gone["seq"]]

    def without_armenia(sections: Sections) -> Sections:
        return [dataclasses.replace(section, groups=tuple(
            group for group in section.groups if not any("ARM" in line.where for line in group.lines)))
            for section in sections]

    forged = _forged(head_keys, monkeypatch, record=drop, pages=without_armenia)
    problems = _refused(forged, "the record leaves out the signature of ARM")
    assert any(
        p.startswith("page 2") and "leaves out" in p and "the signature block of ARM" in p for p in problems)


def test_it_refuses_a_pdf_whose_embedded_text_was_altered(head_keys: dict[str, SigningKey],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def edit(record: dict[str, Any]) -> None:
        record["content"]["texts"]["ru"] = record["content"]["texts"]["ru"].replace("миру", "войне")

    _refused(_forged(head_keys, monkeypatch, record=edit), "does not hash")


def test_it_refuses_a_pdf_printed_with_other_words(head_keys: dict[str, SigningKey],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    forged = _forged(head_keys, monkeypatch, pages=_edit_lines(
        "para", lambda line: [dataclasses.replace(line, text=line.text.replace("миру", "войне"))]))
    _refused(forged, "page 1", "'войне.'", "'миру.'", "paragraph 1 of the ru text")


def test_a_file_that_is_not_a_pdf_exits_damaged(head_keys: dict[str, SigningKey], tmp_path: Path) -> None:
    _signed_pdf(head_keys)
    path = tmp_path / "not.pdf"
    path.write_bytes(b"hello")
    with pytest.raises(SystemExit) as exit:
        call_command("ledger", "verify-document", str(path), stdout=io.StringIO())
    assert exit.value.code == 1


def test_it_refuses_a_signature_by_a_key_this_ledger_does_not_know(head_keys: dict[str, SigningKey],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from accord.documents import signing

    stranger = SigningKey.generate()

    def edit(record: dict[str, Any]) -> None:
        record["signatures"][0]["signature"] = signing.sign_hash(stranger, record["hash"])

    _refused(_forged(head_keys, monkeypatch, record=edit), "the record's signature of ARM's signature")


def test_it_verifies_a_draft_marked_as_not_adopted(head_keys: dict[str, SigningKey]) -> None:
    version = Version.objects.get(document_id=org.statement(), number=1)
    data = pdf.render(version.document, version)
    assert "Not adopted: a draft, not for signature" in "\n".join(checking.read_pdf(data)[1])
    report = verification.verify_pdf(data)
    assert report.ok, report.problems


def _members_only_pdf(head_keys: dict[str, SigningKey]) -> bytes:
    from accord.documents import actions

    document = org.statement(classification="members")
    adoption = actions.adopt_version(actor=org.person("secretariat"), document=document, version=1,
                                     decision=org.decision(f"Joint statement {document}"), adopted_on="2022-05-16")
    org.sign("KAZ", head_keys["KAZ"], document, adoption.version.hash)
    return pdf.render(adoption.version.document, adoption.version)


def test_it_verifies_a_members_only_document_through_the_bodies_it_opens(head_keys: dict[str, SigningKey]) -> None:
    report = verification.verify_pdf(_members_only_pdf(head_keys))
    assert report.ok, report.problems
    assert any("the signature of KAZ" in check for check in report.checks)


def test_it_refuses_a_members_only_signature_opened_with_another_place(head_keys: dict[str, SigningKey],
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    genuine = verification.payload

    def payload(*args: Any) -> dict[str, Any]:
        made = genuine(*args)
        for opening in made["opened"].values():
            body = opening["content"]["statement"]["body"]
            if "place" in body:
                body["place"] = "Minsk"
        return made

    monkeypatch.setattr(verification, "payload", payload)
    data = _members_only_pdf(head_keys)
    monkeypatch.undo()
    _refused(data, "the record opens entry #", "with a body that its commitment in the log does not commit to")


def test_it_verifies_a_long_justified_text_over_several_pages(head_keys: dict[str, SigningKey]) -> None:
    """Wrapping, justification and page breaks change where lines end, never the words compared."""
    from accord.documents import actions

    ru = "\n\n".join(f"Статья {n}. Государства-члены подтверждают приверженность целям и принципам Устава "
                     "Организации Объединенных Наций, укрепляют мир, международную и региональную "
                     "безопасность и стабильность, защищают на коллективной основе независимость, "
                     "территориальную целостность и суверенитет государств-членов." for n in range(1, 41))
    en = "\n\n".join(f"Article {n}. The member States reaffirm their commitment to the purposes and principles "
                     "of the Charter of the United Nations, strengthen peace, international and regional "
                     "security and stability, and protect on a collective basis the independence, "
                     "territorial integrity and sovereignty of the member States." for n in range(1, 41))
    document = org.statement(texts={"ru": ru, "en": en}, authentic=["ru", "en"])
    adoption = actions.adopt_version(actor=org.person("secretariat"), document=document, version=1,
                                     decision=org.decision(f"Joint statement {document}"), adopted_on="2022-05-16")
    for code in ("ARM", "RUS"):
        org.sign(code, head_keys[code], document, adoption.version.hash)
    data = pdf.render(adoption.version.document, adoption.version)
    assert len(checking.read_pdf(data)[1]) > 4
    report = verification.verify_pdf(data)
    assert report.ok, report.problems


def test_it_refuses_a_pdf_newer_than_the_export(head_keys: dict[str, SigningKey], tmp_path: Path) -> None:
    document, digest = org.adopted_statement()
    call_command("ledger", "export", str(tmp_path / "log.json"), "--quiet", stdout=io.StringIO())
    org.sign("ARM", head_keys["ARM"], document, digest)
    version = Version.objects.get(document_id=document, number=1)
    (tmp_path / "d.pdf").write_bytes(pdf.render(version.document, version))
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("ledger", "verify-document", str(tmp_path / "d.pdf"), "--log", str(tmp_path / "log.json"),
                     "--key", log_key().vkey, stdout=out)
    assert "is ahead of" in out.getvalue()


def test_it_reports_a_signature_recorded_after_printing_without_refusing(head_keys: dict[str, SigningKey]) -> None:
    document, digest = org.adopted_statement()
    org.sign("ARM", head_keys["ARM"], document, digest)
    version = Version.objects.get(document_id=document, number=1)
    data = pdf.render(version.document, version)
    org.sign("RUS", head_keys["RUS"], document, digest)
    report = verification.verify_pdf(data)
    assert report.ok, report.problems
    assert any("RUS signed after this PDF was printed" in check for check in report.checks)


@pytest.mark.parametrize("arguments", [["--log", "missing.json", "--key", "VKEY"],
                                       ["--log", "x.json", "--url", "http://127.0.0.1:9", "--key", "VKEY"],
                                       ["--url", "http://127.0.0.1:9", "--key", "VKEY"]])
def test_it_says_what_is_wrong_with_the_log_given(head_keys: dict[str, SigningKey], tmp_path: Path,
                                                  arguments: list[str]) -> None:
    from django.core.management.base import CommandError

    (tmp_path / "d.pdf").write_bytes(b"%PDF")
    given = [str(tmp_path / a) if a.endswith(".json") else log_key().vkey if a == "VKEY" else a for a in arguments]
    with pytest.raises(CommandError) as error:
        call_command("ledger", "verify-document", str(tmp_path / "d.pdf"), *given)
    assert error.value.returncode == 2
