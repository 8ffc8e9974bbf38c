"""What every page that shows or acts shares: the request's viewer and actor, and one way from a form to an action.

Every page form is a Django form (`ActForm`) whose field names are the action's parameter names, so that
an action's refusal (`AccordError(field, reason)`) lands beside the field it names, under its label, in
the reader's language. A view does three things and no more:

    form = ProposalForm(request.POST or None, viewer=viewer_of(request))
    if request.method == "POST" and (created := form.act(request, lambda actor, data: actions.propose(
            actor=actor, **data))):
        return redirect(...)
    return render_form(request, "decisions/new.html", {"form": form, ...}, form)

A POST that changes something is wrapped in `@acting`: an anonymous request gets the same answer on every
page (a redirect to the sign-in page, before anything is looked up), so that what a stranger sees never
depends on whether the thing they posted to exists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import wraps
from typing import Any, ParamSpec, TypeVar
from urllib.parse import urlencode, urlsplit

from django import forms
from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accord.core.acting import Actor
from accord.core.errors import AccordError, InvalidInput
from accord.core.policy import Viewer
from accord.core.policy import viewer_of as _viewer_of_user
from accord.core.translations import bind_form_languages, language_name, text_refusal

T = TypeVar("T")
P = ParamSpec("P")


def viewer_of(request: HttpRequest) -> Viewer:
    """The request's viewer, worked out once per request (a member's person costs a query)."""
    cached: Viewer | None = getattr(request, "_accord_viewer", None)
    if cached is None:
        cached = _viewer_of_user(getattr(request, "user", None))
        request._accord_viewer = cached  # type: ignore[attr-defined]  # a per-request cache on Django's object
    return cached


def actor_of(request: HttpRequest) -> Actor:
    """The signed-in person acting through this request. Views reach it only behind `@acting`."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionError("an anonymous request reached an action: the view lacks @acting")
    return Actor(person=user)


def sign_in_redirect(request: HttpRequest) -> HttpResponseRedirect:
    """To the sign-in page, coming back afterwards to the page the form was on (same site only)."""
    back = "/"
    referer = urlsplit(request.headers.get("Referer", ""))
    if referer.path and referer.netloc in ("", request.get_host()):
        back = referer.path + (f"?{referer.query}" if referer.query else "")
    return HttpResponseRedirect(f"{reverse('web:login')}?{urlencode({'next': back})}", status=303)


