"""Meetings of the organization's bodies: sessions, their parts and agendas, statements, attendance,
bilateral meetings on the margins.

Classification is inherited down the tree (session → part → statement) unless an object sets its
own; `accord.meetings.classify` works out which applies and why.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.drill import ScopedManager, drill_field
from accord.core.translations import Texts, TextsField


class Kind(models.TextChoices):
    REGULAR = "regular", _("Regular session")
    EXTRAORDINARY = "extraordinary", _("Extraordinary session")


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIDEO = "video", _("By video")
    NOT_RECORDED = "not_recorded", _("How it met is not recorded")


class ConvenedBy(models.TextChoices):
    CHAIR = "chair", _("Convened by the chair")
    MEMBER_REQUEST = "member_request", _("Convened at a member's request")


class State(models.TextChoices):
    # In a context of their own: shown beside a session's title, whose noun is a "сессия" or a "заседание"
    # (of another gender), they are worded so that none has to agree with it; a crisis's "Closed" is another.
    CONVENED = "convened", pgettext_lazy("session state", "Convened")
    OPEN = "open", pgettext_lazy("session state", "In progress")
    CLOSED = "closed", pgettext_lazy("session state", "Closed")


class Session(models.Model):
    """A session of a body: regular or extraordinary, in person at a place or by video."""

    body = models.ForeignKey("members.Body", on_delete=models.PROTECT, related_name="sessions")
    title = TextsField()
    # Regular or extraordinary (Kind), or a kind the charter adds (the organization's session_kinds).
    kind = models.CharField(max_length=20)
    mode = models.CharField(max_length=20, choices=Mode.choices)
    place = TextsField()
    host = models.ForeignKey("members.Member", on_delete=models.PROTECT, null=True, related_name="+")
    chair = models.ForeignKey("members.Member", on_delete=models.PROTECT, null=True, related_name="+")
    convened_by = models.CharField(max_length=20, choices=ConvenedBy.choices)
    requested_by = models.ForeignKey("members.Member", on_delete=models.PROTECT, null=True, related_name="+")
    starts_on = models.DateField()
    ends_on = models.DateField()
    classification = models.CharField(max_length=20, default="public")
    audience = models.JSONField(default=list)
    note = TextsField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.CONVENED)
    current_item = models.ForeignKey("AgendaItem", on_delete=models.SET_NULL, null=True, related_name="+")
    agenda_agreed_seq = models.BigIntegerField(null=True)
    drill = drill_field()  # the drill whose record this is (accord.core.drill); empty: a real one
    entry_seq = models.BigIntegerField()
    objects = ScopedManager()  # every read: the real records, or the active drill's

    class Meta:
        ordering = ["starts_on", "entry_seq"]

    def __str__(self) -> str:
        return str(self.title)

    def get_kind_display(self) -> str:
        """The kind's name in the reader's language: regular or extraordinary, or the charter's own."""
        if self.kind in Kind.values:  # no read of the charter for the kinds every organization has
            return str(Kind(self.kind).label)
        return dict(kind_choices()).get(self.kind, self.kind)


def kind_choices() -> list[tuple[str, str]]:
    """Every kind of session, `(code, name in the reader's language)`: regular and extraordinary, then the
    kinds the charter adds (the organization's session_kinds, read once per request: accord.core.once)."""
    from accord.members.queries import organization as charter  # the registry's queries stand on its models

    organization = charter()
    added = [(kind["code"], Texts.of(kind["name"]).pick().text) for kind in organization.session_kinds
             ] if organization else []
    return [(str(code), str(label)) for code, label in Kind.choices] + added


class Room(models.Model):
    """A room of a session's venue, named in the organization's languages, numbered in the session."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="rooms")
    number = models.PositiveSmallIntegerField()
    name = TextsField()
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["session", "number"]
        constraints = [models.UniqueConstraint(fields=["session", "number"], name="one_room_number")]


class PartKind(models.TextChoices):
    RESTRICTED = "restricted", _("Restricted session of heads")
    EXPANDED = "expanded", _("Expanded session")
    SIGNING = "signing", _("Signing ceremony")
    PLENARY = "plenary", _("Plenary")
    OTHER = "other", _("Other")


class Part(models.Model):
    """One part of a session, in order: open (public, televised) or closed (its participants only)."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="parts")
    number = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=PartKind.choices)
    is_open = models.BooleanField()
    title = TextsField()
    starts_at = models.DateTimeField(null=True)
    ends_at = models.DateTimeField(null=True)
    room = models.ForeignKey(Room, on_delete=models.PROTECT, null=True, related_name="+")
    # Empty: inherited from the session (open part) or its participants only (closed part).
    classification = models.CharField(max_length=20, blank=True)
    audience = models.JSONField(default=list)
    entry_seq = models.BigIntegerField()
    # What anyone who may see the session may know of a closed part, never its content: the topic the
    # organization announced, and what was reported publicly from it, whose sources its act carries
    # (accord.core.provenance) under `published_seq`.
    announced_topic = TextsField()
    public_report = TextsField()
    published_seq = models.BigIntegerField(null=True)

    class Meta:
        ordering = ["session", "number"]
        constraints = [models.UniqueConstraint(fields=["session", "number"], name="one_part_number")]


