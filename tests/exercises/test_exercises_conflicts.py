"""Conflicts found, not hidden: a member's units of a force in two overlapping exercises, or pledged to an
operation over an exercise's days, refused at the declaration unless acknowledged; a host with an open crisis,
shown. On the page (in Russian) and in the API, each with its clashing record."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from crises_fixtures import REQUEST
from exercises_world import actor, planned, signed_in
from hypothesis import given
from hypothesis import strategies as st

from accord.core.errors import Conflict
from accord.crises import actions as crises
from accord.exercises import actions, queries, rules
from accord.exercises.models import Participation
from accord.ledger.models import Entry

DAY = dt.date(2022, 1, 1)


def test_overlap_counts_a_shared_day_and_an_open_end_goes_on() -> None:
    assert rules.overlap(DAY, DAY, DAY, DAY)
    assert rules.overlap(DAY, None, DAY + dt.timedelta(days=400), DAY + dt.timedelta(days=401))
    assert not rules.overlap(DAY, DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=2), None)


@given(st.integers(0, 30), st.integers(0, 10), st.integers(0, 30), st.integers(0, 10))
def test_overlap_does_not_depend_on_the_order(a: int, a_len: int, b: int, b_len: int) -> None:
    first, other = DAY + dt.timedelta(days=a), DAY + dt.timedelta(days=b)
    assert rules.overlap(first, first + dt.timedelta(days=a_len), other, other + dt.timedelta(days=b_len)) == \
        rules.overlap(other, other + dt.timedelta(days=b_len), first, first + dt.timedelta(days=a_len))


def _pledge_units(exercise: int, force: int, **more: Any) -> Participation:
    return actions.declare_participation(actor=actor("kaz.head"), exercise=exercise, member="KAZ",
                                         participation="pledged", force=force, units=1, on="2022-09-01", **more)


def test_the_same_units_in_two_overlapping_exercises_are_refused_unless_acknowledged(
        exercises_organization: int) -> None:
    force = exercises_organization
    first = planned(force)
    second = planned(force, name={"ru": "Поиск-2022", "en": "Search-2022"}, planned_start="2022-10-12",
                     planned_end="2022-10-20")
    later = planned(force, name={"ru": "Эшелон-2022", "en": "Echelon-2022"}, planned_start="2022-11-01",
                    planned_end="2022-11-05")
    _pledge_units(first.pk, force)
    _pledge_units(later.pk, force)  # no overlap: no clash
    before = Entry.objects.count()
    with pytest.raises(Conflict) as caught:
        _pledge_units(second.pk, force)
    assert caught.value.field == "acknowledged"
    assert "Indestructible Brotherhood-2022" in str(caught.value)
    assert Entry.objects.count() == before
    row = _pledge_units(second.pk, force, acknowledged=True)
    assert Entry.objects.get(seq=row.entry_seq) is not None
    shown = queries.clashes(None, second)
    assert [(clash.kind, clash.member, clash.exercise.pk if clash.exercise else None) for clash in shown] == [
        (rules.TWO_EXERCISES, "KAZ", first.pk)]
    assert queries.clashes(None, later) == []
    # A member that does not take part commits no units, and a cancelled exercise clashes with nothing.
    actions.cancel_exercise(actor=actor("kgz.head"), exercise=first.pk, reason="Border", on="2022-09-02")
    assert queries.clashes(None, second) == []


def test_units_pledged_to_an_operation_and_a_host_in_crisis_are_shown_on_the_page_and_in_the_api(
        exercises_organization: int) -> None:
    force = exercises_organization
    crisis = crises.file_request(actor=actor("kgz.head"), at="2022-09-20T08:00:00Z", **REQUEST)
    crises.choose_response(actor=actor("secretariat"), crisis=crisis.pk, response="operation",
                           at="2022-09-20T10:00:00Z")
    crises.pledge_contingent(actor=actor("kaz.head"), crisis=crisis.pk, capability="airborne_unit", quantity=1,
                             force=force, at="2022-09-21T08:00:00Z")
    found = planned(force)
    with pytest.raises(Conflict):
        _pledge_units(found.pk, force)
    _pledge_units(found.pk, force, acknowledged=True)
    kinds = {clash.kind for clash in queries.clashes(None, found)}
    assert kinds == {rules.ON_OPERATION, rules.HOST_IN_CRISIS}
    page = signed_in("kaz.head", "ru").get(f"/exercises/{found.pk}/").content.decode()
    assert 'id="conflicts"' in page
    assert 'data-kind="host_in_crisis"' in page
    assert f'href="/crises/{crisis.pk}/"' in page
    answer = signed_in("kaz.head").get(f"/api/v1/exercises/{found.pk}").json()
    assert sorted((c["kind"], c["crisis"]) for c in answer["conflicts"]) == [
        ("host_in_crisis", crisis.pk), ("unit_on_operation", crisis.pk)]
    # The crisis is for the members' eyes: the public sees neither the clash nor the crisis.
    public = signed_in(None).get(f"/api/v1/exercises/{found.pk}").json()
    assert public["conflicts"] == []
    assert 'id="conflicts"' not in signed_in(None).get(f"/exercises/{found.pk}/").content.decode()


def test_the_form_puts_the_refusal_beside_the_acknowledgement_in_russian_and_keeps_what_was_typed(
        exercises_organization: int) -> None:
    force = exercises_organization
    first = planned(force)
    second = planned(force, name={"ru": "Поиск-2022", "en": "Search-2022"})
    _pledge_units(first.pk, force)
    response = signed_in("kaz.head", "ru").post(f"/exercises/{second.pk}/participation/", {
        "member": "KAZ", "participation": "pledged", "force": str(force), "units": "3", "on": "2022-09-01"})
    body = response.content.decode()
    assert response.status_code == 409
    assert "Нерушимое братство-2022" in body
    assert 'value="3"' in body
    assert not Participation.objects.filter(exercise=second).exists()
    accepted = signed_in("kaz.head", "ru").post(f"/exercises/{second.pk}/participation/", {
        "member": "KAZ", "participation": "pledged", "force": str(force), "units": "3", "on": "2022-09-01",
        "acknowledged": "on"})
    assert accepted.status_code == 302
