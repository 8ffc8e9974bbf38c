"""Core's one table: the provenance of recorded acts (accord.core.provenance), kept beside the log."""

from __future__ import annotations

from django.db import models


class Provenance(models.Model):
    """The sources and certainties an act carried (`recorded_seq` = `entry_seq`), or that a later
    `core.annotated` act (`recorded_seq`) gave the act of entry `entry_seq`; the log holds both."""

    entry_seq = models.BigIntegerField(db_index=True)
    recorded_seq = models.BigIntegerField()
    data = models.JSONField()  # {"fields": {name: {"certainty", "note"}}, "sources": [...]}, as normalized

    class Meta:
        ordering = ["entry_seq", "recorded_seq"]
        constraints = [models.UniqueConstraint(fields=["entry_seq", "recorded_seq"],
                                               name="one_provenance_per_entry_and_act")]

    def __str__(self) -> str:
        return f"provenance of #{self.entry_seq} (#{self.recorded_seq})"
