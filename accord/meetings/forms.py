"""The meetings pages' forms: one per act a page offers, its fields the action's keyword parameters.

The choices a form offers are what its page may show the viewer (the parts whose content it sees, the
statements it may record); a choice outside them is refused by the form as one that does not exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import pycountry
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core import dates
from accord.core.dayfield import DayField, InstantField, TimeField
from accord.core.errors import AccordError
from accord.core.forms import SourcedForm
from accord.core.labels import CLASSIFICATION_LABELS
from accord.core.pages import ActForm
from accord.core.translations import TextsFormField, language_choices, language_code
from accord.meetings.models import Mode, Outcome, Part, PartKind, Presence, Room, Statement, kind_choices
from accord.members.models import Body, Member

Choices = list[tuple[str, Any]]
NONE: tuple[str, Any] = ("", _("None"))


def _members(members: Iterable[Member]) -> Choices:
    return [(m.code, str(m.name)) for m in members]


def _choices(form: forms.Form, name: str, choices: Sequence[tuple[Any, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = list(choices)


def part_label(part: Part) -> str:
    return f"{part.number}. {part.title or part.get_kind_display()}"


def _to_int(value: str) -> int:
    return int(value)


class ConveneForm(ActForm):
    """Convene a session (meetings.actions.convene_session)."""

    body = forms.ChoiceField(label=_("Body"))
    title = TextsFormField(label=_("Title"), limit=300)
    kind = forms.ChoiceField(label=_("Kind"))
    mode = forms.ChoiceField(label=_("Form"), choices=Mode.choices)
    starts_on = DayField(label=_("First day"))
    ends_on = DayField(label=_("Last day (if more than one)"), required=False)
    place = TextsFormField(label=_("Place (in person)"), required=False)
    host = forms.ChoiceField(label=_("Host"), required=False)
    # Only the Secretariat names a chair other than the rotation's (the form drops it for anyone else).
    chair = forms.ChoiceField(label=_("Chair, if not the rotation's"),
                              required=False)
    requested_by = forms.ChoiceField(label=_("Requested by (an extraordinary session at a member's request)"),
                                     required=False)
    classification = forms.ChoiceField(label=_("Who may see it"), choices=list(CLASSIFICATION_LABELS.items()))
    participants = forms.MultipleChoiceField(label=_("Participants (for “Participants only”)"), required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, members: Sequence[Member], requesters: Sequence[Member], names_chair: bool,
                 **kwargs: Any) -> None:
        super().__init__(*args, auto_id="convene-%s", **kwargs)
        _choices(self, "body", [(b.code, str(b.name)) for b in Body.objects.filter(decides=True)])
        _choices(self, "kind", kind_choices())
        _choices(self, "host", [NONE, *_members(members)])
        _choices(self, "chair", [NONE, *_members(members)])
        _choices(self, "requested_by", [NONE, *_members(requesters)])
        _choices(self, "participants", _members(members))
        if not names_chair:
            del self.fields["chair"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("host", "chair", "requested_by"):  # "None" chosen: the action's None
            if name in cleaned:
                cleaned[name] = cleaned[name] or None
        cleaned["participants"] = cleaned.get("participants") or None
        return cleaned


class SessionStepForm(ActForm):
    """An act on the session with nothing to type: agree the agenda, open, close."""


class PartForm(ActForm):
    """Add a part to the session (meetings.actions.add_part)."""

    kind = forms.ChoiceField(label=_("Kind of part"), choices=PartKind.choices)
    is_open = forms.TypedChoiceField(label=_("Open or closed"), coerce=lambda value: value == "open",
                                     choices=[("open", _("open (public)")),
                                              ("closed", pgettext_lazy("part of a session", "closed"))])
    title = TextsFormField(label=_("Title"), limit=300, required=False)
    participants = forms.MultipleChoiceField(label=_("Participants of a closed part"), required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, members: Sequence[Member], **kwargs: Any) -> None:
        super().__init__(*args, auto_id="part-%s", **kwargs)
        _choices(self, "participants", _members(members))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["participants"] = cleaned.get("participants") or None
        return cleaned


class ItemForm(ActForm):
    """Add an item to the draft agenda (meetings.actions.add_agenda_item)."""

    title = TextsFormField(label=_("Item title"), limit=300)
    part = forms.TypedChoiceField(label=_("Taken in part"), coerce=_to_int, empty_value=None, required=False)
    references = forms.CharField(label=_("References (proposal:ID, document:ID, or text; separated by commas)"),
                                 required=False, max_length=3000)

    def __init__(self, *args: Any, parts: Sequence[Part], **kwargs: Any) -> None:
        super().__init__(*args, auto_id="item-%s", **kwargs)
        _choices(self, "part", [("", _("The session as a whole")), *((str(p.pk), part_label(p)) for p in parts)])

    def clean_references(self) -> list[str]:
        return [ref.strip() for ref in self.cleaned_data["references"].split(",") if ref.strip()]


class AttendanceForm(ActForm):
    """Record a delegation's presence at a part (meetings.actions.record_attendance)."""

    part = forms.TypedChoiceField(label=_("Part"), coerce=_to_int)
    member = forms.ChoiceField(label=_("Delegation"))
    presence = forms.ChoiceField(label=_("Presence"), choices=Presence.choices)
    represented_by = TextsFormField(label=_("Represented by"), limit=200, required=False)

    def __init__(self, *args: Any, parts: Sequence[Part], members: Sequence[Member], **kwargs: Any) -> None:
        super().__init__(*args, auto_id="att-%s", **kwargs)
        _choices(self, "part", [(str(p.pk), part_label(p)) for p in parts])
        _choices(self, "member", _members(members))


