"""The attachments card that the session, item and document pages draw: the same wherever it is shown."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from accord.attachments import forms, policies, queries
from accord.attachments.models import On
from accord.attachments.queries import Target
from accord.core.policy import Viewer


def home_of(target: Target) -> str:
    """The page where the thing is shown with its files."""
    if target.on == On.SESSION:
        return reverse("meetings:session", args=[target.pk])
    if target.on == On.DOCUMENT:
        return reverse("documents:document", args=[target.pk])
    return reverse("attachments:item", args=[target.pk])


def card_context(viewer: Viewer, target: Target, form: forms.AttachForm | None = None) -> dict[str, Any]:
    """What the attachments card shows, the same wherever it is drawn."""
    may_attach = policies.attaches(viewer, target)
    files = queries.files_of(target)
    return {"target": target, "files": [(row, policies.withdraws(viewer, row, target)) for row in files],
            "may_attach": may_attach, "attach_url": reverse(f"attachments:attach_{target.on}", args=[target.pk]),
            "attach_form": form or (forms.AttachForm(auto_id=f"attach-{target.on}-{target.pk}-%s")
                                    if may_attach else None)}
