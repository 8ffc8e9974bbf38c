"""Joint exercises: the annual plan, each exercise with its lifecycle, and each member's participation."""

from __future__ import annotations

from django.db import models

from accord.core.translations import TextsField
from accord.exercises import catalogue


class Plan(models.Model):
    """A year's plan of joint exercises, adopted by a decision (its proposal in Accord, or as published)."""

    year = models.PositiveSmallIntegerField(unique=True)
    proposal = models.ForeignKey("decisions.Proposal", null=True, on_delete=models.PROTECT, related_name="+")
    decision_reference = models.CharField(max_length=500, blank=True)
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["-year"]


class Exercise(models.Model):
    """One exercise: what, where, when (planned, and actual once held), and where its lifecycle stands.

    `state` is planned, confirmed, held, postponed, moved or cancelled; each change is an act, whose
    reason, author and day are kept with the state it set.
    """

    plan = models.ForeignKey(Plan, null=True, on_delete=models.PROTECT, related_name="exercises")
    name = TextsField()
    kind = models.CharField(max_length=40)
    forces = models.JSONField(default=list)  # ids of the standing forces exercised
    host = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    ground = TextsField()
    planned_start = models.DateField()
    planned_end = models.DateField()
    actual_start = models.DateField(null=True)
    actual_end = models.DateField(null=True)
    stages = TextsField()
    scenario = TextsField()
    objectives = TextsField()
    lead = models.CharField(max_length=20, blank=True)  # the leading body's code (the Joint Staff)
    observers = models.JSONField(default=list)  # who is invited to observe, as named
    state = models.CharField(max_length=20, default="planned")
    state_reason = TextsField()
    state_by = models.CharField(max_length=20, blank=True)  # the member, or "secretariat"
    state_on = models.DateField(null=True)
    # Each step of the lifecycle as it was taken (state, on, by, reason, host after it), so that a moved and
    # then held exercise still says who gave it up and why: [{"state", "on", "by", "reason", "host"}].
    steps = models.JSONField(default=list)
    classification = models.CharField(max_length=20, default="public")
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["planned_start", "entry_seq"]

    @property
    def state_label(self) -> str:
        """The state's name in the reader's language."""
        return catalogue.label(catalogue.STATES, self.state)


class Participation(models.Model):
    """A member's part in an exercise: pledged, confirmed, or a declared non-participation with its reason."""

    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="participations")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20)
    force = models.ForeignKey("forces.Force", null=True, on_delete=models.PROTECT, related_name="+")
    units = models.PositiveIntegerField(null=True)
    personnel = models.PositiveIntegerField(null=True)
    equipment = models.PositiveIntegerField(null=True)
    reason = TextsField()
    declared_on = models.DateField()
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["member_id"]
        constraints = [models.UniqueConstraint(fields=["exercise", "member"], name="one_participation_per_member")]


class DateClaim(models.Model):
    """What one source says the exercise's days were, and whether the organization used it: sources that
    disagree are each kept with their source, and the page says which one the organization went by."""

    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="date_claims")
    source = TextsField()
    first = models.DateField()
    last = models.DateField()
    used = models.BooleanField(default=False)
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["entry_seq"]


class Assessment(models.Model):
    """After the exercise, one objective assessed (met, partly met, not met) with the findings behind it."""

    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="assessments")
    objective = TextsField()
    rating = models.CharField(max_length=20)
    findings = TextsField()
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["entry_seq"]


class Lesson(models.Model):
    """A lesson drawn from the exercise, by the secretariat or a participating member's official."""

    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="lessons")
    text = TextsField()
    member = models.CharField(max_length=3, blank=True)  # the member whose official drew it; empty: secretariat
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["entry_seq"]
