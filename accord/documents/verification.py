"""A signed document's PDF: what it embeds for verification, and checking a PDF against the ledger.

The PDF embeds `accord-verification.json`: the version's full content (so its hash can be
recomputed), each signature with its public key, the ledger entries of the adoption and of every
signature with their inclusion proofs, and the signed checkpoint they are proved against.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

from accord.documents import texts
from accord.documents.models import Document, Signature, Version
from accord.ledger import entries, log, merkle, note
from accord.ledger.logkey import log_key
from accord.ledger.models import Entry

ATTACHMENT = "accord-verification.json"
FORMAT = "accord-document-verification/1"


def payload(document: Document, version: Version, signatures: list[Signature]) -> dict[str, Any]:
    """The machine-readable verification record of a version, proved against the latest checkpoint."""
    checkpoint = log.latest_checkpoint()
    seqs = [version.adoption.seq] if hasattr(version, "adoption") else [version.created_seq]
    seqs += [s.seq for s in signatures]
    proved = []
    if checkpoint is not None:
        rows = {e.seq: e for e in Entry.objects.filter(seq__in=seqs)}
        for seq in seqs:
            proved.append({"seq": seq, "entry": rows[seq].data,
                           "proof": [entries.b64(p) for p in log.inclusion_proof(seq, checkpoint.size)]})
    from accord.members.models import SigningKey

    keys = dict(SigningKey.objects.filter(key_id__in=[s.key_id for s in signatures])
                .values_list("key_id", "public_key"))
    return {
        "format": FORMAT,
        "log": settings.LOG_ORIGIN,
        "log_key": log_key().vkey,
        "document": document.pk,
        "version": version.number,
        "hash": version.hash,
        "content": texts.content_of(document=document.pk, kind=document.kind, title_en=document.title_en,
                                    title_ru=document.title_ru, number=version.number, texts=version.texts,
                                    authentic=version.authentic),
        "signatures": [{"member": s.member_id, "person": s.person.username, "key_id": s.key_id,
                        "public_key": keys.get(s.key_id), "signature": s.signature,
                        "signed_on": s.signed_on.isoformat(), "place": s.place, "reservations": s.reservations,
                        "seq": s.seq} for s in signatures],
        "entries": proved,
        "checkpoint": checkpoint.note if checkpoint else None,
    }


@dataclass
class Report:
    checks: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and not self.problems


def _squeeze(text: str) -> str:
    return re.sub(r"[\s\u00ad]+", "", text)


def read_pdf(data: bytes) -> tuple[dict[str, Any], str]:
    """The embedded verification record and the printed text of a PDF. Raises ValueError."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        attached = reader.attachments.get(ATTACHMENT)
        printed = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"not a readable PDF ({error})") from None
    if not attached:
        raise ValueError(f"the PDF carries no {ATTACHMENT}: it was not printed by Accord")
    try:
        record = json.loads(attached[0])
    except ValueError:
        raise ValueError(f"the PDF's {ATTACHMENT} is not JSON") from None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise ValueError(f"the PDF's {ATTACHMENT} is not an {FORMAT} record")
    return record, printed


def verify_pdf(data: bytes, *, against_ledger: bool = True) -> Report:
    """Check a PDF: its text, its hash, every signature, the entries' inclusion in the signed
    checkpoint, and (against_ledger) that the stored log holds the very same entries."""
    report = Report()
    try:
        record, printed = read_pdf(data)
    except ValueError as error:
        report.problems.append(str(error))
        return report
    report.data = {name: record.get(name) for name in ("document", "version", "hash")}
    try:
        _verify(record, printed, report, against_ledger)
    except (KeyError, TypeError, ValueError) as error:
        report.problems.append(f"the verification record is malformed ({error!r})")
    return report


def _verify(record: dict[str, Any], printed: str, report: Report, against_ledger: bool) -> None:
    content, digest = record["content"], record["hash"]
    if texts.hash_of(content) != digest:
        report.problems.append("the embedded text does not hash to the document hash")
    else:
        report.checks.append(f"the embedded text hashes to {digest}")
    squeezed = _squeeze(printed)
    for language in content["authentic"]:
        missing = [i for i, p in enumerate(texts.paragraphs(content["texts"][language]), 1)
                   if _squeeze(p) not in squeezed]
        if missing:
            report.problems.append(f"the printed {language} text differs from the signed one "
                                   f"(paragraph {', '.join(map(str, missing))})")
        else:
            report.checks.append(f"the printed authentic text ({language}) is the signed text")
    for signature in record["signatures"]:
        if against_ledger and not _registered(signature):
            report.problems.append(f"the key {signature['key_id']} of {signature['member']} is not the key "
                                   f"registered in this ledger for {signature['person']}")
            continue
        try:
            VerifyKey(entries.unb64(signature["public_key"])).verify(
                texts.signing_message(digest), entries.unb64(signature["signature"]))
            report.checks.append(f"the signature of {signature['member']} ({signature['key_id']}) verifies")
        except (BadSignatureError, ValueError, TypeError):
            report.problems.append(f"the signature of {signature['member']} does not verify over the hash")
    _verify_entries(record, report, against_ledger)


def _registered(signature: dict[str, Any]) -> bool:
    from accord.members.models import SigningKey

    return SigningKey.objects.filter(key_id=signature["key_id"], public_key=signature["public_key"],
                                     person__username=signature["person"]).exists()


def _verify_entries(record: dict[str, Any], report: Report, against_ledger: bool) -> None:
    vkey = log_key().vkey if against_ledger else record["log_key"]
    if against_ledger and record["log_key"] != vkey:
        report.problems.append("the PDF names another log key than this ledger's")
        return
    if not record.get("checkpoint"):
        report.problems.append("the PDF carries no checkpoint")
        return
    try:
        body = note.open_note(record["checkpoint"], [note.parse_vkey(vkey)]).body
        checkpoint = note.parse_checkpoint(body)
    except note.NoteError as error:
        report.problems.append(f"the checkpoint does not stand: {error}")
        return
    report.checks.append(f"the checkpoint (tree size {checkpoint.size}) is signed by the log key")
    signed = {s["seq"]: s for s in record["signatures"]}
    for item in record["entries"]:
        seq, data = item["seq"], item["entry"]
        proof = [entries.unb64(p) for p in item["proof"]]
        leaf = merkle.leaf_hash(data.encode())
        if not merkle.verify_inclusion(leaf, seq, checkpoint.size, proof, checkpoint.root):
            report.problems.append(f"entry #{seq} is not proved to be in the checkpoint")
            continue
        statement: dict[str, Any] = json.loads(data)["statement"]
        public = statement.get("body") is not None
        act: dict[str, Any] = statement.get("body") or {}
        if public and act.get("hash") != record["hash"]:
            report.problems.append(f"entry #{seq} records another hash than the document's")
            continue
        if public and seq in signed and act.get("signature") != signed[seq]["signature"]:
            report.problems.append(f"entry #{seq} records another signature than the printed one")
            continue
        report.checks.append(f"entry #{seq} ({statement['type']}) is in the log at checkpoint {checkpoint.size}")
        if against_ledger:
            stored = Entry.objects.filter(seq=seq).values_list("data", flat=True).first()
            if stored != data:
                report.problems.append(f"this ledger's entry #{seq} differs from the PDF's")
            else:
                report.checks.append(f"this ledger's entry #{seq} is the same")
