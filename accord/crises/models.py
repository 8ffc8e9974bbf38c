"""Crises: a member's request, its acknowledgements, the response, the mandate, pledges, contingents."""

from __future__ import annotations

from django.db import models

from accord.core.drill import ScopedManager, drill_field
from accord.core.translations import TextsField


class Crisis(models.Model):
    """A member's official request and what became of it.

    `outcome` is empty while no answer is recorded; `closed_at` is set when the response ends
    (the withdrawal complete, the mission's report heard, the request declined).
    """

    requester = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    filed_by = models.CharField(max_length=64, blank=True)
    legal_basis = models.CharField(max_length=40)
    happened = TextsField()
    area = TextsField()
    asks_for = TextsField()
    classification = models.CharField(max_length=20, default="members")
    requested_at = models.DateTimeField()
    outcome = models.CharField(max_length=20, blank=True)  # declined, no_decision, or a response code
    outcome_at = models.DateTimeField(null=True)
    outcome_note = TextsField()
    objected_by = models.JSONField(default=list)
    leaders = models.JSONField(default=list)  # who leads a mission: a text per language each ({language: name})
    reports_to = models.CharField(max_length=20, blank=True)  # the body a mission reports back to
    closed_at = models.DateTimeField(null=True)
    closing_note = TextsField()
    drill = drill_field()  # the drill whose record this is (accord.core.drill); empty: a real one
    entry_seq = models.BigIntegerField()
    objects = ScopedManager()  # every read: the real records, or the active drill's

    class Meta:
        ordering = ["-requested_at", "-entry_seq"]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Acknowledgement(models.Model):
    crisis = models.ForeignKey(Crisis, on_delete=models.PROTECT, related_name="acknowledgements")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    person = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField()
    # The decision by which the member answered the request, as published in each language (one act records it
    # for every member that took it); empty: the member's own acknowledgement.
    by_decision = TextsField()
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["at", "entry_seq"]
        constraints = [models.UniqueConstraint(fields=["crisis", "member"], name="one_acknowledgement")]


class Mandate(models.Model):
    """What a collective operation is to do, where, until when, under whom, with what forces."""

    crisis = models.OneToOneField(Crisis, on_delete=models.PROTECT, related_name="mandate")
    purpose = TextsField()
    area = TextsField()
    ends_at = models.DateTimeField(null=True)  # None: "for a limited period", no end date recorded
    commander = TextsField()
    commander_body = models.ForeignKey("members.Body", on_delete=models.PROTECT, related_name="+")
    outside_territory = models.BooleanField(default=False)
    unsc_reference = models.CharField(max_length=200, blank=True)
    requirements = models.JSONField(default=dict)  # capability code -> units required
    decision_identifier = models.CharField(max_length=600, blank=True)
    # A decision the register does not hold (taken before it), as published in each language; empty for one it
    # holds (the register's identifier_texts say it) or one recorded in a single string.
    decision_texts = TextsField()
    decision_at = models.DateTimeField(null=True)
    completed_at = models.DateTimeField(null=True)  # the host declared the mission complete
    sites_handed_over = models.PositiveIntegerField(null=True)
    sites_handed_over_at = models.DateTimeField(null=True)
    withdrawal_complete_at = models.DateTimeField(null=True)
    # The force as a whole, where the sources date it and not each contingent: its first arrival, and its
    # deployment complete (full operational capability) with the personnel and equipment then deployed.
    first_arrival_at = models.DateTimeField(null=True)
    deployed_at = models.DateTimeField(null=True)
    deployed_personnel = models.PositiveIntegerField(null=True)
    deployed_equipment = models.PositiveIntegerField(null=True)
    first_arrival_seq = models.BigIntegerField(null=True)  # the entries of those acts (their provenance)
    deployed_seq = models.BigIntegerField(null=True)
    entry_seq = models.BigIntegerField()


class Extension(models.Model):
    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="extensions")
    previous_end = models.DateTimeField(null=True)
    ends_at = models.DateTimeField()
    reference = TextsField()
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["entry_seq"]


