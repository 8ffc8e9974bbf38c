"""The documents' pages: thin views over the query functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.core import clock
from accord.core.acting import Actor
from accord.core.errors import AccordError, NotFound
from accord.core.middleware import max_request_bytes
from accord.core.policy import Viewer
from accord.decisions import queries as decisions
from accord.decisions.queries import decision_by_identifier
from accord.documents import actions, lifecycle, policies, queries, texts, verification
from accord.documents.models import Adoption, Document, ForceRule, Kind, StepKind, Version
from accord.ledger import entries
from accord.members.models import Member
from accord.web.context import viewer_for

STAGE_LABELS = {
    "open": _("Open for signature"), "signed": _("Signed"),
    "signed_with_reservations": _("Signed with reservations"),
    "instrument": _("Instrument deposited"), "provisional": _("Applied provisionally"), "in_force": _("In force"),
    "denounced": _("Denounced"), "ceased": _("Ceased to be a party"),
}
# The grid's geometry, in SVG user units.
CELL_W, CELL_H, LABEL_W, HEAD_H = 126, 34, 190, 46


@dataclass(frozen=True)
class Cell:
    x: int
    y: int
    stage: str
    reached: bool
    day: dt.date | None


@dataclass(frozen=True)
class GridRow:
    y: int
    code: str
    name: str
    stage: str
    cells: list[Cell]
    reservations: bool = False

    @property
    def stage_label(self) -> str:
        return str(STAGE_LABELS.get(self.stage, self.stage))


def _stages(doc: Document) -> tuple[str, ...]:
    return lifecycle.STAGES if doc.needs_ratification else ("signed", "in_force")


def status_grid(doc: Document, table: lifecycle.Table) -> dict[str, Any]:
    """The status table laid out as an SVG grid: a row per member, a column per stage."""
    stages = _stages(doc)
    names = dict(Member.objects.values_list("code", "name_en"))
    names_ru = dict(Member.objects.values_list("code", "name_ru"))
    from django.utils.translation import get_language

    russian = (get_language() or "en")[:2] == "ru"
    rows = []
    for i, row in enumerate(table.rows):
        y = HEAD_H + i * CELL_H
        cells = [Cell(LABEL_W + j * CELL_W, y, stage, row.date_of(stage) is not None, row.date_of(stage))
                 for j, stage in enumerate(stages)]
        name = (names_ru if russian else names).get(row.member) or row.member
        rows.append(GridRow(y, row.member, name, row.stage, cells, row.with_reservations))
    return {"stages": [(LABEL_W + j * CELL_W, s) for j, s in enumerate(stages)], "rows": rows,
            "width": LABEL_W + len(stages) * CELL_W, "height": HEAD_H + len(rows) * CELL_H,
            "cell_w": CELL_W, "cell_h": CELL_H, "table": table,
            "reservations": any(row.with_reservations for row in table.rows)}


def _document(request: HttpRequest, pk: int) -> Document:
    try:
        return queries.document(viewer_for(request), pk)
    except NotFound:
        raise Http404("no such document") from None


@require_GET
def documents(request: HttpRequest) -> HttpResponse:
    found = queries.documents(viewer_for(request))
    adopted = queries.adopted_document_ids()
    return render(request, "documents/list.html", {"documents": found, "adopted": adopted, "nav": "documents"})


def _decision_url(viewer: Viewer, adoption: Adoption | None) -> str | None:
    """The adopting decision's page, where the viewer may see its proposal."""
    decision = decision_by_identifier(adoption.decision) if adoption else None
    if decision is None or decisions.proposal(viewer, decision.proposal_id) is None:
        return None
    return reverse("decisions:proposal", args=[decision.proposal_id])


