"""Force generation and deployment: pledges, the host's answer, phases, completion, withdrawal; the drawings."""

from __future__ import annotations

import datetime as dt

import pytest
from crises_fixtures import REQUEST, T0, actor, call, page
from django.test import Client
from svg_numbers import svg_numbers, unreadable_svg_numbers

from accord.core.errors import Conflict, InvalidInput, NotPermitted
from accord.crises import actions, queries
from accord.crises.models import Crisis, Pledge
from accord.members.models import Person

H = dt.timedelta(hours=1)


def operation(*, decided: bool = True) -> Crisis:
    crisis = actions.file_request(actor=actor("kaz.head"), at=T0, **REQUEST)
    actions.choose_response(actor=actor("secretariat"), crisis=crisis.pk, response="operation", at=T0 + 10 * H)
    actions.set_mandate(actor=actor("secretariat"), crisis=crisis.pk, purpose="Protect important facilities",
                        area="Kazakhstan", ends_at=T0 + dt.timedelta(days=30), commander="Commander",
                        commander_body="CMD", requirements={"airborne_unit": 2, "transport_aircraft": 2},
                        decision_identifier="CSC decision" if decided else "",
                        decision_at=T0 + 12 * H if decided else None)
    return crisis


def accepted(crisis: Crisis, member: str, capability: str = "airborne_unit", quantity: int = 1) -> Pledge:
    pledge = actions.pledge_contingent(actor=actor(f"{member.lower()}.head"), crisis=crisis.pk,
                                       capability=capability, quantity=quantity, at=T0 + 11 * H)
    actions.answer_pledge(actor=actor("kaz.head"), pledge=pledge.pk, accept=True, at=T0 + 11 * H)
    return pledge


def move(pledge: Pledge, handle: str, *phases: tuple[str, int]) -> None:
    for phase, hours in phases:
        actions.record_phase(actor=actor(handle), pledge=pledge.pk, phase=phase, at=T0 + hours * H)


def test_pledges_are_voluntary_and_answered_by_the_requesting_state(organization: None) -> None:
    crisis = operation()
    pledge = actions.pledge_contingent(actor=actor("rus.head"), crisis=crisis.pk, capability="airborne_unit",
                                       quantity=2, personnel=1000, personnel_reported=True)
    with pytest.raises(NotPermitted):
        actions.answer_pledge(actor=actor("rus.head"), pledge=pledge.pk, accept=True)
    with pytest.raises(NotPermitted):
        actions.pledge_contingent(actor=actor("observer"), crisis=crisis.pk, capability="airborne_unit",
                                  quantity=1)
    with pytest.raises(InvalidInput) as caught:
        actions.pledge_contingent(actor=actor("blr.head"), crisis=crisis.pk, capability="tanks", quantity=1)
    assert caught.value.field == "capability"
    actions.answer_pledge(actor=actor("kaz.delegate"), pledge=pledge.pk, accept=True)
    with pytest.raises(Conflict):
        actions.answer_pledge(actor=actor("kaz.head"), pledge=pledge.pk, accept=False)
    declined = actions.pledge_contingent(actor=actor("blr.head"), crisis=crisis.pk, capability="medical_team",
                                         quantity=1)
    actions.answer_pledge(actor=actor("kaz.head"), pledge=declined.pk, accept=False)
    views = queries.pledges(crisis)
    gap = {row.capability: row for row in queries.force_gap(crisis, queries.mandate_of(crisis), views)}
    assert (gap["airborne_unit"].required, gap["airborne_unit"].accepted, gap["airborne_unit"].gap) == (2, 2, 0)
    assert gap["transport_aircraft"].gap == 2
    assert "medical_team" not in gap  # declined, and not required


