"""Human labels, in the viewer's language, for the codes that acts and registries speak in.

Act types live in one mapping that later apps extend with `register_acts` from their ready(), so
that the dashboard and the ledger explorer name every act a person can meet. Every act type also
declares how the log's replay runs it again, in its app's replay.py (accord.core.replay);
tests/core/test_replay.py fails for a type labelled here or recorded by an action without one.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACT_LABELS: dict[str, Promise | str] = {
    "organization.configured": _("Charter settings changed"),
    "organization.witnesses_set": _("The log's witnesses listed"),
    "members.member_added": _("Member admitted"),
    "members.official_name_set": _("Official short name set"),
    "members.history_recorded": _("Membership history recorded"),
    "members.person_added": _("Official registered"),
    "members.role_changed": _("Role changed"),
    "members.title_set": _("Title set"),
    "members.person_deactivated": _("Official's access closed"),
    "members.person_reactivated": _("Official's access reopened"),
    "members.password_set": _("Password set"),
    "keys.registered": _("Signing key registered"),
    "keys.rotated": _("Signing key replaced"),
    "keys.revoked": _("Signing key revoked"),
    "chair.rule_changed": _("Chairmanship handover rule changed"),
    "chair.handover_recorded": _("Chairmanship handed over"),
    "chair.override_recorded": _("Council decision on the chairmanship"),
    "members.body_established": _("Body established"),
    "members.seat_given": _("Seat on a body given"),
    "members.seat_ended": _("Seat on a body ended"),
    "offices.office_established": _("Office established"),
    "offices.appointment_recorded": _("Appointment to an office recorded"),
    "core.annotated": _("Sources recorded for an act"),
}


def register_acts(labels: Mapping[str, Promise | str]) -> None:
    """Add an app's act types; a type already labelled keeps its first label."""
    for act_type, label in labels.items():
        ACT_LABELS.setdefault(act_type, label)


def act_label(act_type: str) -> str:
    """The act's human name; an act type nobody labelled yet shows as its code, never as nothing."""
    label = ACT_LABELS.get(act_type)
    return str(label) if label is not None else act_type


STATUS_LABELS: dict[str, Promise] = {
    "never": _("Not a member"),
    "member": _("Member"),
    "frozen": _("Participation frozen"),
    "suspended": _("Suspended"),
    "former": _("Former member"),
}

EVENT_KIND_LABELS: dict[str, Promise] = {
    "acceded": _("Acceded"),
    "did_not_extend": _("Did not extend the Treaty"),
    "withdrew": _("Withdrew"),
    "suspended": _("Membership suspended"),
    "restored": _("Membership restored"),
    "participation_frozen": _("Participation frozen"),
    "participation_resumed": _("Participation resumed"),
    "contributions_stopped": _("Stopped paying contributions"),
}

CLASSIFICATION_LABELS: dict[str, Promise] = {
    "public": _("Public"),
    "members": _("Members only"),
    "participants": _("Participants only"),
}

HANDOVER_RULE_LABELS: dict[str, Promise] = {
    "at_regular_session": _("at the regular session"),
    "on_january_1": _("on 1 January"),
}


def label_in(mapping: Mapping[str, Promise | str], code: str) -> str:
    label = mapping.get(code)
    return str(label) if label is not None else code
