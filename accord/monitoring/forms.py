"""The monitoring page forms: one per act, their fields the action's keyword parameters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core.dayfield import DayField
from accord.core.pages import ActForm
from accord.core.translations import TextsFormField
from accord.monitoring import labels
from accord.monitoring.actions import ASSESSING

Choices = list[tuple[str, str]]


def _choices(form: forms.Form, name: str, choices: Choices) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class ThemeForm(ActForm):
    """Configure a theme (monitoring.actions.configure_theme)."""

    name = TextsFormField(label=_("Name"), limit=300)
    kind = forms.ChoiceField(label=_("Kind of theme"))
    description = TextsFormField(label=_("Description"), multiline=True, required=False, limit=2000)
    owner_body = forms.ChoiceField(label=_("Owner body"), required=False)
    classification = forms.ChoiceField(label=_("Who may see it"), choices=[
        ("public", _("Public")), ("members", _("Members only"))])

    def __init__(self, *args: Any, bodies: Choices, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="theme-%s", **kwargs)
        _choices(self, "kind", labels.choices(labels.KINDS))
        _choices(self, "owner_body", [("", "—"), *bodies])


class FollowForm(ActForm):
    """A member follows the theme or stops (monitoring.actions.follow_theme)."""

    member = forms.ChoiceField(label=_("Member state"))
    following = forms.TypedChoiceField(label=_("Following"), coerce=lambda value: value == "yes",
                                       choices=[("yes", _("Follow the theme")), ("no", _("Stop following"))])

    def __init__(self, *args: Any, members: Choices, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="follow-%s", **kwargs)
        _choices(self, "member", members)


class _AssessmentFields(ActForm):
    level = forms.ChoiceField(label=_("Level"))
    summary = TextsFormField(label=_("Assessment"), multiline=True, limit=4000)
    changes = TextsFormField(label=_("What changed since the last assessment"), multiline=True, required=False,
                             limit=2000)
    assessed_on = DayField(label=_("Assessed on"), required=False, help_text=_("Today when left empty."))
    sources = forms.CharField(label=_("Sources"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}), help_text=_("One source a line."))
    certainty = forms.ChoiceField(label=_("Certainty"))

    def __init__(self, *args: Any, prefix_id: str, **kwargs: Any) -> None:
        super().__init__(*args, auto_id=f"{prefix_id}-%s", **kwargs)
        _choices(self, "level", labels.choices(labels.LEVELS))
        _choices(self, "certainty", labels.choices(labels.CERTAINTIES))


class AssessmentForm(_AssessmentFields):
    """An assessment by the secretariat, the joint staff or the owner body (monitoring.actions.assess_theme)."""

    author = forms.ChoiceField(label=_("Assessed by"))
    field_order = ["author"]

    def __init__(self, *args: Any, has_owner_body: bool, **kwargs: Any) -> None:
        super().__init__(*args, prefix_id="assessment", **kwargs)
        _choices(self, "author", [(code, labels.label(labels.AUTHORS, code)) for code in ASSESSING
                                  if code != "owner_body" or has_owner_body])


class ReportForm(_AssessmentFields):
    """A member's own report on the theme (monitoring.actions.report_on_theme)."""

    member = forms.ChoiceField(label=_("Member state"))
    field_order = ["member"]

    def __init__(self, *args: Any, members: Choices, **kwargs: Any) -> None:
        super().__init__(*args, prefix_id="report", **kwargs)
        _choices(self, "member", members)


class TagForm(ActForm):
    """Tag a delivered statement to the theme (monitoring.actions.tag_statement)."""

    statement = forms.TypedChoiceField(label=_("Statement"), coerce=int)

    def __init__(self, *args: Any, statements: Choices, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="tag-%s", **kwargs)
        _choices(self, "statement", statements)


class IndicatorForm(ActForm):
    """Define an indicator of the theme (monitoring.actions.define_indicator)."""

    name = TextsFormField(label=_("Indicator"), limit=300)
    unit = forms.CharField(label=_("Unit"), max_length=40)
    frequency = forms.ChoiceField(label=_("Frequency"))
    reporters = forms.MultipleChoiceField(label=_("Reported by"), widget=forms.CheckboxSelectMultiple)
    classification = forms.ChoiceField(label=_("Who may see it"), choices=[
        ("public", _("Public")), ("members", _("Members only")),
        ("participants", _("Only the members following the theme"))])
    warning = forms.DecimalField(label=_("Warning level"), required=False, max_digits=20, decimal_places=4)
    alert = forms.DecimalField(label=_("Alert level"), required=False, max_digits=20, decimal_places=4)

    def __init__(self, *args: Any, members: Choices, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="indicator-%s", **kwargs)
        _choices(self, "frequency", labels.choices(labels.FREQUENCIES))
        _choices(self, "reporters", members)


