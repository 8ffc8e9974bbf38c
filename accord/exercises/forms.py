"""The exercises' page forms: one per act, its fields the action's keyword parameters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core.dayfield import DayField
from accord.core.pages import ActForm
from accord.core.translations import TextsFormField
from accord.exercises import catalogue

Choices = list[tuple[str, str]]
NONE = ("", "—")


def _day(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return DayField(label=label, required=required, help_text=help_text)


def _choices(form: forms.Form, name: str, choices: Choices) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _on() -> forms.DateField:
    return _day(_("On"), required=False, help_text=_("Today when left empty."))


class PlanForm(ActForm):
    """Record the year's plan (exercises.actions.adopt_plan)."""

    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=9999)
    proposal = forms.TypedChoiceField(label=_("Adopting decision's proposal"), coerce=int, empty_value=None,
                                      required=False)
    decision_reference = forms.CharField(label=_("Adopting decision, as published"), max_length=500,
                                         required=False)

    def __init__(self, *args: Any, proposals: Choices, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="plan-%s", **kwargs)
        _choices(self, "proposal", [NONE, *proposals])


class ExerciseForm(ActForm):
    """Plan an exercise (exercises.actions.plan_exercise)."""

    name = TextsFormField(label=_("Name"))
    kind = forms.ChoiceField(label=_("Kind"))
    forces_exercised = forms.TypedMultipleChoiceField(label=_("Standing forces exercised"), coerce=int,
                                                      required=False, widget=forms.CheckboxSelectMultiple)
    host = forms.ChoiceField(label=_("Host state"))
    ground = TextsFormField(label=_("Training ground"), limit=300)
    planned_start = _day(_("Planned from"))
    planned_end = _day(_("Planned until"))
    stages = TextsFormField(label=_("Stages"), multiline=True, required=False, limit=5000)
    scenario = TextsFormField(label=_("Scenario (summary)"), multiline=True, required=False, limit=5000)
    objectives = TextsFormField(label=_("Objectives"), multiline=True, required=False, limit=5000)
    lead = forms.ChoiceField(label=_("Lead body"), required=False)
    observers = forms.CharField(label=_("Observers invited"), required=False, help_text=_("One per line."),
                                widget=forms.Textarea(attrs={"rows": 3}))
    classification = forms.ChoiceField(label=_("Who may see it"), choices=[
        ("public", _("Public")), ("members", _("Members only"))])

    def __init__(self, *args: Any, members: Choices, bodies: Choices, forces: Choices, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="exercise-%s", **kwargs)
        _choices(self, "kind", catalogue.choices(catalogue.kinds()))
        _choices(self, "host", members)
        _choices(self, "lead", [NONE, *bodies])
        _choices(self, "forces_exercised", forces)

    def clean_observers(self) -> list[str]:
        lines = str(self.cleaned_data.get("observers") or "").splitlines()
        return [line.strip() for line in lines if line.strip()]


class ConfirmForm(ActForm):
    """Confirm the exercise (exercises.actions.confirm_exercise)."""

    on = _on()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="confirm-%s", **kwargs)


class HeldForm(ActForm):
    """Record the exercise held (exercises.actions.record_held)."""

    actual_start = _day(_("Held from"))
    actual_end = _day(_("Held until"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="held-%s", **kwargs)


class PostponeForm(ActForm):
    """Postpone the exercise to new dates (exercises.actions.postpone_exercise)."""

    planned_start = _day(_("New first day"))
    planned_end = _day(_("New last day"))
    reason = TextsFormField(label=_("Reason"), limit=1000)
    on = _on()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="postpone-%s", **kwargs)


class MoveForm(ActForm):
    """Move the exercise to another host (exercises.actions.move_exercise)."""

    host = forms.ChoiceField(label=_("New host state"))
    ground = TextsFormField(label=_("Training ground"), limit=300)
    reason = TextsFormField(label=_("Reason"), limit=1000)
    on = _on()

    def __init__(self, *args: Any, members: Choices, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="move-%s", **kwargs)
        _choices(self, "host", members)


class CancelForm(ActForm):
    """Cancel the exercise (exercises.actions.cancel_exercise)."""

    reason = TextsFormField(label=_("Reason"), limit=1000)
    on = _on()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="cancel-%s", **kwargs)


class ParticipationForm(ActForm):
    """Declare a member's participation (exercises.actions.declare_participation)."""

    member = forms.ChoiceField(label=_("Member state"))
    participation = forms.ChoiceField(label=_("Participation"))
    force = forms.TypedChoiceField(label=_("Standing force"), coerce=int, empty_value=None, required=False)
    units = forms.IntegerField(label=_("Units"), min_value=0, required=False)
    personnel = forms.IntegerField(label=_("Personnel"), min_value=0, required=False)
    equipment = forms.IntegerField(label=_("Pieces of equipment"), min_value=0, required=False)
    reason = TextsFormField(label=_("Reason"), limit=1000, required=False,
                             help_text=_("Required when the state does not take part."))
    on = _on()
    acknowledged = forms.BooleanField(
        label=_("Declare them even where the units are committed elsewhere over the same days"), required=False,
        help_text=_("The clash is recorded with the declaration and stays shown to the planners."))

    def __init__(self, *args: Any, members: Choices, forces: Choices, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="participation-%s", **kwargs)
        _choices(self, "member", members)
        _choices(self, "participation", catalogue.choices(catalogue.STATUSES))
        _choices(self, "force", [NONE, *forces])


class DateClaimForm(ActForm):
    """Record what a source says the exercise's days were (exercises.actions.record_date_claim)."""

    source = TextsFormField(label=_("Source"), limit=300)
    first = _day(_("First day, as the source says"))
    last = _day(_("Last day, as the source says"))
    used = forms.BooleanField(label=_("The organization goes by these dates"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="claim-%s", **kwargs)


class AssessmentForm(ActForm):
    """Assess one objective of a held exercise (exercises.actions.assess_objective)."""

    objective = TextsFormField(label=_("Objective"), limit=1000)
    rating = forms.ChoiceField(label=_("Assessment"))
    findings = TextsFormField(label=_("Findings"), multiline=True, limit=5000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="assess-%s", **kwargs)
        _choices(self, "rating", catalogue.choices(catalogue.RATINGS))


class LessonForm(ActForm):
    """Record a lesson drawn from a held exercise (exercises.actions.record_lesson)."""

    text = TextsFormField(label=_("Lesson"), multiline=True, limit=5000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="lesson-%s", **kwargs)
