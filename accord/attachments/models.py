"""Files attached to sessions, agenda items and documents, kept by the SHA-256 of their content."""

from __future__ import annotations

from django.db import models


class On(models.TextChoices):
    """What a file is attached to; the attachment is as visible as that thing."""

    SESSION = "session"
    ITEM = "item"
    DOCUMENT = "document"


class Attachment(models.Model):
    """One file attached by one act. The bytes live in the content-addressed store (`store.py`) under
    their hash; the act's entry names the hash, the size and the name, so a file can be checked against
    the log."""

    on = models.CharField(max_length=20, choices=On.choices)
    target = models.BigIntegerField()  # the session's, item's or document's id
    name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField()
    content_type = models.CharField(max_length=100)
    by = models.CharField(max_length=64, blank=True)
    attached_at = models.DateTimeField()
    entry_seq = models.BigIntegerField()
    withdrawn_seq = models.BigIntegerField(null=True)

    class Meta:
        ordering = ["entry_seq"]
        indexes = [models.Index(fields=["on", "target"], name="attachment_target")]

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_seq is not None
