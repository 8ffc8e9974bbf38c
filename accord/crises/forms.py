"""The crisis pages' forms: one per act a page offers, its fields the action's keyword parameters.

Times are typed in the zone named beside their field (`InstantField`). The
choices are the catalogue's (accord.crises.catalogue) and the registry's, as the viewer may see them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core import dates, policy
from accord.core.dayfield import DayField, InstantField
from accord.core.errors import AccordError
from accord.core.pages import ActForm
from accord.core.translations import Texts, TextsFormField
from accord.crises import actions, catalogue, letters
from accord.decisions import labels as decision_labels
from accord.decisions.models import Proposal
from accord.meetings.models import Session

Choices = list[tuple[str, Any]]
NONE: tuple[str, str] = ("", "—")


def _choices(form: forms.Form, name: str, choices: Sequence[tuple[Any, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = list(choices)


def _rows(form: forms.Form, **rows: int) -> None:
    """Give a multiline text's boxes, one per language, the height the page has room for."""
    for name, count in rows.items():
        form.fields[name].widget.attrs["rows"] = count


def _to_int(value: str) -> int:
    return int(value)


@dataclass(frozen=True)
class Titles:
    """The titles a session or a draft decision on the request is offered, a text per language."""

    session: Texts
    draft: Texts


@dataclass(frozen=True)
class Offered:
    """What the page's forms offer the viewer, worked out once per page."""

    bodies: Choices
    deciding_bodies: Choices
    members: Choices


class StepForm(ActForm):
    """An act with nothing to type: acknowledge, declare the mission complete, record the withdrawal."""


class FileRequestForm(ActForm):
    """File an official request (crises.actions.file_request)."""

    legal_basis = forms.ChoiceField(label=_("Legal basis"))
    happened = TextsFormField(label=_("What happened"), multiline=True, limit=4000)
    area = TextsFormField(label=_("Area"), limit=300)
    asks_for = TextsFormField(label=_("What the member asks for"), multiline=True, limit=4000)
    classification = forms.ChoiceField(label=_("Classification"), initial=policy.MEMBERS, choices=[
        (policy.MEMBERS, _("Members only")), (policy.PUBLIC, _("Public"))])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="%s", **kwargs)
        _choices(self, "legal_basis", catalogue.choices(catalogue.legal_bases()))
        _rows(self, happened=3, asks_for=2)


