"""The migration of an exercise's training ground and reasons to texts per language keeps each one: it arrives
under the organization's default language and comes back when migrated backwards."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from migrating import migrate

from accord.ledger.guard import acting

# Whatever a test leaves migrated, every app is at its latest migration after it.
pytestmark = pytest.mark.usefixtures("migrations_restored")

# The members' registry is taken back too, to before a column the old rows here do not give (session kinds).
BEFORE = [("exercises", "0001_initial"), ("members", "0011_offices")]
AFTER = [("exercises", "0002_ground_reasons_texts"), ("members", "0011_offices")]


@pytest.mark.django_db(transaction=True)
def test_the_ground_and_the_reasons_arrive_in_the_default_language_and_go_back() -> None:
    old = migrate(BEFORE)
    with acting("test: rows as the old schema held them"):
        rows = _old_rows(old)

    new = migrate(AFTER)
    found = new.get_model("exercises", "Exercise").objects.get(pk=rows["exercise"])
    assert (list(found.ground.items()), list(found.state_reason.items())) == (
        [("fr", "Balykchy")], [("fr", "Affrontements")])
    participations = new.get_model("exercises", "Participation").objects
    assert dict(participations.get(pk=rows["declined"]).reason) == {"fr": "La frontière"}
    assert dict(participations.get(pk=rows["taking_part"]).reason) == {}

    back = migrate(BEFORE)
    again = back.get_model("exercises", "Exercise").objects.get(pk=rows["exercise"])
    assert (again.ground, again.state_reason) == ("Balykchy", "Affrontements")
    assert [back.get_model("exercises", "Participation").objects.get(pk=rows[name]).reason
            for name in ("declined", "taking_part")] == ["La frontière", ""]


def _old_rows(old: Any) -> dict[str, Any]:
    old.get_model("members", "Organization").objects.create(pk=1, working_languages=["fr"], languages=["fr", "en"])
    host = old.get_model("members", "Member").objects.create(code="KGZ")
    other = old.get_model("members", "Member").objects.create(code="ARM")
    exercise = old.get_model("exercises", "Exercise").objects.create(
        name=[["fr", "Fraternité"]], kind="peacekeeping", host=host, ground="Balykchy",
        planned_start=dt.date(2022, 10, 10), planned_end=dt.date(2022, 10, 14), state="cancelled",
        state_reason="Affrontements", state_by="KGZ", state_on=dt.date(2022, 10, 9), entry_seq=1)
    participation = old.get_model("exercises", "Participation").objects
    declined = participation.create(exercise=exercise, member=other, status="not_participating",
                                    reason="La frontière", declared_on=dt.date(2022, 9, 27), entry_seq=2)
    taking_part = participation.create(exercise=exercise, member=host, status="confirmed",
                                       declared_on=dt.date(2022, 9, 27), entry_seq=3)
    return {"exercise": exercise.pk, "declined": declined.pk, "taking_part": taking_part.pk}
