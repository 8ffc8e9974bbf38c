"""The decisions pages' forms: what a person types, checked and typed before it reaches an action."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core import policy
from accord.core.pages import ActForm
from accord.members.models import Body, Member


class ProposalForm(ActForm):
    """Table a proposal (decisions.actions.propose)."""

    title_en = forms.CharField(label=_("Title in English"), max_length=300)
    title_ru = forms.CharField(label=_("Title in Russian"), max_length=300, required=False,
                               widget=forms.TextInput(attrs={"lang": "ru"}))
    text = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    document = forms.CharField(label=_("Document version (reference, optional)"), max_length=100, required=False)
    body = forms.ChoiceField(label=_("Deciding body"))
    sponsors = forms.MultipleChoiceField(label=_("Sponsors"), required=False,
                                         widget=forms.CheckboxSelectMultiple)
    classification = forms.ChoiceField(label=_("Classification"), initial=policy.MEMBERS, choices=[
        (policy.MEMBERS, _("Members only")), (policy.PUBLIC, _("Public"))])

    def __init__(self, *args: Any, member: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        assert isinstance(body, forms.ChoiceField)
        body.choices = [(b.code, b.name) for b in Body.objects.filter(decides=True)]
        sponsors = self.fields["sponsors"]
        assert isinstance(sponsors, forms.MultipleChoiceField)
        sponsors.choices = [(m.code, m.name) for m in Member.objects.all()]
        if member and not self.is_bound:
            self.initial["sponsors"] = [member]
