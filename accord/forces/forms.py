"""The standing forces' page forms: one per act, its fields the action's keyword parameters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core.dayfield import DayField
from accord.core.pages import ActForm
from accord.core.translations import TextsFormField
from accord.forces import catalogue

Choices = list[tuple[str, str]]


def _day() -> forms.DateField:
    return DayField(required=False)


def _choices(form: forms.Form, name: str, choices: Choices) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class ForceForm(ActForm):
    """Record a standing force (forces.actions.establish_force)."""

    name = TextsFormField(label=_("Name"))
    purpose = TextsFormField(label=_("Purpose"), multiline=True, required=False, limit=2000)
    size = forms.IntegerField(label=_("Approximate size (personnel)"), min_value=0, required=False)
    established_on = _day()
    proposal = forms.TypedChoiceField(label=_("Establishing decision's proposal"), coerce=int, empty_value=None,
                                      required=False)
    decision_reference = TextsFormField(label=_("Establishing decision, as published"), required=False)
    source = TextsFormField(label=_("Source"), required=False)
    classification = forms.ChoiceField(label=_("Who may see it"), choices=[
        ("public", _("Public")), ("members", _("Members only"))])

    def __init__(self, *args: Any, proposals: Choices, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="force-%s", **kwargs)
        self.fields["established_on"].label = _("Established on")
        _choices(self, "proposal", [("", "—"), *proposals])


class ContributionForm(ActForm):
    """Declare a member's contribution of one capability (forces.actions.declare_contribution)."""

    member = forms.ChoiceField(label=_("Member state"))
    capability = forms.ChoiceField(label=_("Capability"))
    units = forms.IntegerField(label=_("Units"), min_value=0, initial=1,
                               help_text=_("0 withdraws the capability; the earlier declarations stay."))
    personnel = forms.IntegerField(label=_("Personnel"), min_value=0, required=False)
    equipment = forms.IntegerField(label=_("Pieces of equipment"), min_value=0, required=False)
    reported = forms.BooleanField(label=_("The figures are reported, not confirmed"), required=False)
    note = TextsFormField(label=_("Note"), required=False)
    declared_on = _day()

    def __init__(self, *args: Any, members: Choices, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="contribution-%s", **kwargs)
        self.fields["declared_on"].label = _("Declared on")
        self.fields["declared_on"].help_text = _("Today when left empty.")
        _choices(self, "member", members)
        _choices(self, "capability", catalogue.choices(catalogue.capabilities()))
