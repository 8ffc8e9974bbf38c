"""A document version as PDF (WeasyPrint): every line from documents.printed, made from the ledger
entries it embeds, and the machine-readable verification record attached."""

from __future__ import annotations

import json

from django.template.loader import render_to_string

from accord.core.translations import Texts
from accord.documents import queries, verification
from accord.documents.models import Document, Version
from accord.ledger import log
from accord_verify import checking, printed


def render(document: Document, version: Version) -> bytes:
    from weasyprint import HTML, Attachment

    latest = log.latest_checkpoint()
    covered = latest.size if latest else 0
    # Only what the latest checkpoint covers: the PDF proves each entry it prints against it.
    signatures = [s for s in queries.signatures_of(document) if s.version_id == version.pk and s.seq < covered]
    record = verification.payload(document, version, signatures)
    statements = {item["seq"]: checking.opened(json.loads(item["entry"])["statement"],
                                               record["opened"].get(str(item["seq"])))
                  for item in record["entries"]}
    facts = printed.facts_of(document=document.pk, version=version.number, content=record["content"],
                             statements=statements, origin=record["log"], log_key=record["log_key"],
                             checkpoint=record["checkpoint"] or "")
    # The PDF's language and title: its first authentic text's, in the organization's order.
    language = next(iter(printed.in_order(facts.languages, version.authentic)), document.title.pick().language)
    html = render_to_string("documents/pdf.html", {
        "language": language, "title": Texts.of(record["content"]["title"]).pick(language).text,
        "sections": printed.layout(facts)})
    attachment = Attachment(string=json.dumps(record, ensure_ascii=False, indent=1), base_url=".",
                            name=verification.ATTACHMENT, description="Accord verification record")
    pdf: bytes = HTML(string=html).write_pdf(attachments=[attachment])
    return pdf
