"""Who may do what with documents, and when: the actions enforce it, pages offer only what it allows.

Each function says why an act would be refused (the error the action raises, naming its field), or
None when it would be accepted. `who` is the acting person's viewer, or None for the console operator,
who drafts and keeps the documents for the secretariat but signs for no one. Whether the actor may see
the document at all is the queries' rule, judged before any of these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as noop

from accord.core import dates, policy
from accord.core.errors import AccordError, Conflict, InvalidInput, NotPermitted
from accord.core.policy import Viewer
from accord.documents.models import Amendment, AmendmentStatus, Document
from accord.members.queries import state_name

Who = Viewer | None
Refusal = AccordError | None


def refuse(refusal: Refusal) -> None:
    """Raise the refusal, if there is one: what every action does with this module's answer."""
    if refusal is not None:
        raise refusal


def drafts(who: Who) -> Refusal:
    """The secretariat and the members' officials draft; observers and outsiders do not."""
    if who is not None and not (who.in_secretariat or who.is_member_official):
        return NotPermitted("actor", _("only the secretariat and the members' officials draft documents"))
    return None


def keeps_documents(who: Who, what: str) -> Refusal:
    """The secretariat keeps the documents and acts as depositary."""
    if who is not None and not who.in_secretariat:
        return NotPermitted("actor", _("only the secretariat may %(what)s") % {"what": _(what)})
    return None


def _open(adopted: bool) -> Refusal:
    """An adopted document is closed: no more versions, amendments or decisions on them."""
    if adopted:
        return Conflict("document", _("a version of this document is already adopted"))
    return None


def works_on(who: Who, adopted: bool) -> Refusal:
    """A new version or a proposed amendment, on a document not adopted yet."""
    return drafts(who) or _open(adopted)


def decides_amendment(who: Who, amendment: Amendment, adopted: bool, *, accept: bool) -> Refusal:
    """The secretariat accepts or rejects a proposed amendment, once, before the document is adopted."""
    refusal = keeps_documents(who, noop("accept amendments") if accept else noop("reject amendments"))
    if refusal is None and amendment.status != AmendmentStatus.PROPOSED:
        return Conflict("amendment", _("has already been decided (%(status)s) by entry %(seq)s of the log")
                        % {"status": amendment.get_status_display(), "seq": amendment.decided_seq})
    return refusal or _open(adopted)


def adopts(who: Who, adopted_number: int | None, adopted_seq: int | None) -> Refusal:
    """The secretariat records the one adoption of a document."""
    refusal = keeps_documents(who, noop("record an adoption"))
    if refusal is None and adopted_number is not None:
        return Conflict("document", _("version %(number)s was already adopted by entry %(seq)s of the log")
                        % {"number": adopted_number, "seq": adopted_seq})
    return refusal


def signs_for(who: Who) -> Refusal:
    """Only a member's head of delegation signs, for its member, in person (never the console)."""
    if who is None:
        return NotPermitted("actor", _("a document is signed by a head of delegation, not from the console"))
    if not (who.is_member_official and who.role == policy.HEAD):
        return NotPermitted("actor", _("only a member's head of delegation signs for it"))
    return None


def signs(who: Who, document: Document, signed: Collection[str]) -> Refusal:
    """A signatory's head signs the adopted version once; `signed` are the members that have."""
    refusal = signs_for(who)
    if refusal is not None or who is None:
        return refusal
    if who.member not in document.signatories:
        return NotPermitted("actor", _("%(member)s is not a signatory of this document")
                                     % {"member": state_name(who.member)})
    if who.member in signed:
        return Conflict("signature", _("%(member)s already signed this version (a replayed signature is not "
                                       "recorded twice)") % {"member": state_name(who.member)})
    return None


def dates_history(day: dt.date, field: str, today: dt.date) -> Refusal:
    """An adoption, a signature or a treaty step records what has happened: not after today (an
    instrument dated in the future would stand in the way of the real one)."""
    if day > today:
        return InvalidInput(field, _("is %(day)s, after today (%(today)s): only what has happened is recorded")
                            % {"day": dates.day(day), "today": dates.day(today)})
    return None


def dates_after(day: dt.date, field: str, earliest: dt.date | None, what: str) -> Refusal:
    """A dated act of a document lies on or after the act it depends on (`what`, dated `earliest`):
    a signature after the adoption, an instrument after the signature, a denunciation after the instrument."""
    if earliest is not None and day < earliest:
        return InvalidInput(field, _("is %(day)s, before %(what)s (%(earliest)s)")
                            % {"day": dates.day(day), "what": what, "earliest": dates.day(earliest)})
    return None
