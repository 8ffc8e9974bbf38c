"""Minutes of a session as a page and as PDF (WeasyPrint), public or closed version, by who reads."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from accord.meetings import queries


def html(request: HttpRequest, view: queries.SessionView, *, public: bool) -> str:
    return render_to_string("meetings/minutes_pdf.html", {"view": view, "public": public}, request=request)


def pdf_response(request: HttpRequest, view: queries.SessionView, *, public: bool = False) -> HttpResponse:
    from weasyprint import HTML

    document = HTML(string=html(request, view, public=public), base_url=request.build_absolute_uri("/"))
    response = HttpResponse(document.write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="minutes-{view.session.pk}.pdf"'
    return response
