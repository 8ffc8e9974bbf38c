"""The ledger explorer and a drill's acts: the log is listed whole, each drill act marked with its drill's
badge for a reader who may read it; the filter "real" never lists or counts a drill's act, "drill" lists only
them; an act sealed to the reader shows no mark, and neither filter finds it."""

from __future__ import annotations

import re

from drills_world import actor, planned, rehearsed, signed_in

from accord.core import history
from accord.core.rows import drill_of
from accord.ledger.models import Entry
from accord.members import actions as registry

BADGE = re.compile(r'class="badge badge--drill" data-drill="(\d+)"')


def _marked() -> tuple[set[int], set[int]]:
    """The log's drill acts and its real acts, by their sequence numbers (read whole, as the server holds them)."""
    events = history.events_of(list(Entry.objects.all()))
    drills = {event.id for event in events if drill_of(event) is not None}
    return drills, {event.id for event in events} - drills


def _listed(handle: str | None, query: str = "") -> tuple[set[int], int, str]:
    answer = signed_in(handle).get(f"/ledger/{query}")
    assert answer.status_code == 200
    return {row.seq for row in answer.context["rows"]}, answer.context["count"], answer.content.decode()


def test_the_ledger_marks_a_drills_acts_and_keeps_them_out_of_the_real_list(organization: None) -> None:
    found = planned()
    rehearsed(found)
    registry.change_role(actor=actor("arm.head"), person="arm.delegate", role="liaison")  # a real act after
    drills, real = _marked()
    assert drills
    # The whole log, page by page as it is: the drill's acts are there, each under its drill's badge.
    shown, count, page = _listed("secretariat")
    assert count == len(drills) + len(real)
    badged = {int(number) for number in BADGE.findall(page)}
    assert badged == {found.pk}
    assert len(BADGE.findall(page)) == len(shown & drills)
    # Real acts only: no drill act is listed or counted.
    shown, count, page = _listed("secretariat", "?scope=real")
    assert not shown & drills
    assert count == len(real)
    assert not BADGE.search(page)
    # The drill's acts only.
    shown, count, _page = _listed("secretariat", "?scope=drill")
    assert count == len(drills)
    assert shown <= drills


def test_an_entry_page_names_its_drill(organization: None) -> None:
    found = planned()
    rehearsed(found)
    drills, _real = _marked()
    page = signed_in("kaz.head").get(f"/ledger/{max(drills)}/").content.decode()
    assert BADGE.findall(page) == [str(found.pk)]
    assert f'href="/drills/{found.pk}/"' in page


def test_a_reader_who_may_not_read_a_drills_acts_sees_no_mark_and_neither_filter_finds_them(
        organization: None) -> None:
    rehearsed(planned())
    drills, real = _marked()
    shown, count, page = _listed("observer")
    assert count == len(drills) + len(real)  # the log is the log: its entries are numbered without a gap
    assert not BADGE.search(page)
    assert "Zyxdrillmark" not in page
    shown, count, _page = _listed("observer", "?scope=drill")
    assert count == 0
    shown, _count, _page = _listed("observer", "?scope=real")
    assert not shown & drills


def test_a_scope_not_offered_is_refused_beside_its_field(organization: None) -> None:
    answer = signed_in("secretariat").get("/ledger/?scope=rehearsal")
    assert answer.status_code == 200  # the other filters still apply (accord.core.filters)
    assert "scope" in answer.context["filters"].errors
