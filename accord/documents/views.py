"""The documents' pages: thin views over the query functions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accord.core import clock, filters, paging, provenance
from accord.core.acting import Actor
from accord.core.drawing import svg_number
from accord.core.errors import NotFound
from accord.core.pages import ActForm, acting, render_form, sign_in_redirect, viewer_of
from accord.core.policy import Viewer
from accord.decisions import queries as decisions
from accord.decisions.models import Decision, Proposal
from accord.decisions.queries import decision_by_identifier
from accord.documents import actions, lifecycle, policies, queries, verification
from accord.documents.forms import (
    AdoptForm,
    AmendForm,
    DecideAmendmentForm,
    DocumentForm,
    NotifyForm,
    SignPlaceForm,
    StepForm,
    VerifyForm,
    VersionForm,
)
from accord.documents.models import Adoption, Document, Kind, Version
from accord.members.models import Member
from accord_verify import entries, texts

STAGE_LABELS = {
    "open": _("Open for signature"), "signed": _("Signed"),
    "signed_with_reservations": _("Signed with reservations"),
    "instrument": _("Instrument deposited"), "provisional": _("Applied provisionally"), "in_force": _("In force"),
    "denounced": _("Denounced"), "ceased": _("Ceased to be a party"),
}
# The grid's column heads (shorter than the stages' names).
GRID_HEADS = {
    "signed": _("Signed"), "instrument": _("Instrument"), "provisional": _("Provisional"),
    "in_force": _("In force"), "denounced": _("Left"),
}
# The grid's geometry, in SVG user units; the template writes the svg_number texts, never a number.
CELL_W, CELL_H, LABEL_W, HEAD_H = 160, 34, 190, 46  # a cell holds "30 septembre 2026 *"


@dataclass(frozen=True)
class Cell:
    x: int
    y: int
    stage: str
    reached: bool
    day: dt.date | None
    starred: bool = False  # a signature with reservations
    entry: int | None = None  # the step's entry that gives the day, for its certainty mark

    @property
    def rect_x(self) -> str:
        return svg_number(self.x + 2)

    @property
    def date_x(self) -> str:
        return svg_number(self.x + 10)


@dataclass(frozen=True)
class GridRow:
    y: int
    code: str
    name: str
    stage: str
    cells: list[Cell]
    reservations: bool = False

    @property
    def text_y(self) -> str:
        return svg_number(self.y + 22)

    @property
    def rect_y(self) -> str:
        return svg_number(self.y + 3)

    # A cell whose day carries a certainty mark: the day above, the mark below it.
    @property
    def upper_y(self) -> str:
        return svg_number(self.y + 16)

    @property
    def mark_y(self) -> str:
        return svg_number(self.y + 28)

    @property
    def stage_label(self) -> str:
        return str(STAGE_LABELS.get(self.stage, self.stage))


def _stages(doc: Document) -> tuple[str, ...]:
    return lifecycle.STAGES if doc.needs_ratification else ("signed", "in_force")


def status_grid(doc: Document, table: lifecycle.Table) -> dict[str, Any]:
    """The status table laid out as an SVG grid: a row per member, a column per stage."""
    stages = _stages(doc)
    # A state's name in the reader's language (str() picks it, with the organization's default for a missing one).
    names = {member.code: str(member.name) for member in Member.objects.all()}
    rows = []
    for i, row in enumerate(table.rows):
        y = HEAD_H + i * CELL_H
        cells = [Cell(LABEL_W + j * CELL_W, y, stage, row.date_of(stage) is not None, row.date_of(stage),
                      stage == "signed" and row.with_reservations, row.entries.get(stage))
                 for j, stage in enumerate(stages)]
        name = names.get(row.member) or row.member
        rows.append(GridRow(y, row.member, name, row.stage, cells, row.with_reservations))
    return {"stages": [(svg_number(LABEL_W + j * CELL_W + 4), GRID_HEADS[s]) for j, s in enumerate(stages)],
            "rows": rows,
            "width": svg_number(LABEL_W + len(stages) * CELL_W), "height": svg_number(HEAD_H + len(rows) * CELL_H),
            "rect_w": svg_number(CELL_W - 4), "rect_h": svg_number(CELL_H - 6), "table": table,
            "reservations": any(row.with_reservations for row in table.rows)}


def _document(request: HttpRequest, pk: int) -> Document:
    try:
        return queries.document(viewer_of(request), pk)
    except NotFound:
        raise Http404("no such document") from None


@require_GET
def documents(request: HttpRequest) -> HttpResponse:
    """The documents the viewer may see, newest first, a page at a time: filtered by kind and state on a light
    read of every document; only the page's documents are read in full."""
    listed = queries.listed_documents(viewer_of(request))
    adopted = queries.adopted_document_ids()
    form = DocumentFilters(request.GET, {
        "kind": Kind.choices,
        "status": [("adopted", pgettext_lazy("document", "Adopted")),
                   ("draft", pgettext_lazy("document", "Draft"))],
    })
    kept = filters.narrow(listed, form.chosen(), {
        "kind": lambda row, v: row.kind == v,
        "status": lambda row, v: (row.pk in adopted) == (v == "adopted"),
    })
    page = paging.page_of(request, kept)
    shown = queries.documents_by_id([row.pk for row in page])
    # A treaty in force (by its status table, from the recorded instruments) says so rather than "Draft".
    in_force = queries.in_force(shown)
    # A reported title or adoption is marked, in one read.
    provenance.preload(request, [*(doc.created_seq for doc in shown), *(adopted.get(doc.pk) for doc in shown)])
    return render(request, "documents/list.html", {
        "documents": shown, "page": page, "paging": paging.page_links(request), "adopted": adopted,
        "filters": form, "in_force": in_force, "count": page.paginator.count, "nav": "documents"})


