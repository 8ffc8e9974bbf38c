"""A document version as PDF (WeasyPrint): the authentic text, the signature blocks, the verification
section, and the machine-readable verification record attached."""

from __future__ import annotations

import json

from django.template.loader import render_to_string
from django.utils import translation

from accord.documents import queries, texts, verification
from accord.documents.models import Document, Version
from accord.ledger.models import Checkpoint
from accord.members.models import Member


def render(document: Document, version: Version) -> bytes:
    from weasyprint import HTML, Attachment

    signatures = [s for s in queries.signatures_of(document) if s.version_id == version.pk]
    record = verification.payload(document, version, signatures)
    names = dict(Member.objects.values_list("code", "name_ru"))
    names_en = dict(Member.objects.values_list("code", "name_en"))
    by_member = {s.member_id: s for s in signatures}
    checkpoint = Checkpoint.objects.order_by("-size").first()
    with translation.override("ru" if "ru" in version.authentic else "en"):
        html = render_to_string("documents/pdf.html", {
            "document": document,
            "version": version,
            "authentic": [(lang, texts.paragraphs(version.texts[lang])) for lang in version.authentic],
            "blocks": [{"code": code, "name": names.get(code) or code, "name_en": names_en.get(code) or code,
                        "signature": by_member.get(code)} for code in document.signatories],
            "record": record,
            "checkpoint_size": checkpoint.size if checkpoint else None,
        })
    attachment = Attachment(string=json.dumps(record, ensure_ascii=False, indent=1), base_url=".",
                            name=verification.ATTACHMENT, description="Accord verification record")
    pdf: bytes = HTML(string=html).write_pdf(attachments=[attachment])
    return pdf