def test_no_contingent_deploys_before_the_decision_nor_arrives_before_authorization(organization: None) -> None:
    crisis = operation(decided=False)
    pledge = accepted(crisis, "RUS")
    move(pledge, "rus.delegate", ("alerted", 11), ("authorized", 12))
    with pytest.raises(InvalidInput, match="no adopted decision"):
        move(pledge, "rus.delegate", ("departed", 13))
    with pytest.raises(InvalidInput, match="needs departed"):
        move(pledge, "rus.delegate", ("arrived", 14))
    actions.record_decision(actor=actor("secretariat"), crisis=crisis.pk, decision_identifier="CSC decision",
                            decision_at=T0 + 13 * H)
    with pytest.raises(InvalidInput, match="decision dates from"):
        move(pledge, "rus.delegate", ("departed", 12))
    move(pledge, "rus.delegate", ("departed", 14), ("arrived", 18))
    with pytest.raises(NotPermitted):
        move(pledge, "blr.delegate", ("operational", 19))


def test_withdrawal_is_complete_only_when_every_contingent_is_home(organization: None) -> None:
    crisis = operation()
    russia, armenia = accepted(crisis, "RUS"), accepted(crisis, "ARM", "transport_aircraft")
    actions.pledge_contingent(actor=actor("blr.head"), crisis=crisis.pk, capability="medical_team", quantity=1)
    steps = (("alerted", 11), ("authorized", 12), ("departed", 13), ("arrived", 18), ("operational", 20))
    move(russia, "rus.head", *steps)
    move(armenia, "arm.head", *[(phase, hours + 10) for phase, hours in steps])
    with pytest.raises(NotPermitted):
        actions.declare_mission_complete(actor=actor("rus.head"), crisis=crisis.pk)
    actions.declare_mission_complete(actor=actor("kaz.head"), crisis=crisis.pk, at=T0 + 100 * H)
    actions.hand_over_sites(actor=actor("kaz.head"), crisis=crisis.pk, sites=14, at=T0 + 140 * H)
    move(russia, "rus.head", ("handing_over", 140), ("withdrawing", 150), ("home", 200))
    with pytest.raises(InvalidInput, match="not every contingent is home"):
        actions.complete_withdrawal(actor=actor("secretariat"), crisis=crisis.pk)
    move(armenia, "secretariat", ("handing_over", 141), ("withdrawing", 160), ("home", 250))
    mandate = actions.complete_withdrawal(actor=actor("secretariat"), crisis=crisis.pk)
    assert mandate.withdrawal_complete_at == T0 + 250 * H
    crisis.refresh_from_db()
    assert not crisis.is_open
    metrics = queries.metrics(crisis, queries.mandate_of(crisis), queries.pledges(crisis))
    assert metrics.to_decision == 12 * H
    assert metrics.to_first_arrival == 18 * H
    assert metrics.to_full_capability == 30 * H
    assert metrics.to_withdrawal == 250 * H
    assert {s.phase: s.spread for s in metrics.spreads}["arrived"] == 10 * H


def test_the_page_draws_the_force_gap_and_the_timeline_with_laggards(organization: None) -> None:
    crisis = operation()
    russia, armenia = accepted(crisis, "RUS"), accepted(crisis, "ARM", "transport_aircraft")
    actions.plan_phase(actor=actor("arm.head"), pledge=armenia.pk, phase="alerted", planned_at=T0 + 11 * H)
    move(russia, "rus.head", ("alerted", 11))
    move(armenia, "arm.head", ("alerted", 15))
    body = page("kaz.head", f"/crises/{crisis.pk}/live/").content.decode()
    assert 'class="force-gap"' in body
    assert 'data-capability="airborne_unit"' in body
    assert 'class="sync-timeline"' in body
    assert 'class="sync-row sync-row--lagging" data-row="ARM' in body
    assert 'class="sync-row" data-row="RUS' in body
    assert "sync-actual sync-actual--late" in body
    assert ">decision</text>" in body


