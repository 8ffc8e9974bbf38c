"""Attaching a file and withdrawing it: each function is one act with its ledger entry.

The entry names the file's SHA-256, size, name and kind, so that whoever may read the act can check a file
against the log; the entry carries the classification of what the file is attached to, so that a closed
part's item's file stays sealed as the item does. The bytes go to the content-addressed store (`store.py`)
inside the act: a replay of the log reads them back from there, and refuses the act when the stored file no
longer has the hash the entry names.
"""

from __future__ import annotations

import posixpath

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from accord.attachments import kinds, policies, queries, store
from accord.attachments.models import Attachment, On
from accord.core import clock, policy, prepared
from accord.core.acting import Actor, action, record
from accord.core.errors import InvalidInput, NotPermitted
from accord.core.values import choice_of, text_of


def _viewer(actor: Actor) -> policy.Viewer | None:
    """Whom the policy judges: the person's viewer, or None for the console operator, who may do anything."""
    return policy.viewer_of(actor.person) if actor.person is not None else None


def _file_name(name: str) -> str:
    """The name as given, without any folder a browser or a client put before it."""
    base = posixpath.basename(str(name or "").replace("\\", "/"))
    return text_of(base, "file", limit=255)


@action
def attach(*, actor: Actor, on: str, target: int, name: str, content: bytes) -> Attachment:
    """Attach a file to a session, an agenda item or a document (the secretariat; the chairing delegation
    for its session and items)."""
    viewer = _viewer(actor)
    kind_of_thing = choice_of(on, "on", On.values)
    found = queries.target(viewer, kind_of_thing, target)
    if viewer is not None and not policies.attaches(viewer, found):
        raise NotPermitted("actor", _("only the secretariat, or the delegation chairing the session, may attach "
                                      "files here"))
    file_name = _file_name(name)
    if not content:
        raise InvalidInput("file", _("is empty"))
    limit = int(settings.ACCORD_MAX_UPLOAD_BYTES)
    if len(content) > limit:
        raise InvalidInput("file", _("is %(size)s; at most %(limit)s") % {
            "size": filesizeformat(len(content)), "limit": filesizeformat(limit)})
    content_type = kinds.sniff(content, file_name)
    if content_type is None:
        raise InvalidInput("file", _("is not a PDF, an office document, an image or plain text"))
    sha256 = store.put(content)
    row = Attachment(on=found.on, target=found.pk, name=file_name, sha256=sha256, size=len(content),
                     content_type=content_type, by=actor.handle or "", attached_at=clock.now(), entry_seq=-1)
    row.save(force_insert=True)
    row.entry_seq = record(
        type="attachments.attached", actor=actor, classification=found.classification, audience=found.audience,
        body={"attachment": row.pk, "on": found.on, "target": found.pk, found.on: found.pk, "name": file_name,
              "sha256": sha256, "size": row.size, "content_type": content_type}).seq
    prepared.save(row, ["entry_seq"])
    return row


@action
def withdraw(*, actor: Actor, attachment: int) -> Attachment:
    """Withdraw an attachment: it is no longer listed or served; its entry and stored bytes stay."""
    viewer = _viewer(actor)
    row, found = queries.attachment(viewer, attachment)
    if viewer is not None and not policies.withdraws(viewer, row, found):
        raise NotPermitted("actor", _("only the secretariat, or the person who attached the file, may "
                                      "withdraw it"))
    row.withdrawn_seq = record(
        type="attachments.withdrawn", actor=actor, classification=found.classification, audience=found.audience,
        body={"attachment": row.pk, "on": found.on, "target": found.pk, found.on: found.pk, "name": row.name,
              "sha256": row.sha256}).seq
    prepared.save(row, ["withdrawn_seq"])
    return row
