"""The log as C2SP tlog-tiles under /log/: the checkpoint, tiles of hashes and entry bundles.

Static resources that any tiles client can mirror and check; the same log as the JSON API under
/api/v1/log/. Only GET and HEAD.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from accord.ledger import log
from accord_verify import tiles

# A tile of a given width never changes once it exists (a partial tile is a prefix of its full
# tile), so caches may keep it for good; the checkpoint moves with every act.
IMMUTABLE = "public, max-age=31536000, immutable"
MUTABLE = "no-cache"


def _text(body: str, status: int) -> HttpResponse:
    response = HttpResponse(body, status=status, content_type="text/plain; charset=utf-8")
    # A tile missing now may exist after the next act: a refusal is never cached.
    response["Cache-Control"] = MUTABLE
    return response


def _not_found(path: str) -> HttpResponse:
    return _text(f"no {path} in the log's latest checkpoint\n", 404)


@require_safe
def checkpoint(request: HttpRequest) -> HttpResponse:
    latest = log.latest_checkpoint()
    if latest is None:
        return _text("the log is empty: no checkpoint yet\n", 404)
    return _text(latest.note, 200)


def _octets(body: bytes) -> HttpResponse:
    response = HttpResponse(body, content_type="application/octet-stream")
    response["Cache-Control"] = IMMUTABLE
    return response


@require_safe
def tile(request: HttpRequest, path: str) -> HttpResponse:
    found = tiles.parse_tile_path(path)
    if found is None or found.level is None:
        return _not_found("tile/" + path)
    hashes = log.tile_hashes(found)
    return _not_found(found.path()) if hashes is None else _octets(hashes)


@require_safe
@gzip_page
def entry_bundle(request: HttpRequest, path: str) -> HttpResponse:
    found = tiles.parse_tile_path("entries/" + path)
    if found is None:
        return _not_found("tile/entries/" + path)
    data = log.bundle_entries(found)
    if data is None:
        return _not_found(found.path())
    try:
        return _octets(tiles.entry_bundle(found.first_hash(), data))
    except tiles.EntryTooLarge as error:
        # The format cannot carry it; saying so beats serving a bundle no client can read.
        return _text(f"{error}; read it from /api/v1/log/entries/{error.seq}\n", 501)
