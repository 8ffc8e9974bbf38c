"""The search API: `GET /api/v1/search?q=&kind=&page=`, the same search as the page, for the caller."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router

from accord.core.context import viewer_for
from accord.search import queries
from accord.search.schemas import HitOut, SearchOut

router = Router(tags=["search"])

KindParam = Literal["act", "session", "item", "statement", "proposal", "document", "crisis"]


@router.get("/search", response=SearchOut, summary="Search what the caller may see",
            description="Words in any working language (a word's beginning matches too); each result is "
                        "something the caller may see, and nothing it may not see is counted.")
def search(request: HttpRequest, q: str = "", kind: KindParam | None = None, page: int = 1) -> SearchOut:
    found = queries.search(viewer_for(request), q[:queries.MAX_QUERY], kind=kind, page=page,
                           language=(get_language() or "en").split("-")[0])
    return SearchOut(q=q, kind=found.kind, total=found.total, counts=found.counts, page=found.page,
                     pages=found.num_pages,
                     hits=[HitOut(kind=hit.kind, ref=hit.ref, language=hit.language, title=hit.title,
                                  snippet=str(hit.snippet), url=hit.url) for hit in found.hits])
