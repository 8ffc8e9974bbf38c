"""The drills' page forms: one per act, its fields the action's keyword parameters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core.dayfield import InstantField
from accord.core.pages import ActForm
from accord.core.translations import TextsFormField
from accord.drills import catalogue

Choices = list[tuple[str, str]]


class DrillForm(ActForm):
    """Plan a drill (drills.actions.plan_drill)."""

    name = TextsFormField(label=_("Name"), limit=300)
    scenario = TextsFormField(label=_("Scenario (summary)"), multiline=True, required=False, limit=5000)
    starts_at = InstantField(label=_("Begins at"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="drill-%s", **kwargs)


class InjectForm(ActForm):
    """Add an inject to the drill's timetable (drills.actions.schedule_inject)."""

    at = InstantField(label=_("Fires at"))
    kind = forms.ChoiceField(label=_("What happens"), choices=catalogue.INJECT_KINDS)
    member = forms.ChoiceField(label=_("Addressed to"), required=False)
    text = TextsFormField(label=_("What the participants are told"), multiline=True, limit=5000)

    def __init__(self, *args: Any, members: Choices, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="inject-%s", **kwargs)
        field = self.fields["member"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Every participant")), *members]


class TargetForm(ActForm):
    """Set one of the organization's response-time targets (drills.actions.set_target)."""

    figure = forms.ChoiceField(label=_("Figure"), choices=catalogue.FIGURES)
    hours = forms.IntegerField(label=_("Target, in hours"), min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="target-%s", **kwargs)
