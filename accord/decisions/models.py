"""Proposals, the procedures that decide them, the members' positions, and the decisions taken."""

from __future__ import annotations

from django.db import models

from accord.core.drill import ScopedByProposal, ScopedManager, drill_field
from accord.core.translations import TextsField
from accord.decisions.outcome import Kind, Outcome, Stance


class Scheme(models.TextChoices):
    BODY_DATE_TITLE = "body_date_title", "body, date and title"
    NUMBERED = "numbered", "numbered per body and year"


class IdentifierScheme(models.Model):
    """The charter setting of how decisions are identified (one row; none means body, date, title)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    scheme = models.CharField(max_length=20, choices=Scheme.choices)
    # For the numbered scheme: {body}, {year} and {number} are filled in.
    number_format = models.CharField(max_length=100, default="{body}-{year}/{number}")
    entry_seq = models.BigIntegerField()


class Proposal(models.Model):
    title = TextsField()  # a text per organization language (accord.core.translations)
    text = TextsField()  # the draft's text per organization language
    document = models.CharField(max_length=300, blank=True)  # a reference to a document version, as text
    body = models.ForeignKey("members.Body", on_delete=models.PROTECT, related_name="proposals")
    sponsors = models.JSONField(default=list)  # member codes
    classification = models.CharField(max_length=20)
    audience = models.JSONField(default=list)  # for "participants": the members (and "secretariat")
    withdrawn = models.BooleanField(default=False)
    proposed_by = models.CharField(max_length=64, blank=True)
    drill = drill_field()  # the drill whose record this is (accord.core.drill); empty: a real one
    entry_seq = models.BigIntegerField()
    objects = ScopedManager()  # every read: the real records, or the active drill's

    class Meta:
        ordering = ["-entry_seq"]

    def __str__(self) -> str:
        return str(self.title)


class Procedure(models.Model):
    OPEN, CLOSED = "open", "closed"

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="procedures")
    kind = models.CharField(max_length=20, choices=[(k.value, k.value) for k in Kind])
    opened_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True)
    quorum = models.CharField(max_length=20, blank=True)  # a fraction, "1/2" (majority only)
    threshold = models.CharField(max_length=20, blank=True)  # a fraction, "2/3" (majority only)
    members = models.JSONField(default=list)  # who may take a position, fixed at opening
    # Consensus at a session: the id of the session (meetings; see accord.decisions.sessions).
    session = models.PositiveIntegerField(null=True)
    state = models.CharField(max_length=10, default=OPEN)
    entry_seq = models.BigIntegerField()
    objects = ScopedByProposal()  # a drill's procedures are read in its scope only

    class Meta:
        ordering = ["-opened_at", "-entry_seq"]


class Position(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="positions")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    stance = models.CharField(max_length=20, choices=[(s.value, s.value) for s in Stance])
    reasons = models.TextField(blank=True)  # why it objects
    amendment = models.TextField(blank=True)  # the amendment that breaks silence
    statement_kind = models.CharField(max_length=20, blank=True)  # reservation / interpretative
    statement = models.TextField(blank=True)
    by = models.CharField(max_length=64)
    signed = models.BooleanField(default=False)
    at = models.DateTimeField()
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["at", "entry_seq"]
        constraints = [models.UniqueConstraint(fields=["procedure", "member"], name="one_position_per_member")]


class Decision(models.Model):
    """The closing act's record: written once, never changed."""

    procedure = models.OneToOneField(Procedure, on_delete=models.PROTECT, related_name="decision")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(max_length=20, choices=[(o.value, o.value) for o in Outcome])
    identifier = models.CharField(max_length=600, null=True, unique=True)  # stable: the log records it
    identifier_texts = TextsField()  # the identifier as each organization language writes it (for readers)
    decided_on = models.DateField()
    not_joined = models.JSONField(default=list)  # adopted in a limited format: who did not join
    objected = models.JSONField(default=list)
    absent = models.JSONField(default=list)  # had not answered when it closed: absence is not objection
    reason = TextsField()  # why a draft was returned or withdrawn, per organization language
    drill = drill_field()  # the drill whose record this is (accord.core.drill); empty: a real one
    entry_seq = models.BigIntegerField()
    objects = ScopedManager()  # every read: the real records, or the active drill's

    class Meta:
        ordering = ["-decided_on", "-entry_seq"]


class Accession(models.Model):
    """A member that was absent accedes later to a decision adopted without it."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="accessions")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    on = models.DateField()
    by = models.CharField(max_length=64)
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["on", "entry_seq"]
        constraints = [models.UniqueConstraint(fields=["decision", "member"], name="one_accession_per_member")]