class ValueForm(ActForm):
    """Report (or correct) a value of an indicator (monitoring.actions.report_value)."""

    indicator = forms.TypedChoiceField(label=_("Indicator"), coerce=int)
    member = forms.ChoiceField(label=_("Member state"))
    value = forms.DecimalField(label=_("Value"), max_digits=20, decimal_places=4)
    as_of = DayField(label=_("As of"))
    source = forms.CharField(label=_("Source"), max_length=500, required=False,
                             help_text=_("A value without a source is marked as such wherever it is shown."))
    corrects = forms.TypedChoiceField(label=_("Corrects"), coerce=int, empty_value=None, required=False)
    # Recorded as the act's core provenance of its value (views.report_value), not as a field of the value.
    certainty = forms.ChoiceField(label=_("Certainty"), initial="confirmed", required=False)

    def __init__(self, *args: Any, indicators: Choices, members: Choices, values: Choices, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="value-%s", **kwargs)
        _choices(self, "indicator", indicators)
        _choices(self, "member", members)
        _choices(self, "corrects", [("", "—"), *values])
        _choices(self, "certainty", labels.choices(labels.CERTAINTIES))


class ConsultationForm(ActForm):
    """A member requests or proposes joint consultations (monitoring.actions.request_consultations)."""

    member = forms.ChoiceField(label=_("Member state"))
    kind = forms.ChoiceField(label=_("Request or proposal"))
    alert = forms.TypedChoiceField(label=_("Alert it follows"), coerce=int, empty_value=None, required=False)
    grounds = TextsFormField(label=_("Grounds"), multiline=True, limit=4000)

    def __init__(self, *args: Any, members: Choices, alerts: Choices, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="consult-%s", **kwargs)
        _choices(self, "member", members)
        _choices(self, "kind", labels.choices(labels.CONSULTATION_KINDS))
        _choices(self, "alert", [("", "—"), *alerts])


class AcknowledgeForm(ActForm):
    """The secretariat acknowledges a request (monitoring.actions.acknowledge_consultations)."""


class ScheduleForm(ActForm):
    """The secretariat schedules consultations (monitoring.actions.schedule_consultations)."""

    form = forms.ChoiceField(label=_("How they are held"))
    session = forms.TypedChoiceField(label=_("Session"), coerce=int, empty_value=None, required=False)
    written_until = DayField(label=_("Written procedure until"), required=False)

    def __init__(self, *args: Any, sessions: Choices | None = None, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="schedule-%s", **kwargs)
        _choices(self, "form", labels.choices(labels.FORMS))
        if sessions is None:  # scheduling not offered now: the session goes to the action, which says why not
            self.fields["session"] = forms.IntegerField(label=_("Session"), required=False)
        else:
            _choices(self, "session", [("", "—"), *sessions])


class ConcludeForm(ActForm):
    """The secretariat records the outcome (monitoring.actions.conclude_consultations)."""

    outcome = forms.ChoiceField(label=_("Outcome"))
    text = TextsFormField(label=_("Joint statement"), multiline=True, required=False, limit=4000)
    concluded_on = DayField(label=_("Concluded on"), required=False, help_text=_("Today when left empty."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="conclude-%s", **kwargs)
        _choices(self, "outcome", labels.choices(labels.OUTCOMES))


class EscalateForm(ActForm):
    """The requesting state turns the consultations into a request for assistance
    (monitoring.actions.escalate_consultations)."""

    happened = TextsFormField(label=_("What happened"), multiline=True, limit=4000)
    area = TextsFormField(label=_("Area"), limit=300)
    asks_for = TextsFormField(label=_("What is asked for"), multiline=True, limit=4000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="escalate-%s", **kwargs)


class AlertMailForm(ActForm):
    """A person's choice of alerts by e-mail (monitoring.actions.choose_alert_mail)."""

    wanted = forms.TypedChoiceField(label=_("Alerts by e-mail"), coerce=lambda value: value == "yes",
                                    choices=[("yes", _("Send me the alerts")), ("no", _("Do not send them"))])
    address = forms.EmailField(label=_("E-mail address"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="mail-%s", **kwargs)
