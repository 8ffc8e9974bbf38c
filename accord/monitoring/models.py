"""Standing themes the members watch together: their followers, assessments and members' reports, and the
statements made in sessions that speak of them."""

from __future__ import annotations

from django.db import models

from accord.core.translations import TextsField


class Theme(models.Model):
    """A standing concern followed between crises: a regional direction or a cross-cutting theme, kept by
    an owner body (a working group) when the organization has one for it."""

    name = TextsField()
    description = TextsField()
    kind = models.CharField(max_length=20)  # "regional" or "cross_cutting"
    owner_body = models.ForeignKey("members.Body", null=True, on_delete=models.PROTECT, related_name="+")
    classification = models.CharField(max_length=20, default="public")
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["entry_seq"]


class Following(models.Model):
    """A member state following a theme (or no longer following it: the latest act says which)."""

    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="followings")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    following = models.BooleanField(default=True)
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["entry_seq"]


class Assessment(models.Model):
    """One assessment of a theme, by the secretariat, the joint staff or the owner body, or one member's
    own report on it: the situation as seen on a day, its level, what changed, and its sources."""

    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="assessments")
    author = models.CharField(max_length=20)  # secretariat, joint_staff, owner_body, or "member"
    member = models.ForeignKey("members.Member", null=True, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=20)  # not_assessed, low, elevated, high
    summary = TextsField()
    changes = TextsField()  # what changed since the last assessment, in the author's words
    assessed_on = models.DateField()
    sources = models.TextField(blank=True)  # one source a line
    # How sure it is is its act's core provenance of this field (accord.core.provenance), not a column here.
    MARKED_FIELD = "summary"
    by = models.CharField(max_length=64, blank=True)
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["assessed_on", "entry_seq"]


class StatementTag(models.Model):
    """A statement made in a session, tagged as speaking of a theme. The tag lives here, not in the meetings
    app: a statement knows nothing of the themes it is read under."""

    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="tags")
    statement = models.ForeignKey("meetings.Statement", on_delete=models.PROTECT, related_name="+")
    by = models.CharField(max_length=64, blank=True)
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["entry_seq"]
        constraints = [models.UniqueConstraint(fields=["theme", "statement"], name="monitoring_tag_once")]


class Indicator(models.Model):
    """A figure the members report on a theme at a set frequency, with the levels that warn and alert."""

    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="indicators")
    name = TextsField()
    unit = models.CharField(max_length=40)
    frequency = models.CharField(max_length=20)  # monthly, quarterly, yearly
    reporters = models.JSONField(default=list)  # the member codes that report it
    classification = models.CharField(max_length=20, default="public")
    warning = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    alert = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["entry_seq"]


class Value(models.Model):
    """A value a member reported for an indicator as of a day; a correction names the value it replaces,
    which stays in the history."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=20, decimal_places=4)
    as_of = models.DateField()
    source = models.CharField(max_length=500, blank=True)  # empty: shown as "no source" wherever it is
    # How sure the value is is its act's core provenance (accord.core.provenance), not a column here.
    corrects = models.ForeignKey("self", null=True, on_delete=models.PROTECT, related_name="corrections")
    reported_on = models.DateField()
    by = models.CharField(max_length=64, blank=True)
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["as_of", "entry_seq"]
        # A member's series in order: its latest values (offered for correction) read without a sort.
        indexes = [models.Index(fields=["indicator", "member", "as_of", "entry_seq"],
                                name="monitoring_value_series")]


class Alert(models.Model):
    """A reported (or corrected) value that crossed an indicator's warning or alert level: recorded as an act
    of its own, which the theme's members see arrive live."""

    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="alerts")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="alerts")
    value = models.OneToOneField(Value, on_delete=models.PROTECT, related_name="alert")
    level = models.CharField(max_length=20)  # "warning" or "alert"
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["entry_seq"]


class Consultation(models.Model):
    """Joint consultations (the Treaty's Art. 2 step) a member requests, or proposes, on a theme: from an
    alert, from the theme's page or on its own initiative. Its steps are acts; its state is the latest."""

    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="consultations")
    kind = models.CharField(max_length=20)  # "request" or "proposal"
    origin = models.CharField(max_length=20)  # "alert", "theme" or "initiative"
    alert = models.ForeignKey(Alert, null=True, on_delete=models.PROTECT, related_name="consultations")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    grounds = TextsField()
    requested_on = models.DateField()
    # How sure the request is is its act's core provenance (accord.core.provenance) of this field, or of the
    # day it was made (a day known only to its month), not a column here.
    MARKED_FIELD = "grounds"
    status = models.CharField(max_length=20)  # requested, acknowledged, scheduled, concluded, escalated
    form = models.CharField(max_length=20, blank=True)  # "session" or "written"
    session = models.ForeignKey("meetings.Session", null=True, on_delete=models.PROTECT, related_name="+")
    written_until = models.DateField(null=True)
    outcome = models.CharField(max_length=30, blank=True)  # joint_statement, no_joint_statement
    outcome_text = TextsField()
    crisis = models.ForeignKey("crises.Crisis", null=True, on_delete=models.PROTECT, related_name="+")
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["entry_seq"]


class ConsultationStep(models.Model):
    """One step of a consultation as it was taken: its history, carried into the crisis it may become."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="steps")
    step = models.CharField(max_length=20)  # requested, acknowledged, scheduled, concluded, escalated
    note = TextsField()
    on = models.DateField()
    by = models.CharField(max_length=64, blank=True)
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["entry_seq"]


class AlertMail(models.Model):
    """A person's choice to receive the alerts of the themes their member state follows by e-mail."""

    person = models.OneToOneField("members.Person", on_delete=models.PROTECT, related_name="+")
    address = models.EmailField(blank=True)
    wanted = models.BooleanField(default=False)
    entry_seq = models.BigIntegerField()
