"""The exercises API: reads as the viewer may see, writes through the actions, errors naming their fields."""

from __future__ import annotations

import pytest
from exercises_world import NAME, call, planned

from accord.exercises.models import Exercise
from accord.ledger.models import Entry

EXERCISE = {"name": NAME, "kind": "peacekeeping", "host": "KGZ", "ground": {"ru": "Балыкчы", "en": "Balykchy"},
            "planned_start": "2022-10-10", "planned_end": "2022-10-14", "classification": "members"}


def test_the_secretariat_plans_and_members_read(exercises_organization: int) -> None:
    assert call("secretariat", "POST", "/exercises/plans", {"year": 2022, "decision_reference": "Plan"}
                ).status_code == 201
    created = call("secretariat", "POST", "/exercises", {**EXERCISE, "forces_exercised": [exercises_organization]})
    assert created.status_code == 201
    exercise = created.json()
    assert (exercise["year"], exercise["state"], exercise["forces_exercised"]) == (2022, "planned",
                                                                                 [exercises_organization])
    assert [row["id"] for row in call("kaz.head", "GET", "/exercises").json()] == [exercise["id"]]
    assert call(None, "GET", "/exercises").json() == []
    assert call("observer", "GET", f"/exercises/{exercise['id']}").status_code == 404
    assert [plan["year"] for plan in call(None, "GET", "/exercises/plans").json()] == [2022]


def test_the_lifecycle_and_participation_through_the_api(exercises_organization: int) -> None:
    found = planned()
    host = call("kgz.head", "GET", f"/exercises/{found.pk}").json()
    assert host["allowed"] == ["cancel", "confirm", "declare_participation", "move", "postpone"]
    assert call("kgz.head", "POST", f"/exercises/{found.pk}/confirmed", {}).json()["state"] == "confirmed"
    declared = call("kaz.head", "POST", f"/exercises/{found.pk}/participations",
                    {"member": "KAZ", "participation": "pledged", "units": 1})
    assert declared.json()["participations"][0]["status"] == "pledged"
    held = call("secretariat", "POST", f"/exercises/{found.pk}/held",
                {"actual_start": "2022-10-10", "actual_end": "2022-10-13"})
    assert (held.json()["state"], held.json()["actual_end"]) == ("held", "2022-10-13")
    assert held.json()["allowed"] == ["assess", "record_date_claim", "record_lesson"]


@pytest.mark.parametrize(("handle", "path", "payload", "status", "field"), [
    ("kaz.head", "cancelled", {"reason": {"ru": "Нет"}}, 403, "actor"),
    ("kgz.head", "cancelled", {"reason": {"ru": ""}}, 400, "reason.ru"),
    ("kgz.head", "moved", {"host": "KGZ", "ground": {"ru": "x"}, "reason": {"ru": "y"}}, 400, "host"),
    ("secretariat", "held", {"actual_start": "2022-10-14", "actual_end": "2022-10-10"}, 400, "actual_end"),
    ("kaz.head", "participations", {"member": "RUS", "participation": "pledged"}, 403, "member"),
    ("kaz.head", "participations", {"member": "KAZ", "participation": "maybe"}, 400, "participation"),
])
def test_a_refused_act_names_its_field(exercises_organization: int, handle: str, path: str,
                                       payload: dict[str, object], status: int, field: str) -> None:
    found = planned()
    before = Entry.objects.count()
    answer = call(handle, "POST", f"/exercises/{found.pk}/{path}", payload)
    assert answer.status_code == status
    assert answer.json()["errors"][0]["field"] == field
    assert Entry.objects.count() == before


def test_a_hidden_exercise_answers_as_a_missing_one(exercises_organization: int) -> None:
    hidden = planned(classification="members")
    for pk in (hidden.pk, 987654):
        answer = call("observer", "POST", f"/exercises/{pk}/participations",
                      {"member": "KAZ", "participation": "pledged"})
        assert answer.status_code == 404
        assert answer.json()["errors"][0]["field"] == "exercise"
    assert call(None, "POST", "/exercises", EXERCISE).status_code == 401
    assert Exercise.objects.count() == 1
