"""The drill's acts: planned, injects scheduled and fired by the director only, ended, targets set; refusals
name the field and change nothing; the whole log replays (a drill's acts in its scope); the pages and the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from drills_world import MARK, actor, call, planned, rehearsed, signed_in
from svg_numbers import svg_numbers, unreadable_svg_numbers

from accord.core import clock
from accord.core.audit import audit
from accord.core.errors import Conflict, InvalidInput, NotPermitted
from accord.drills import actions
from accord.drills.models import Drill, Inject, Target
from accord.ledger import log

H = dt.timedelta(hours=1)


def test_only_the_secretariat_directs_a_drill(organization: None) -> None:
    found = planned()
    before = log.size()
    with pytest.raises(NotPermitted):
        actions.plan_drill(actor=actor("kaz.head"), name="Drill", starts_at=clock.now())
    with pytest.raises(NotPermitted):
        actions.fire_inject(actor=actor("kaz.head"), inject=found.injects.first().pk)  # type: ignore[union-attr]
    with pytest.raises(NotPermitted):
        actions.set_target(actor=actor("rus.head"), figure="to_decision", hours=24)
    assert log.size() == before


@pytest.mark.parametrize(("change", "field"), [
    ({"at": None}, "at"), ({"kind": "earthquake"}, "kind"), ({"member": "XXX"}, "member"), ({"text": ""}, "text")])
def test_a_bad_inject_names_its_field_and_writes_nothing(organization: None, change: dict[str, Any],
                                                         field: str) -> None:
    found = planned()
    before = (log.size(), Inject.objects.count())
    values: dict[str, Any] = {"at": found.starts_at + H, "kind": "message", "text": "Go", "member": ""}
    with pytest.raises(InvalidInput) as refused:
        actions.schedule_inject(actor=actor("secretariat"), drill=found.pk, **{**values, **change})
    assert refused.value.field.split(".")[0] == field
    assert (log.size(), Inject.objects.count()) == before


def test_an_inject_fires_once_and_nothing_fires_after_the_end(organization: None) -> None:
    found = planned()
    first = found.injects.first()
    assert first is not None
    actions.fire_inject(actor=actor("secretariat"), inject=first.pk)
    with pytest.raises(Conflict):
        actions.fire_inject(actor=actor("secretariat"), inject=first.pk)
    actions.end_drill(actor=actor("secretariat"), drill=found.pk)
    last = found.injects.last()
    assert last is not None
    with pytest.raises(Conflict):
        actions.fire_inject(actor=actor("secretariat"), inject=last.pk)


def test_due_injects_fire_at_their_time(organization: None) -> None:
    found = planned(clock.now() - 2 * H)  # the request is due, the delay 18 hours away
    fired = actions.fire_due(actor=actor("secretariat"), drill=found.pk)
    assert [inject.kind for inject in fired] == ["request"]


def test_a_target_is_set_and_set_again(organization: None) -> None:
    actions.set_target(actor=actor("secretariat"), figure="to_decision", hours=24)
    actions.set_target(actor=actor("secretariat"), figure="to_decision", hours=12)
    assert Target.objects.get().hours == 12
    with pytest.raises(InvalidInput) as refused:
        actions.set_target(actor=actor("secretariat"), figure="to_decision", hours="soon")
    assert refused.value.field == "hours"


def test_the_audit_replays_a_drill_in_its_scope(organization: None) -> None:
    actions.set_target(actor=actor("secretariat"), figure="to_decision", hours=24)
    rehearsed(planned())
    report = audit()
    assert report.refused is None
    assert report.differences == []


def test_the_drill_page_compares_its_figures_and_draws_them(organization: None) -> None:
    actions.set_target(actor=actor("secretariat"), figure="to_decision", hours=24)
    found = planned()
    rehearsed(found)
    for language in ("en", "ru", "fr"):
        page = signed_in("kaz.head", language).get(f"/drills/{found.pk}/")
        assert page.status_code == 200
        text = page.content.decode()
        assert MARK in text
        assert 'data-kind="drill"' in text
        assert "data-last" in text
        assert "<svg" in text
        assert unreadable_svg_numbers(text) == []
        assert svg_numbers(text)
    english = signed_in("kaz.head").get(f"/drills/{found.pk}/").content.decode()
    assert "Drill — not a real request" in english
    assert "Fire now" not in english
    director = signed_in("secretariat").get(f"/drills/{found.pk}/").content.decode()
    assert "Add the inject" in director
    assert signed_in("observer").get(f"/drills/{found.pk}/").status_code == 404
    assert signed_in(None).get("/drills/").status_code == 404


def test_the_director_plans_and_fires_through_the_pages(organization: None) -> None:
    director = signed_in("secretariat")
    start = (clock.now() - H).strftime("%Y-%m-%dT%H:%M")
    answer = director.post("/drills/plan/", {"name_ru": "Учение", "name_en": "Drill", "starts_at": start})
    assert answer.status_code == 302
    found = Drill.objects.get()
    later = (clock.now() + H).strftime("%Y-%m-%dT%H:%M")  # the director fires it before its time
    answer = director.post(f"/drills/{found.pk}/injects/", {"at": later, "kind": "request", "member": "KAZ",
                                                            "text_ru": "Запрос", "text_en": "The request arrives"})
    assert answer.status_code == 302
    refused = director.post(f"/drills/{found.pk}/injects/", {"at": "", "kind": "request", "text_ru": "x"})
    assert refused.status_code == 400
    assert "Fires at" in refused.content.decode()
    inject = found.injects.get()
    assert director.post(f"/drills/{found.pk}/injects/{inject.pk}/fire/").status_code == 302
    inject.refresh_from_db()
    assert inject.fired_at is not None
    assert signed_in("kaz.head").post(f"/drills/{found.pk}/end/").status_code == 403
    assert director.post("/drills/targets/", {"figure": "to_decision", "hours": "24"}).status_code == 302


def test_the_lessons_list_holds_every_source_and_filters_by_it(organization: None) -> None:
    rehearsed(planned())
    client = signed_in("secretariat")
    every = client.get("/drills/lessons/").content.decode()
    assert MARK in every
    assert 'data-source="drill"' in every
    only = client.get("/drills/lessons/?source=crisis").content.decode()
    assert 'data-source="drill"' not in only
    assert client.get("/drills/lessons/?source=nonsense").status_code == 200


def test_the_api_lists_drills_and_their_figures(organization: None) -> None:
    found = planned()
    rehearsed(found)
    answer = call("kaz.head", "GET", "/drills")
    assert answer.status_code == 200
    assert [row["id"] for row in answer.json()] == [found.pk]
    figures = call("kaz.head", "GET", f"/drills/{found.pk}/figures").json()
    assert figures["drill"]["to_decision_hours"] is not None
    assert call("observer", "GET", f"/drills/{found.pk}/figures").status_code == 404
    refused = call("kaz.head", "POST", "/drills/targets", {"figure": "to_decision", "hours": 24})
    assert refused.status_code == 403
