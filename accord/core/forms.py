"""Core's page form: the secretariat annotates a recorded act with a field's certainty and a source."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core import provenance
from accord.core.pages import ActForm
from accord.core.translations import TextsFormField


class AnnotationForm(ActForm):
    """One field of the act per annotation: its certainty, a note, and (if any) the source it rests on."""

    field = forms.CharField(label=_("Field of the act"), max_length=80,
                            help_text=_("As the entry's body names it, e.g. starts_at or on"))
    certainty = forms.ChoiceField(label=_("Certainty"),
                                  choices=[(code, label) for code, label in provenance.CERTAINTY_LABELS.items()])
    note = TextsFormField(label=_("Note"), limit=provenance.MAX_TEXT, required=False,
                         help_text=_("What is uncertain, e.g. only the month is established"))
    source_title = forms.CharField(label=_("Source title"), max_length=provenance.MAX_TEXT, required=False)
    source_publisher = forms.CharField(label=_("Publisher"), max_length=provenance.MAX_TEXT, required=False)
    source_date = forms.CharField(label=_("Source date"), max_length=10, required=False,
                                  help_text=_("YYYY-MM-DD, YYYY-MM or YYYY"))
    source_link = forms.CharField(label=_("Link"), max_length=provenance.MAX_TEXT, required=False,
                                  help_text=_("An http or https address"))
    source_value = forms.CharField(label=_("Value the source gives"), max_length=provenance.MAX_TEXT,
                                   required=False, help_text=_("Only where it differs from the recorded value"))

    def clean_field(self) -> str:
        name = str(self.cleaned_data["field"]).strip()
        if not name.replace("_", "a").isalnum():
            raise forms.ValidationError(_("must name a field (letters, digits and underscores)"))
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_source = any(data.get(f"source_{key}") for key in ("publisher", "date", "link", "value"))
        if has_source and not data.get("source_title"):
            self.add_error("source_title", _("is required when a source is given"))
        return data

    def provenance(self) -> dict[str, Any]:
        """The provenance the annotation records (core.actions.annotate checks it again)."""
        data = self.cleaned_data
        given: dict[str, Any] = {"certainty": data["certainty"]}
        if data.get("note"):
            given["note"] = dict(data["note"])
        result: dict[str, Any] = {"fields": {data["field"]: given}}
        if data.get("source_title"):
            source = {key: data[f"source_{key}"] for key in ("title", "publisher", "date", "link", "value")
                      if data.get(f"source_{key}")}
            result["sources"] = [{**source, "fields": [data["field"]]}]
        return result