class PublishClosedPartForm(SourcedForm):
    """Say publicly what may be known of a closed part, never its content (meetings.actions.publish_closed_part):
    the topic the organization announced, what was reported publicly from it, and how sure that report is, with
    its source."""

    part = forms.TypedChoiceField(label=_("Closed part"), coerce=_to_int)
    topic = TextsFormField(label=_("Announced topic"), limit=500, required=False)
    reported = TextsFormField(label=_("Reported publicly"), limit=5000, required=False,
                              help_text=_("What was reported publicly from the part, never more"))
    field_order = ["part", "topic", "reported"]

    def __init__(self, *args: Any, parts: Sequence[Part], **kwargs: Any) -> None:
        super().__init__(*args, auto_id="pub-%s", initial={"certainty": "reported"}, **kwargs)
        _choices(self, "part", [(str(p.pk), part_label(p)) for p in parts])

    @staticmethod
    def provenance_for(data: dict[str, Any]) -> dict[str, Any]:
        """The certainty and source given apply to what was reported, else to the announced topic."""
        return SourcedForm.provenance_of(data, "reported" if data.get("reported") else "topic")


class SpeakerForm(ActForm):
    """Put a speaker on a part's list (meetings.actions.inscribe_speaker)."""

    part = forms.TypedChoiceField(label=_("Part"), coerce=_to_int)
    delegation = forms.ChoiceField(label=_("Delegation"))
    speaker_name = TextsFormField(label=_("Speaker"), limit=200)

    def __init__(self, *args: Any, parts: Sequence[Part], members: Sequence[Member], **kwargs: Any) -> None:
        super().__init__(*args, auto_id="sp-%s", **kwargs)
        _choices(self, "part", [(str(p.pk), part_label(p)) for p in parts])
        _choices(self, "delegation", _members(members))


