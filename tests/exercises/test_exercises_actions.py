"""The exercises' acts: the plan, an exercise's lifecycle step by step, participation; who may act, what each
refusal names, and that a refused act writes nothing."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from exercises_world import actor, planned

from accord.core.errors import AccordError, Conflict, InvalidInput, NotFound, NotPermitted
from accord.exercises import actions, queries
from accord.exercises.models import Exercise, Participation, Plan
from accord.ledger.models import Entry


def _statement(seq: int) -> Any:
    return json.loads(Entry.objects.get(seq=seq).data)["statement"]


def test_an_exercise_goes_into_its_years_plan_with_its_entry(exercises_organization: int) -> None:
    plan = actions.adopt_plan(actor=actor("secretariat"), year=2022, decision_reference="Plan of 2022")
    found = planned(exercises_organization, observers=["Observers of the member states' defence ministries"])
    assert found.plan == plan
    assert found.forces == [exercises_organization]
    statement = _statement(found.entry_seq)
    assert statement["type"] == "exercises.planned"
    assert statement["body"]["host"] == "KGZ"
    assert statement["body"]["planned_start"] == "2022-10-10"


def test_the_lifecycle_is_each_an_act_and_ends_when_held(exercises_organization: int) -> None:
    found = planned()
    host = actor("kgz.head")
    actions.postpone_exercise(actor=host, exercise=found.pk, planned_start="2022-10-17", planned_end="2022-10-21",
                              reason="Border situation", on="2022-09-20")
    actions.move_exercise(actor=actor("secretariat"), exercise=found.pk, host="TJK", ground="Kharbmaidon",
                          reason="The host asked", on="2022-09-25")
    actions.confirm_exercise(actor=actor("tjk.delegate"), exercise=found.pk, on="2022-10-01")
    actions.record_held(actor=actor("secretariat"), exercise=found.pk, actual_start="2022-10-17",
                        actual_end="2022-10-21")
    found.refresh_from_db()
    assert (found.state, found.host_id, found.actual_end) == ("held", "TJK", dt.date(2022, 10, 21))
    types = list(Entry.objects.filter(type__startswith="exercises.").values_list("type", flat=True))
    assert types == ["exercises.planned", "exercises.postponed", "exercises.moved", "exercises.confirmed",
                     "exercises.held"]
    with pytest.raises(Conflict) as refused:
        actions.cancel_exercise(actor=actor("secretariat"), exercise=found.pk, reason="Too late")
    assert refused.value.field == "exercise"


def test_the_host_cancels_and_the_act_says_who_and_why(exercises_organization: int) -> None:
    found = planned()
    actions.cancel_exercise(actor=actor("kgz.head"), exercise=found.pk, reason="Border clashes", on="2022-10-09")
    found.refresh_from_db()
    assert (found.state, found.state_by, found.state_on) == ("cancelled", "KGZ", dt.date(2022, 10, 9))
    statement = _statement(Entry.objects.filter(type="exercises.cancelled").get().seq)
    assert statement["body"]["by"] == "KGZ"
    assert statement["body"]["reason"] == {"ru": "Border clashes"}


@pytest.mark.parametrize(("handle", "act", "arguments", "error", "field"), [
    ("kaz.head", "cancel_exercise", {"reason": "No"}, NotPermitted, "actor"),
    ("observer", "confirm_exercise", {}, NotPermitted, "actor"),
    ("kgz.head", "record_held", {"actual_start": "2022-10-10", "actual_end": "2022-10-14"}, NotPermitted, "actor"),
    ("secretariat", "record_held", {"actual_start": "2022-10-10", "actual_end": "2999-10-14"}, InvalidInput,
     "actual_end"),
    ("kgz.head", "cancel_exercise", {"reason": " "}, InvalidInput, "reason.ru"),
    ("kgz.head", "cancel_exercise", {"reason": "Why", "on": "2999-01-01"}, InvalidInput, "on"),
    ("kgz.head", "postpone_exercise", {"planned_start": "2022-11-02", "planned_end": "2022-11-01",
                                       "reason": "Late"}, InvalidInput, "planned_end"),
    ("kgz.head", "move_exercise", {"host": "KGZ", "ground": "Elsewhere", "reason": "No"}, InvalidInput, "host"),
    ("kgz.head", "move_exercise", {"host": "ZZZ", "ground": "Elsewhere", "reason": "No"}, InvalidInput, "host"),
])
def test_a_lifecycle_step_is_refused_naming_the_field(exercises_organization: int, handle: str, act: str,
                                                       arguments: dict[str, Any], error: type[AccordError],
                                                       field: str) -> None:
    found = planned()
    before = Entry.objects.count()
    with pytest.raises(error) as refused:
        getattr(actions, act)(actor=actor(handle), exercise=found.pk, **arguments)
    assert refused.value.field == field
    assert Entry.objects.count() == before
    found.refresh_from_db()
    assert found.state == "planned"


@pytest.mark.parametrize(("arguments", "error", "field"), [
    ({"kind": "parade"}, InvalidInput, "kind"),
    ({"host": "ZZZ"}, InvalidInput, "host"),
    ({"ground": ""}, InvalidInput, "ground.ru"),
    ({"planned_end": "2022-10-01"}, InvalidInput, "planned_end"),
    ({"planned_start": "next week"}, InvalidInput, "planned_start"),
    ({"forces_exercised": [987654]}, NotFound, "forces_exercised"),
    ({"lead": "ZZ"}, InvalidInput, "lead"),
    ({"name": {"en": "No Russian"}}, InvalidInput, "name.ru"),
    ({"classification": "participants"}, InvalidInput, "classification"),
])
def test_planning_is_refused_naming_the_field(exercises_organization: int, arguments: dict[str, Any],
                                              error: type[AccordError], field: str) -> None:
    before = Entry.objects.count()
    with pytest.raises(error) as refused:
        planned(**arguments)
    assert refused.value.field == field
    assert Entry.objects.count() == before
    assert not Exercise.objects.exists()


def test_only_the_secretariat_plans_and_a_year_has_one_plan(exercises_organization: int) -> None:
    with pytest.raises(NotPermitted):
        actions.plan_exercise(actor=actor("kaz.head"), name={"ru": "Учение"}, kind="special", host="KAZ",
                              ground="Matybulak", planned_start="2022-09-26", planned_end="2022-10-08")
    actions.adopt_plan(actor=actor("secretariat"), year=2022, decision_reference="Plan")
    with pytest.raises(Conflict) as refused:
        actions.adopt_plan(actor=actor("secretariat"), year=2022, decision_reference="Plan again")
    assert refused.value.field == "year"
    with pytest.raises(InvalidInput) as missing:
        actions.adopt_plan(actor=actor("secretariat"), year=2023)
    assert missing.value.field == "decision_reference"
    assert Plan.objects.count() == 1


def test_members_pledge_confirm_and_decline_with_a_reason(exercises_organization: int) -> None:
    found = planned(exercises_organization)
    actions.declare_participation(actor=actor("rus.head"), exercise=found.pk, member="RUS",
                                  participation="pledged", force=exercises_organization, units=2, personnel=400)
    actions.declare_participation(actor=actor("rus.delegate"), exercise=found.pk, member="RUS",
                                  participation="confirmed", force=exercises_organization, units=2, personnel=450,
                                  equipment=60)
    actions.declare_participation(actor=actor("arm.head"), exercise=found.pk, member="ARM",
                                  participation="not_participating", reason="The situation on its border")
    rows = {row.member_id: row for row in queries.participations(found)}
    assert (rows["RUS"].status, rows["RUS"].personnel) == ("confirmed", 450)
    assert rows["ARM"].reason.pick().text == "The situation on its border"
    assert Entry.objects.filter(type="exercises.participation_declared").count() == 3


@pytest.mark.parametrize(("handle", "arguments", "error", "field"), [
    ("kaz.head", {"member": "RUS"}, NotPermitted, "member"),
    ("observer", {"member": "KAZ"}, NotPermitted, "member"),
    ("kaz.head", {"participation": "maybe"}, InvalidInput, "participation"),
    ("kaz.head", {"participation": "not_participating"}, InvalidInput, "reason.ru"),
    ("kaz.head", {"participation": "not_participating", "reason": "No", "units": 1}, InvalidInput, "units"),
    ("kaz.head", {"personnel": -1}, InvalidInput, "personnel"),
    ("kaz.head", {"force": 987654}, InvalidInput, "force"),
    ("kaz.head", {"on": "2999-01-01"}, InvalidInput, "on"),
])
def test_a_declaration_is_refused_naming_the_field(exercises_organization: int, handle: str,
                                                   arguments: dict[str, Any], error: type[AccordError],
                                                   field: str) -> None:
    found = planned()
    before = Entry.objects.count()
    with pytest.raises(error) as refused:
        actions.declare_participation(actor=actor(handle), exercise=found.pk,
                                      **{"member": "KAZ", "participation": "pledged", **arguments})
    assert refused.value.field == field
    assert Entry.objects.count() == before
    assert not Participation.objects.exists()


def test_a_members_only_exercise_is_missing_to_an_observer_and_sealed_in_the_log(
        exercises_organization: int) -> None:
    found = planned(classification="members")
    assert Entry.objects.get(seq=found.entry_seq).classification == "members"
    for exercise in (found.pk, 987654):
        with pytest.raises(NotFound) as refused:
            actions.declare_participation(actor=actor("observer"), exercise=exercise, member="KAZ",
                                          participation="pledged")
        assert refused.value.field == "exercise"
    actions.cancel_exercise(actor=actor("kgz.head"), exercise=found.pk, reason="Clashes")
    assert Entry.objects.filter(type="exercises.cancelled").get().classification == "members"
