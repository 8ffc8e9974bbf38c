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


class SearchEntry(models.Model):
    """A text to find, in one language. Who may find it is not stored here: each hit is checked through
    its app's queries with the viewer (accord.search.queries), so the one access policy decides."""

    kind = models.CharField(max_length=20, choices=Kind.choices)
    ref = models.BigIntegerField()  # the thing's primary key (an act: its sequence number)
    parent = models.BigIntegerField(null=True)  # an item's or a statement's session
    language = models.CharField(max_length=10)  # ISO 639 code of the text
    config = models.CharField(max_length=20)  # PostgreSQL's text search configuration for that language
    title = models.TextField()
    text = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "ref", "language"], name="one_entry_per_language")]
        indexes = [models.Index(fields=["kind", "ref"])]