class DocumentFilters(filters.ListFilters):
    kind = filters.choice(_("Kind"))
    status = filters.choice(_("State"))


def _decided(viewer: Viewer, decision: Decision | None) -> Proposal | None:
    """The adopting decision's proposal (for its page and its body), where the viewer may see it."""
    return None if decision is None else decisions.proposal(viewer, decision.proposal_id)


def _live_context(request: HttpRequest, doc: Document) -> dict[str, Any]:
    signatures = queries.signatures_of(doc)
    steps = list(doc.steps.all())
    table = queries.status(doc, clock.today(), signatures, steps)
    adoption = queries.adoption_of(doc)
    decision = decision_by_identifier(adoption.decision) if adoption else None
    viewer = viewer_of(request)
    decided = _decided(viewer, decision)
    signs_for = None
    if adoption and policies.signs(viewer, doc, {s.member_id for s in signatures}) is None:
        signs_for = viewer.member
    return {"document": doc, "table": table, "grid": status_grid(doc, table), "signatures": signatures,
            "steps": steps, "adoption": adoption, "signs_for": signs_for,
            # The adopting decision as the register holds it, else as the adoption recorded it.
            "adopted_by": decision or (adoption.decision if adoption else ""),
            # Its body, for a sentence that names the decision without pasting in its long identifier, which
            # repeats the day and the title the page shows already (where the viewer may see the decision).
            "adopting_body": decided.body.name if decided else None,
            "decision_url": reverse("decisions:proposal", args=[decided.pk]) if decided else None,
            "today": clock.today(), "sign_place": SignPlaceForm() if signs_for else None,
            "message": entries.b64(texts.signing_message(adoption.version.hash)) if adoption else ""}


def _page(request: HttpRequest, doc: Document, refused: ActForm | None = None) -> HttpResponse:
    """The document's page; after a refused act, with that act's form bound, its errors beside its fields."""
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
    viewer = viewer_of(request)
    context = _live_context(request, doc)
    amendments = queries.amendments_of(doc)
    adopted = context["adoption"] is not None
    numbers = [v.number for v in versions]
    decide_forms = {item.amendment.pk: DecideAmendmentForm(amendment=item.amendment.pk) for item in amendments}
    written = text_languages(versions)
    forms: dict[str, ActForm] = {
        "amend_form": AmendForm(versions=numbers, text_languages=written),
        "version_form": VersionForm(text_languages=written),
        "adopt_form": AdoptForm(versions=numbers), "step_form": StepForm(signatories=doc.signatories),
        "notify_form": NotifyForm(),
    }
    if isinstance(refused, DecideAmendmentForm):
        decide_forms[refused.amendment] = refused
    elif refused is not None:
        forms[_FORMS[type(refused)]] = refused
    context.update({
        "versions": shown, "amendments": amendments,
        "notifications": list(doc.notifications.all()), "nav": "documents",
        "may": _offers(viewer, doc, adopted, amendments, context["adoption"]),
        "decide_forms": decide_forms, **forms,
    })
    if refused is not None:
        return render_form(request, "documents/document.html", context, refused)
    return render(request, "documents/document.html", context)


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


