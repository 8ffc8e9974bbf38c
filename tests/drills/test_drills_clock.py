"""The drill's clock (accord.drills.ticking): an inject fires at its time without the director's click, as the
system's act, from a drill page, its live stream or `accord drills tick`; once, and never after the drill ends."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from io import StringIO
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from crises_fixtures import build_crisis_organization
from django.core.management import call_command
from django.test import AsyncClient
from drills_world import actor, planned, signed_in

from accord.core import clock
from accord.core.audit import audit
from accord.core.errors import InvalidInput
from accord.drills import actions, ticking
from accord.drills.models import Drill, Inject
from accord.ledger import log
from accord.ledger.models import Entry, Sealed
from accord.members.models import Person

H = dt.timedelta(hours=1)
READ_TIMEOUT = 10  # seconds; a bound on a wait, never a measurement


def _nine_o_clock() -> tuple[Drill, dt.datetime]:
    """A drill beginning tomorrow at 09:00, whose request arrives at 09:00 and a delay at 05:00 the day after."""
    nine = dt.datetime.combine(clock.today() + dt.timedelta(days=1), dt.time(9), dt.UTC)
    return planned(nine), nine


def _fired(found: Drill) -> list[str]:
    return [inject.kind for inject in Inject.objects.filter(drill=found, fired_at__isnull=False)]


def _last_entry() -> dict[str, Any]:
    """The last act's statement, as its sealed content holds it (a drill's acts are the members')."""
    content = json.loads(Sealed.objects.get(entry=Entry.objects.order_by("-seq").first()).content)
    return content.get("statement", content)  # type: ignore[no-any-return]


def _person(entry: dict[str, object]) -> object:
    """Who made the act: a person's handle, or None for the system (the console)."""
    return (entry.get("actor") or {}).get("person")  # type: ignore[attr-defined]


def test_an_inject_fires_at_its_time_by_the_system(organization: None) -> None:
    found, nine = _nine_o_clock()
    with clock.pinned(nine - dt.timedelta(minutes=1)):
        assert ticking.tick(found.pk) == []
    before = log.size()
    with clock.pinned(nine):
        assert [inject.kind for inject in ticking.tick(found.pk)] == ["request"]
    assert log.size() == before + 1
    entry = _last_entry()
    assert entry["type"] == "drills.inject_fired"
    assert _person(entry) is None  # the system's act, not the director's
    assert entry["body"]["drill"] == found.pk
    assert entry["body"]["unattended"] is True
    request = Inject.objects.get(drill=found, kind="request")
    assert request.fired_at == nine
    assert request.fired_by == ""
    with clock.pinned(nine + H):
        assert ticking.tick(found.pk) == []  # once only
    assert log.size() == before + 1


def test_the_next_inject_is_waited_for(organization: None) -> None:
    found, nine = _nine_o_clock()
    with clock.pinned(nine + H):
        assert ticking.until_next(found.pk) == 19 * 3600  # the request fired, the delay due at 05:00
    assert _fired(found) == ["request"]
    with clock.pinned(nine + 30 * H):
        assert ticking.until_next(found.pk) is None
    assert _fired(found) == ["request", "delay"]


def test_the_drill_page_fires_what_is_due_before_it_is_drawn(organization: None) -> None:
    found, nine = _nine_o_clock()
    with clock.pinned(nine + dt.timedelta(minutes=5)):
        page = signed_in("kaz.head").get(f"/drills/{found.pk}/")
        assert page.status_code == 200
        assert _fired(found) == ["request"]
        assert page.content.decode().count("data-fired") == 1


def test_a_page_in_the_drill_fires_what_is_due(organization: None) -> None:
    found, nine = _nine_o_clock()
    with clock.pinned(nine + 21 * H):
        assert signed_in("arm.head").get(f"/drills/{found.pk}/run/crises/").status_code == 200
    assert _fired(found) == ["request", "delay"]


