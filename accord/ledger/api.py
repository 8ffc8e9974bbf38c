"""The public log over HTTP: checkpoints, entries, proofs (RFC 9162) and the log's public key."""

from __future__ import annotations

import base64
import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from accord.core.errors import InvalidInput, NotFound
from accord.core.history import sealed_content_for
from accord.core.inputs import Id
from accord.core.policy import viewer_of
from accord.ledger import log
from accord.ledger.logkey import log_key

router = Router(tags=["ledger"])
MAX_RANGE = 1000


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


class EntryOut(Schema):
    seq: int
    type: str
    classification: str
    time: str
    data: str  # the exact canonical JSON that was hashed; its leaf hash is SHA-256(0x00 || data)


class EntryWithProofOut(EntryOut):
    tree_size: int
    leaf_hash: str
    inclusion_proof: list[str]
    root_hash: str
    entry: dict[str, Any]


class ConsistencyOut(Schema):
    first: int
    second: int
    first_root: str
    second_root: str
    proof: list[str]


class SealedOut(Schema):
    seq: int
    commitment: str
    salt: str
    body: dict[str, Any]


def _entry_out(entry: Any) -> dict[str, Any]:
    return {"seq": entry.seq, "type": entry.type, "classification": entry.classification,
            "time": entry.time.isoformat(), "data": entry.data}


def _tree_size(requested: int | None) -> int:
    size = log.size()
    if requested is None:
        checkpoint = log.latest_checkpoint()
        return checkpoint.size if checkpoint else 0
    if not 1 <= requested <= size:
        raise InvalidInput("tree_size", f"must be between 1 and the log's size, {size}")
    return requested


@router.get("/checkpoint", summary="The latest checkpoint, a C2SP signed note",
            response={200: str}, openapi_extra={"responses": {200: {"content": {"text/plain": {}}}}})
def checkpoint(request: HttpRequest) -> HttpResponse:
    latest = log.latest_checkpoint()
    if latest is None:
        raise NotFound("checkpoint", "the log is empty")
    return HttpResponse(latest.note, content_type="text/plain; charset=utf-8")


@router.get("/checkpoints/{size}", summary="The checkpoint signed when the log reached `size`",
            response={200: str}, openapi_extra={"responses": {200: {"content": {"text/plain": {}}}}})
def checkpoint_at(request: HttpRequest, size: Id) -> HttpResponse:
    found = log.checkpoint_at(size)
    if found is None:
        raise NotFound("size", f"no checkpoint was signed at size {size}")
    return HttpResponse(found.note, content_type="text/plain; charset=utf-8")


@router.get("/key", summary="The log's public key (a C2SP note verifier key)",
            response={200: str}, openapi_extra={"responses": {200: {"content": {"text/plain": {}}}}})
def key(request: HttpRequest) -> HttpResponse:
    return HttpResponse(log_key().vkey + "\n", content_type="text/plain; charset=utf-8")


@router.get("/entries", response=list[EntryOut], summary="Entries [start, end), at most 1,000")
def entries(request: HttpRequest, start: Id = 0, end: Id | None = None) -> list[dict[str, Any]]:
    size = log.size()
    # Without an end, a start past the log asks for entries not yet written: none, not an error about `end`.
    stop = max(size, start) if end is None else end
    if start < 0:
        raise InvalidInput("start", "must not be negative")
    if stop < start:
        raise InvalidInput("end", f"{stop} is before start {start}")
    stop = min(stop, size, start + MAX_RANGE)
    return [_entry_out(e) for e in log.entries_between(start, stop)]


@router.get("/entries/{seq}", response=EntryWithProofOut,
            summary="One entry with its inclusion proof in the tree of `tree_size` (default: latest checkpoint)")
def entry(request: HttpRequest, seq: Id, tree_size: Id | None = None) -> dict[str, Any]:
    size = _tree_size(tree_size)
    found = log.entries_between(seq, seq + 1)
    if not found or seq >= size:
        raise NotFound("seq", f"no entry #{seq} in a tree of size {size}")
    from accord.ledger import merkle

    row = found[0]
    return {
        **_entry_out(row),
        "tree_size": size,
        "leaf_hash": _b64(merkle.leaf_hash(row.data.encode())),
        "inclusion_proof": [_b64(h) for h in log.inclusion_proof(seq, size)],
        "root_hash": _b64(log.root_at(size)),
        "entry": json.loads(row.data),
    }


@router.get("/consistency", response=ConsistencyOut,
            summary="A consistency proof (RFC 9162 2.1.4) between two tree sizes")
def consistency(request: HttpRequest, first: Id, second: Id) -> dict[str, Any]:
    size = log.size()
    if not first >= 1:
        raise InvalidInput("first", "must be at least 1")
    if not first <= second <= size:
        raise InvalidInput("second", f"must be between first ({first}) and the log's size ({size})")
    return {
        "first": first,
        "second": second,
        "first_root": _b64(log.root_at(first)),
        "second_root": _b64(log.root_at(second)),
        "proof": [_b64(h) for h in log.consistency_proof(first, second)],
    }


@router.get("/entries/{seq}/sealed", response=SealedOut,
            summary="The content behind a non-public entry's commitment, for those allowed to see it")
def sealed(request: HttpRequest, seq: Id) -> dict[str, Any]:
    content = sealed_content_for(viewer_of(request.user), seq)
    if content is None:
        raise NotFound("seq")
    row = log.entries_between(seq, seq + 1)[0]
    return {"seq": seq, "commitment": json.loads(row.data)["statement"]["commitment"], **content}