def test_the_drawings_numbers_are_plain_numbers_in_russian(organization: None) -> None:
    """The acknowledgement strip, the force gap and the timeline (fractional positions) in Russian,
    whose number format writes "412,3": every SVG number must still be one SVG reads (issue #21)."""
    crisis = operation()
    actions.acknowledge_request(actor=actor("rus.head"), crisis=crisis.pk, at=T0 + H)
    russia, armenia = accepted(crisis, "RUS", quantity=3), accepted(crisis, "ARM", "transport_aircraft")
    actions.plan_phase(actor=actor("arm.head"), pledge=armenia.pk, phase="alerted", planned_at=T0 + 11 * H)
    move(russia, "rus.head", ("alerted", 11), ("authorized", 13))
    move(armenia, "arm.head", ("alerted", 15))
    client = Client()
    client.force_login(Person.objects.get(username="kaz.head"))
    client.cookies["django_language"] = "ru"
    for path in (f"/crises/{crisis.pk}/", f"/crises/{crisis.pk}/live/"):
        response = client.get(path)
        assert response.headers["Content-Language"] == "ru"
        html = response.content.decode()
        drawn = {element for element, _, _ in svg_numbers(html)}
        assert {"svg", "g", "rect", "circle", "line", "text"} <= drawn
        assert any("." in value for _, _, value in svg_numbers(html)), "no fractional position drawn"
        assert unreadable_svg_numbers(html) == []


def test_the_forms_take_a_contingent_from_pledge_to_phase(organization: None) -> None:
    crisis = operation()
    from django.test import Client

    from accord.members.models import Person

    russia, kazakhstan = Client(), Client()
    russia.force_login(Person.objects.get(username="rus.head"))
    kazakhstan.force_login(Person.objects.get(username="kaz.head"))
    assert russia.post(f"/crises/{crisis.pk}/pledges/", {"capability": "airborne_unit", "quantity": "2",
                                                         "personnel": ""}).status_code == 302
    pledge = Pledge.objects.get()
    assert kazakhstan.post(f"/crises/{crisis.pk}/pledges/{pledge.pk}/answer/",
                           {"accept": "accept"}).status_code == 302
    assert russia.post(f"/crises/{crisis.pk}/pledges/{pledge.pk}/phase/", {"phase": "alerted"}).status_code == 302
    refused = russia.post(f"/crises/{crisis.pk}/pledges/{pledge.pk}/phase/", {"phase": "arrived"})
    assert refused.status_code == 400
    assert "arrived needs operational" not in refused.content.decode()
    assert "arrived needs departed" in refused.content.decode()
    assert 'data-phase="alerted"' in russia.get(f"/crises/{crisis.pk}/live/").content.decode()


@pytest.mark.parametrize(("handle", "status"), [(None, 401), ("observer", 404), ("blr.head", 403)])
def test_outsiders_cannot_move_contingents_through_the_api(organization: None, handle: str | None,
                                                           status: int) -> None:
    crisis = operation()
    pledge = accepted(crisis, "RUS")
    response = call(handle, "POST", f"/crises/{crisis.pk}/pledges/{pledge.pk}/phases", {"phase": "alerted"})
    assert response.status_code == status
    assert not pledge.phases.exists()
    for path in ("completion", "withdrawal"):
        assert call(handle, "POST", f"/crises/{crisis.pk}/{path}", {}).status_code in (401, 403, 404)


def test_the_api_reports_pledges_phases_and_the_gap(organization: None) -> None:
    crisis = operation()
    made = call("rus.head", "POST", f"/crises/{crisis.pk}/pledges", {"capability": "airborne_unit", "quantity": 2})
    assert made.status_code == 201
    pledge = made.json()["pledges"][0]["id"]
    answered = call("kaz.head", "POST", f"/crises/{crisis.pk}/pledges/{pledge}/answer", {"accept": True})
    assert answered.status_code == 200
    planned = call("rus.head", "POST", f"/crises/{crisis.pk}/pledges/{pledge}/phases",
                   {"phase": "arrived", "planned_at": (T0 + 20 * H).isoformat()})
    assert planned.json()["pledges"][0]["phases"][0]["phase"] == "arrived"
    missing = call("rus.head", "POST", f"/crises/{crisis.pk}/pledges/999/phases", {"phase": "alerted"})
    assert missing.status_code == 404
    detail = call("arm.head", "GET", f"/crises/{crisis.pk}").json()
    assert detail["force_gap"][0] == {"capability": "airborne_unit", "required": 2, "pledged": 2, "accepted": 2,
                                      "deployed": 0, "gap": 0}
