"""Documents: texts and their versions, amendments, adoption, signatures and the treaty lifecycle."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.translations import TextsField


class Kind(models.TextChoices):
    DECISION = "decision", _("Decision")
    DECLARATION = "declaration", _("Declaration")
    STATEMENT = "statement", _("Statement")
    JOINT_STATEMENT = "joint_statement", _("Joint statement")
    AGREEMENT = "agreement", _("Agreement or protocol (needs ratification)")


class ForceRule(models.TextChoices):
    """How the document enters into force, as the document itself states."""

    ON_SIGNATURE = "on_signature", _("On signature")
    AFTER_INSTRUMENTS = "after_instruments", _("After a number of instruments are deposited")
    ON_DATE = "on_date", _("On a date")
    ON_DEPOSIT = "on_deposit", _("For each state on its deposit")


class Document(models.Model):
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The title in the organization's languages (its default first).
    title = TextsField()
    classification = models.CharField(max_length=20, default="public")
    audience = models.JSONField(default=list)
    # The members expected to sign, in the order their blocks are printed.
    signatories = models.JSONField(default=list)
    force_rule = models.CharField(max_length=20, choices=ForceRule.choices, default=ForceRule.ON_SIGNATURE)
    force_count = models.PositiveSmallIntegerField(null=True)
    force_date = models.DateField(null=True)
    created_seq = models.BigIntegerField()

    class Meta:
        ordering = ["-created_seq"]

    def __str__(self) -> str:
        return str(self.title.default)

    @property
    def needs_ratification(self) -> bool:
        return self.kind == Kind.AGREEMENT


class Version(models.Model):
    """One text of the document: per language its text, and which languages are authentic."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    # {"ru": "...", "fr": "..."}: a text per ISO 639 language, any language, not only the organization's.
    texts = models.JSONField()
    authentic = models.JSONField()  # ["ru"]: the others are translations, marked as such
    hash = models.CharField(max_length=80)
    note = models.CharField(max_length=300, blank=True)
    created_seq = models.BigIntegerField()

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="one_version_number")]


class AmendmentStatus(models.TextChoices):
    # In context: Russian agrees the word with "amendment" (feminine), other apps' statuses differ.
    PROPOSED = "proposed", pgettext_lazy("amendment", "Proposed")
    ACCEPTED = "accepted", pgettext_lazy("amendment", "Accepted")
    REJECTED = "rejected", pgettext_lazy("amendment", "Rejected")


class Amendment(models.Model):
    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="amendments")
    language = models.CharField(max_length=8)
    paragraph = models.PositiveIntegerField()  # 1-based, paragraphs separated by blank lines
    text = models.TextField()
    member = models.CharField(max_length=3, blank=True)
    person = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=10, choices=AmendmentStatus.choices, default=AmendmentStatus.PROPOSED)
    reason = models.CharField(max_length=500, blank=True)
    proposed_seq = models.BigIntegerField()
    decided_seq = models.BigIntegerField(null=True)
    # The version that an accepted amendment produced.
    result = models.ForeignKey(Version, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["proposed_seq"]


class Adoption(models.Model):
    """A version adopted by a decision, named by its identifier."""

    version = models.OneToOneField(Version, on_delete=models.PROTECT, related_name="adoption")
    decision = models.CharField(max_length=300)
    adopted_on = models.DateField()
    seq = models.BigIntegerField()


class Signature(models.Model):
    """A head's Ed25519 signature over the adopted version's hash, made on its own machine or browser."""

    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="signatures")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+")
    key_id = models.CharField(max_length=40)
    signature = models.CharField(max_length=100)
    signed_on = models.DateField()
    place = TextsField()  # where it was signed, as each organization language names it
    reservations = models.TextField(blank=True)
    seq = models.BigIntegerField()

    class Meta:
        ordering = ["seq"]
        constraints = [models.UniqueConstraint(fields=["version", "member"], name="one_signature_per_member")]


class StepKind(models.TextChoices):
    # A signature made on paper before the organization kept its documents here, as the depositary records it.
    SIGNED = "signed", _("Signed (on paper, recorded by the depositary)")
    RATIFICATION = "ratification", _("Instrument of ratification deposited")
    ACCEPTANCE = "acceptance", _("Instrument of acceptance deposited")
    APPROVAL = "approval", _("Instrument of approval deposited")
    ACCESSION = "accession", _("Instrument of accession deposited")
    PROVISIONAL = "provisional", _("Provisional application")
    # The day the treaty entered into force for the member, as the depositary records it (where the record
    # gives that day but not the instrument's).
    IN_FORCE = "in_force", _("Entered into force for this state")
    AMENDED = "amended", _("Amended")
    DENOUNCED = "denounced", _("Denounced")
    # A party that stopped being one without denouncing, as when a treaty's term was not extended.
    CEASED = "ceased", _("Ceased to be a party")


INSTRUMENTS = (StepKind.RATIFICATION, StepKind.ACCEPTANCE, StepKind.APPROVAL, StepKind.ACCESSION)


class TreatyStep(models.Model):
    """One member's step in the treaty's life after signature, as the depositary records it."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="steps")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=StepKind.choices)
    on = models.DateField()
    reference = TextsField()  # in the organization's languages
    seq = models.BigIntegerField()

    class Meta:
        ordering = ["on", "seq"]


class Notification(models.Model):
    """A depositary notification to the signatories."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="notifications")
    on = models.DateField()
    # In the organization's languages.
    subject = TextsField()
    text = TextsField()
    seq = models.BigIntegerField()

    class Meta:
        ordering = ["seq"]
