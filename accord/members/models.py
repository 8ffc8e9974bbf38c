"""The organization registry: charter settings, member states and their history, persons, keys."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accord.members.history import EventKind
from accord.members.rotation import HandoverRule


def _localized(obj: object, stem: str) -> str:
    """The Russian or English value of a bilingual field, by the active language."""
    language = (get_language() or "en")[:2]
    value = getattr(obj, f"{stem}_{language}", "") if language in ("en", "ru") else ""
    return value or getattr(obj, f"{stem}_en")


class Localized:
    """A read-only attribute `x` giving `x_ru` or `x_en` by the active language (English if empty)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.stem = name

    def __get__(self, obj: object, owner: type | None = None) -> str:
        return _localized(obj, self.stem)


class Organization(models.Model):
    """The charter settings of the one organization this server runs."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    name_en = models.CharField(max_length=200)
    name_ru = models.CharField(max_length=200)
    abbreviation_en = models.CharField(max_length=20)
    abbreviation_ru = models.CharField(max_length=20)
    headquarters_en = models.CharField(max_length=100)
    headquarters_ru = models.CharField(max_length=100)
    working_languages = models.JSONField(default=list)
    # The languages Accord keeps the content in and offers its pages in: the working languages first, then
    # the languages of translations; the first is the default (empty: the working languages).
    languages = models.JSONField(default=list)
    treaty_name_en = models.CharField(max_length=200)
    treaty_name_ru = models.CharField(max_length=200)
    treaty_signed_on = models.DateField(null=True)
    treaty_signed_at_en = models.CharField(max_length=100, blank=True)
    treaty_signed_at_ru = models.CharField(max_length=100, blank=True)
    treaty_in_force_on = models.DateField(null=True)
    charter_signed_on = models.DateField(null=True)
    charter_signed_at_en = models.CharField(max_length=100, blank=True)
    charter_signed_at_ru = models.CharField(max_length=100, blank=True)
    charter_in_force_on = models.DateField(null=True)
    rotation_order = models.JSONField(default=list)
    term_years = models.PositiveSmallIntegerField(default=1)
    anchor_member = models.CharField(max_length=3, blank=True)
    anchor_term = models.PositiveIntegerField(null=True)
    # The member states' witnesses of the log, [{"vkey": ..., "url": ...}], set by `set_log_witnesses`:
    # the log submits each new checkpoint to them for cosigning.
    witnesses = models.JSONField(default=list)

    name = Localized()
    abbreviation = Localized()
    headquarters = Localized()
    treaty_name = Localized()
    treaty_signed_at = Localized()
    charter_signed_at = Localized()

    def __str__(self) -> str:
        return self.name_en


class RuleChange(models.Model):
    """From which term on the chair is handed over by `rule`."""

    rule = models.CharField(max_length=30, choices=[(r.value, r.value) for r in HandoverRule])
    from_term = models.PositiveIntegerField(unique=True)
    reference = models.CharField(max_length=300, blank=True)
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["from_term"]


class Handover(models.Model):
    """The regular session at which a term began (under the at_regular_session rule)."""

    term = models.PositiveIntegerField(unique=True)
    on = models.DateField()
    reference = models.CharField(max_length=300, blank=True)
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["term"]


class ChairOverride(models.Model):
    """The Council decided otherwise: this member chairs from start to end (inclusive)."""

    member = models.ForeignKey("Member", on_delete=models.PROTECT, related_name="+")
    start = models.DateField()
    end = models.DateField(null=True)
    reason = models.CharField(max_length=300)
    reference = models.CharField(max_length=300, blank=True)
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["start"]


class Member(models.Model):
    """A state in the registry by its ISO 3166-1 alpha-3 code; its status comes from its history."""

    code = models.CharField(max_length=3, primary_key=True)
    name_en = models.CharField(max_length=200)
    name_ru = models.CharField(max_length=200)

    class Meta:
        ordering = ["name_en"]

    name = Localized()

    def __str__(self) -> str:
        return self.name_en


class MembershipEvent(models.Model):
    """One act in a member's history: acceded, withdrew, suspended, frozen, ..."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="history")
    kind = models.CharField(max_length=30, choices=[(k.value, k.value) for k in EventKind])
    on = models.DateField()
    reference = models.CharField(max_length=300, blank=True)
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["member", "on", "entry_seq"]


class PersonManager(BaseUserManager["Person"]):
    pass


class Role(models.TextChoices):
    SECRETARIAT_OFFICER = "secretariat_officer", _("Secretariat officer")
    HEAD = "head", _("Head of delegation")
    DELEGATE = "delegate", _("Delegate")
    LIAISON = "liaison", _("Liaison officer")
    OBSERVER = "observer", _("Observer")


class Person(AbstractBaseUser):
    """A login: one person in one member's delegation, or in the secretariat (member None)."""

    # Logging in must not write outside an action, so Django's last_login is not kept.
    last_login = None

    username = models.CharField(max_length=64, unique=True)
    full_name = models.CharField(max_length=200)
    full_name_ru = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True)
    member = models.ForeignKey(Member, on_delete=models.PROTECT, null=True, related_name="people")
    role = models.CharField(max_length=30, choices=Role.choices)
    is_delegation_admin = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)

    objects = PersonManager()

    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["member_id", "username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        if (get_language() or "en")[:2] == "ru" and self.full_name_ru:
            return self.full_name_ru
        return self.full_name


class SigningKey(models.Model):
    """A person's Ed25519 public key; registered, rotated and revoked by acts."""

    key_id = models.CharField(max_length=40, primary_key=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="keys")
    public_key = models.CharField(max_length=64)
    label = models.CharField(max_length=100, blank=True)
    registered_seq = models.BigIntegerField()
    revoked_seq = models.BigIntegerField(null=True)
    revoked_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["registered_seq"]

    @property
    def is_active(self) -> bool:
        return self.revoked_seq is None


class Body(models.Model):
    """A body of the organization: a council that meets and decides, or a standing organ.

    What it is called and who sits on it are the organization's to configure; the seats say which
    person represents which member on it.
    """

    code = models.CharField(max_length=20, primary_key=True)
    name_en = models.CharField(max_length=200)
    name_ru = models.CharField(max_length=200)
    composition_en = models.CharField(max_length=300, blank=True)
    composition_ru = models.CharField(max_length=300, blank=True)
    decides = models.BooleanField(default=True)
    reference = models.CharField(max_length=300, blank=True)
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["entry_seq"]

    name = Localized()
    composition = Localized()

    def __str__(self) -> str:
        return self.name_en


class Seat(models.Model):
    """A person sitting on a body for its member (or for the secretariat, member None)."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="seats")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="seats")
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["body", "person__member_id", "person__username"]
        constraints = [models.UniqueConstraint(fields=["body", "person"], name="one_seat_per_person")]