def _live_context(request: HttpRequest, doc: Document) -> dict[str, Any]:
    table = queries.status(doc, clock.today())
    adoption = queries.adoption_of(doc)
    signatures = queries.signatures_of(doc)
    viewer = viewer_for(request)
    signs_for = None
    if adoption and policies.signs(viewer, doc, {s.member_id for s in signatures}) is None:
        signs_for = viewer.member
    return {"document": doc, "table": table, "grid": status_grid(doc, table), "signatures": signatures,
            "adoption": adoption, "signs_for": signs_for, "decision_url": _decision_url(viewer, adoption),
            "message": entries.b64(texts.signing_message(adoption.version.hash)) if adoption else ""}


def _page(request: HttpRequest, doc: Document, form_error: dict[str, Any] | None = None,
          status: int = 200) -> HttpResponse:
    versions = list(doc.versions.all())
    shown = []
    previous: Version | None = None
    for version in versions:
        languages = []
        for language in sorted(version.texts, key=lambda lang: (lang not in version.authentic, lang)):
            diff = queries.version_diff(previous, version, language) if previous else None
            languages.append({"code": language, "authentic": language in version.authentic,
                              "paragraphs": texts.paragraphs(version.texts[language]),
                              "diff": diff if diff and any(p.op != "same" for p in diff) else None})
        shown.append({"version": version, "languages": languages})
        previous = version
    viewer = viewer_for(request)
    context = _live_context(request, doc)
    amendments = queries.amendments_of(doc)
    adopted = context["adoption"] is not None
    context.update({
        "versions": shown, "amendments": amendments, "steps": list(doc.steps.all()),
        "notifications": list(doc.notifications.all()), "nav": "documents",
        "may": _offers(viewer, doc, adopted, amendments, context["adoption"]),
        "version_options": [(v.number, v.number) for v in versions],
        "language_options": [(code, code) for code in texts.LANGUAGES],
        "member_options": [(code, code) for code in doc.signatories],
        "step_options": [(value, label) for value, label in StepKind.choices],
        "form_error": form_error, "values": request.POST if form_error else {},
    })
    return render(request, "documents/document.html", context, status=status)


def _offers(viewer: Viewer, doc: Document, adopted: bool, amendments: list[Any],
            adoption: Adoption | None) -> dict[str, Any]:
    """Which of the page's forms to show: each exactly when the policy says its action would accept it."""
    if viewer.handle is None:
        return {}
    return {
        "work_on": policies.works_on(viewer, adopted) is None,
        "decide_amendment": {item.amendment.pk for item in amendments
                             if policies.decides_amendment(viewer, item.amendment, adopted, accept=True) is None},
        "adopt": policies.adopts(viewer, adoption.version.number if adoption else None,
                                 adoption.seq if adoption else None) is None,
        # A document that takes effect on signature has no instruments: its steps are not offered.
        "record_step": doc.needs_ratification and policies.keeps_documents(viewer, "record treaty steps") is None,
        "notify": policies.keeps_documents(viewer, "send depositary notifications") is None,
    }


@require_GET
def document(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _document(request, pk))


def _actor(request: HttpRequest) -> Actor:
    return Actor(person=request.user)  # type: ignore[arg-type]


