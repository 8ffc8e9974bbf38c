"""The demo's drill: one tabletop drill of a request for assistance, ILLUSTRATIVE from end to end.

SCENARIO.md records no drill. This one is entered to show the mechanism: every time, member and figure in it
is illustrative (the drill is marked so, and every page of it says so), and it is made in its drill's scope
(accord.core.drill), so it never reaches the real lists, calendars or figures. Its figures are set beside the
real operation the demo records, Kazakhstan in January 2022 (request 5 January, decision 6 January).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any

from accord.core import drill
from accord.core.acting import Actor
from accord.crises import actions as crises
from accord.crises.models import Crisis, Pledge
from accord.drills import actions
from accord.drills.models import Drill, Inject
from accord.members.models import Person

START = dt.datetime(2025, 11, 3, 9, 0, tzinfo=dt.UTC)  # illustrative
NAME = {"ru": "Штабная тренировка: запрос о помощи (иллюстративная)",
        "en": "Tabletop drill: a request for assistance (illustrative)"}
SCENARIO = {
    "ru": "Иллюстративная тренировка механизма кризисного реагирования: запрос государства-члена о помощи, "
          "ускоренная процедура, решение, мандат, уведомление СБ ООН, взносы и развёртывание. Ни одно время, "
          "государство или число в ней не является фактом.",
    "en": "An illustrative drill of the crisis mechanism: a member state's request for assistance, the "
          "accelerated procedure, the decision, the mandate, the notification of the UN Security Council, the "
          "pledges and the deployment. No time, state or figure in it is a fact.",
}
H = dt.timedelta(hours=1)
M = dt.timedelta(minutes=1)
# Illustrative: who acknowledges the request, how long after it.
ACKNOWLEDGED = (("RUS", 20 * M), ("KAZ", 35 * M), ("BLR", 65 * M), ("TJK", 160 * M), ("ARM", 310 * M))
# Illustrative: the contingents pledged, and when each arrives and becomes operational (after the request).
CONTINGENTS = (("RUS", 16 * H, 20 * H), ("BLR", 22 * H, 26 * H), ("TJK", 34 * H, 40 * H))


def _actor(handle: str) -> Actor:
    return Actor(person=Person.objects.get(username=handle))


def _drill() -> Drill:
    return Drill.objects.get(illustrative=True, starts_at=START)


def _crisis() -> int:
    with drill.scope(_drill().pk):
        return Crisis.objects.get().pk


def _in_drill(step: Callable[..., Any], /, **kwargs: Any) -> object:
    with drill.scope(_drill().pk):
        return step(**kwargs)


def _plan() -> object:
    found = actions.plan_drill(actor=_actor("secretariat"), name=NAME, scenario=SCENARIO, starts_at=START,
                               illustrative=True)
    actions.schedule_inject(actor=_actor("secretariat"), drill=found.pk, at=START, kind="request", member="KGZ",
                            text={"ru": "Поступает запрос Кыргызстана о помощи (иллюстративно).",
                                  "en": "Kyrgyzstan's request for assistance arrives (illustrative)."})
    actions.schedule_inject(actor=_actor("secretariat"), drill=found.pk, at=START + 20 * H, kind="delay",
                            member="TJK", text={"ru": "Контингент Таджикистана задерживается на 12 часов.",
                                                "en": "Tajikistan's contingent is delayed by 12 hours."})
    for inject in Inject.objects.filter(drill=found):
        actions.fire_inject(actor=_actor("secretariat"), inject=inject.pk)
    return found


def _request() -> object:
    return crises.file_request(actor=_actor("kgz.head"), legal_basis="aggression", at=START, happened={
        "ru": "Иллюстративно: вооружённые нападения на пограничные посты.",
        "en": "Illustrative: armed attacks on border posts."},
        area={"ru": "Иллюстративный район", "en": "An illustrative area"},
        asks_for={"ru": "Коллективные силы (иллюстративно)", "en": "Collective forces (illustrative)"})


def _contingent(member: str, arrives: dt.timedelta, operational: dt.timedelta) -> object:
    crisis = _crisis()
    handle = f"{member.lower()}.head"
    pledge = crises.pledge_contingent(actor=_actor(handle), crisis=crisis, capability="peacekeeping_contingent",
                                      quantity=1, at=START + 13 * H)
    crises.answer_pledge(actor=_actor("kgz.head"), pledge=pledge.pk, accept=True, at=START + 14 * H)
    crises.plan_phase(actor=_actor(handle), pledge=pledge.pk, phase="arrived", planned_at=START + 18 * H)
    times = {"alerted": 13 * H, "authorized": 14 * H, "departed": arrives - 2 * H, "arrived": arrives,
             "operational": operational}
    for phase, after in times.items():
        crises.record_phase(actor=_actor(handle), pledge=pledge.pk, phase=phase, at=START + after)
    return Pledge.objects.get(pk=pledge.pk)


def _acknowledged(member: str, after: dt.timedelta) -> object:
    return _in_drill(crises.acknowledge_request, actor=_actor(f"{member.lower()}.head"), crisis=_crisis(),
                     at=START + after)


def _in_drill_later(step: Callable[[], object]) -> object:
    """A step whose arguments are looked up when it runs (the drill's crisis exists by then)."""
    return step()


def steps() -> list[tuple[str, Callable[[], object]]]:
    result: list[tuple[str, Callable[[], object]]] = [
        ("the illustrative drill planned, its injects fired", _plan),
        ("drill: the request", partial(_in_drill, _request)),
        *[(f"drill: {member} acknowledges", partial(_acknowledged, member, after))
          for member, after in ACKNOWLEDGED],
        ("drill: extraordinary session convened", partial(_in_drill_later, lambda: _in_drill(
            crises.convene_on_request, actor=_actor("secretariat"), crisis=_crisis(), body="CSC",
            starts_on=START.date(), title={"ru": "Внеочередная сессия (тренировка)",
                                           "en": "Extraordinary session (drill)"}))),
        ("drill: the response", partial(_in_drill_later, lambda: _in_drill(
            crises.choose_response, actor=_actor("secretariat"), crisis=_crisis(), response="operation",
            at=START + 11 * H))),
        ("drill: the mandate and its decision", partial(_in_drill_later, lambda: _in_drill(
            crises.set_mandate, actor=_actor("secretariat"), crisis=_crisis(),
            purpose={"ru": "Иллюстративная цель", "en": "An illustrative purpose"},
            area={"ru": "Иллюстративный район", "en": "An illustrative area"}, ends_at=None,
            commander={"ru": "Иллюстративный командующий", "en": "An illustrative commander"},
            commander_body="CMD", requirements={"peacekeeping_contingent": 3},
            decision_identifier={"ru": "Иллюстративное решение учения", "en": "Illustrative drill decision"},
            decision_at=START + 11 * H))),
        ("drill: the UN notified", partial(_in_drill_later, lambda: _in_drill(
            crises.record_letter_sent, actor=_actor("secretariat"), crisis=_crisis(), kind="notification",
            at=START + 12 * H))),
        *[(f"drill: the contingent of {member}", partial(_in_drill, _contingent, member=member, arrives=arrives,
                                                         operational=operational))
          for member, arrives, operational in CONTINGENTS],
        ("drill: a lesson", partial(_in_drill_later, lambda: _in_drill(
            crises.record_lesson, actor=_actor("secretariat"), crisis=_crisis(),
            text={"ru": "Иллюстративно: подтверждение запроса заняло у последнего государства более пяти часов.",
                  "en": "Illustrative: the last state took over five hours to acknowledge the request."}))),
    ]
    return result
