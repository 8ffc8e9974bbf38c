"""Helpers of the drills tests: the crisis tests' organization, a drill planned by the secretariat, and the
whole crisis procedure run in the drill's scope through the real actions (every kind of act)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "crises"))

from crises_fixtures import actor, call, organization, page, signed_in

from accord.core import clock, drill
from accord.crises import actions as crises
from accord.crises.models import Crisis
from accord.decisions import actions as decisions
from accord.drills import actions
from accord.drills.models import Drill
from accord.members import queries as registry

__all__ = ["MARK", "actor", "call", "organization", "page", "planned", "rehearsed", "signed_in"]

# A word that no real record holds: wherever a real page, count or feed shows it, a drill record leaked.
MARK = "Zyxdrillmark"
H = dt.timedelta(hours=1)
MEMBERS = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")


def planned(starts_at: dt.datetime | None = None) -> Drill:
    start = starts_at or clock.now() - 3 * dt.timedelta(days=1)
    found = actions.plan_drill(actor=actor("secretariat"), name={"ru": f"Учение {MARK}", "en": f"Drill {MARK}"},
                               starts_at=start)
    actions.schedule_inject(actor=actor("secretariat"), drill=found.pk, at=start, kind="request", member="KAZ",
                            text={"ru": f"Запрос {MARK}", "en": f"The request arrives {MARK}"})
    actions.schedule_inject(actor=actor("secretariat"), drill=found.pk, at=start + 20 * H, kind="delay",
                            member="ARM", text={"ru": f"Задержка {MARK}", "en": f"A contingent is delayed {MARK}"})
    return found


def _chair() -> str:
    code = registry.chair_on(clock.today())
    assert code is not None
    return code


def rehearsed(found: Drill) -> Crisis:
    """The crisis procedure from the request to the phases, every kind of act, in the drill's scope."""
    start = found.starts_at
    for inject in found.injects.all():
        actions.fire_inject(actor=actor("secretariat"), inject=inject.pk)
    chair = f"{_chair().lower()}.head"
    with drill.scope(found.pk):
        crisis = crises.file_request(actor=actor("kaz.head"), legal_basis="aggression", at=start,
                                     happened={"ru": f"Беспорядки {MARK}"}, area={"ru": f"Алматы {MARK}"},
                                     asks_for={"ru": f"Миротворцы {MARK}"})
        for hours, code in enumerate(("RUS", "BLR", "ARM", "TJK", "KGZ"), 1):
            crises.acknowledge_request(actor=actor(f"{code.lower()}.head"), crisis=crisis.pk, at=start + hours * H)
        crises.convene_on_request(actor=actor(chair), crisis=crisis.pk, body="CSC",
                                  title={"ru": f"Сессия {MARK}", "en": f"Session {MARK}"})
        proposal = crises.open_accelerated_procedure(
            actor=actor(chair), crisis=crisis.pk, body="CSC", hours=6,
            title={"ru": f"Проект {MARK}", "en": f"Draft {MARK}"}).proposal_id
        assert proposal is not None
        for code in MEMBERS:
            decisions.lodge_position(actor=actor(f"{code.lower()}.head"), proposal=proposal, member=code,
                                     stance="join")
        decision = decisions.close_procedure(actor=actor(chair), proposal=proposal)
        crises.choose_response(actor=actor("secretariat"), crisis=crisis.pk, response="operation")
        crises.set_mandate(actor=actor("secretariat"), crisis=crisis.pk, purpose={"ru": f"Охрана {MARK}"},
                           area={"ru": f"Алматы {MARK}"}, ends_at=None, commander={"ru": f"Командующий {MARK}"},
                           commander_body="CMD", requirements={"airborne_unit": 2},
                           decision_identifier=decision.identifier or "")
        crises.record_letter_sent(actor=actor("secretariat"), crisis=crisis.pk, kind="notification")
        for code in ("RUS", "ARM"):
            pledge = crises.pledge_contingent(actor=actor(f"{code.lower()}.head"), crisis=crisis.pk,
                                              capability="airborne_unit", quantity=1)
            crises.answer_pledge(actor=actor("kaz.head"), pledge=pledge.pk, accept=True)
            crises.plan_phase(actor=actor(f"{code.lower()}.head"), pledge=pledge.pk, phase="arrived",
                              planned_at=clock.now() + H)
            for phase in ("alerted", "authorized", "departed", "arrived", "operational"):
                crises.record_phase(actor=actor(f"{code.lower()}.head"), pledge=pledge.pk, phase=phase)
        crises.file_situation_report(actor=actor("rus.head"), crisis=crisis.pk, text={"ru": f"Доклад {MARK}"})
        crises.record_lesson(actor=actor("secretariat"), crisis=crisis.pk, text={"ru": f"Урок {MARK}"})
    return crisis
