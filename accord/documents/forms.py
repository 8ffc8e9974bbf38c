"""The documents pages' forms: what a person types, checked and typed before it reaches an action.

A document's page holds several forms at once: each keeps the ids its fields had (`auto_id`
"amend-%s", "adopt-%s"...), so that two fields named `version` do not share one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from accord.core.dayfield import DayField
from accord.core.errors import AccordError
from accord.core.middleware import max_request_bytes
from accord.core.pages import ActForm
from accord.core.translations import (
    TextsFormField,
    content_languages,
    language_choices,
    language_code,
    language_name,
)
from accord.documents.models import ForceRule, Kind, StepKind


class _Form(ActForm):
    """A document page's form, with its ids prefixed by the form's name."""

    ids = "%s"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", self.ids)
        super().__init__(*args, **kwargs)


class _TextsForm(_Form):
    """A form that gives a document's texts and which of them are authentic: a box per language of the
    organization (its default first) and of the document's texts so far, and one more for any other ISO 639
    language, named by its code."""

    other_language = forms.CharField(label=_("Another language: its ISO 639 code (such as fr or hye)"),
                                     required=False, max_length=3)
    other_text = forms.CharField(label=_("Text in that language (paragraphs separated by a blank line)"),
                                 required=False, widget=forms.Textarea(attrs={"rows": 6}))
    other_authentic = forms.BooleanField(label=_("The text in that language is authentic"), required=False)
    authentic = forms.MultipleChoiceField(label=_("Authentic texts (the others are translations)"),
                                          required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, text_languages: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.text_languages = list(dict.fromkeys([*content_languages(), *text_languages]))
        boxes = {f"text_{code}": forms.CharField(
            label=_("Text in %(language)s (paragraphs separated by a blank line)")
            % {"language": language_name(code)}, required=False,
            widget=forms.Textarea(attrs={"rows": 6, "lang": code})) for code in self.text_languages}
        # The boxes go first among the texts: after the title, before another language's and the authentic ones.
        fields = list(self.fields.items())
        at = next(index for index, (name, _field) in enumerate(fields) if name == "other_language")
        self.fields = dict([*fields[:at], *boxes.items(), *fields[at:]])
        authentic = self.fields["authentic"]
        assert isinstance(authentic, forms.MultipleChoiceField)
        authentic.choices = language_choices(self.text_languages)
        authentic.initial = self.text_languages[:1]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        given = {code: text for code in self.text_languages if (text := cleaned.pop(f"text_{code}", "")).strip()}
        other, other_text = cleaned.pop("other_language", ""), cleaned.pop("other_text", "")
        authentic = list(cleaned.get("authentic") or [])
        if other or other_text.strip():
            try:
                code = language_code(other, "other_language")
            except AccordError as refused:
                self.add_error("other_language", str(refused.reason))
                return cleaned
            given[code] = other_text
            if cleaned.pop("other_authentic", False):
                authentic.append(code)
        cleaned.pop("other_authentic", None)
        cleaned["texts"], cleaned["authentic"] = given, authentic
        return cleaned

    def refuse(self, failure: AccordError) -> None:
        """The action names a text `texts.ru`: that is the form's text_ru box (or the other language's)."""
        head, _dot, language = failure.field.partition(".")
        if head == "texts" and language:
            failure.field = f"text_{language}" if f"text_{language}" in self.fields else "other_text"
        super().refuse(failure)


def _choose(form: forms.Form, name: str, choices: Iterable[tuple[Any, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = list(choices)


class DocumentForm(_TextsForm):
    """Draft a document with its first version (documents.actions.create_document)."""

    ids = "new-%s"
    field_order = ["kind", "title"]

    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    title = TextsFormField(label=_("Title"), limit=300)
    force_rule = forms.ChoiceField(label=_("Entry into force"), choices=ForceRule.choices)
    force_count = forms.IntegerField(label=_("Number of instruments (for “after a number of instruments”)"),
                                     required=False, min_value=1)
    force_date = DayField(label=_("Date (for “on a date”)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code in self.text_languages:
            self.fields[f"text_{code}"].widget.attrs["rows"] = 8


class VersionForm(_TextsForm):
    """A new version of a draft (documents.actions.add_version)."""

    ids = "version-%s"

    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)


class AmendForm(_Form):
    """Propose an amendment to one paragraph (documents.actions.propose_amendment)."""

    ids = "amend-%s"

    version = forms.TypedChoiceField(label=_("Version"), coerce=int)
    language = forms.ChoiceField(label=_("Language"))
    paragraph = forms.IntegerField(label=_("Paragraph number"), min_value=1)
    text = forms.CharField(label=_("The paragraph as amended"), widget=forms.Textarea(attrs={"rows": 4}))
    reason = forms.CharField(label=_("Reason (optional)"), max_length=500, required=False)

    def __init__(self, *args: Any, versions: Iterable[int], text_languages: Sequence[str] = (),
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self, "version", [(number, number) for number in versions])
        # The languages the document's texts are in (an amendment changes a text there is).
        _choose(self, "language", language_choices(text_languages))


class DecideAmendmentForm(_Form):
    """Accept or reject an amendment (documents.actions.accept_amendment, reject_amendment).

    `decision` is the button pressed; the page draws the buttons, not a field.
    """

    decision = forms.ChoiceField(choices=[("accept", "accept"), ("reject", "reject")])
    reason = forms.CharField(label=_("Reason (optional)"), max_length=500, required=False)

    def __init__(self, *args: Any, amendment: int, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"amendment-{amendment}-%s")
        super().__init__(*args, **kwargs)
        self.amendment = amendment


class AdoptForm(_Form):
    """Tie a version to the decision that adopted it (documents.actions.adopt_version)."""

    ids = "adopt-%s"

    version = forms.TypedChoiceField(label=_("Version"), coerce=int)
    decision = forms.CharField(label=_("Decision (its identifier)"), max_length=600)
    adopted_on = DayField(label=_("Adopted on"))

    def __init__(self, *args: Any, versions: Iterable[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self, "version", [(number, number) for number in versions])


class SignPlaceForm(_Form):
    """The place of a signature made in the browser, a text per organization language: the page's script
    sends what is typed to the API (`place_<code>` boxes), which checks it as the action does."""

    ids = "sign-%s"
    place = TextsFormField(label=_("Place of signature"), limit=200)


class StepForm(_Form):
    """The depositary records a member's treaty step (documents.actions.record_step)."""

    ids = "step-%s"

    member = forms.ChoiceField(label=_("Member"))
    kind = forms.ChoiceField(label=_("Step"), choices=StepKind.choices)
    on = DayField(label=_("Date"))
    reference = TextsFormField(label=_("Reference"), limit=500, required=False)

    def __init__(self, *args: Any, signatories: Iterable[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self, "member", [(code, code) for code in signatories])


class NotifyForm(_Form):
    """A depositary notification to the signatories (documents.actions.notify)."""

    ids = "notify-%s"

    on = DayField(label=_("Date"))
    subject = TextsFormField(label=_("Subject"), limit=300)
    text = TextsFormField(label=_("Text"), multiline=True, limit=20_000, required=False)


class VerifyForm(forms.Form):
    """A printed document's PDF to check against the ledger (documents.verification.verify_pdf); no act."""

    file = forms.FileField(label=_("PDF file"), error_messages={"required": _("Choose a PDF file to check.")},
                           widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "verify-%s")
        super().__init__(*args, **kwargs)

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        if upload.size is not None and upload.size > max_request_bytes("multipart/form-data"):
            # Past the limit the upload waits in a temporary file; it is not read into memory.
            raise forms.ValidationError(_("This file is larger than the server reads."), code="too_large")
        return upload

    @property
    def status(self) -> int:
        """200, 400 for no file, 413 for a file larger than the server reads."""
        if not self.is_bound or not self.errors:
            return 200
        return 413 if self.has_error("file", "too_large") else 400
