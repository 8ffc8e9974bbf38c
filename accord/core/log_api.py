"""The public log over HTTP: checkpoints, entries, proofs (RFC 9162) and the log's public key.

Here, above the ledger, because one answer (a sealed entry's content) depends on who asks: the viewer
and its policy are core's; the ledger itself knows nobody.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from accord.core.errors import InvalidInput, NotFound
from accord.core.history import sealed_content_for
from accord.core.inputs import Id
from accord.core.policy import viewer_of
from accord.core.schema import Schema
from accord.ledger import log, witnessing
from accord.ledger.logkey import log_key
from accord_verify import merkle

router = Router(tags=["ledger"])
MAX_RANGE = 1000
_NO_NAMES: list[str] = []


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


class WitnessOut(Schema):
    name: str
    vkey: str
    url: str
    cosigned_size: int


class SealedOut(Schema):
    seq: int
    commitment: str
    salt: str
    # {"member", "signatures", "statement"}: commitment = "sha256:" + hex(SHA-256(salt || RFC 8785 of it))
    content: dict[str, Any]


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
    # Two queries in all: the entry with the log's sizes and the signed root, then the proof's nodes.
    found = log.entry_in_tree(seq, tree_size)
    if found is None:
        raise NotFound("seq", f"no entry #{seq} in a tree of size {_tree_size(tree_size)}")
    row = found.entry
    if tree_size is None:
        size = found.latest_size
    elif not 1 <= tree_size <= found.log_size:
        raise InvalidInput("tree_size", f"must be between 1 and the log's size, {found.log_size}")
    else:
        size = tree_size
    if seq >= size:
        raise NotFound("seq", f"no entry #{seq} in a tree of size {size}")
    if found.signed_root is None:
        proof, root = log.inclusion_proof_and_root(seq, size)
    else:
        proof, root = log.inclusion_proof(seq, size), found.signed_root
    return {
        **_entry_out(row),
        "tree_size": size,
        "leaf_hash": _b64(merkle.leaf_hash(row.data.encode())),
        "inclusion_proof": [_b64(h) for h in proof],
        "root_hash": _b64(root),
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
    proof, first_root, second_root = log.consistency_proof_and_roots(first, second)
    return {
        "first": first,
        "second": second,
        "first_root": _b64(first_root),
        "second_root": _b64(second_root),
        "proof": [_b64(h) for h in proof],
    }


@router.get("/entries/{seq}/sealed", response=SealedOut,
            summary="What a non-public entry's commitment hides (the statement as signed, its signatures, "
                    "the member it concerns) and its salt, for those allowed to see it")
def sealed(request: HttpRequest, seq: Id) -> dict[str, Any]:
    content = sealed_content_for(viewer_of(request.user), seq)
    if content is None:
        raise NotFound("seq")
    row = log.entries_between(seq, seq + 1)[0]
    return {"seq": seq, "commitment": json.loads(row.data)["statement"]["commitment"], **content}


@router.get("/checkpoint/cosigned",
            summary="The newest checkpoint cosigned by at least `quorum` of the witnesses (by name, if given)",
            response={200: str}, openapi_extra={"responses": {200: {"content": {"text/plain": {}}}}})
def cosigned_checkpoint(
    request: HttpRequest, quorum: int = 1, witness: Query[list[str]] = _NO_NAMES
) -> HttpResponse:
    if quorum < 1:
        raise InvalidInput("quorum", "must be at least 1")
    # A reader asking for it is also a moment to retry witnesses that failed: the worker decides.
    witnessing.wake()
    found = witnessing.newest_cosigned(quorum, witness)
    if found is None:
        raise NotFound("quorum", f"no checkpoint is cosigned by {quorum} witnesses yet")
    return HttpResponse(found, content_type="text/plain; charset=utf-8")


@router.get("/cosigned", response=list[str],
            summary="Each witness's newest cosigned checkpoint, with every cosignature of its size, newest first")
def cosigned(request: HttpRequest, up_to: int | None = None) -> list[str]:
    return witnessing.cosigned_notes(up_to=up_to)


@router.get("/witnesses", response=list[WitnessOut],
            summary="The witnesses the charter names: their keys and where the log submits to them")
def witnesses(request: HttpRequest) -> list[dict[str, Any]]:
    named = witnessing.configured()
    sizes = witnessing.last_cosigned_sizes([w.key.vkey for w in named])
    return [{"name": w.key.name, "vkey": w.key.vkey, "url": w.url, "cosigned_size": sizes[w.key.vkey]}
            for w in named]
