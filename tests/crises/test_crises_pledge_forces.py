"""A pledge may name the standing force its contingent comes from and the member's declared units of it, or stay
ad hoc; a wrong one is refused by its field and writes nothing; the page, the API and the replay keep it."""

from __future__ import annotations

import pytest
from crises_fixtures import T0, actor
from django.test import Client
from test_crises_deployment import operation

from accord.core.errors import InvalidInput, NotFound
from accord.crises import actions
from accord.forces import actions as forces
from accord.ledger.models import Entry
from accord.members.models import Person


def _force(classification: str = "public") -> int:
    return forces.establish_force(actor=actor("secretariat"), name={"ru": "КСОР", "en": "Rapid Reaction Forces"},
                                  size=18000, decision_reference="Decision", classification=classification).pk


def _declared(force: int, member: str = "RUS", capability: str = "airborne_unit", units: int = 2) -> int:
    return forces.declare_contribution(actor=actor(f"{member.lower()}.head"), force=force, member=member,
                                       capability=capability, units=units, declared_on="2022-01-01").pk


def test_a_pledge_names_its_force_and_declared_units_or_stays_ad_hoc(organization: None) -> None:
    crisis = operation()
    force = _force()
    declaration = _declared(force)
    named = actions.pledge_contingent(actor=actor("rus.head"), crisis=crisis.pk, capability="airborne_unit",
                                      quantity=2, declared=declaration, at=T0)
    assert (named.force_id, named.declared_id) == (force, declaration)
    ad_hoc = actions.pledge_contingent(actor=actor("blr.head"), crisis=crisis.pk, capability="airborne_unit",
                                       quantity=1, at=T0)
    assert (ad_hoc.force_id, ad_hoc.declared_id) == (None, None)
    only_force = actions.pledge_contingent(actor=actor("blr.head"), crisis=crisis.pk, capability="medical_team",
                                           quantity=1, force=force, at=T0)
    assert (only_force.force_id, only_force.declared_id) == (force, None)


def test_another_members_or_a_superseded_or_other_capability_declaration_is_refused(organization: None) -> None:
    crisis = operation()
    force = _force()
    theirs = _declared(force, "BLR")
    superseded = _declared(force, "RUS", units=1)
    _declared(force, "RUS", units=3)
    medical = _declared(force, "RUS", capability="medical_team")
    before = Entry.objects.count()
    with pytest.raises(NotFound) as caught:
        actions.pledge_contingent(actor=actor("rus.head"), crisis=crisis.pk, capability="airborne_unit",
                                  quantity=1, declared=theirs)
    assert caught.value.field == "declared"
    for declaration in (superseded, medical):
        with pytest.raises(InvalidInput) as refused:
            actions.pledge_contingent(actor=actor("rus.head"), crisis=crisis.pk, capability="airborne_unit",
                                      quantity=1, declared=declaration)
        assert refused.value.field == "declared"
    with pytest.raises(NotFound) as missing:
        actions.pledge_contingent(actor=actor("rus.head"), crisis=crisis.pk, capability="airborne_unit",
                                  quantity=1, force=force + 100)
    assert missing.value.field == "force"
    assert Entry.objects.count() == before


def test_the_page_offers_the_members_declarations_and_the_api_tells_the_force(organization: None) -> None:
    crisis = operation()
    force = _force()
    declaration = _declared(force)
    client = Client()
    client.force_login(Person.objects.get(username="rus.head"))
    page = client.get(f"/crises/{crisis.pk}/").content.decode()
    assert f'<option value="{declaration}">Rapid Reaction Forces' in page
    response = client.post(f"/api/v1/crises/{crisis.pk}/pledges", {
        "capability": "airborne_unit", "quantity": 2, "declared": declaration}, content_type="application/json")
    assert response.status_code == 201, response.content
    pledge = response.json()["pledges"][0]
    assert (pledge["force"], pledge["declared"]) == (force, declaration)
    assert "Rapid Reaction Forces" in client.get(f"/crises/{crisis.pk}/").content.decode()
