"""The standing forces' acts: who may record a force and declare a contribution, what each refusal names,
and that a refused act writes nothing."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from forces_world import NAME, actor, peacekeepers

from accord.core.acting import Actor
from accord.core.errors import AccordError, InvalidInput, NotFound, NotPermitted
from accord.decisions import actions as decisions
from accord.forces import actions, queries
from accord.forces.models import Contribution, Force
from accord.ledger.models import Entry

pytestmark = pytest.mark.usefixtures("standing_forces")


def _statement(seq: int) -> Any:
    """A public entry's statement, as the ledger holds it."""
    return json.loads(Entry.objects.get(seq=seq).data)["statement"]


def test_it_records_a_force_with_its_entry() -> None:
    force = actions.establish_force(actor=actor("secretariat"), name=NAME, size=3600,
                                    decision_reference="Agreement of 2007", established_on="2007-10-06")
    statement = _statement(force.entry_seq)
    assert statement["type"] == "forces.established"
    assert statement["body"]["name"] == NAME
    assert statement["body"]["established_on"] == "2007-10-06"
    assert force.size == 3600
    assert force.established_on == dt.date(2007, 10, 6)


def test_it_names_the_proposal_that_established_the_force() -> None:
    proposal = decisions.propose(actor=Actor.console(), title={"ru": "О силах быстрого реагирования"}, body="CSC",
                                 classification="public")
    force = actions.establish_force(actor=actor("secretariat"), name=NAME, proposal=proposal.pk)
    assert force.proposal_id == proposal.pk


@pytest.mark.parametrize(("handle", "arguments", "error", "field"), [
    ("kaz.head", {}, NotPermitted, "actor"),
    ("secretariat", {"name": {"de": "Truppen"}}, InvalidInput, "name.de"),
    ("secretariat", {"size": -1}, InvalidInput, "size"),
    ("secretariat", {"established_on": "2999-01-01"}, InvalidInput, "established_on"),
    ("secretariat", {"classification": "participants"}, InvalidInput, "classification"),
    ("secretariat", {"decision_reference": ""}, InvalidInput, "decision_reference"),
    ("secretariat", {"proposal": 987654, "decision_reference": ""}, NotFound, "proposal"),
])
def test_it_refuses_a_force_naming_the_field(handle: str, arguments: dict[str, object], error: type[AccordError],
                                             field: str) -> None:
    before = Entry.objects.count()
    given: dict[str, object] = {"name": NAME, "decision_reference": "Decision of the Council", **arguments}
    with pytest.raises(error) as refused:
        actions.establish_force(actor=actor(handle), **given)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert Entry.objects.count() == before
    assert not Force.objects.exists()


def test_a_member_declares_for_itself_and_a_later_declaration_supersedes() -> None:
    force = peacekeepers()
    first = actions.declare_contribution(actor=actor("kaz.delegate"), force=force.pk, member="KAZ",
                                         capability="peacekeeping_contingent", units=1, personnel=600,
                                         declared_on="2021-01-10")
    actions.declare_contribution(actor=actor("kaz.head"), force=force.pk, member="kaz",
                                 capability="peacekeeping_contingent", units=2, personnel=1200, equipment=80,
                                 reported=True, note="a second battalion")
    actions.declare_contribution(actor=actor("rus.head"), force=force.pk, member="RUS", capability="airborne_unit",
                                 units=3)
    standing = queries.declared(force)
    assert [(item.current.member_id, item.current.units) for item in standing] == [("KAZ", 2), ("RUS", 3)]
    assert standing[0].earlier == [first]
    assert queries.totals(standing) == queries.Totals(units=5, personnel=1200, equipment=80, reported=True)
    statement = _statement(standing[0].current.entry_seq)
    assert statement["type"] == "forces.contribution_declared"
    assert statement["body"]["member"] == "KAZ"
    assert Entry.objects.get(seq=standing[0].current.entry_seq).member == "KAZ"


@pytest.mark.parametrize(("handle", "arguments", "error", "field"), [
    ("kaz.head", {"member": "RUS"}, NotPermitted, "member"),
    ("observer", {"member": "KAZ"}, NotPermitted, "member"),
    ("secretariat", {"member": "ZZZ"}, InvalidInput, "member"),
    ("kaz.head", {"capability": "submarine"}, InvalidInput, "capability"),
    ("kaz.head", {"units": -2}, InvalidInput, "units"),
    ("kaz.head", {"units": None}, InvalidInput, "units"),
    ("kaz.head", {"personnel": -5}, InvalidInput, "personnel"),
    ("kaz.head", {"equipment": True}, InvalidInput, "equipment"),
    ("kaz.head", {"declared_on": "2999-01-01"}, InvalidInput, "declared_on"),
    ("kaz.head", {"note": "x" * 501}, InvalidInput, "note.ru"),  # the default language's text
])
def test_it_refuses_a_declaration_naming_the_field(handle: str, arguments: dict[str, object],
                                                   error: type[AccordError], field: str) -> None:
    force = peacekeepers()
    before = Entry.objects.count()
    given: dict[str, object] = {"member": "KAZ", "capability": "infantry_company", "units": 1, **arguments}
    with pytest.raises(error) as refused:
        actions.declare_contribution(actor=actor(handle), force=force.pk, **given)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert Entry.objects.count() == before
    assert not Contribution.objects.exists()


def test_a_members_only_force_is_missing_to_an_observer_and_its_entries_are_sealed() -> None:
    force = peacekeepers("members")
    with pytest.raises(NotFound) as refused:
        actions.declare_contribution(actor=actor("observer"), force=force.pk, member="KAZ",
                                     capability="infantry_company", units=1)
    assert refused.value.field == "force"
    with pytest.raises(NotFound):
        actions.declare_contribution(actor=actor("observer"), force=987654, member="KAZ",
                                     capability="infantry_company", units=1)
    assert Entry.objects.get(seq=force.entry_seq).classification == "members"
    row = actions.declare_contribution(actor=actor("kaz.head"), force=force.pk, member="KAZ",
                                       capability="infantry_company", units=1)
    assert Entry.objects.get(seq=row.entry_seq).classification == "members"