class LanguageInput(forms.TextInput):
    """A language's ISO 639 code, typed or picked from a list of suggestions in the order given."""

    template_name = "meetings/forms/language.html"

    def __init__(self, suggestions: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false"})
        self.suggestions = list(suggestions)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["list"] = f"{context['widget']['attrs'].get('id') or name}-languages"
        context["widget"]["suggestions"] = self.suggestions
        return context


def offered_languages(organization: Sequence[str], spoken: Iterable[str]) -> list[str]:
    """The languages a statement is offered in: the organization's first, then those its members have
    spoken in at its sessions, then every other two-letter ISO 639 language (any code may be typed)."""
    first = list(dict.fromkeys([*organization, *spoken]))
    return [*first, *(code for code in _two_letter_codes() if code not in first)]


def _two_letter_codes() -> list[str]:
    return sorted(language.alpha_2 for language in pycountry.languages if getattr(language, "alpha_2", None))


class DeliverForm(ActForm):
    """Record what a listed speaker said (meetings.actions.deliver_statement), in any ISO 639 language."""

    statement = forms.TypedChoiceField(label=_("Speaker on the list"), coerce=_to_int)
    language = forms.CharField(label=_("Language spoken (ISO 639 code)"), max_length=8, widget=LanguageInput())
    summary = TextsFormField(label=_("Summary"), multiline=True, limit=5000, required=False)

    def __init__(self, *args: Any, waiting: Sequence[Statement], spoken: Iterable[str] = (),
                 **kwargs: Any) -> None:
        super().__init__(*args, auto_id="dl-%s", **kwargs)
        _choices(self, "statement", [(str(s.pk), f"{s.speaker_name} ({s.delegation.name if s.delegation else ''})")
                                      for s in waiting])
        summary = self.fields["summary"]
        assert isinstance(summary, TextsFormField)
        self.fields["language"].initial = summary.languages[0]
        offered = offered_languages(summary.languages, spoken)
        self.fields["language"].widget = LanguageInput(language_choices(offered))

    def clean_language(self) -> str:
        try:
            return language_code(self.cleaned_data["language"], "language")
        except AccordError as refused:
            raise forms.ValidationError(str(refused.reason)) from None

    def refuse(self, failure: AccordError) -> None:
        # The action asks for "the text or a summary"; this form offers the summary.
        super().refuse(type(failure)("summary", failure.reason) if failure.field == "text" else failure)


class OutcomeForm(ActForm):
    """Record an item's outcome (meetings.actions.record_outcome); one per item on the console."""

    outcome = forms.ChoiceField(choices=[c for c in Outcome.choices if c[0]])
    note = TextsFormField(label=_("Note (optional)"), required=False)

    def __init__(self, *args: Any, item: int, number: int, **kwargs: Any) -> None:
        super().__init__(*args, auto_id=f"outcome-{item}-%s", **kwargs)
        self.fields["outcome"].label = _("Outcome of item %(number)s") % {"number": number}


class BilateralForm(ActForm):
    """Ask for a bilateral meeting (meetings.actions.request_bilateral): a day of the session, two times."""

    counterpart = forms.ChoiceField(label=_("With"))
    day = forms.TypedChoiceField(label=_("Day"), coerce=dt.date.fromisoformat)
    starts_at = TimeField(label=_("From (UTC)"))
    ends_at = TimeField(label=_("to (UTC)"))
    place = TextsFormField(label=_("Place"), required=False, limit=200)

    def __init__(self, *args: Any, counterparts: Sequence[Member], days: Sequence[dt.date], mark: str = "",
                 **kwargs: Any) -> None:
        """`mark`: the certainty mark of the session's days where they are not plain fact ("illustrative")."""
        super().__init__(*args, auto_id="%s", **kwargs)
        _choices(self, "counterpart", _members(counterparts))
        _choices(self, "day", [(day.isoformat(), f"{dates.day(day)} · {mark}" if mark else dates.day(day))
                               for day in days])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day = cleaned.pop("day", None)
        for name in ("starts_at", "ends_at"):
            at = cleaned.get(name)
            if isinstance(day, dt.date) and isinstance(at, dt.time):
                cleaned[name] = dt.datetime.combine(day, at, tzinfo=dt.UTC)
        return cleaned


class AnswerForm(ActForm):
    """Confirm or decline a requested bilateral meeting (meetings.actions.answer_bilateral): the one in the URL."""

    accept = forms.TypedChoiceField(coerce=lambda value: value == "accept",
                                    choices=[("accept", _("Confirm")), ("decline", _("Decline"))])


class FloorForm(ActForm):
    """Give the floor to a speaker on the list (meetings.actions.give_floor), for a speaking time."""

    statement = forms.TypedChoiceField(label=_("Speaker on the list"), coerce=_to_int)
    minutes = forms.IntegerField(label=_("Speaking time (minutes)"), min_value=1, max_value=60, initial=3)

    def __init__(self, *args: Any, waiting: Sequence[Statement], **kwargs: Any) -> None:
        super().__init__(*args, auto_id="floor-%s", **kwargs)
        _choices(self, "statement", [(str(s.pk), f"{s.speaker_name} ({s.delegation.name if s.delegation else ''})")
                                      for s in waiting])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "minutes" in cleaned:
            cleaned["seconds"] = cleaned.pop("minutes") * 60
        return cleaned

    def refuse(self, failure: AccordError) -> None:
        # The action counts seconds; this form asks for minutes.
        super().refuse(type(failure)("minutes", failure.reason) if failure.field == "seconds" else failure)


class EndFloorForm(ActForm):
    """End the time of the speaker who has the floor (meetings.actions.end_floor)."""

    statement = forms.TypedChoiceField(coerce=_to_int, widget=forms.HiddenInput)

    def __init__(self, *args: Any, speaking: Statement | None, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="end-floor-%s", **kwargs)
        _choices(self, "statement", [(str(speaking.pk), str(speaking.speaker_name))] if speaking else [])
        if speaking is not None:
            self.fields["statement"].initial = speaking.pk


class CirculateMinutesForm(ActForm):
    """Circulate the minutes for comments (meetings.actions.circulate_minutes), until a deadline."""

    comments_until = InstantField(label=_("Comments until"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="circulate-%s", **kwargs)


class MinutesCommentForm(ActForm):
    """Comment on circulated minutes (meetings.actions.comment_on_minutes)."""

    text = forms.CharField(label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="comment-%s", **kwargs)


class RoomForm(ActForm):
    """Name a room of the session's venue (meetings.actions.add_room)."""

    name = TextsFormField(label=_("Room"), limit=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="room-%s", **kwargs)


class ScheduleForm(ActForm):
    """Set when and where a part or an item is held, or a bilateral meeting's room (meetings.actions.schedule).

    The thing is one choice, `part:ID`, `item:ID` or `bilateral:ID`; times are typed in the zone named
    beside them."""

    what = forms.ChoiceField(label=_("Part, item or bilateral meeting"))
    starts_at = InstantField(label=_("Starts"), required=False)
    ends_at = InstantField(label=_("Ends"), required=False)
    room = forms.ChoiceField(label=_("Room"), required=False)

    def __init__(self, *args: Any, things: Sequence[tuple[str, str]], rooms: Sequence[Room],
                 **kwargs: Any) -> None:
        super().__init__(*args, auto_id="schedule-%s", **kwargs)
        _choices(self, "what", things)
        _choices(self, "room", [NONE, *((str(r.number), str(r.name)) for r in rooms)])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind, _sep, pk = str(cleaned.pop("what", "") or "").partition(":")
        if kind in ("part", "item", "bilateral") and pk.isdigit():
            cleaned[kind] = int(pk)
        cleaned["room"] = cleaned.get("room") or None
        return cleaned

    def refuse(self, failure: AccordError) -> None:
        # The action names the part, item or meeting it was given; this form offers them as one choice.
        named = failure.field in ("part", "item", "bilateral")
        super().refuse(type(failure)("what", failure.reason) if named else failure)
