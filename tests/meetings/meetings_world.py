"""A small organization with a summit in it, built through the real actions, for the meetings tests.

Marker strings stand for content that only some may see; a test looks for them where they must not be.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.test import Client

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

import reference_org

from accord.core.acting import Actor
from accord.meetings import actions
from accord.members import actions as registry

PASSWORD = reference_org.PASSWORD
SIX = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")
# The closed part's participants (a restricted format), so that some members are outside it.
INSIDE = ("KAZ", "KGZ", "RUS")
CLOSED_TEXT = "closed-statement-text-7731"
CLOSED_ITEM = "closed-item-title-4242"
CLOSED_REP = "closed-representative-5151"
SECRET_PLACE = "secret-bilateral-place-9090"
SECRET_SESSION = "secret-session-title-6262"
OPEN_TEXT = "open-statement-text-1111"
MEMBERS_SESSION = "members-session-title-3131"
# A meeting asked for as "public" on the margins of the members-only session: members-only all the same.
MEMBERS_PLACE = "members-margin-place-2727"
# Members in good standing today: Armenia's frozen participation keeps it a member; Uzbekistan is suspended.
IN_GOOD_STANDING = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")


# The `login` fixture: a client signed in as the username (anonymous for None).
SignIn = Callable[[str | None], Client]


@dataclass
class World:
    summit: int
    open_part: int
    closed_part: int
    closed_statement: int
    secret_session: int
    secret_bilateral: int
    open_item: int
    closed_item: int


def build() -> World:
    reference_org.build(people=(*SIX, "UZB", "AZE"))
    console = Actor.console()
    registry.add_person(actor=console, username="observer", full_name="Observer", role="observer",
                        password=PASSWORD)
    registry.establish_body(actor=console, code="CSC", name={"ru": "Совет коллективной безопасности",
                                                             "en": "Collective Security Council"})
    summit = actions.convene_session(
        actor=console, body="CSC", title={"ru": "Московский саммит", "en": "Moscow summit"}, kind="regular",
        mode="in_person", starts_on="2022-05-16", place={"ru": "Большой Кремлёвский дворец",
                                                         "en": "Grand Kremlin Palace"}, host="RUS")
    open_part = actions.add_part(actor=console, session=summit.pk, kind="expanded", is_open=True,
                                 starts_at="2022-05-16T10:00:00+00:00", ends_at="2022-05-16T11:00:00+00:00")
    closed_part = actions.add_part(actor=console, session=summit.pk, kind="restricted", is_open=False,
                                   participants=list(INSIDE), starts_at="2022-05-16T11:30:00+00:00",
                                   ends_at="2022-05-16T12:30:00+00:00")
    open_item = actions.add_agenda_item(actor=console, session=summit.pk, part=open_part.pk,
                                        title={"ru": "Заявление", "en": "Anniversary statement"},
                                        references=["document:anniversary-statement"])
    closed_item = actions.add_agenda_item(actor=console, session=summit.pk, part=closed_part.pk,
                                          title={"ru": CLOSED_ITEM, "en": CLOSED_ITEM})
    actions.agree_agenda(actor=console, session=summit.pk)
    for code in SIX:
        actions.record_attendance(actor=console, part=open_part.pk, member=code, presence="in_person")
    actions.record_attendance(actor=console, part=closed_part.pk, member="RUS", presence="in_person",
                              represented_by=CLOSED_REP)
    spoken = actions.inscribe_speaker(actor=console, part=open_part.pk, delegation="KAZ", speaker="kaz.head")
    actions.deliver_statement(actor=console, statement=spoken.pk, language="ru", summary={"ru": OPEN_TEXT,
                                                                                          "en": OPEN_TEXT})
    closed = actions.inscribe_speaker(actor=console, part=closed_part.pk, delegation="RUS", speaker="rus.head")
    actions.deliver_statement(actor=console, statement=closed.pk, language="ru", text=CLOSED_TEXT,
                              summary={"ru": CLOSED_TEXT, "en": CLOSED_TEXT})
    actions.request_bilateral(actor=console, session=summit.pk, requester="RUS", counterpart="KAZ",
                              starts_at="2022-05-16T13:00:00+00:00", ends_at="2022-05-16T13:30:00+00:00",
                              place={"ru": "Kremlin", "en": "Kremlin"})
    secret_bilateral = actions.request_bilateral(
        actor=console, session=summit.pk, requester="RUS", counterpart="KGZ", classification="participants",
        starts_at="2022-05-16T14:00:00+00:00", ends_at="2022-05-16T14:30:00+00:00", place={"ru": SECRET_PLACE,
                                                                                           "en": SECRET_PLACE})
    secret = actions.convene_session(
        actor=console, body="CSC", title={"ru": SECRET_SESSION, "en": SECRET_SESSION}, kind="extraordinary",
        mode="video", starts_on="2022-05-20", requested_by="KAZ", classification="participants",
        participants=list(INSIDE))
    members = actions.convene_session(actor=console, body="CSC", title={"ru": MEMBERS_SESSION,
                                                                        "en": MEMBERS_SESSION},
    kind="regular", mode="video",
                                      starts_on="2022-05-25", classification="members")
    actions.request_bilateral(actor=console, session=members.pk, requester="BLR", counterpart="TJK",
                              classification="public", starts_at="2022-05-25T16:00:00+00:00",
                              ends_at="2022-05-25T16:30:00+00:00", place={"ru": MEMBERS_PLACE,
                                                                          "en": MEMBERS_PLACE})
    return World(summit=summit.pk, open_part=open_part.pk, closed_part=closed_part.pk,
                 closed_statement=closed.pk, secret_session=secret.pk, secret_bilateral=secret_bilateral.pk,
                 open_item=open_item.pk, closed_item=closed_item.pk)


# Every persona: (name, username or None for the public).
PERSONAS = (
    [("secretariat", "secretariat")]
    + [(f"{c.lower()}.{r}", f"{c.lower()}.{r}") for c in SIX for r in ("head", "delegate")]
    + [("observer", "observer"), ("public", None), ("outsider", "aze.delegate"), ("suspended", "uzb.head")]
)


def sees_members(username: str | None) -> bool:
    """Members-only content: the secretariat and officials (not observers) of members in good standing."""
    if username == "secretariat":
        return True
    return username is not None and "." in username and username.split(".")[0].upper() in IN_GOOD_STANDING


def sees_closed(username: str | None) -> bool:
    """Who may read the closed part, by the rule written out here independently of the policy:
    the secretariat, and officials (not observers) of its participants in good standing today.
    """
    if username == "secretariat":
        return True
    if username is None or "." not in username:
        return False
    code = username.split(".")[0].upper()
    return code in INSIDE