def _acted(request: HttpRequest, doc: Document, form: ActForm, done: object, anchor: str) -> HttpResponse:
    """Back to the document's form that acted when the act was taken; the page with the refused form if not."""
    if done is None:
        return _page(request, doc, form)
    return redirect(f"{reverse('documents:document', args=[doc.pk])}#{anchor}")


def _versions(doc: Document) -> list[int]:
    return list(doc.versions.values_list("number", flat=True))


def text_languages(versions: list[Version]) -> list[str]:
    """The languages of a document's texts, as its versions first gave them."""
    return list(dict.fromkeys(code for version in versions for code in version.texts))


@acting
def add_version(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document(request, pk)
    form = VersionForm(request.POST, text_languages=text_languages(list(doc.versions.all())))
    return _acted(request, doc, form, form.act(request, lambda actor, data: actions.add_version(
        actor=actor, document=doc.pk, **data)), "version")


@acting
def amend(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document(request, pk)
    form = AmendForm(request.POST, versions=_versions(doc),
                     text_languages=text_languages(list(doc.versions.all())))
    return _acted(request, doc, form, form.act(request, lambda actor, data: actions.propose_amendment(
        actor=actor, document=doc.pk, **data)), "amend")


@acting
def decide_amendment(request: HttpRequest, pk: int, amendment: int) -> HttpResponse:
    doc = _document(request, pk)
    form = DecideAmendmentForm(request.POST, amendment=amendment)

    def decide(actor: Actor, data: dict[str, Any]) -> object:
        if data["decision"] == "accept":
            return actions.accept_amendment(actor=actor, amendment=amendment)
        return actions.reject_amendment(actor=actor, amendment=amendment, reason=data["reason"])

    return _acted(request, doc, form, form.act(request, decide), f"amendment-{amendment}")


@acting
def adopt(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document(request, pk)
    form = AdoptForm(request.POST, versions=_versions(doc))
    return _acted(request, doc, form, form.act(request, lambda actor, data: actions.adopt_version(
        actor=actor, document=doc.pk, **data)), "adopt")


@acting
def record_step(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document(request, pk)
    form = StepForm(request.POST, signatories=doc.signatories)
    return _acted(request, doc, form, form.act(request, lambda actor, data: actions.record_step(
        actor=actor, document=doc.pk, **data)), "step")


@acting
def notify(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document(request, pk)
    form = NotifyForm(request.POST)
    return _acted(request, doc, form, form.act(request, lambda actor, data: actions.notify(
        actor=actor, document=doc.pk, **data)), "notify")


# Which context name each act's form has on the document's page (_page builds them unbound).
_FORMS: dict[type[ActForm], str] = {
    AmendForm: "amend_form", VersionForm: "version_form", AdoptForm: "adopt_form", StepForm: "step_form",
    NotifyForm: "notify_form",
}


@require_http_methods(["GET", "POST"])
def new_document(request: HttpRequest) -> HttpResponse:
    """Draft a document with its first version, from the list page's form."""
    if not request.user.is_authenticated:
        if request.method == "POST":
            return sign_in_redirect(request)
        return redirect_to_login(request.get_full_path())
    form = DocumentForm(request.POST if request.method == "POST" else None)
    if form.is_bound and (doc := form.act(request, lambda actor, data: actions.create_document(
            actor=actor, **data))):
        return redirect("documents:document", pk=doc.pk)
    return render_form(request, "documents/new.html", {"nav": "documents", "form": form}, form)


@require_GET
def document_live(request: HttpRequest, pk: int) -> HttpResponse:
    """The part of a document's page that a signature or a treaty step changes, for live refresh."""
    return render(request, "documents/partials/live.html", _live_context(request, _document(request, pk)))


# The same check offline, as the verify page names it (a command: set as code, never translated).
OFFLINE_COMMAND = "accord ledger verify-document FILE.pdf --log EXPORT --key VKEY"


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Check an uploaded printed document against the ledger; anyone may, as offline."""
    form = VerifyForm(request.POST, request.FILES) if request.method == "POST" else VerifyForm()
    valid = form.is_bound and form.is_valid()
    report = verification.verify_pdf(form.cleaned_data["file"].read()) if valid else None
    return render(request, "documents/verify.html", {"form": form, "report": report, "nav": "documents",
                                                      "offline_command": OFFLINE_COMMAND}, status=form.status)
