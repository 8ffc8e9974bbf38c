"""The decisions app's labels for acts, procedure kinds, stances and outcomes, in the viewer's language."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accord.core.labels import register_acts
from accord.ledger.guard import guard_app

ACTS: dict[str, Promise] = {
    "decisions.scheme_configured": _("Decision identifier scheme set"),
    "decisions.proposed": _("Proposal tabled"),
    "decisions.procedure_opened": _("Decision procedure opened"),
    "decisions.position_lodged": _("Position lodged"),
    "decisions.withdrawn": _("Proposal withdrawn"),
    "decisions.revised": _("Proposal text revised"),
    "decisions.closed": _("Decision procedure closed"),
    "decisions.acceded": _("Later accession to a decision"),
}

KINDS: dict[str, Promise] = {
    "consensus": _("Consensus at a session"),
    "silence": _("Silence procedure"),
    "written": _("Written procedure"),
    "majority": _("Majority vote"),
    "circulated": _("Circulated without a session, announced by the chair"),
}

STANCES: dict[str, Promise] = {
    "join": _("Joins"),
    "object": _("Objects"),
    "abstain": _("Abstains"),
    "non_participation": _("Does not participate"),
    "break_silence": _("Breaks silence"),
    "": _("Has not answered"),
}

# Who had not answered when a procedure closed: absent, except under silence, where saying nothing is
# raising no objection (and, once the proposal is adopted, joining by silence).
ABSENT = _("Absent (absence is not objection)")
KEPT_SILENCE = _("Kept silence: raised no objection")
KEPT_SILENCE_HEADING = _("Kept silence (raised no objection)")
JOINED_BY_SILENCE = _("Kept silence (raised no objection, so joined by silence)")
# A circulated draft announced by the chair: a member with no position on record raised no formal objection
# (the record of how each member answered the circulation may not be kept).
NO_POSITION_RECORDED = _("No position recorded: raised no formal objection")
NO_POSITION_RECORDED_HEADING = _("No position recorded")

OUTCOMES: dict[str, Promise] = {
    "pending": _("Pending"),
    "adopted": _("Adopted"),
    "adopted_limited": _("Adopted in a limited format"),
    "returned": _("Returned for revision"),
    "withdrawn": _("Withdrawn"),
    "lapsed": _("Lapsed"),
}

STATEMENT_KINDS: dict[str, Promise] = {
    "reservation": _("Reservation"),
    "interpretative": _("Interpretative statement"),
}


def register() -> None:
    register_acts(ACTS)
    guard_app("decisions")
