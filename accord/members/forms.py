"""The registry pages' forms: what a person posts, checked before it reaches an action."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core.dayfield import DayField
from accord.core.labels import EVENT_KIND_LABELS, HANDOVER_RULE_LABELS
from accord.core.pages import ActForm
from accord.core.translations import TextsFormField
from accord.members.models import Person, Role


def _choose(form: forms.Form, name: str, choices: Sequence[tuple[str, Any]]) -> None:
    """Give a choice field the choices worked out for this page (the viewer's delegations, people, states)."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = list(choices)


# Lazy labels, so that each page names the choices in its own language.
EVENT_CHOICES = list(EVENT_KIND_LABELS.items())
RULE_CHOICES = list(HANDOVER_RULE_LABELS.items())


class AccessForm(ActForm):
    """Close or reopen a person's access (members.actions.deactivate_person, reactivate_person).

    The person is in the URL and the button is the whole input: the form has no fields of its own,
    and carries the action's refusal, named by its field's label, to the page.
    """


class OfficialNameForm(ActForm):
    """Set a member state's official short names (members.actions.set_official_name); the state is in the URL."""

    name = TextsFormField(label=_("Official short name"), limit=200, required=False,
                          help_text=_("Where the organization names the state otherwise than ISO 3166; a name "
                                      "left empty is ISO's."))


# The administration pages' forms (accord.members.admin): each one action's keyword parameters.


class PersonForm(ActForm):
    """Add a person (members.actions.add_person); the member choices are the delegations the viewer keeps."""

    username = forms.CharField(label=_("Username"), max_length=64)
    full_name = TextsFormField(label=_("Full name"), limit=200)
    title = TextsFormField(label=_("Office held"), limit=200, required=False,
                           help_text=_("The office the person holds, such as “Minister of Foreign Affairs”."))
    member = forms.ChoiceField(label=_("Delegation"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    delegation_admin = forms.BooleanField(label=_("Administers the delegation"), required=False)
    password = forms.CharField(label=_("Password"), required=False, strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=_("Left empty, the person cannot sign in until a password is set."))

    def __init__(self, *args: Any, members: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self, "member", members)

    def clean_member(self) -> str | None:
        return self.cleaned_data.get("member") or None

    def clean_password(self) -> str | None:
        return self.cleaned_data.get("password") or None


class TitleForm(ActForm):
    """Set the office a person holds (members.actions.set_title); the person is in the URL."""

    title = TextsFormField(label=_("Office held"), limit=200, required=False,
                           help_text=_("Left empty in every language, the title is cleared."))


class RoleForm(ActForm):
    """Change a person's role (members.actions.change_role)."""

    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    delegation_admin = forms.BooleanField(label=_("Administers the delegation"), required=False)


class OwnPasswordForm(ActForm):
    """A person changes its own password (members.actions.set_password), giving the current one first."""

    current_password = forms.CharField(
        label=_("Current password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    password = forms.CharField(label=_("New password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password_again = forms.CharField(label=_("New password again"), strip=False,
                                     widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args: Any, person: Person | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_current_password(self) -> str:
        given: str = self.cleaned_data["current_password"]
        if self.person is None or not self.person.check_password(given):
            raise forms.ValidationError(_("is not your current password"))
        return given

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("password") and cleaned.get("password") != cleaned.get("password_again"):
            self.add_error("password_again", _("is not the same as the new password"))
        return cleaned


class ResetPasswordForm(ActForm):
    """A keeper sets another person's password (members.actions.set_password): the one typed, or a
    one-time password made here and shown once."""

    password = forms.CharField(label=_("New password"), required=False, strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=_("Left empty, a one-time password is made and shown once."))


class KeyForm(ActForm):
    """Register a key, or rotate one to a new key (members.actions.register_key, rotate_key)."""

    public_key = forms.CharField(label=_("Public key"), max_length=100,
                                 help_text=_("An Ed25519 public key, 32 bytes in base64."))
    label = forms.CharField(label=_("Key label"), max_length=100, required=False)


class RevokeForm(ActForm):
    """Revoke a key (members.actions.revoke_key), saying why in the organization's languages."""

    reason = TextsFormField(label=_("Reason for revoking"), limit=300)


class BodyForm(ActForm):
    """Establish a body (members.actions.establish_body)."""

    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("Up to 20 letters, digits or '-'."))
    name = TextsFormField(label=_("Name"), limit=200)
    composition = TextsFormField(label=_("Composition"), limit=300, required=False)
    decides = forms.BooleanField(label=_("Takes decisions"), required=False, initial=True)
    reference = TextsFormField(label=_("Reference"), limit=300, required=False)


class SeatForm(ActForm):
    """Seat a person on a body (members.actions.seat_person); the persons offered are those the viewer seats."""

    person = forms.ChoiceField(label=_("Person"))

    def __init__(self, *args: Any, people: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self, "person", people)


class UnseatForm(ActForm):
    """End a seat (members.actions.unseat_person); the body and the person are in the URL."""

    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class HistoryForm(ActForm):
    """Record an event in a member's history (members.actions.record_membership_event)."""

    member = forms.ChoiceField(label=_("Member state"))
    kind = forms.ChoiceField(label=_("Event"), choices=EVENT_CHOICES)
    on = DayField(label=_("Date"))
    reference = TextsFormField(label=_("Reference"), limit=300, required=False)

    def __init__(self, *args: Any, members: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self, "member", members)


class RuleForm(ActForm):
    """Record the chairmanship's handover rule from a term on (members.actions.change_handover_rule)."""

    rule = forms.ChoiceField(label=_("Handover rule"), choices=RULE_CHOICES)
    from_term = forms.IntegerField(label=_("From the term of"), min_value=1900, max_value=2999,
                                   help_text=_("The year of the chair's term, such as 2024."))
    reference = TextsFormField(label=_("Reference"), limit=300, required=False)


class HandoverForm(ActForm):
    """Record the session at which a chair's term began (members.actions.record_handover)."""

    term = forms.IntegerField(label=_("Term"), min_value=1900, max_value=2999,
                              help_text=_("The year of the chair's term, such as 2024."))
    on = DayField(label=_("Handed over on"))
    reference = TextsFormField(label=_("Reference"), limit=300, required=False)


class OverrideForm(ActForm):
    """Record a Council decision on the chairmanship (members.actions.record_chair_override)."""

    member = forms.ChoiceField(label=_("Member state"))
    start = DayField(label=_("Chairs from"))
    end = DayField(label=_("Chairs until"), required=False)
    reason = TextsFormField(label=_("What the Council decided"), limit=300)
    reference = TextsFormField(label=_("Reference"), limit=300, required=False)

    def __init__(self, *args: Any, members: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self, "member", members)
