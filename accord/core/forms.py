"""Core's page forms: a field's certainty and its source, as a form that records an act with its provenance
asks for them (`SourcedForm`), and the secretariat's annotation of a recorded act."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core import provenance
from accord.core.pages import ActForm
from accord.core.translations import TextsFormField


class SourcedForm(ActForm):
    """A field's certainty, a note, and (if any) the source it rests on: what an act's provenance says of one of
    its fields (accord.core.provenance), asked on the page that records the act or annotates it."""

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

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_source = any(data.get(f"source_{key}") for key in ("publisher", "date", "link", "value"))
        if has_source and not data.get("source_title"):
            self.add_error("source_title", _("is required when a source is given"))
        return data

    @staticmethod
    def provenance_of(data: dict[str, Any], field: str) -> dict[str, Any]:
        """The provenance of `field` the cleaned `data` gives (the act checks it again)."""
        given: dict[str, Any] = {"certainty": data["certainty"]}
        if data.get("note"):
            given["note"] = dict(data["note"])
        result: dict[str, Any] = {"fields": {field: given}}
        if data.get("source_title"):
            source = {key: data[f"source_{key}"] for key in ("title", "publisher", "date", "link", "value")
                      if data.get(f"source_{key}")}
            result["sources"] = [{**source, "fields": [field]}]
        return result


class AnnotationForm(SourcedForm):
    """One field of the act per annotation: its certainty, a note, and (if any) the source it rests on. The
    fields offered are the act's own, by their labels. The act as a whole is not offered: its sources would be
    shown nowhere (pages, the API and exports show provenance field by field)."""

    field = forms.ChoiceField(label=_("Field of the act"))
    field_order = ["field"]

    def __init__(self, *args: Any, fields: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        """`fields`: the act's fields as (name, how the page calls it)."""
        super().__init__(*args, **kwargs)
        field = self.fields["field"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *fields]

    def clean_field(self) -> str:
        # The choice is one of the act's own fields; core.actions.annotate checks the name again.
        name = str(self.cleaned_data["field"]).strip()
        if not name.replace("_", "a").isalnum():
            raise forms.ValidationError(_("must name a field (letters, digits and underscores)"))
        return name

    def provenance(self) -> dict[str, Any]:
        """The provenance the annotation records (core.actions.annotate checks it again)."""
        return self.provenance_of(self.cleaned_data, self.cleaned_data["field"])
