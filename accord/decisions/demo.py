"""The demo's decisions, from ../shared/seed/SCENARIO.md, entered through the decisions actions only.

What the record does not give (the titles of 15 of the Yerevan drafts, the budget decision's exact
title) is labelled as missing, never made up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from accord.core import clock
from accord.core.acting import Actor
from accord.decisions import actions
from accord.members.models import Person

HEADS = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")
ANNIVERSARY_EN = ("Statement of the Collective Security Council on the 30th anniversary of the Collective "
                  "Security Treaty and the 20th anniversary of the Collective Security Treaty Organization")
ANNIVERSARY_RU = ("Заявление Совета коллективной безопасности в связи с 30-летием Договора о коллективной "
                  "безопасности и 20-летием Организации Договора о коллективной безопасности")
YEREVAN = "Session of the Collective Security Council, Yerevan, 23 November 2022"
# The two drafts the record names, both returned for revision at Yerevan.
RETURNED = (
    ("Draft decision on assistance to the Republic of Armenia",
     "Проект решения об оказании помощи Республике Армения"),
    ("Draft final declaration of the session", "Проект итоговой декларации сессии"),
)
ADOPTED_AT_YEREVAN = 15


def _person(handle: str) -> Actor:
    return Actor(person=Person.objects.select_related("member").get(username=handle))


def _decided(console: Actor, *, title_en: str, title_ru: str, body: str, day: str, session: str,
             joined: tuple[str, ...] = (), not_participating: tuple[str, ...] = (), returned: str = "",
             classification: str = "public", text: str = "") -> None:
    """A proposal decided at a session by consensus: tabled, opened, positions, closed on `day`."""
    proposal = actions.propose(actor=console, title={"ru": title_ru, "en": title_en}, body=body, text=text,
                               classification=classification).pk
    actions.open_procedure(actor=console, proposal=proposal, kind="consensus", session=session,
                           opened_at=f"{day}T00:00:00+00:00")
    for code in joined:
        actions.lodge_position(actor=_person(f"{code.lower()}.head"), proposal=proposal, member=code,
                               stance="join")
    for code in not_participating:
        actions.lodge_position(actor=_person(f"{code.lower()}.head"), proposal=proposal, member=code,
                               stance="non_participation")
    actions.close_procedure(actor=console, proposal=proposal, on=day, returned_for_revision=bool(returned),
                            reason=returned)


def _open_silence(console: Actor) -> None:
    """An open procedure for the dashboard: a deadline three days after the demo is loaded."""
    title = "Draft statement of the Permanent Council (demo: an open silence procedure)"
    proposal = actions.propose(
        actor=_person("kaz.delegate"), body="PC", sponsors=["KAZ"],
        title={"ru": "Проект заявления Постоянного совета (демонстрация: открытая процедура умолчания)",
               "en": title},
        text="A demonstration text, not a document of the Organization.", classification="public")
    actions.open_procedure(actor=_person("secretariat"), proposal=proposal.pk, kind="silence",
                           deadline=clock.now() + dt.timedelta(days=3))
    for code in ("KAZ", "BLR"):
        actions.lodge_position(actor=_person(f"{code.lower()}.delegate"), proposal=proposal.pk, member=code,
                               stance="join")


def steps(console: Actor) -> list[tuple[str, Callable[[], object]]]:
    result: list[tuple[str, Callable[[], object]]] = [
        ("decision identifiers", partial(actions.configure_identifiers, actor=console, scheme="body_date_title")),
        ("anniversary statement", partial(
            _decided, console, title_en=ANNIVERSARY_EN, title_ru=ANNIVERSARY_RU, body="CSC", day="2022-05-16",
            session="Session of the Collective Security Council, Moscow, 16 May 2022", joined=HEADS)),
    ]
    for number in range(1, ADOPTED_AT_YEREVAN + 1):
        result.append((f"Yerevan draft {number}", partial(
            _decided, console, body="CSC", day="2022-11-23", session=YEREVAN,
            title_en=f"Yerevan draft {number} of 15 adopted (title not in the record)",
            title_ru=f"Ереванский проект {number} из 15 принятых (название в источниках не приводится)")))
    for title_en, title_ru in RETURNED:
        result.append((title_en, partial(
            _decided, console, body="CSC", day="2022-11-23", session=YEREVAN, title_en=title_en,
            title_ru=title_ru, returned="Returned for revision at the session")))
    result.append(("budget decision 2024", partial(
        _decided, console, body="CSC", day="2024-11-28", not_participating=("ARM",),
        session="Regular session of the Collective Security Council, 2024 (date as publicly reported)",
        title_en="Decision on the Organization's budget (2024; exact title not in the record)",
        title_ru="Решение о бюджете Организации (2024; точное название в источниках не приводится)",
        text="Armenia did not join and did not block: adopted in a limited format, not binding on Armenia.")))
    result.append(("open silence procedure", partial(_open_silence, console)))
    return result
