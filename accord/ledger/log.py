"""Reading the stored log back, with proofs; the log is public, only sealed bodies are protected
(see accord.core.policy). The one writer is `accord.ledger.actions.append`."""

from __future__ import annotations

from django.db import connection

from accord.ledger import merkle
from accord.ledger.models import Checkpoint, Entry, Head, Node


def size() -> int:
    head = Head.objects.filter(pk=1).first()
    return head.size if head else 0


def latest_checkpoint() -> Checkpoint | None:
    return Checkpoint.objects.order_by("-size").first()


def checkpoint_at(size: int) -> Checkpoint | None:
    return Checkpoint.objects.filter(size=size).first()


def _lookup(level: int, index: int) -> bytes:
    return bytes(Node.objects.values_list("hash", flat=True).get(key=Node.key_of(level, index)))


def inclusion_proof(seq: int, tree_size: int) -> list[bytes]:
    return merkle.inclusion_proof(seq, tree_size, _lookup)


def consistency_proof(old_size: int, new_size: int) -> list[bytes]:
    return merkle.consistency_proof(old_size, new_size, _lookup)


def root_at(tree_size: int) -> bytes:
    return merkle.root_hash(tree_size, _lookup)


def entries_between(start: int, end: int) -> list[Entry]:
    return list(Entry.objects.filter(seq__gte=start, seq__lt=end).order_by("seq"))


def database_vendor() -> str:
    return connection.vendor
