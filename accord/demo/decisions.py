"""The demo's decisions, from ../shared/seed/SCENARIO.md, entered through the decisions actions only.

What the record does not give (the titles of 15 of the Yerevan drafts, the budget decision's exact
title) is labelled as missing, never made up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial

from accord.core import clock
from accord.core.acting import Actor
from accord.decisions import actions, queries, sessions
from accord.members.models import Person

HEADS = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")
ANNIVERSARY_EN = ("Statement of the Collective Security Council on the 30th anniversary of the Collective "
                  "Security Treaty and the 20th anniversary of the Collective Security Treaty Organization")
ANNIVERSARY_RU = ("Заявление Совета коллективной безопасности в связи с 30-летием Договора о коллективной "
                  "безопасности и 20-летием Организации Договора о коллективной безопасности")
# The days of the Council's sessions the demo's decisions are taken at (the meetings demo convenes them;
# the 2024 regular session's date is as publicly reported, see accord.demo).
MOSCOW = "2022-05-16"
YEREVAN = "2022-11-23"
BUDGET_SESSION = "2024-11-28"
# The two drafts the record names, both returned for revision at Yerevan.
RETURNED = (
    ("Draft decision on assistance to the Republic of Armenia",
     "Проект решения об оказании помощи Республике Армения"),
    ("Draft final declaration of the session", "Проект итоговой декларации сессии"),
)
ADOPTED_AT_YEREVAN = 15
RETURNED_REASON = {"ru": "Возвращён на доработку на сессии", "en": "Returned for revision at the session"}


def _person(handle: str) -> Actor:
    return Actor(person=Person.objects.select_related("member").get(username=handle))


@dataclass(frozen=True)
class AtSession:
    """A proposal decided by consensus at a session of `body` that begins on `day`."""

    title_en: str
    title_ru: str
    body: str
    day: str
    joined: tuple[str, ...] = ()
    not_participating: tuple[str, ...] = ()
    returned: Mapping[str, str] = field(default_factory=dict)  # why, per language: returned for revision
    text: Mapping[str, str] = field(default_factory=dict)


def _table(console: Actor, planned: AtSession) -> None:
    actions.propose(actor=console, title={"ru": planned.title_ru, "en": planned.title_en}, body=planned.body,
                    text=planned.text, classification="public")


def _decide(console: Actor, planned: AtSession, session: int) -> None:
    """Consensus at the session, once it is open: opened, positions, closed on its day."""
    tabled = queries.proposal_titled(planned.title_en)
    if tabled is None:
        raise LookupError(f"the demo has not tabled {planned.title_en!r}")
    actions.open_procedure(actor=console, proposal=tabled.pk, kind="consensus", session=session,
                           opened_at=f"{planned.day}T00:00:00+00:00")
    for code in planned.joined:
        actions.lodge_position(actor=_person(f"{code.lower()}.head"), proposal=tabled.pk, member=code,
                               stance="join")
    for code in planned.not_participating:
        actions.lodge_position(actor=_person(f"{code.lower()}.head"), proposal=tabled.pk, member=code,
                               stance="non_participation")
    actions.close_procedure(actor=console, proposal=tabled.pk, on=planned.day,
                            returned_for_revision=bool(planned.returned), reason=planned.returned)


def decide_at(console: Actor, session: int) -> None:
    """Take the demo's decisions of this session (the meetings demo calls it once the session is open)."""
    facts = sessions.session(None, session)
    if facts is None:
        raise LookupError(f"there is no session {session}")
    for planned in PLANNED:
        if planned.body == facts.body and planned.day == facts.starts_on.isoformat():
            _decide(console, planned, session)


def _open_silence(console: Actor) -> None:
    """An open procedure for the dashboard: a deadline three days after the demo is loaded."""
    title = "Draft statement of the Permanent Council (demo: an open silence procedure)"
    proposal = actions.propose(
        actor=_person("kaz.delegate"), body="PC", sponsors=["KAZ"],
        title={"ru": "Проект заявления Постоянного совета (демонстрация: открытая процедура умолчания)",
               "en": title},
        text={"ru": "Демонстрационный текст, не документ Организации.",
              "en": "A demonstration text, not a document of the Organization."}, classification="public")
    actions.open_procedure(actor=_person("secretariat"), proposal=proposal.pk, kind="silence",
                           deadline=clock.now() + dt.timedelta(days=3))
    for code in ("KAZ", "BLR"):
        actions.lodge_position(actor=_person(f"{code.lower()}.delegate"), proposal=proposal.pk, member=code,
                               stance="join")


PLANNED: tuple[AtSession, ...] = (
    AtSession(ANNIVERSARY_EN, ANNIVERSARY_RU, body="CSC", day=MOSCOW, joined=HEADS),
    *(AtSession(f"Yerevan draft {number} of 15 adopted (title not in the record)",
                f"Ереванский проект {number} из 15 принятых (название в источниках не приводится)",
                body="CSC", day=YEREVAN) for number in range(1, ADOPTED_AT_YEREVAN + 1)),
    *(AtSession(title_en, title_ru, body="CSC", day=YEREVAN, returned=RETURNED_REASON)
      for title_en, title_ru in RETURNED),
    AtSession("Decision on the Organization's budget (2024; exact title not in the record)",
              "Решение о бюджете Организации (2024; точное название в источниках не приводится)",
              body="CSC", day=BUDGET_SESSION, not_participating=("ARM",),
              text={"ru": "Армения не присоединилась и не блокировала: принято в ограниченном формате, "
                          "для Армении не обязательно.",
                    "en": "Armenia did not join and did not block: adopted in a limited format, not binding on "
                          "Armenia."}),
)


def steps(console: Actor) -> list[tuple[str, Callable[[], object]]]:
    """Table the drafts (the sessions that decide them are the meetings demo's: see `decide_at`)."""
    result: list[tuple[str, Callable[[], object]]] = [
        ("decision identifiers", partial(actions.configure_identifiers, actor=console, scheme="body_date_title")),
    ]
    result += [(f"tabled: {planned.title_en}", partial(_table, console, planned)) for planned in PLANNED]
    result.append(("open silence procedure", partial(_open_silence, console)))
    return result
