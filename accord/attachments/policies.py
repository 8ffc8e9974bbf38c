"""Who may attach files and withdraw them; actions enforce it, pages and the API offer only what it allows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from accord.core.policy import Viewer
from accord.meetings import policies as meetings

if TYPE_CHECKING:
    from accord.attachments.models import Attachment
    from accord.attachments.queries import Target


def attaches(viewer: Viewer, target: Target) -> bool:
    """The secretariat attaches to anything it keeps; the delegation chairing a session (its head and
    delegates, as the chair's console allows) attaches to the session and its agenda items. A document's
    files are the secretariat's, which keeps the documents."""
    if viewer.in_secretariat:
        return True
    return target.session is not None and meetings.runs(viewer, target.session)


def withdraws(viewer: Viewer, attachment: Attachment, target: Target) -> bool:
    """The secretariat, or the person who attached the file while it may still attach there."""
    if viewer.in_secretariat:
        return True
    return bool(viewer.handle) and attachment.by == viewer.handle and attaches(viewer, target)
