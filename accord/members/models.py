"""The organization registry: charter settings, member states and their history, persons, keys."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.translations import Texts, TextsField
from accord.members.history import EventKind
from accord.members.names import country_names
from accord.members.rotation import HandoverRule


class Organization(models.Model):
    """The charter settings of the one organization this server runs."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    name = TextsField()
    abbreviation = TextsField()
    headquarters = TextsField()
    working_languages = models.JSONField(default=list)
    # The languages Accord keeps the content in and offers its pages in: the working languages first, then
    # the languages of translations; the first is the default (empty: the working languages).
    languages = models.JSONField(default=list)
    treaty_name = TextsField()
    treaty_signed_on = models.DateField(null=True)
    treaty_signed_at = TextsField()
    treaty_in_force_on = models.DateField(null=True)
    charter_signed_on = models.DateField(null=True)
    charter_signed_at = TextsField()
    charter_in_force_on = models.DateField(null=True)
    rotation_order = models.JSONField(default=list)
    term_years = models.PositiveSmallIntegerField(default=1)
    anchor_member = models.CharField(max_length=3, blank=True)
    anchor_term = models.PositiveIntegerField(null=True)
    # The member states' witnesses of the log, [{"vkey": ..., "url": ...}], set by `set_log_witnesses`:
    # the log submits each new checkpoint to them for cosigning.
    witnesses = models.JSONField(default=list)
    # The kinds of session the charter adds to regular and extraordinary ones, [{"code", "name"}] (the name
    # a text per language): an anniversary session, say.
    session_kinds = models.JSONField(default=list)
    # The organization's standing in other bodies, [{"body", "status", "since", "reference"}] (body, status and
    # reference a text per language, since a date): observer at the UN General Assembly since 2004, say.
    statuses = models.JSONField(default=list)


    def __str__(self) -> str:
        return str(self.name)

    def session_kind_name(self, code: str) -> Texts | None:
        """The name the charter gives a session kind it adds, None for any other code."""
        found = next((kind for kind in self.session_kinds if kind.get("code") == code), None)
        return Texts.of(found["name"]) if found else None

    def standing(self) -> list[dict[str, Any]]:
        """The statuses the organization holds in other bodies, their dates read (`since`)."""
        return [{**status, "since": datetime.date.fromisoformat(status["since"])} for status in self.statuses]

    def names(self) -> list[tuple[str, str, str]]:
        """`(language, name, abbreviation)` in each language the organization's name is written in."""
        return [(code, text, self.abbreviation.get(code, "")) for code, text in self.name.items()]


class RuleChange(models.Model):
    """From which term on the chair is handed over by `rule`."""

    rule = models.CharField(max_length=30, choices=[(r.value, r.value) for r in HandoverRule])
    from_term = models.PositiveIntegerField(unique=True)
    reference = TextsField()
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["from_term"]


class Handover(models.Model):
    """The regular session at which a term began (under the at_regular_session rule)."""

    term = models.PositiveIntegerField(unique=True)
    on = models.DateField()
    reference = TextsField()
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["term"]


class ChairOverride(models.Model):
    """The Council decided otherwise: this member chairs from start to end (inclusive)."""

    member = models.ForeignKey("Member", on_delete=models.PROTECT, related_name="+")
    start = models.DateField()
    end = models.DateField(null=True)
    reason = TextsField()
    reference = TextsField()
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["start"]


class Member(models.Model):
    """A state in the registry by its ISO 3166-1 alpha-3 code; its status comes from its history."""

    code = models.CharField(max_length=3, primary_key=True)
    # The organization's own official short name per language, where it sets one; `name` gives ISO's
    # (pycountry's ISO 3166 translations) in every other language.
    official_name = TextsField()

    class Meta:
        ordering = ["code"]


    def __str__(self) -> str:
        return str(self.name)

    @property
    def name(self) -> Texts:
        """The state's name in every language: the official one where set, ISO's elsewhere."""
        return country_names(self.code, self.official_name)


class MembershipEvent(models.Model):
    """One act in a member's history: acceded, withdrew, suspended, frozen, ..."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="history")
    kind = models.CharField(max_length=30, choices=[(k.value, k.value) for k in EventKind])
    on = models.DateField()
    reference = TextsField()
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
    # The name as the person's own organization writes it in each language (Cyrillic in Russian, Latin in
    # English); a name given without a language is in the organization's default one.
    full_name = TextsField()
    # The office the person holds, per language ("President of ...").
    title = TextsField()
    member = models.ForeignKey(Member, on_delete=models.PROTECT, null=True, related_name="people")
    role = models.CharField(max_length=30, choices=Role.choices)
    is_delegation_admin = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    # Set when someone else (a keeper, the console) set the password: it is a one-time password, and the
    # person reaches nothing but the page to choose its own until it has (accord.members.middleware).
    must_change_password = models.BooleanField(default=False)

    objects = PersonManager()

    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["member_id", "username"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the reader's language (the default language's where it has none), or the username."""
        return self.full_name.pick().text or self.username



class SigningKey(models.Model):
    """A person's Ed25519 public key; registered, rotated and revoked by acts."""

    key_id = models.CharField(max_length=40, primary_key=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="keys")
    public_key = models.CharField(max_length=64)
    label = models.CharField(max_length=100, blank=True)
    registered_seq = models.BigIntegerField()
    revoked_seq = models.BigIntegerField(null=True)
    # Why it was revoked, per language ("rotated to <key>" for a key replaced by rotation).
    revoked_reason = TextsField()

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
    name = TextsField()
    composition = TextsField()
    decides = models.BooleanField(default=True)
    reference = TextsField()
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["entry_seq"]


    def __str__(self) -> str:
        return str(self.name)


class Seat(models.Model):
    """A person sitting on a body for its member (or for the secretariat, member None)."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="seats")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="seats")
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["body", "person__member_id", "person__username"]
        constraints = [models.UniqueConstraint(fields=["body", "person"], name="one_seat_per_person")]


class Office(models.Model):
    """An office of the organization (the Secretary General, the Chief of the Joint Staff), with its term.

    Which offices there are, what they are called and how long a term lasts are the organization's to
    configure; who held an office when is its appointments.
    """

    code = models.CharField(max_length=20, primary_key=True)
    name = TextsField()
    term_years = models.PositiveSmallIntegerField(null=True)
    reference = TextsField()
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["entry_seq"]


    def __str__(self) -> str:
        return str(self.name)


class Appointment(models.Model):
    """A person holding an office from `start` to `end` (inclusive; None: still in office), appointed by a
    decision, or acting in the office until it is filled."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="appointments")
    holder = TextsField()
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", null=True)
    start = models.DateField()
    end = models.DateField(null=True)
    # Where the record gives only the year of a start or an end: the pages print the year alone.
    start_year_only = models.BooleanField(default=False)
    end_year_only = models.BooleanField(default=False)
    acting = models.BooleanField(default=False)
    # The decision that appointed the holder as each language cites it: a decision of the register by its
    # identifier (the pages link it), or the published one of a decision older than the register.
    decision = TextsField()
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["office", "start", "entry_seq"]