def _number(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def _run(request: HttpRequest, doc: Document, form: str, act: Callable[[], Any], target: int | None = None
         ) -> HttpResponse:
    """Do one act from a page's form; on a refusal, the page again with the reason at its field."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        act()
    except AccordError as error:
        return _page(request, doc, {"form": form, "field": _field_of(error), "reason": error.reason,
                                    "target": target}, error.status)
    anchor = f"{form}-{target}" if target else form
    return redirect(f"{reverse('documents:document', args=[doc.pk])}#{anchor}")


def _given_texts(data: Any) -> dict[str, str]:
    return {lang: data.get(f"text_{lang}", "") for lang in texts.LANGUAGES if data.get(f"text_{lang}", "").strip()}


def _field_of(error: AccordError) -> str:
    """The form's field for an action's field: texts.ru is the text_ru box."""
    head, _, rest = error.field.partition(".")
    return f"text_{rest}" if head == "texts" and rest else head


@require_POST
def add_version(request: HttpRequest, pk: int) -> HttpResponse:
    doc, data = _document(request, pk), request.POST
    return _run(request, doc, "version", lambda: actions.add_version(
        actor=_actor(request), document=doc.pk, texts=_given_texts(data), authentic=data.getlist("authentic"),
        note=data.get("note", "")))


@require_POST
def amend(request: HttpRequest, pk: int) -> HttpResponse:
    doc, data = _document(request, pk), request.POST
    return _run(request, doc, "amend", lambda: actions.propose_amendment(
        actor=_actor(request), document=doc.pk, version=_number(data.get("version")) or 0,
        language=data.get("language", ""), paragraph=_number(data.get("paragraph")) or 0,
        text=data.get("text", ""), reason=data.get("reason", "")))


@require_POST
def decide_amendment(request: HttpRequest, pk: int, amendment: int) -> HttpResponse:
    doc, data = _document(request, pk), request.POST
    if data.get("decision") == "accept":
        return _run(request, doc, "amendment",
                    lambda: actions.accept_amendment(actor=_actor(request), amendment=amendment), amendment)
    return _run(request, doc, "amendment", lambda: actions.reject_amendment(
        actor=_actor(request), amendment=amendment, reason=data.get("reason", "")), amendment)


@require_POST
def adopt(request: HttpRequest, pk: int) -> HttpResponse:
    doc, data = _document(request, pk), request.POST
    return _run(request, doc, "adopt", lambda: actions.adopt_version(
        actor=_actor(request), document=doc.pk, version=_number(data.get("version")) or 0,
        decision=data.get("decision", ""), adopted_on=data.get("adopted_on")))


@require_POST
def record_step(request: HttpRequest, pk: int) -> HttpResponse:
    doc, data = _document(request, pk), request.POST
    return _run(request, doc, "step", lambda: actions.record_step(
        actor=_actor(request), document=doc.pk, member=data.get("member", ""), kind=data.get("kind", ""),
        on=data.get("on"), reference=data.get("reference", "")))


@require_POST
def notify(request: HttpRequest, pk: int) -> HttpResponse:
    doc, data = _document(request, pk), request.POST
    return _run(request, doc, "notify", lambda: actions.notify(
        actor=_actor(request), document=doc.pk, on=data.get("on"), subject=data.get("subject", ""),
        text=data.get("text", "")))


@require_http_methods(["GET", "POST"])
def new_document(request: HttpRequest) -> HttpResponse:
    """Draft a document with its first version, from the list page's form."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form_error = None
    if request.method == "POST":
        data = request.POST
        given = _given_texts(data)
        try:
            doc = actions.create_document(
                actor=_actor(request), kind=data.get("kind", ""), title_en=data.get("title_en", ""),
                title_ru=data.get("title_ru", ""), texts=given, authentic=data.getlist("authentic"),
                force_rule=data.get("force_rule", ""), force_count=_number(data.get("force_count")),
                force_date=data.get("force_date"))
        except AccordError as error:
            form_error = {"form": "new", "field": _field_of(error), "reason": error.reason}
        else:
            return redirect("documents:document", pk=doc.pk)
    return render(request, "documents/new.html", {
        "nav": "documents", "form_error": form_error, "values": request.POST if form_error else {},
        "kind_options": Kind.choices, "force_options": ForceRule.choices,
    }, status=400 if form_error else 200)


@require_GET
def document_live(request: HttpRequest, pk: int) -> HttpResponse:
    """The part of a document's page that a signature or a treaty step changes, for live refresh."""
    return render(request, "documents/partials/live.html", _live_context(request, _document(request, pk)))


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    report = None
    error = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = "file"
        elif upload.size is not None and upload.size > max_request_bytes("multipart/form-data"):
            # Past the limit the upload waits in a temporary file; it is not read into memory.
            error = "too_large"
        else:
            report = verification.verify_pdf(upload.read())
    status = 413 if error == "too_large" else 400 if error else 200
    return render(request, "documents/verify.html", {"report": report, "error": error, "nav": "documents"},
                  status=status)