class Outcome(models.TextChoices):
    PENDING = "", _("No outcome recorded")
    ADOPTED = "adopted", _("Adopted")
    RETURNED = "returned", _("Returned for revision")
    WITHDRAWN = "withdrawn", pgettext_lazy("agenda item", "Withdrawn")
    NOTED = "noted", _("Taken note of")


class AgendaItem(models.Model):
    """An item of a session's agenda, with references to proposals and documents and its outcome."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="items")
    number = models.PositiveSmallIntegerField()
    part = models.ForeignKey(Part, on_delete=models.PROTECT, null=True, related_name="items")
    title = TextsField()
    references = models.JSONField(default=list)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True, default="")
    outcome_note = TextsField()
    outcome_seq = models.BigIntegerField(null=True)
    entry_seq = models.BigIntegerField()
    # When the item is taken, and where, as the timetable shows it (meetings.actions.schedule).
    starts_at = models.DateTimeField(null=True)
    ends_at = models.DateTimeField(null=True)
    room = models.ForeignKey(Room, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["session", "number"]
        constraints = [models.UniqueConstraint(fields=["session", "number"], name="one_item_number")]


class Statement(models.Model):
    """A speaker on a part's list; once delivered, the statement's text or summary."""

    part = models.ForeignKey(Part, on_delete=models.PROTECT, related_name="statements")
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, null=True, related_name="statements")
    order = models.PositiveSmallIntegerField()
    speaker = models.ForeignKey("members.Person", on_delete=models.PROTECT, null=True, related_name="+")
    # The speaker's name per language: a registered speaker's full name, or the name the list was given.
    speaker_name = TextsField()
    delegation = models.ForeignKey("members.Member", on_delete=models.PROTECT, null=True, related_name="+")
    language = models.CharField(max_length=10, blank=True)
    text = models.TextField(blank=True)
    summary = TextsField()
    delivered = models.BooleanField(default=False)
    classification = models.CharField(max_length=20, blank=True)
    audience = models.JSONField(default=list)
    entry_seq = models.BigIntegerField()
    delivered_seq = models.BigIntegerField(null=True)
    # The floor: when the chair gave it (the act's time, the server's clock), for how long, and when it ended.
    floor_at = models.DateTimeField(null=True)
    floor_seconds = models.PositiveIntegerField(null=True)
    floor_ended_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["part", "order"]

    @property
    def has_floor(self) -> bool:
        return self.floor_at is not None and self.floor_ended_at is None


class Presence(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    REMOTE = "remote", _("Remotely")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    """Whether a member's delegation attended a part; absence is recorded, never taken as objection."""

    part = models.ForeignKey(Part, on_delete=models.PROTECT, related_name="attendance")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    presence = models.CharField(max_length=20, choices=Presence.choices)
    # Who represented the member, per language (a name, or an office).
    represented_by = TextsField()
    # Why a member was absent, per language, where the record says.
    reason = TextsField()
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["part", "member_id"]
        constraints = [models.UniqueConstraint(fields=["part", "member"], name="one_attendance_per_member")]


class BilateralState(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("bilateral meeting", "Requested")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", pgettext_lazy("bilateral meeting", "Declined")


class Bilateral(models.Model):
    """A bilateral meeting on the margins of a session, asked by one delegation of another."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="bilaterals")
    requester = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    counterpart = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    requester_person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+")
    counterpart_person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = TextsField()
    room = models.ForeignKey(Room, on_delete=models.PROTECT, null=True, related_name="+")
    state = models.CharField(max_length=20, choices=BilateralState.choices, default=BilateralState.REQUESTED)
    classification = models.CharField(max_length=20, default="public")
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["starts_at", "entry_seq"]


class MinutesState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("minutes", "Draft")
    CIRCULATED = "circulated", _("Circulated for comments")
    APPROVED = "approved", pgettext_lazy("minutes", "Approved")


class Minutes(models.Model):
    """The minutes of a session past its draft: circulated for comments until a deadline, then approved.

    A session without a row has draft minutes (they follow its record); approved minutes are fixed: the
    approving act holds the hash of their text (accord.meetings.record_text), which the page checks.
    """

    session = models.OneToOneField(Session, on_delete=models.PROTECT, related_name="minutes_record")
    state = models.CharField(max_length=20, choices=MinutesState.choices, default=MinutesState.CIRCULATED)
    comments_until = models.DateTimeField()
    circulated_seq = models.BigIntegerField()
    approved_at = models.DateTimeField(null=True)
    approved_seq = models.BigIntegerField(null=True)
    text_hash = models.CharField(max_length=64, blank=True)


class MinutesComment(models.Model):
    """A participant's comment on circulated minutes."""

    minutes = models.ForeignKey(Minutes, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey("members.Person", on_delete=models.PROTECT, null=True, related_name="+")
    author_name = models.CharField(max_length=200)
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, null=True, related_name="+")
    text = models.TextField()
    made_at = models.DateTimeField()
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["minutes", "entry_seq"]
