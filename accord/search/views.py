"""The search page: what the viewer may see that matches, grouped by kind, in the reader's language."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from accord.core.context import viewer_for
from accord.search import queries


def _page(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:queries.MAX_QUERY]
    kind = request.GET.get("kind") or None
    found = queries.search(viewer_for(request), query, kind=kind, page=_page(request.GET.get("page")),
                           language=(get_language() or "en").split("-")[0])
    kept = {"q": query, **({"kind": found.kind} if found.kind else {})}
    return render(request, "search/results.html", {"results": found, "query": query, "searched": bool(query),
                                                   "paging": f"?{urlencode(kept)}&", "nav": "search"})