class Pledge(models.Model):
    """A member's offer of a contingent; once accepted it deploys through its phases."""

    crisis = models.ForeignKey(Crisis, on_delete=models.PROTECT, related_name="pledges")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    capability = models.CharField(max_length=40)
    quantity = models.PositiveIntegerField()
    personnel = models.PositiveIntegerField(null=True)
    personnel_reported = models.BooleanField(default=False)  # an uncertain figure, shown as "reported"
    equipment = models.PositiveIntegerField(null=True)  # vehicles and other pieces of equipment, where given
    # What the figure counts, as the record gives it: pieces of equipment, or vehicles.
    equipment_unit = models.CharField(max_length=20, default="pieces")
    note = TextsField()  # what the contingent was and what it did (the unit, the sites it guarded)
    status = models.CharField(max_length=20, default="pledged")  # pledged, accepted, declined
    # The standing force the contingent comes from and the member's declaration of it; both empty: ad hoc.
    force = models.ForeignKey("forces.Force", null=True, on_delete=models.PROTECT, related_name="+")
    declared = models.ForeignKey("forces.Contribution", null=True, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(null=True)
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["entry_seq"]


class Phase(models.Model):
    """One phase of a contingent: when it was planned, when it happened (each set by an act)."""

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="phases")
    phase = models.CharField(max_length=20)
    planned_at = models.DateTimeField(null=True)
    actual_at = models.DateTimeField(null=True)
    # Set when the record gives only a range: the phase was reached between actual_at and actual_by.
    actual_by = models.DateTimeField(null=True)
    entry_seq = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pledge", "phase"], name="one_row_per_phase")]


class SituationReport(models.Model):
    """A numbered situation report: from the commander (recorded by the secretariat) or a contingent."""

    crisis = models.ForeignKey(Crisis, on_delete=models.PROTECT, related_name="reports")
    number = models.PositiveIntegerField()
    source = models.CharField(max_length=20)  # "commander" or the contributing member's code
    text = TextsField()
    at = models.DateTimeField()
    person = models.CharField(max_length=64, blank=True)
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["crisis", "number"], name="one_report_number")]


class Letter(models.Model):
    """A letter to the UN Security Council as sent: its text in each of the organization's languages,
    generated from the acts."""

    crisis = models.ForeignKey(Crisis, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(max_length=20)  # notification, report, completion
    # To whom: the President of the Security Council ("council") or the UN Secretary-General ("secretary").
    addressee = models.CharField(max_length=20, default="council")
    sender = TextsField()  # who wrote it, per language; empty: the organization (the Secretariat recording it)
    text = TextsField()  # empty: a letter whose text is not in the record
    sent_at = models.DateTimeField(null=True)  # None: the day it was sent is not in the record
    reference = models.CharField(max_length=200, blank=True)
    entry_seq = models.BigIntegerField()

    class Meta:
        # A letter whose day is not in the record comes after the dated ones, on every database.
        ordering = [models.F("sent_at").asc(nulls_last=True), "entry_seq"]


class Lesson(models.Model):
    """A lesson of the after-action review: raw as observed, then validated by the secretariat."""

    crisis = models.ForeignKey(Crisis, on_delete=models.PROTECT, related_name="lessons")
    text = TextsField()
    member = models.CharField(max_length=3, blank=True)
    person = models.CharField(max_length=64, blank=True)
    validated = models.BooleanField(default=False)
    validated_text = TextsField()
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["entry_seq"]


class Link(models.Model):
    """A session or a procedure that takes up the request: convened or opened from the crisis page,
    or an earlier one tied to it. The session or proposal keeps its own classification: a viewer sees
    the link only where the access policy lets it see what it links to."""

    crisis = models.ForeignKey(Crisis, on_delete=models.PROTECT, related_name="links")
    session = models.ForeignKey("meetings.Session", null=True, on_delete=models.PROTECT, related_name="+")
    proposal = models.ForeignKey("decisions.Proposal", null=True, on_delete=models.PROTECT, related_name="+")
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["entry_seq"]
        constraints = [
            models.CheckConstraint(condition=models.Q(session__isnull=True) ^ models.Q(proposal__isnull=True),
                                   name="links_one_session_or_proposal"),
            models.UniqueConstraint(fields=["crisis", "session"], name="one_link_per_session"),
            models.UniqueConstraint(fields=["crisis", "proposal"], name="one_link_per_proposal"),
        ]