class NoResponseForm(ActForm):
    """Record that no response follows (crises.actions.record_no_response)."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("declined", _("Declined")),
                                                            ("no_decision", _("Left without a decision"))])
    objected_by = forms.MultipleChoiceField(label=_("Objected"), required=False,
                                            widget=forms.CheckboxSelectMultiple)
    note = TextsFormField(label=_("Note"), required=False, limit=4000)

    def __init__(self, *args: Any, offered: Offered, objected: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, auto_id="no-%s", initial={"objected_by": list(objected)}, **kwargs)
        _choices(self, "objected_by", offered.members)


class ConveneForm(ActForm):
    """Convene an extraordinary session on the request (crises.actions.convene_on_request)."""

    body = forms.ChoiceField(label=_("Body"))
    title = TextsFormField(label=_("Title"), limit=300)
    starts_on = DayField(label=_("Date"))
    mode = forms.ChoiceField(label=_("How it meets"), choices=[("video", _("By video")),
                                                               ("in_person", _("In person"))])
    place = TextsFormField(label=_("Place (in person)"), required=False, limit=500)
    # Only the Secretariat names a chair other than the rotation's (the form drops it for anyone else):
    # on a day the rotation gives nobody, the session is refused until one is named here.
    chair = forms.ChoiceField(label=_("Chair, if not the rotation's"), required=False)

    def __init__(self, *args: Any, offered: Offered, titles: Titles, today: dt.date, names_chair: bool,
                 **kwargs: Any) -> None:
        super().__init__(*args, auto_id="s-%s", initial={"title": titles.session, "starts_on": today}, **kwargs)
        _choices(self, "body", offered.deciding_bodies)
        if names_chair:
            _choices(self, "chair", [("", _("None")), *offered.members])
        else:
            del self.fields["chair"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "chair" in cleaned:  # "None" chosen: the rotation's chair
            cleaned["chair"] = cleaned["chair"] or None
        return cleaned


class AcceleratedForm(ActForm):
    """Put a draft decision to an accelerated procedure (crises.actions.open_accelerated_procedure)."""

    body = forms.ChoiceField(label=_("Deciding body"))
    title = TextsFormField(label=_("Title of the draft"), limit=300)
    text = forms.CharField(label=_("Text of the draft decision"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(label=_("Procedure"))
    hours = forms.IntegerField(label=_("Deadline in hours from now"), min_value=1, max_value=7 * 24, initial=24)

    def __init__(self, *args: Any, offered: Offered, titles: Titles, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="p-%s", initial={"title": titles.draft}, **kwargs)
        _choices(self, "body", offered.deciding_bodies)
        _choices(self, "kind", [(kind, decision_labels.KINDS[kind]) for kind in actions.ACCELERATED_KINDS])


class TieForm(ActForm):
    """Tie a session or a proposal that already exists (crises.actions.take_up); the page shows each
    field as its own small form."""

    session = forms.TypedChoiceField(label=_("Session"), coerce=_to_int, empty_value=None, required=False)
    proposal = forms.TypedChoiceField(label=_("Proposal"), coerce=_to_int, empty_value=None, required=False)

    def __init__(self, *args: Any, sessions: Sequence[Session], proposals: Sequence[Proposal],
                 **kwargs: Any) -> None:
        super().__init__(*args, auto_id="tie-%s", **kwargs)
        _choices(self, "session", [NONE, *((str(s.pk), f"{dates.day(s.starts_on)}: {s.title}") for s in sessions)])
        # The title as text: a `Texts` is a mapping, which Django would take for a group of choices (every
        # language's title listed under the proposal's number).
        _choices(self, "proposal", [NONE, *((str(p.pk), p.title.pick().text) for p in proposals)])


class ResponseForm(ActForm):
    """Record the organization's response (crises.actions.choose_response)."""

    response = forms.ChoiceField(label=_("Response"))
    leaders = TextsFormField(label=_("Led by (a mission; one name a line)"), required=False, multiline=True,
                             limit=2000)
    reports_to = forms.ChoiceField(label=_("Reports back to (a mission)"), required=False)
    note = TextsFormField(label=_("Note"), required=False, limit=4000)

    def __init__(self, *args: Any, offered: Offered, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="%s", **kwargs)
        _choices(self, "response", catalogue.choices(catalogue.RESPONSES))
        _choices(self, "reports_to", [NONE, *offered.bodies])
        _rows(self, leaders=2)

    def clean_leaders(self) -> list[dict[str, str]]:
        """One leader a line, line by line across the languages: the third line in Russian names the one the
        third line in English names, so each language gives as many lines as it gives at all."""
        lines = {code: [line.strip() for line in text.splitlines() if line.strip()]
                 for code, text in self.cleaned_data["leaders"].items()}
        counts = {len(names) for names in lines.values() if names}
        if len(counts) > 1:
            raise forms.ValidationError(_("give the same leaders, one a line, in each language you fill in"))
        leaders: list[dict[str, str]] = [{} for _line in range(max(counts, default=0))]
        for code, names in lines.items():
            for leader, name in zip(leaders, names, strict=False):
                leader[code] = name
        return leaders


REQUIREMENT = "req_"


