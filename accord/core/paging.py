"""Lists that grow with the record, served a page at a time.

A list page shows `PER_PAGE` rows, `?page=N` the Nth page (Django's Paginator): the rows of other pages
are neither rendered nor read in full, so a page costs the same after a thousand proposals as after ten.
A page number that is not a whole number, or past the last page, is a page not there (404), as the ledger's
are. The page links keep the list's filters.

An API list answers at most `limit` items from `offset` (`?limit=&offset=`, the names most HTTP APIs use),
still a plain JSON array, and says where the rest is in headers: `X-Total-Count` (the items the viewer may
see) and `Link` with `rel="next"` and `rel="prev"` (RFC 8288), as GitHub's API does. A client that reads
only the array gets the newest `limit` items.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from pydantic import Field

T = TypeVar("T")
M = TypeVar("M", bound=Model)

PER_PAGE = 50
API_LIMIT = 100  # an API list's default page
API_MAX_LIMIT = 500

# An API list's parameters: a number out of range is a 422 naming `limit` or `offset`.
Limit = Annotated[int, Field(ge=1, le=API_MAX_LIMIT, description="How many items at most")]
Offset = Annotated[int, Field(ge=0, le=2**31 - 1, description="How many of the newest items to pass over")]


def described(what: str, counted: str = "the viewer may see") -> str:
    """An API list's OpenAPI description of its window: at most `limit` of `what` from `offset`."""
    return (f"At most `limit` {what} (default {API_LIMIT}, at most {API_MAX_LIMIT}) from `offset`. "
            f"`X-Total-Count` is how many {counted}; `Link` names the next and previous pages (RFC 8288).")


def page_of(request: HttpRequest, rows: Sequence[T], per_page: int | None = None) -> Page[T]:
    """The page of `rows` that `?page=` asks for (the first by default)."""
    asked = request.GET.get("page") or "1"
    if not (asked.isascii() and asked.isdigit()):
        raise Http404("page must be a whole number from 1")
    paginator = Paginator(rows, per_page or PER_PAGE)
    number = int(asked)
    if not 1 <= number <= paginator.num_pages:
        raise Http404("no such page")
    return paginator.page(number)


def in_order(rows: QuerySet[M, Any], ids: Sequence[int]) -> list[M]:
    """The rows of these ids (a page's, already those the viewer may see) in the ids' order: one query
    (Django's `in_bulk`, keeping the queryset's select_related and prefetch_related)."""
    found = rows.in_bulk(list(ids))
    return [found[pk] for pk in ids if pk in found]


def page_links(request: HttpRequest) -> str:
    """The start of a page link that keeps the list's other parameters: "?" or "?status=open&"."""
    kept = request.GET.copy()
    kept.pop("page", None)
    return f"?{kept.urlencode()}&" if kept else "?"


def window(request: HttpRequest, response: HttpResponse, total: int, offset: int, limit: int) -> slice:
    """The slice of an API list's items to answer; sets the answer's `X-Total-Count` and `Link` headers."""
    response["X-Total-Count"] = str(total)
    links = []
    if offset + limit < total:
        links.append(f'<{_at(request, offset + limit, limit)}>; rel="next"')
    if offset > 0:
        links.append(f'<{_at(request, max(0, offset - limit), limit)}>; rel="prev"')
    if links:
        response["Link"] = ", ".join(links)
    return slice(offset, offset + limit)


def _at(request: HttpRequest, offset: int, limit: int) -> str:
    asked = request.GET.copy()
    asked["offset"], asked["limit"] = str(offset), str(limit)
    return f"{request.path}?{asked.urlencode()}"
