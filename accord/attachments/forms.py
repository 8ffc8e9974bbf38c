"""The attachments' page forms: what a person sends to the attach action."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core.pages import ActForm


class AttachForm(ActForm):
    """One file; the action reads its bytes and its name, and works out its kind from the bytes."""

    file = forms.FileField(label=_("File"), max_length=255,
                           help_text=_("A PDF, an office document, an image or plain text."))

    def arguments(self) -> dict[str, Any]:
        upload = self.cleaned_data["file"]
        return {"name": upload.name, "content": upload.read()}


class WithdrawForm(ActForm):
    """Withdrawing takes nothing but the attachment, which the URL names."""
