"""The attachments' pages: the files of a session, an agenda item or a document, their upload, withdrawal
and download. Thin views over the queries; each form posts to one action behind `@acting`."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from accord.attachments import actions, downloads, forms, queries
from accord.attachments.models import On
from accord.attachments.panels import card_context, home_of
from accord.attachments.queries import Target
from accord.core.errors import NotFound
from accord.core.pages import acting, confirming, viewer_of
from accord.core.policy import Viewer


def _target(viewer: Viewer, on: str, pk: int) -> Target:
    try:
        return queries.target(viewer, on, pk)
    except NotFound:
        raise Http404("not found") from None


def _page(request: HttpRequest, on: str, pk: int, form: forms.AttachForm | None = None) -> HttpResponse:
    viewer = viewer_of(request)
    found = _target(viewer, on, pk)
    context = card_context(viewer, found, form)
    context.update({"home": home_of(found), "nav": "documents" if on == On.DOCUMENT else "meetings"})
    return render(request, "attachments/page.html", context, status=form.status if form else 200)


@require_GET
def session_files(request: HttpRequest, session_id: int) -> HttpResponse:
    return _page(request, On.SESSION, session_id)


@require_GET
def item_files(request: HttpRequest, item_id: int) -> HttpResponse:
    return _page(request, On.ITEM, item_id)


@require_GET
def document_files(request: HttpRequest, document_id: int) -> HttpResponse:
    return _page(request, On.DOCUMENT, document_id)


def _attach(request: HttpRequest, on: str, pk: int) -> HttpResponse:
    found = _target(viewer_of(request), on, pk)
    form = forms.AttachForm(request.POST, request.FILES, auto_id=f"attach-{on}-{pk}-%s")
    if form.act(request, lambda actor, data: actions.attach(actor=actor, on=found.on, target=found.pk,
                                                            **form.arguments())) is None:
        return _page(request, on, pk, form)
    return redirect(home_of(found))


@acting
def attach_session(request: HttpRequest, session_id: int) -> HttpResponse:
    return _attach(request, On.SESSION, session_id)


@acting
def attach_item(request: HttpRequest, item_id: int) -> HttpResponse:
    return _attach(request, On.ITEM, item_id)


@acting
def attach_document(request: HttpRequest, document_id: int) -> HttpResponse:
    return _attach(request, On.DOCUMENT, document_id)


@require_GET
def download(request: HttpRequest, attachment_id: int) -> HttpResponse:
    try:
        row, _found = queries.attachment(viewer_of(request), attachment_id)
    except NotFound:
        raise Http404("not found") from None
    response = downloads.download(row)
    if response is None:
        raise Http404("not found")
    return response


@acting
@confirming(gettext_lazy("Withdrawing a file cannot be undone: it is no longer listed or served, and the "
                         "log keeps its act."))
def withdraw(request: HttpRequest, attachment_id: int) -> HttpResponse:
    viewer = viewer_of(request)
    try:
        _row, found = queries.attachment(viewer, attachment_id)
    except NotFound:
        raise Http404("not found") from None
    form = forms.WithdrawForm(request.POST)
    if form.act(request, lambda actor, data: actions.withdraw(actor=actor, attachment=attachment_id)) is None:
        context = card_context(viewer, found)
        context.update({"home": home_of(found), "refusal": form, "nav": "meetings"})
        return render(request, "attachments/page.html", context, status=form.status)
    return redirect(home_of(found))
