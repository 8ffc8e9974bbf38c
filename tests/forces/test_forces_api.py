"""The standing forces' API: reads as the viewer may see, writes through the actions, errors naming fields."""

from __future__ import annotations

import pytest
from forces_world import call, peacekeepers

from accord.forces.models import Contribution, Force
from accord.ledger.models import Entry

pytestmark = pytest.mark.usefixtures("standing_forces")

FORCE = {"name": {"ru": "Коллективные силы быстрого развёртывания", "en": "Collective Rapid Deployment Forces"},
         "size": 5000, "decision_reference": {"ru": "Решение Совета", "en": "Decision of the Council"},
         "classification": "members"}


def test_the_secretariat_records_a_force_and_members_read_it() -> None:
    created = call("secretariat", "POST", "/forces", FORCE)
    assert created.status_code == 201
    force = created.json()
    assert force["size"] == 5000
    assert force["established_on"] is None
    assert force["decision_reference"] == {"ru": "Решение Совета", "en": "Decision of the Council"}
    assert call("kaz.head", "GET", f"/forces/{force['id']}?lang=en").json()["decision_reference"] == {
        "en": "Decision of the Council"}
    assert [row["id"] for row in call("kaz.head", "GET", "/forces").json()] == [force["id"]]
    assert call(None, "GET", "/forces").json() == []
    assert call("observer", "GET", f"/forces/{force['id']}").status_code == 404


def test_a_member_declares_and_the_detail_gives_the_history() -> None:
    force = peacekeepers()
    for units in (1, 2):
        answer = call("tjk.head", "POST", f"/forces/{force.pk}/contributions",
                      {"member": "TJK", "capability": "infantry_company", "units": units,
                       "personnel": 200 * units})
        assert answer.status_code == 201
    detail = call("tjk.delegate", "GET", f"/forces/{force.pk}").json()
    assert detail["allowed"] == ["declare_contribution"]
    [standing] = detail["declared"]
    assert standing["current"]["units"] == 2
    assert [row["units"] for row in standing["earlier"]] == [1]
    assert call(None, "GET", f"/forces/{force.pk}").json()["allowed"] == []


@pytest.mark.parametrize(("handle", "payload", "status", "field"), [
    ("kaz.head", {}, 403, "actor"),
    ("secretariat", {"size": -1}, 400, "size"),
    ("secretariat", {"name": {"en": "No Russian"}}, 400, "name.ru"),
    ("secretariat", {"classification": "secret"}, 400, "classification"),
    ("secretariat", {"proposal": 987654}, 404, "proposal"),
])
def test_a_refused_force_names_its_field(handle: str, payload: dict[str, object], status: int, field: str) -> None:
    before = Entry.objects.count()
    answer = call(handle, "POST", "/forces", {**FORCE, **payload})
    assert answer.status_code == status
    assert answer.json()["errors"][0]["field"] == field
    assert Entry.objects.count() == before
    assert not Force.objects.exists()


def test_a_declaration_for_another_member_or_a_hidden_force_is_refused() -> None:
    force = peacekeepers()
    hidden = peacekeepers("members")
    declaration = {"member": "RUS", "capability": "infantry_company", "units": 1}
    assert call("kaz.head", "POST", f"/forces/{force.pk}/contributions", declaration).status_code == 403
    for missing_or_hidden in (hidden.pk, 987654):
        answer = call("observer", "POST", f"/forces/{missing_or_hidden}/contributions", declaration)
        assert answer.status_code == 404
        assert answer.json()["errors"][0]["field"] == "force"
    assert call(None, "POST", f"/forces/{force.pk}/contributions", declaration).status_code == 401
    assert not Contribution.objects.exists()
