"""A signed document's PDF: the verification record it embeds, and checking it against this server's log.

The PDF embeds `accord-verification.json`: the version's full content (so its hash can be recomputed),
the ledger entries of the document's creation, its adoption and every signature, and of every later
annotation of one of them (`core.annotated`, whose certainties the PDF prints), with their inclusion
proofs, and the signed checkpoint they are proved against. The check itself is documents.checking,
which needs no Django; this module gives it the server's own log.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings

from accord.core import provenance
from accord.documents.models import Document, Signature, Version
from accord.ledger import log
from accord.ledger.models import Entry, Sealed
from accord.ledger.sources import DatabaseSource, EmptyLog, stored_vkey
from accord_verify import checking, entries, texts
from accord_verify.checking import ATTACHMENT, FORMAT, Report

__all__ = ["ATTACHMENT", "FORMAT", "Report", "payload", "verify_pdf"]


def payload(document: Document, version: Version, signatures: list[Signature]) -> dict[str, Any]:
    """The machine-readable verification record of a version, proved against the latest checkpoint."""
    checkpoint = log.latest_checkpoint()
    seqs = [document.created_seq, version.created_seq]
    seqs += [version.adoption.seq] if hasattr(version, "adoption") else []
    seqs += [s.seq for s in signatures]
    proved = []
    openings: dict[str, Any] = {}
    if checkpoint is not None:
        # What the secretariat learned later of these acts stands for their fields: the PDF prints it too.
        seqs += provenance.annotations_of(seqs, before=checkpoint.size)
        rows = {e.seq: e for e in Entry.objects.filter(seq__in=seqs)}
        for seq in sorted(set(seqs)):
            proved.append({"seq": seq, "entry": rows[seq].data,
                           "proof": [entries.b64(p) for p in log.inclusion_proof(seq, checkpoint.size)]})
        # Whoever may print a members-only document may read its acts: the PDF opens their commitments.
        for sealed in Sealed.objects.filter(entry_id__in=seqs):
            openings[str(sealed.entry_id)] = {"salt": sealed.salt, "content": json.loads(sealed.content)}
    return {
        "format": FORMAT,
        "log": settings.LOG_ORIGIN,
        "log_key": stored_vkey(),
        "document": document.pk,
        "version": version.number,
        "hash": version.hash,
        "content": texts.content_of(document=document.pk, kind=document.kind, title=document.title,
                                    number=version.number, texts=version.texts, authentic=version.authentic),
        # A convenience for readers of the record; the check holds each field to its ledger entry.
        "signatures": [{"member": s.member_id, "person": s.person.username, "key_id": s.key_id,
                        "signature": s.signature, "signed_on": s.signed_on.isoformat(), "place": dict(s.place),
                        "reservations": s.reservations, "seq": s.seq} for s in signatures],
        "entries": proved,
        "checkpoint": checkpoint.note if checkpoint else None,
        "opened": openings,
    }


def server_log() -> tuple[str, checking.LogCopy]:
    """This server's log key and its log up to the latest checkpoint, read without writing anything."""
    source = DatabaseSource()
    vkey = stored_vkey()
    latest = source.checkpoint()
    copy = checking.LogCopy(checkpoint=latest, entries=source.entries(), description="this server's log")
    return vkey, copy


def verify_pdf(data: bytes) -> Report:
    """Check a PDF against this server's own log and key (the page and the API's upload)."""
    try:
        vkey, copy = server_log()
    except (EmptyLog, FileNotFoundError) as error:
        report = Report()
        report.problems.append(str(error))
        return report
    return checking.check_pdf(data, vkey=vkey, log=copy)