class MandateForm(ActForm):
    """Set the mandate of an operation (crises.actions.set_mandate); one number of units a capability."""

    purpose = TextsFormField(label=_("Purpose"), multiline=True, limit=4000)
    area = TextsFormField(label=_("Area"), limit=300)
    ends_at = InstantField(label=_("Ends"), required=False)
    commander = TextsFormField(label=_("Commander"), limit=200)
    commander_body = forms.ChoiceField(label=_("Appointed by"))
    outside_territory = forms.BooleanField(label=_("Outside the members' territory"), required=False)
    unsc_reference = forms.CharField(label=_("UN Security Council decision"), required=False, max_length=200)
    decision_identifier = forms.CharField(label=_("Authorizing decision"), required=False, max_length=600)
    decision_at = InstantField(label=_("Adopted (empty: now)"), required=False)

    def __init__(self, *args: Any, offered: Offered, area: Texts, adopted: str, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="%s", initial={"area": area, "decision_identifier": adopted}, **kwargs)
        _rows(self, purpose=2)
        _choices(self, "commander_body", offered.bodies)
        if adopted:
            self.fields["decision_identifier"].help_text = _(
                "Adopted on a procedure that took up this request; it authorizes the mandate.")
        for code, _label in catalogue.capabilities():
            self.fields[REQUIREMENT + code] = forms.IntegerField(
                label=catalogue.label(catalogue.capabilities(), code), min_value=0, required=False,
                widget=forms.NumberInput(attrs={"size": 4}))

    def requirement_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(REQUIREMENT)]

    def other_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not name.startswith(REQUIREMENT)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        units = {name.removeprefix(REQUIREMENT): cleaned.pop(name) for name in list(cleaned)
                 if name.startswith(REQUIREMENT)}
        cleaned["requirements"] = {code: n for code, n in units.items() if n}  # empty or 0: not required
        return cleaned

    def refuse(self, failure: AccordError) -> None:
        # The action names a requirement "requirements.<capability>"; the form's field is "req_<capability>".
        code = failure.field.removeprefix("requirements.")
        if code != failure.field and REQUIREMENT + code in self.fields:
            failure = type(failure)(REQUIREMENT + code, failure.reason)
        super().refuse(failure)


