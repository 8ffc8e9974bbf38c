"""The stored log: entries, the Merkle tree's perfect nodes, signed checkpoints, sealed contents."""

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    # django-stubs types a field by what it stores and returns; Django's own classes take no parameters.
    _BigInteger = models.BigIntegerField[int, int]
else:
    _BigInteger = models.BigIntegerField


class Entry(models.Model):
    """One act, as the RFC 8785 canonical JSON that is hashed into the log; never updated."""

    seq = models.BigIntegerField(primary_key=True)
    time = models.DateTimeField()
    type = models.CharField(max_length=80, db_index=True)
    classification = models.CharField(max_length=20)
    # The member state a public act concerns; blank for a non-public act, whose member is sealed with it.
    member = models.CharField(max_length=3, blank=True, db_index=True)
    # Unique, so that a signed statement can never be recorded twice (a replay).
    nonce = models.CharField(max_length=64, unique=True)
    data = models.TextField()

    class Meta:
        ordering = ["seq"]
        verbose_name_plural = "entries"

    def __str__(self) -> str:
        return f"#{self.seq} {self.type}"


class RowIdKey(_BigInteger):
    """A 64-bit primary key that SQLite keeps as the table's rowid.

    SQLite makes a column the rowid only when its type is written exactly "integer"; Django writes
    "bigint", which leaves a second index beside the table that every lookup goes through. Proofs
    look up a few dozen nodes each: as the rowid, they cost about a third less (bench/ledger.py).
    """

    def db_type(self, connection: Any) -> str | None:
        return "integer" if connection.vendor == "sqlite" else super().db_type(connection)


class Node(models.Model):
    """The hash of a perfect subtree: leaves [index << level, (index + 1) << level)."""

    key = RowIdKey(primary_key=True)
    hash = models.BinaryField(max_length=32)

    # 40 bits of index are a trillion leaves; the level fits above them.
    INDEX_BITS = 40

    @classmethod
    def key_of(cls, level: int, index: int) -> int:
        return (level << cls.INDEX_BITS) | index


class Checkpoint(models.Model):
    """A C2SP tlog-checkpoint signed note over the first `size` entries."""

    size = models.BigIntegerField(primary_key=True)
    root = models.BinaryField(max_length=32)
    note = models.TextField()
    time = models.DateTimeField()

    class Meta:
        ordering = ["-size"]


class Sealed(models.Model):
    """What a non-public act's entry commits to, kept apart: its whole statement as signed, its
    signature lines and the member state it concerns (`entries.sealed_content`), with the salt.

    `classification`, `audience` and `member` repeat what `content` holds, for deciding who may
    read it and for filtering; the verifier holds them to it. None of it is ever shown to a reader
    who may not see the act.
    """

    entry = models.OneToOneField(Entry, on_delete=models.PROTECT, primary_key=True)
    salt = models.CharField(max_length=64)
    content = models.TextField()  # RFC 8785 JSON: {"member", "signatures", "statement"}
    classification = models.CharField(max_length=20)
    audience = models.JSONField(default=list)
    member = models.CharField(max_length=3, blank=True, db_index=True)


class Head(models.Model):
    """The log's current size and right edge (the perfect subtrees that make up its root).

    One row, locked by every append, so that sequence numbers have no gaps or duplicates even with
    several server processes writing to PostgreSQL.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    size = models.BigIntegerField(default=0)
    frontier = models.BinaryField(default=b"")


class Cosignature(models.Model):
    """A witness's cosignature (C2SP tlog-cosignature) on the checkpoint of `size`, as it answered it.

    Not part of the log: each row is a signed statement of a member state's witness, which anyone
    checks with that witness's key, so an edited or invented row only fails to verify.
    """

    size = models.BigIntegerField(db_index=True)
    witness = models.CharField(max_length=200)
    vkey = models.CharField(max_length=300)
    line = models.TextField()
    time = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["size", "vkey"], name="one_cosignature_per_witness_and_size"),
        ]
        ordering = ["size", "witness"]