def acting(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """A POST-only view that acts: an anonymous request is sent to sign in before anything is looked up."""

    @require_POST
    @wraps(view)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        request = args[0]
        assert isinstance(request, HttpRequest)
        if not request.user.is_authenticated:
            return sign_in_redirect(request)
        return view(*args, **kwargs)

    return guarded


# The field a confirmed irreversible act carries: the page's script adds it once the person has answered the
# dialog, and the confirmation page (below) re-posts it with everything the form sent.
CONFIRMED = "confirmed"


def confirming(sentence: Any) -> Callable[[Callable[P, HttpResponse]], Callable[P, HttpResponse]]:
    """An irreversible act (under `@acting`) runs only when its form says it was confirmed.

    A POST without `confirmed=1` (a browser without script, which showed no dialog) is answered with a page
    saying what cannot be undone (`sentence`, the form's own `data-confirm`) and a Confirm button re-posting
    the same fields, with a fresh CSRF token; nothing happens until then. With script the dialog asked, and
    `web/accord.js` adds the field.
    """

    def decorate(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
        @wraps(view)
        def asked(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
            request = args[0]
            assert isinstance(request, HttpRequest)
            return unconfirmed(request, sentence) or view(*args, **kwargs)

        return asked

    return decorate


def unconfirmed(request: HttpRequest, sentence: Any) -> HttpResponse | None:
    """The confirmation page for a POST that does not say it was confirmed; None when it does."""
    if request.POST.get(CONFIRMED) == "1":
        return None
    fields = [(name, value) for name, values in request.POST.lists() for value in values
              if name not in (CONFIRMED, "csrfmiddlewaretoken")]
    return render(request, "core/confirm.html", {
        "sentence": sentence, "action": request.path, "fields": fields, "back": _same_site_back(request)})


def _same_site_back(request: HttpRequest) -> str:
    referer = urlsplit(request.headers.get("Referer", ""))
    if referer.path and referer.netloc in ("", request.get_host()):
        return referer.path + (f"?{referer.query}" if referer.query else "")
    return "/"


class Renderer(DjangoTemplates):
    """Django's form renderer with Accord's field markup: label, hint, errors, then the input."""

    form_template_name = "core/forms/fields.html"
    field_template_name = "core/forms/field.html"


class ActForm(forms.Form):
    """A page form whose cleaned data go to one action, and whose action's refusals come back onto it.

    Field names are the action's keyword parameters. `refused` holds the action's error, if any, for the
    page's status code.
    """

    def __init__(self, *args: Any, languages: Sequence[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.refused: AccordError | None = None
        # A translatable field takes a text per organization language (read once, unless the view
        # passes the languages it already has).
        bind_form_languages(self.fields, languages)

    def refuse(self, failure: AccordError) -> None:
        """Put an action's refusal beside the field it names, or above the form when it names none of them."""
        self.refused = failure
        stem, _dot, language = failure.field.partition(".")
        if failure.field in self.fields:
            self.add_error(failure.field, str(failure.reason))
        elif language and stem in self.fields and isinstance(failure, InvalidInput):
            # `title.fr`: beside the title, naming it by its label and the language once.
            self.add_error(stem, text_refusal(str(self.fields[stem].label or stem), failure))
        elif language and stem in self.fields:
            self.add_error(stem, f"{language_name(language, in_a_sentence=True)}: {failure.reason}")
        else:
            self.add_error(None, labelled(failure))

    def act(self, request: HttpRequest, call: Callable[[Actor, dict[str, Any]], T]) -> T | None:
        """Run `call(actor, cleaned_data)` if the form is valid; None (with the errors on the form) if not."""
        if not self.is_valid():
            return None
        try:
            return call(actor_of(request), self.cleaned_data)
        except AccordError as failure:
            self.refuse(failure)
            return None

    @property
    def status(self) -> int:
        """The page's status: 200 unless the form was refused (by its own checks or by the action)."""
        if self.refused is not None:
            return self.refused.status
        return 400 if self.is_bound and self.errors else 200


# The fields actions name that a form may not carry as such (the object in the URL, the acting member).
_LABELS: Mapping[str, Any] = {
    "member": _("Member state"),
    "proposal": _("Proposal"),
    "procedure": _("Procedure"),
    "decision": _("Decision"),
    "session": _("Session"),
    "item": _("Agenda item"),
    "document": _("Document"),
    "crisis": _("Request"),
    "person": _("Person"),
    "actor": _("You"),
    "signature": _("Signature"),
    # The charter's rotation and dates (members.actions.configure_organization; the API sets them).
    "rotation_order": _("Rotation order"),
    "anchor_member": _("Member holding the reference term"),
    "anchor_term": _("Reference term (year)"),
    "term_years": _("Length of a term (years)"),
    "treaty_signed_on": _("Treaty signed on"),
    "treaty_in_force_on": _("Treaty in force since"),
    "charter_signed_on": _("Charter signed on"),
    "charter_in_force_on": _("Charter in force since"),
}


# The part after a text's field that names one of its languages (`title.fr`).
_LANGUAGE_CODE = re.compile(r"[a-z]{2}")


def field_label(field: str, package: str = "") -> str:
    """What a person calls a field an action or the API names, in the reader's language: its label on
    the refusing app's forms (`package`, e.g. `accord.crises`), the thing it names, or its label on any
    form; `title.fr` as "Title, French". Empty for a field no page shows (`signature.sig`, a statement's
    `statement.body.reason`), whose key alone says where it is."""
    stem, dot, language = field.partition(".")
    if dot and not _LANGUAGE_CODE.fullmatch(language):
        return ""
    found = (package and _form_labels(package).get(stem)) or _LABELS.get(stem) or _form_labels("").get(stem)
    if found is None:
        return ""
    label = str(found)
    return f"{label}, {language_name(language, in_a_sentence=True)}" if language else label


def labelled(failure: AccordError) -> str:
    """A refusal as a person reads it: the field by its label, then why (only why, for a field no page
    shows: its key would mean nothing to the reader)."""
    label = field_label(failure.field, failure.package)
    return f"{label}: {failure.reason}" if label else str(failure.reason)


def _form_labels(package: str) -> dict[str, Any]:
    """Each field's label on the page forms of `package` (every page form when empty), the first form's
    label where two differ. Read from the forms themselves, which the URLs have imported, so that a label
    is written once, where the page shows it."""
    labels: dict[str, Any] = {}
    for form in _subclasses(ActForm):
        if package and not form.__module__.startswith(f"{package}."):
            continue
        for name, field in form.base_fields.items():
            if field.label and not field.widget.is_hidden:
                labels.setdefault(name, field.label)
    return labels


def _subclasses(cls: type[ActForm]) -> list[type[ActForm]]:
    return [each for sub in cls.__subclasses__() for each in (sub, *_subclasses(sub))]


def render_form(request: HttpRequest, template: str, context: dict[str, Any], form: ActForm) -> HttpResponse:
    """The page with its form, answered 400 (or the action's status) when the form came back refused."""
    return render(request, template, context, status=form.status)
