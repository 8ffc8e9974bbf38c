"""The meetings' acts: what they refuse, and why, naming the field; what they record."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from meetings_world import World

from accord.core import clock, dates
from accord.core.acting import Actor
from accord.core.errors import InvalidInput, NotPermitted
from accord.ledger.models import Entry
from accord.meetings import actions
from accord.meetings.models import AgendaItem, Attendance, Bilateral
from accord.members.models import Person


def _actor(username: str) -> Actor:
    return Actor(person=Person.objects.get(username=username))


@pytest.mark.usefixtures("before_the_summit")
def test_it_refuses_a_slot_that_clashes_with_a_plenary_part(world: World) -> None:
    with pytest.raises(InvalidInput) as refused:
        actions.request_bilateral(actor=_actor("kaz.delegate"), session=world.summit, counterpart="TJK",
                                  starts_at="2022-05-16T10:30:00+00:00", ends_at="2022-05-16T10:45:00+00:00")
    assert refused.value.field == "starts_at"
    assert "clashes with the session's part 1" in refused.value.reason


@pytest.mark.usefixtures("before_the_summit")
def test_it_refuses_a_slot_that_clashes_with_the_same_persons_other_meeting(world: World) -> None:
    count = Bilateral.objects.count()
    with pytest.raises(InvalidInput) as refused:
        actions.request_bilateral(actor=_actor("tjk.delegate"), session=world.summit, counterpart="KAZ",
                                  starts_at="2022-05-16T13:15:00+00:00", ends_at="2022-05-16T13:45:00+00:00")
    assert refused.value.field == "starts_at"
    assert "Head of KAZ already has a meeting (RUS–KAZ) from 13:00 to 13:30 UTC" in refused.value.reason
    assert Bilateral.objects.count() == count


@pytest.mark.usefixtures("before_the_summit")
def test_it_books_a_free_slot_and_the_counterpart_confirms_it(world: World) -> None:
    asked = actions.request_bilateral(actor=_actor("tjk.delegate"), session=world.summit, counterpart="KAZ",
                                      starts_at="2022-05-16T15:00:00+00:00", ends_at="2022-05-16T15:30:00+00:00")
    assert asked.state == "requested"
    with pytest.raises(NotPermitted):
        actions.answer_bilateral(actor=_actor("tjk.head"), bilateral=asked.pk, accept=True)
    assert actions.answer_bilateral(actor=_actor("kaz.head"), bilateral=asked.pk, accept=True).state == "confirmed"


def test_it_fixes_the_agenda_once_agreed(world: World) -> None:
    with pytest.raises(InvalidInput) as refused:
        actions.add_agenda_item(actor=Actor.console(), session=world.summit, title={"ru": "Поздно", "en": "Late"})
    assert refused.value.field == "session"
    assert "agreed by entry" in refused.value.reason


def test_it_records_absence_as_absence(world: World) -> None:
    part = actions.add_part(actor=Actor.console(), session=world.summit, kind="signing", is_open=True)
    row = actions.record_attendance(actor=Actor.console(), part=part.pk, member="BLR", presence="absent")
    assert row.presence == "absent"
    with pytest.raises(InvalidInput) as refused:
        actions.record_attendance(actor=Actor.console(), part=part.pk, member="BLR", presence="in_person")
    assert refused.value.field == "member"
    assert Attendance.objects.filter(part=part).count() == 1


def test_it_lets_only_the_chair_or_secretariat_run_the_session(world: World) -> None:
    with pytest.raises(NotPermitted):
        actions.open_session(actor=_actor("kaz.delegate"), session=world.summit)
    actions.open_session(actor=_actor("secretariat"), session=world.summit)
    actions.take_up_item(actor=_actor("secretariat"), item=world.open_item)
    item = actions.record_outcome(actor=_actor("secretariat"), item=world.open_item, outcome="adopted")
    assert AgendaItem.objects.get(pk=item.pk).outcome == "adopted"
    with pytest.raises(InvalidInput) as refused:
        actions.record_outcome(actor=_actor("secretariat"), item=world.open_item, outcome="withdrawn")
    assert refused.value.field == "item"


def test_it_names_the_field_of_bad_input_and_writes_nothing(world: World) -> None:
    size = Entry.objects.count()
    cases: list[tuple[dict[str, Any], str]] = [
        ({"kind": "annual"}, "kind"), ({"mode": "carrier pigeon"}, "mode"), ({"starts_on": "16 May"}, "starts_on"),
        ({"mode": "in_person", "place": {"en": "Hall"}}, "place.ru"), ({"title": {"fr": "T"}}, "title.fr"),
        ({"requested_by": "KAZ"}, "requested_by"),
        ({"body": "NOPE"}, "body"), ({"classification": "participants"}, "participants"),
    ]
    for change, field in cases:
        fields = {"body": "CSC", "title": {"ru": "Т", "en": "T"}, "kind": "regular", "mode": "video",
                  "starts_on": "2022-06-01"} | change
        with pytest.raises(InvalidInput) as refused:
            actions.convene_session(actor=Actor.console(), **fields)
        assert refused.value.field == field, change
    assert Entry.objects.count() == size


def test_it_takes_the_chair_from_the_rotation(world: World) -> None:
    found = actions.convene_session(actor=Actor.console(), body="CSC", title={"ru": "Т", "en": "T"},
                                    kind="regular", mode="video", starts_on=dt.date(2023, 6, 1))
    assert found.chair_id == "BLR"


def test_a_statement_is_in_any_iso_639_language_and_a_made_up_code_is_refused(world: World) -> None:
    console = Actor.console()
    listed = actions.inscribe_speaker(actor=console, part=world.open_part, delegation="KAZ", speaker="kaz.head")
    size = Entry.objects.count()
    with pytest.raises(InvalidInput) as refused:
        actions.deliver_statement(actor=console, statement=listed.pk, language="xx", text="Bonjour")
    assert (refused.value.field, Entry.objects.count()) == ("language", size)
    with pytest.raises(InvalidInput) as missing:
        actions.deliver_statement(actor=console, statement=listed.pk, language="fr", summary={"en": "Hello"})
    assert missing.value.field == "summary.ru"  # no text, and no summary in the default language
    french = actions.deliver_statement(actor=console, statement=listed.pk, language="fr",
                                       text="Nous saluons le trentième anniversaire.",
                                       summary={"en": "Greeted the 30th anniversary."})
    assert (french.language, dict(french.summary)) == ("fr", {"en": "Greeted the 30th anniversary."})


def test_it_opens_no_session_before_its_first_day_and_records_no_outcome_before_it_opens(world: World) -> None:
    """Issue #21: a session was opened and decided before its dates."""
    ahead = clock.today() + dt.timedelta(days=30)
    session = actions.convene_session(actor=Actor.console(), body="CSC", title={"ru": "Т", "en": "Next month"},
                                      kind="regular", mode="video", starts_on=ahead)
    item = actions.add_agenda_item(actor=Actor.console(), session=session.pk, title={"ru": "П", "en": "Item"})
    size = Entry.objects.count()
    with pytest.raises(InvalidInput) as refused:
        actions.record_outcome(actor=_actor("secretariat"), item=item.pk, outcome="noted")
    assert (refused.value.field, "not in progress" in refused.value.reason) == ("item", True)
    with pytest.raises(InvalidInput) as refused:
        actions.open_session(actor=_actor("secretariat"), session=session.pk)
    assert refused.value.field == "session"
    assert f"the session begins on {dates.day(ahead)}" in refused.value.reason
    assert Entry.objects.count() == size
    with clock.pinned(dt.datetime.combine(ahead, dt.time(6, 0), tzinfo=dt.UTC)):
        assert actions.open_session(actor=_actor("secretariat"), session=session.pk).state == "open"
        assert actions.record_outcome(actor=_actor("secretariat"), item=item.pk, outcome="noted").outcome


def test_a_delegation_asks_for_no_meeting_in_the_past_and_the_secretariat_records_one(world: World) -> None:
    """Issue #21: a bilateral was requested on a 2022 session in 2026."""
    size = Entry.objects.count()
    with pytest.raises(InvalidInput) as refused:
        actions.request_bilateral(actor=_actor("kaz.delegate"), session=world.summit, counterpart="TJK",
                                  starts_at="2022-05-16T18:00:00+00:00", ends_at="2022-05-16T18:30:00+00:00")
    assert (refused.value.field, refused.value.reason.startswith("has passed")) == ("starts_at", True)
    assert Entry.objects.count() == size
    recorded = actions.request_bilateral(actor=_actor("secretariat"), session=world.summit, requester="KAZ",
                                         counterpart="TJK", starts_at="2022-05-16T18:00:00+00:00",
                                         ends_at="2022-05-16T18:30:00+00:00")
    assert recorded.state == "requested"
