"""Standing forces and the members' declared contributions to them, each declaration kept as history."""

from __future__ import annotations

from django.db import models

from accord.core.translations import TextsField


class Force(models.Model):
    """A standing force of the organization, established by a decision: what it is for, about how large.

    `proposal` is the decision's proposal when the decision is in Accord; `decision_reference` names it as
    published when it is not (a force founded before the organization kept its decisions here).
    """

    name = TextsField()
    purpose = TextsField()
    size = models.PositiveIntegerField(null=True)  # approximate: shown as "about"; unknown when empty
    established_on = models.DateField(null=True)  # unknown when empty, never guessed
    proposal = models.ForeignKey("decisions.Proposal", null=True, on_delete=models.PROTECT, related_name="+")
    decision_reference = TextsField(blank=True)  # the establishing decision as published, per language
    source = TextsField(blank=True)  # where the size and the founding are published, per language
    classification = models.CharField(max_length=20, default="public")
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["entry_seq"]


class Contribution(models.Model):
    """One declaration of a member's contribution of a capability to a force. A later declaration of the
    same capability supersedes it; every one stays, so that the page shows what was declared when."""

    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="contributions")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    capability = models.CharField(max_length=40)
    units = models.PositiveIntegerField()  # 0: the member no longer declares this capability
    personnel = models.PositiveIntegerField(null=True)
    equipment = models.PositiveIntegerField(null=True)
    reported = models.BooleanField(default=False)  # figures only reported, not confirmed: shown as such
    note = TextsField(blank=True)
    declared_on = models.DateField()
    by = models.CharField(max_length=64, blank=True)
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["declared_on", "entry_seq"]