class DecisionForm(ActForm):
    """Record the authorizing decision (crises.actions.record_decision)."""

    decision_identifier = forms.CharField(label=_("Authorizing decision"), max_length=600)
    decision_at = InstantField(label=_("Adopted (empty: now)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="d-%s", **kwargs)


class AnswerByDecisionForm(ActForm):
    """A decision the members took recorded as their answer to the request
    (crises.actions.acknowledge_by_decision): the members it answers for, the decision as published, its day."""

    members = forms.MultipleChoiceField(label=_("Members whose answer it is"), widget=forms.CheckboxSelectMultiple)
    decision = TextsFormField(label=_("The decision, as published"), limit=600)
    at = DayField(label=_("Day of the decision"))

    def __init__(self, *args: Any, members: Choices, adopted: Texts, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="answered-%s",
                         initial={"members": [code for code, _name in members], "decision": adopted}, **kwargs)
        _choices(self, "members", members)


class FirstArrivalForm(ActForm):
    """The force's first contingent arrived (crises.actions.record_first_arrival)."""

    at = DayField(label=_("Day of the first arrival"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="arrival-%s", **kwargs)


class DeploymentCompleteForm(ActForm):
    """The force's deployment complete, with what it numbered in all where known
    (crises.actions.record_deployment_complete)."""

    at = DayField(label=_("Day the deployment was complete"))
    personnel = forms.IntegerField(label=_("Personnel in all (empty: not known)"), min_value=1, required=False)
    equipment = forms.IntegerField(label=_("Pieces of equipment in all (empty: not known)"), min_value=1,
                                   required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="deployed-%s", **kwargs)


class ReportHeardForm(ActForm):
    """The body a mission reports to heard its report: the response ends (crises.actions.record_report_heard)."""

    at = DayField(label=_("Day the report was heard"))
    note = TextsFormField(label=_("Note"), required=False, limit=4000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="heard-%s", **kwargs)


class ExtendForm(ActForm):
    """Extend the mandate (crises.actions.extend_mandate)."""

    ends_at = InstantField(label=_("New end"))
    reference = TextsFormField(label=_("Extended by"), limit=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="x-%s", **kwargs)


class PledgeForm(ActForm):
    """Pledge a contingent (crises.actions.pledge_contingent)."""

    capability = forms.ChoiceField(label=_("Capability"))
    quantity = forms.IntegerField(label=_("Units"), min_value=1, initial=1)
    personnel = forms.IntegerField(label=_("Personnel"), min_value=1, required=False)
    force = forms.TypedChoiceField(label=_("Standing force (none: an ad hoc contingent)"), coerce=_to_int,
                                   empty_value=None, required=False)
    declared = forms.TypedChoiceField(label=_("Declared units"), coerce=_to_int, empty_value=None, required=False)

    def __init__(self, *args: Any, standing: Sequence[tuple[str, str]] = (),
                 declarations: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, auto_id="%s", **kwargs)
        _choices(self, "capability", catalogue.choices(catalogue.capabilities()))
        _choices(self, "force", [("", "—"), *standing])
        _choices(self, "declared", [("", "—"), *declarations])


class AnswerPledgeForm(ActForm):
    """Accept or decline a pledge (crises.actions.answer_pledge): the pledge is the one in the URL."""

    accept = forms.TypedChoiceField(coerce=lambda value: value == "accept",
                                    choices=[("accept", _("Accept")), ("decline", _("Decline"))])


class PhaseForm(ActForm):
    """A contingent's phase: reached now (crises.actions.record_phase) or planned for a time
    (crises.actions.plan_phase, when `planned_at` is given)."""

    phase = forms.ChoiceField(label=_("Phase"))
    planned_at = InstantField(label=_("Planned for (empty: reached now)"), required=False)

    def __init__(self, *args: Any, pledge: int, **kwargs: Any) -> None:
        super().__init__(*args, auto_id=f"phase-{pledge}-%s", **kwargs)
        _choices(self, "phase", catalogue.choices(catalogue.PHASES))


class SitesForm(ActForm):
    """Record the guarded sites handed over (crises.actions.hand_over_sites)."""

    sites = forms.IntegerField(label=_("Guarded sites handed over"), min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="sites-%s", **kwargs)


class ReportForm(ActForm):
    """File a situation report (crises.actions.file_situation_report)."""

    text = TextsFormField(label=_("Report"), multiline=True, limit=5000)
    # Shown only to whom files the commander's reports; unticked (or not shown), the report is a contingent's.
    from_commander = forms.BooleanField(label=_("The commander's report"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="report-%s", **kwargs)
        _rows(self, text=3)


class LetterSentForm(ActForm):
    """Record a letter to the UN as sent (crises.actions.record_letter_sent): the one generated here, sent
    today by the organization, or one of the past, from a named sender, whose text or day the record lacks."""

    reference = forms.CharField(label=_("Reference (UN document symbol)"), required=False, max_length=300)
    addressee = forms.ChoiceField(label=_("Addressed to"), choices=[
        (letters.COUNCIL, _("The President of the UN Security Council")),
        (letters.SECRETARY, _("The UN Secretary-General"))])
    sender = TextsFormField(label=_("Sent by (empty: the organization)"), required=False, limit=300)
    at = DayField(label=_("Day it was sent (empty: today)"), required=False)
    undated = forms.BooleanField(label=_("The day it was sent is not in the record"), required=False)
    text_kept = forms.BooleanField(label=_("The text generated here is the text sent"), required=False,
                                   initial=True, help_text=_("Untick for a letter whose text is not in the "
                                                             "record: none is kept."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="letter-%s", **kwargs)


class LessonForm(ActForm):
    """Record a lesson (crises.actions.record_lesson)."""

    text = TextsFormField(label=_("Lesson"), multiline=True, limit=4000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="lesson-%s", **kwargs)
        _rows(self, text=2)


class ValidationForm(ActForm):
    """Validate a lesson (crises.actions.validate_lesson): a validated wording, or none to keep its words."""

    text = TextsFormField(label=_("Validated wording"), multiline=True, required=False, limit=4000)

    def __init__(self, *args: Any, lesson: int, **kwargs: Any) -> None:
        super().__init__(*args, auto_id=f"lesson-{lesson}-%s", **kwargs)
        _rows(self, text=2)