def test_an_outsider_fires_nothing(organization: None) -> None:
    found, nine = _nine_o_clock()
    before = log.size()
    with clock.pinned(nine + H):
        assert signed_in("observer").get(f"/drills/{found.pk}/run/crises/").status_code == 404
    assert _fired(found) == []
    assert log.size() == before


def test_nothing_fires_after_the_drill_ends(organization: None) -> None:
    found, nine = _nine_o_clock()
    actions.end_drill(actor=actor("secretariat"), drill=found.pk)
    with clock.pinned(nine + 30 * H):
        assert ticking.tick() == []
        assert ticking.until_next(found.pk) is None
    assert _fired(found) == []


def test_the_director_may_still_fire_early_and_only_the_clock_fires_unattended(organization: None) -> None:
    found, nine = _nine_o_clock()
    request = Inject.objects.get(drill=found, kind="request")
    before = log.size()
    with pytest.raises(InvalidInput) as refused:
        actions.fire_inject(actor=actor("secretariat"), inject=request.pk, unattended=True)
    assert refused.value.field == "unattended"
    assert log.size() == before
    actions.fire_inject(actor=actor("secretariat"), inject=request.pk)  # early, by hand
    assert _person(_last_entry()) == "secretariat"
    assert "unattended" not in _last_entry()["body"]
    with clock.pinned(nine + H):
        assert ticking.tick() == []


def test_accord_drills_tick_fires_every_running_drill(organization: None) -> None:
    first, nine = _nine_o_clock()
    second = planned(nine + H)
    out = StringIO()
    with clock.pinned(nine + 2 * H):
        call_command("drills", "tick", stdout=out)
    assert _fired(first) == ["request"]
    assert _fired(second) == ["request"]
    assert out.getvalue().count("fired at") == 2
    with clock.pinned(nine + 2 * H):
        call_command("drills", "tick", stdout=out)  # nothing more is due
    assert out.getvalue().count("fired at") == 2


def test_accord_drills_tick_refuses_a_bad_interval(organization: None) -> None:
    with pytest.raises(SystemExit) as stopped:
        call_command("drills", "tick", "--every", "0", stderr=StringIO())
    assert stopped.value.code == 2


@pytest.fixture
def committed(transactional_db: None) -> None:
    build_crisis_organization()


def test_a_drill_pages_stream_fires_the_inject_at_its_time(committed: None) -> None:
    """Nobody clicks or loads a page: the participant's open stream wakes at the inject's time and hears it."""
    now = clock.now()
    found = actions.plan_drill(actor=actor("secretariat"), name="Drill", starts_at=now)
    inject = actions.schedule_inject(actor=actor("secretariat"), drill=found.pk, at=now + dt.timedelta(seconds=2),
                                     kind="request", member="KAZ", text="The request arrives")

    @async_to_sync
    async def run() -> dict[str, object]:
        client = AsyncClient()
        await client.aforce_login(await Person.objects.aget(username="kaz.head"))
        response = await client.get(f"/drills/{found.pk}/run/api/v1/events")
        assert response.status_code == 200
        chunks = aiter(response.streaming_content)  # type: ignore[attr-defined]
        try:
            while True:
                chunk = (await asyncio.wait_for(anext(chunks), READ_TIMEOUT)).decode()
                if chunk.startswith("id: "):
                    return json.loads(chunk.split("data: ", 1)[1])  # type: ignore[no-any-return]
        finally:
            await chunks.aclose()

    act = run()
    assert act["type"] == "drills.inject_fired"
    assert act["body"] == {"inject": inject.pk, "kind": "request", "member": "KAZ", "drill": found.pk,
                           "unattended": True}
    fired = Inject.objects.get(pk=inject.pk).fired_at
    assert fired is not None
    assert fired >= inject.at


def test_the_audit_replays_an_inject_the_clock_fired(organization: None) -> None:
    found, nine = _nine_o_clock()
    with clock.pinned(nine + 21 * H):
        assert len(ticking.tick(found.pk)) == 2
    report = audit()
    assert report.refused is None
    assert report.differences == []
