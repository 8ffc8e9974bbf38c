"""How each registry act is replayed from the log (see accord.core.replay)."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from accord.core import replay
from accord.core.translations import content_languages, legacy_texts
from accord.members import actions
from accord_verify import entries

# Their signed adapters (accord.members.api) turn a body into the action's call, and look nothing up as
# a viewer: the registry is public.
replay.declare_signed(
    "organization.configured", "members.member_added", "members.history_recorded", "chair.override_recorded",
    "chair.handover_recorded", "chair.rule_changed", "members.role_changed", "members.person_deactivated",
    entries.KEY_REGISTERED, entries.KEY_ROTATED, entries.KEY_REVOKED, "members.body_established",
    "members.seat_given", "members.seat_ended", entries.PERSON_REACTIVATED, "organization.witnesses_set",
    "members.official_name_set", "members.title_set", "offices.office_established",
    "offices.appointment_recorded",
)



def _full_name(body: Mapping[str, Any]) -> Mapping[str, str]:
    """The person's names: the entry's `full_name` object, or, in an entry written before names followed
    the organization's languages, its plain (Latin) name and `full_name_ru`, read as the migration reads
    them (the plain name in English where the organization keeps English, else in its default language)."""
    given = body["full_name"]
    if not isinstance(given, str):
        return legacy_texts(body, "full_name")
    languages = content_languages()
    plain = "en" if "en" in languages else languages[0]
    names = {"ru": body.get("full_name_ru", "")} if plain != "ru" and "ru" in languages else {}
    return {**names, plain: given}


replay.declare("members.person_added", lambda a, s, b, st: actions.add_person(
    actor=a, signed=s, username=b["username"], full_name=_full_name(b), title=legacy_texts(b, "title"),
    role=b["role"], member=b["member"], delegation_admin=b["delegation_admin"]))

# The entry says only that a password was set, never the password: the replay sets a throwaway one, and the
# audit leaves password hashes out of its comparison (accord.core.audit.NOT_STATE).
replay.declare("members.password_set", lambda a, s, b, st: actions.set_password(
    actor=a, person=b["person"], password=secrets.token_urlsafe(24), one_time=bool(b.get("one_time"))))
