"""Minutes of a session as a page and as PDF (WeasyPrint), public or closed version, by who reads.

The minutes are one template (meetings/partials/minutes_body.html) rendered in one language: the one
asked for (`?lang=fr`, among the organization's languages), else the reader's. Inside `{% language %}`
the words, the texts (`|tr`) and the dates (Django's localized DATE_FORMAT) all follow that language.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language

from accord.core.translations import content_languages
from accord.meetings import queries
from accord_verify.checking import MINUTES_GENERATOR


def language_of(request: HttpRequest) -> str:
    """The language the minutes are asked in: one of the organization's, else the reader's own."""
    asked = request.GET.get("lang", "")
    if asked in content_languages():
        return asked
    return (get_language() or content_languages()[0]).split("-")[0]


def context(request: HttpRequest, view: queries.SessionView, *, public: bool,
            standing: queries.MinutesView | None = None) -> dict[str, object]:
    return {"view": view, "session": view.session, "public": public, "language": language_of(request),
            "languages": content_languages(), "standing": standing or queries.minutes_of(view)}


def html(request: HttpRequest, view: queries.SessionView, *, public: bool,
         standing: queries.MinutesView | None = None) -> str:
    # The PDF names itself as minutes, so that the verify page says what it is (accord_verify.checking).
    return render_to_string("meetings/minutes_pdf.html", {
        **context(request, view, public=public, standing=standing), "generator": MINUTES_GENERATOR},
        request=request)


def pdf_response(request: HttpRequest, view: queries.SessionView, *, public: bool = False,
                 standing: queries.MinutesView | None = None) -> HttpResponse:
    from weasyprint import HTML

    document = HTML(string=html(request, view, public=public, standing=standing),
                    base_url=request.build_absolute_uri("/"))
    response = HttpResponse(document.write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="minutes-{view.session.pk}.pdf"'
    return response
