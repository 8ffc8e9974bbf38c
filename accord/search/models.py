"""The search index: one row per thing and language, derived from the state (never state itself)."""

from __future__ import annotations

from django.db import models


class Kind(models.TextChoices):
    ACT = "act", "act"
    SESSION = "session", "session"
    ITEM = "item", "item"
    STATEMENT = "statement", "statement"
    PROPOSAL = "proposal", "proposal"
    DOCUMENT = "document", "document"
    CRISIS = "crisis", "crisis"


def audience_text(audience: object) -> str:
    """An audience as the index holds it, each name between commas (",AAA,BBB,secretariat,"), so that a
    query asks for one name with its commas and no name is found inside another."""
    names = sorted({str(name) for name in (audience or ())})  # type: ignore[attr-defined]
    return "," + ",".join(names) + "," if names else ""


class SearchEntry(models.Model):
    """A text to find, in one language, with who may read the thing it belongs to.

    The thing's classification and audience are copied here as its own app's access rules give them (the
    effective ones: a statement's own within its part's within its session's), written again by every act
    that touches the thing; a search asks the one access policy (`accord.core.policy.readable`) in SQL, so
    the database counts, orders and limits only what the viewer may read (accord.search.queries).
    A row the index holds without them (written before migration search/0003, until `accord search reindex`)
    is no one's.
    """

    kind = models.CharField(max_length=20, choices=Kind.choices)
    ref = models.BigIntegerField()  # the thing's primary key (an act: its sequence number)
    parent = models.BigIntegerField(null=True)  # an item's or a statement's session
    language = models.CharField(max_length=10)  # ISO 639 code of the text
    config = models.CharField(max_length=20)  # PostgreSQL's text search configuration for that language
    title = models.TextField()
    text = models.TextField(blank=True)
    # Nullable, and null no one's: SQLite then adds the columns in place, keeping the FTS5 triggers (0001) that a
    # rebuilt table would lose.
    classification = models.CharField(max_length=20, null=True)
    audience = models.TextField(null=True)  # `audience_text`: the names a `participants` thing has

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "ref", "language"], name="one_entry_per_language")]
        indexes = [models.Index(fields=["kind", "ref"])]
