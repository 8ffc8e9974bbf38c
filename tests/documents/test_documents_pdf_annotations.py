"""A signed document's PDF and the secretariat's later annotations of its acts (`core.annotated`): the record
carries them, the pages print the certainty that stands, and the check holds both to the log."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import documents_org as org
import pytest
from django.core.management import call_command
from nacl.signing import SigningKey

from accord.core import provenance
from accord.core.actions import annotate
from accord.documents import pdf, verification
from accord.documents.models import Version
from accord.ledger.logkey import log_key
from accord_verify import checking, cli, printed

TITLE_NOTE = {"en": "The title is the secretariat's working title.", "ru": "Название рабочее."}
DAY_NOTE = {"en": "Known only from a press report.", "ru": "Известно лишь из сообщения прессы."}


def _annotated_version(head_keys: dict[str, SigningKey], **statement: Any) -> Version:
    """A statement adopted, signed by two heads, then its title annotated as uncertain and its day of
    adoption as reported, each with a note, by the secretariat."""
    from accord.documents import actions

    document = org.statement(**statement)
    adoption = actions.adopt_version(actor=org.person("secretariat"), document=document, version=1,
                                     decision=org.decision(f"Joint statement {document}"), adopted_on="2022-05-16")
    for code in ("ARM", "KAZ"):
        org.sign(code, head_keys[code], document, adoption.version.hash)
    version = Version.objects.get(document_id=document, number=1)
    secretariat = org.person("secretariat")
    annotate(actor=secretariat, entry=version.document.created_seq,
             sources={"fields": {"title": {"certainty": "uncertain", "note": TITLE_NOTE}}})
    annotate(actor=secretariat, entry=adoption.seq,
             sources={"fields": {"adopted_on": {"certainty": "reported", "note": DAY_NOTE}}})
    return version


def _text(data: bytes) -> str:
    return " ".join(" ".join(checking.read_pdf(data)[1]).split())


def test_it_prints_the_certainty_a_later_annotation_gives_in_both_languages(head_keys: dict[str, SigningKey]
                                                                            ) -> None:
    version = _annotated_version(head_keys)
    data = pdf.render(version.document, version)
    text = _text(data)
    assert "Совместное заявление · предположительно" in text
    assert "Joint statement · uncertain" in text
    # The title's note under it, in each text's language.
    assert f"предположительно {TITLE_NOTE['ru']}" in text
    assert f"uncertain {TITLE_NOTE['en']}" in text
    assert f"2022-05-16 (reported: {DAY_NOTE['en']}); ledger entry" in text
    report = verification.verify_pdf(data)
    assert report.ok, report.problems
    assert any("the 2 later annotation(s)" in check for check in report.checks), report.checks
    record = checking.read_pdf(data)[0]
    carried = {json.loads(item["entry"])["statement"]["type"] for item in record["entries"]}
    assert "core.annotated" in carried


def test_the_offline_verifier_checks_the_annotations_against_an_export(head_keys: dict[str, SigningKey],
                                                                       tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    version = _annotated_version(head_keys)
    (tmp_path / "d.pdf").write_bytes(pdf.render(version.document, version))
    call_command("ledger", "export", str(tmp_path / "log.json"), "--quiet", stdout=io.StringIO())
    with pytest.raises(SystemExit) as exit:
        cli.main(["document", str(tmp_path / "d.pdf"), "--log", str(tmp_path / "log.json"),
                  "--key", log_key().vkey])
    out = capsys.readouterr().out
    assert exit.value.code == 0, out
    assert "later annotation(s)" in out


def _forged(version: Version, monkeypatch: pytest.MonkeyPatch, edit: Any) -> bytes:
    genuine = verification.payload

    def payload(*args: Any) -> dict[str, Any]:
        made = genuine(*args)
        edit(made)
        return made

    with monkeypatch.context() as patch:
        patch.setattr(verification, "payload", payload)
        return pdf.render(version.document, version)


def _annotation_items(record: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for item in record["entries"]
            if json.loads(item["entry"])["statement"]["type"] == printed.ANNOTATED]


def test_it_refuses_a_record_that_leaves_out_an_annotation_the_log_holds(head_keys: dict[str, SigningKey],
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    version = _annotated_version(head_keys)

    def drop(record: dict[str, Any]) -> None:
        record["entries"] = [item for item in record["entries"] if item not in _annotation_items(record)]

    data = _forged(version, monkeypatch, drop)
    # The forger's PDF prints the title as plain fact, as its record says.
    assert "Joint statement · uncertain" not in _text(data)
    report = verification.verify_pdf(data)
    assert not report.ok
    created = version.document.created_seq
    assert any("the record leaves out the annotation #" in problem and f"of entry #{created} that" in problem
               for problem in report.problems), report.problems
    # And its pages are not what the log says they print.
    assert any("the title of the en text" in problem for problem in report.problems), report.problems


def test_it_refuses_an_annotation_invented_in_the_record(head_keys: dict[str, SigningKey],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    version = _annotated_version(head_keys)

    def confirm(record: dict[str, Any]) -> None:
        for item in _annotation_items(record):
            data = json.loads(item["entry"])
            for given in data["statement"]["body"]["provenance"]["fields"].values():
                given["certainty"] = "confirmed"
            item["entry"] = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    data = _forged(version, monkeypatch, confirm)
    assert "Joint statement · uncertain" not in _text(data)
    report = verification.verify_pdf(data)
    assert not report.ok
    assert any(f"(of entry #{version.document.created_seq}) is not proved to be in its checkpoint" in problem
               for problem in report.problems), report.problems


def test_it_reports_an_annotation_recorded_after_printing_without_refusing(head_keys: dict[str, SigningKey]
                                                                           ) -> None:
    version = Version.objects.get(document_id=org.statement(), number=1)
    data = pdf.render(version.document, version)
    annotate(actor=org.person("secretariat"), entry=version.document.created_seq,
             sources={"fields": {"title": "illustrative"}})
    report = verification.verify_pdf(data)
    assert report.ok, report.problems
    assert any(f"entry #{version.document.created_seq} was annotated after this PDF was printed" in check
               for check in report.checks), report.checks


def test_a_members_only_documents_sealed_annotations_are_opened_and_printed(head_keys: dict[str, SigningKey]
                                                                            ) -> None:
    version = _annotated_version(head_keys, classification="members")
    data = pdf.render(version.document, version)
    assert "Joint statement · uncertain" in _text(data)
    record = checking.read_pdf(data)[0]
    assert all(str(item["seq"]) in record["opened"] for item in _annotation_items(record))
    report = verification.verify_pdf(data)
    assert report.ok, report.problems


def test_the_pdf_follows_the_pages_rule_for_later_annotations(head_keys: dict[str, SigningKey]) -> None:
    """The act's own certainty, then each later one stands for the field; an annotation without a note keeps
    the earlier note: as on the pages (accord.core.provenance.of_entries)."""
    given: list[dict[str, Any]] = [
        {"fields": {"title": {"certainty": "illustrative", "note": TITLE_NOTE}}},
        {"fields": {"title": {"certainty": "reported"}}},
        {"fields": {"title": {"certainty": "confirmed"}, "kind": {"certainty": "uncertain"}}},
        {"fields": {"title": {"certainty": "uncertain"}}}]
    with provenance.given(given[0]):
        document = org.statement()
    created = Version.objects.get(document_id=document, number=1).document.created_seq
    for number in range(1, len(given) + 1):
        if number > 1:
            annotate(actor=org.person("secretariat"), entry=created, sources=given[number - 1])
        pages = {name: {"certainty": found.certainty, "note": dict(found.note)}
                 for name, found in provenance.of_entry(created).items()}
        assert printed.standing(given[:number]) == pages, number
    assert printed.standing(given)["title"] == {"certainty": "uncertain", "note": TITLE_NOTE}
