"""After the exercise: the secretariat assesses each objective (met, partly met, not met) with its findings, and
the secretariat or a state that took part draws lessons; shared with the member states, sealed from observers
and the public; refused before the exercise is held and by anyone else, writing nothing."""

from __future__ import annotations

import pytest
from exercises_world import actor, call, planned, signed_in

from accord.core.errors import Conflict, InvalidInput, NotFound, NotPermitted
from accord.exercises import actions
from accord.exercises.models import Exercise
from accord.ledger.models import Entry

OBJECTIVE = {"ru": "Отработать переброску", "en": "Rehearse the airlift"}
FINDINGS = {"ru": "Переброска заняла двое суток", "en": "The airlift took two days"}


def _held() -> Exercise:
    found = planned()
    actions.declare_participation(actor=actor("kaz.head"), exercise=found.pk, member="KAZ",
                                  participation="confirmed", units=1, on="2022-10-01")
    actions.record_held(actor=actor("secretariat"), exercise=found.pk, actual_start="2022-10-10",
                        actual_end="2022-10-14")
    return found


def test_the_secretariat_assesses_and_participants_draw_lessons_shared_with_members(
        exercises_organization: int) -> None:
    found = _held()
    assessed = actions.assess_objective(actor=actor("secretariat"), exercise=found.pk, objective=OBJECTIVE,
                                        rating="partly", findings=FINDINGS)
    lesson = actions.record_lesson(actor=actor("kaz.head"), exercise=found.pk,
                                   text={"ru": "Нужен резерв", "en": "A reserve is needed"})
    assert (assessed.rating, lesson.member) == ("partly", "KAZ")
    assert Entry.objects.get(seq=lesson.entry_seq).classification == "members"
    page = signed_in("rus.head", "ru").get(f"/exercises/{found.pk}/").content.decode()
    assert "Переброска заняла двое суток" in page
    assert "Частично достигнута" in page
    assert "Нужен резерв" in page
    for reader in ("observer", None):
        assert 'id="evaluation"' not in signed_in(reader).get(f"/exercises/{found.pk}/").content.decode()
        assert call(reader, "GET", f"/exercises/{found.pk}").json()["lessons"] == []
    answer = call("arm.head", "GET", f"/exercises/{found.pk}").json()
    assert [row["rating"] for row in answer["assessments"]] == ["partly"]
    assert [row["member"] for row in answer["lessons"]] == ["KAZ"]


@pytest.mark.parametrize(("handle", "act", "arguments", "error", "field"), [
    ("kaz.head", "assess_objective", {"objective": OBJECTIVE, "rating": "met", "findings": FINDINGS},
     NotPermitted, "actor"),
    ("secretariat", "assess_objective", {"objective": OBJECTIVE, "rating": "great", "findings": FINDINGS},
     InvalidInput, "rating"),
    ("secretariat", "assess_objective", {"objective": OBJECTIVE, "rating": "met", "findings": {"en": "x"}},
     InvalidInput, "findings.ru"),
    ("rus.head", "record_lesson", {"text": {"ru": "Урок"}}, NotPermitted, "actor"),  # Russia took no part
    ("observer", "record_lesson", {"text": {"ru": "Урок"}}, NotPermitted, "actor"),
])
def test_a_refused_evaluation_names_its_field_and_writes_nothing(
        exercises_organization: int, handle: str, act: str, arguments: dict[str, object], error: type[Exception],
        field: str) -> None:
    found = _held()
    before = Entry.objects.count()
    with pytest.raises(error) as refused:
        getattr(actions, act)(actor=actor(handle), exercise=found.pk, **arguments)
    assert getattr(refused.value, "field", None) == field
    assert Entry.objects.count() == before


def test_an_exercise_not_held_is_not_evaluated_and_a_missing_one_is_not_found(exercises_organization: int) -> None:
    found = planned()
    with pytest.raises(Conflict):
        actions.record_lesson(actor=actor("secretariat"), exercise=found.pk, text=OBJECTIVE)
    with pytest.raises(NotFound):
        actions.record_lesson(actor=actor("secretariat"), exercise=found.pk + 100, text=OBJECTIVE)


def test_the_forms_are_offered_after_the_exercise_and_a_refusal_keeps_what_was_typed(
        exercises_organization: int) -> None:
    found = _held()
    secretariat = signed_in("secretariat", "ru")
    page = secretariat.get(f"/exercises/{found.pk}/").content.decode()
    assert 'id="assess-form"' in page
    assert 'id="record_lesson-form"' in page
    refused = secretariat.post(f"/exercises/{found.pk}/assessments/", {
        "objective_ru": "Отработать переброску", "rating": "met"})
    assert refused.status_code == 400
    assert 'value="Отработать переброску"' in refused.content.decode()
    assert secretariat.post(f"/exercises/{found.pk}/assessments/", {
        "objective_ru": "Отработать переброску", "rating": "met", "findings_ru": "Выполнено"}).status_code == 302
    kazakhstan = signed_in("kaz.head")
    assert 'id="assess-form"' not in kazakhstan.get(f"/exercises/{found.pk}/").content.decode()
    assert kazakhstan.post(f"/exercises/{found.pk}/lessons/", {"text_ru": "Урок"}).status_code == 302
    assert 'id="record_lesson-form"' not in signed_in("rus.head").get(f"/exercises/{found.pk}/").content.decode()
    api = call("secretariat", "POST", f"/exercises/{found.pk}/assessments", {
        "objective": {"ru": "Связь"}, "rating": "not_met", "findings": {"ru": "Связь прерывалась"}})
    assert api.status_code == 200
    assert [row["rating"] for row in api.json()["assessments"]] == ["met", "not_met"]
