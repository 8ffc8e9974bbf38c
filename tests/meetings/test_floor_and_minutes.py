"""The floor (given to a listed speaker for a speaking time, ended) and the minutes (circulated for comments,
commented, approved with their text's hash): the acts, the projector and minutes pages, the API."""

from __future__ import annotations

import datetime as dt

import meetings_world as w
import pytest

from accord.core import clock
from accord.core.acting import Actor
from accord.core.errors import InvalidInput, NotFound, NotPermitted
from accord.ledger.models import Entry
from accord.meetings import actions
from accord.meetings.models import Minutes, MinutesComment, Statement
from accord.members.models import Person

CONSOLE = Actor.console()
# A moment after the summit's day: the session is run and closed, its minutes circulated from then on.
AFTER = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def _actor(username: str) -> Actor:
    return Actor(person=Person.objects.get(username=username))


def _open_with_speaker(world: w.World) -> Statement:
    """The summit opened, its first item taken up, Belarus's head on the open part's list."""
    actions.open_session(actor=CONSOLE, session=world.summit)
    actions.take_up_item(actor=CONSOLE, item=world.open_item)
    return actions.inscribe_speaker(actor=CONSOLE, part=world.open_part, delegation="BLR",
                                    speaker_name={"ru": "Лукашенко", "en": "Lukashenko"})


def test_it_gives_the_floor_from_the_acts_time_and_ends_it(world: w.World) -> None:
    listed = _open_with_speaker(world)
    given_at = dt.datetime(2022, 5, 16, 10, 5, tzinfo=dt.UTC)
    with clock.pinned(given_at):
        given = actions.give_floor(actor=_actor("arm.head"), statement=listed.pk, seconds=180)
    assert (given.floor_at, given.floor_seconds, given.has_floor) == (given_at, 180, True)
    entry = Entry.objects.order_by("-seq").first()
    assert entry is not None
    assert entry.type == "meetings.floor_given"
    ended = actions.end_floor(actor=_actor("arm.head"), statement=listed.pk)
    assert ended.floor_ended_at is not None
    assert not ended.has_floor
    with pytest.raises(InvalidInput) as again:
        actions.give_floor(actor=_actor("arm.head"), statement=listed.pk, seconds=180)
    assert again.value.field == "statement"


def test_it_refuses_the_floor_to_whoever_does_not_run_the_session_and_writes_nothing(world: w.World) -> None:
    listed = _open_with_speaker(world)
    size = Entry.objects.count()
    with pytest.raises(NotPermitted):
        actions.give_floor(actor=_actor("blr.head"), statement=listed.pk, seconds=180)
    with pytest.raises(InvalidInput) as too_long:
        actions.give_floor(actor=_actor("arm.head"), statement=listed.pk, seconds=7200)
    assert too_long.value.field == "seconds"
    # The closed part's speaker does not exist for the chair's officials, who do not take part in it.
    with pytest.raises(NotFound):
        actions.give_floor(actor=_actor("arm.head"), statement=world.closed_statement, seconds=60)
    assert Entry.objects.count() == size


def test_it_gives_the_floor_to_one_speaker_at_a_time(world: w.World) -> None:
    listed = _open_with_speaker(world)
    other = actions.inscribe_speaker(actor=CONSOLE, part=world.open_part, delegation="TJK",
                                     speaker_name={"ru": "Рахмон", "en": "Rahmon"})
    actions.give_floor(actor=_actor("secretariat"), statement=listed.pk, seconds=120)
    with pytest.raises(InvalidInput) as refused:
        actions.give_floor(actor=_actor("secretariat"), statement=other.pk, seconds=120)
    assert "end their time first" in refused.value.reason


def _closed_summit(world: w.World) -> None:
    actions.open_session(actor=CONSOLE, session=world.summit)
    actions.close_session(actor=CONSOLE, session=world.summit)


def test_minutes_are_circulated_commented_and_approved_with_their_hash(world: w.World) -> None:
    _closed_summit(world)
    with clock.pinned(AFTER):
        circulated = actions.circulate_minutes(actor=_actor("arm.head"), session=world.summit,
                                               comments_until=AFTER + dt.timedelta(days=7))
        with pytest.raises(InvalidInput) as early:
            actions.approve_minutes(actor=_actor("arm.head"), session=world.summit)
        assert early.value.field == "session"
        actions.comment_on_minutes(actor=_actor("kaz.delegate"), session=world.summit,
                                   text="Item 1: the statement was adopted unanimously.")
    assert circulated.state == "circulated"
    assert MinutesComment.objects.get().member_id == "KAZ"
    with clock.pinned(AFTER + dt.timedelta(days=8)):
        with pytest.raises(InvalidInput) as late:
            actions.comment_on_minutes(actor=_actor("kaz.delegate"), session=world.summit, text="Late")
        assert late.value.field == "text"
        approved = actions.approve_minutes(actor=_actor("secretariat"), session=world.summit)
    assert approved.state == "approved"
    assert len(approved.text_hash) == 64
    entry = Entry.objects.order_by("-seq").first()
    assert entry is not None
    assert entry.type == "meetings.minutes_approved"
    # Approved minutes are fixed: nothing they record changes any more.
    late_speaker = actions.inscribe_speaker(actor=CONSOLE, part=world.open_part, delegation="TJK",
                                            speaker_name={"ru": "Рахмон", "en": "Rahmon"})
    with pytest.raises(InvalidInput) as fixed:
        actions.deliver_statement(actor=CONSOLE, statement=late_speaker.pk, language="ru",
                                  summary={"ru": "Поздно", "en": "Late"})
    assert "approved" in fixed.value.reason


def test_minutes_refusals_name_their_field_and_write_nothing(world: w.World) -> None:
    size = Entry.objects.count()
    with pytest.raises(InvalidInput) as not_closed:
        actions.circulate_minutes(actor=CONSOLE, session=world.summit, comments_until=AFTER)
    assert not_closed.value.field == "session"
    _closed_summit(world)
    size = Entry.objects.count()
    with clock.pinned(AFTER):
        with pytest.raises(NotPermitted):
            actions.circulate_minutes(actor=_actor("kaz.head"), session=world.summit,
                                      comments_until=AFTER + dt.timedelta(days=1))
        with pytest.raises(InvalidInput) as past:
            actions.circulate_minutes(actor=CONSOLE, session=world.summit, comments_until=AFTER)
        assert past.value.field == "comments_until"
        with pytest.raises(InvalidInput) as uncirculated:
            actions.comment_on_minutes(actor=_actor("kaz.head"), session=world.summit, text="Too soon")
        assert uncirculated.value.field == "session"
        with pytest.raises(NotPermitted):
            actions.comment_on_minutes(actor=_actor("observer"), session=world.summit, text="Not mine")
        # A session one may not see is missing for its minutes' acts too.
        with pytest.raises(NotFound):
            actions.comment_on_minutes(actor=_actor("arm.head"), session=world.secret_session, text="Hidden")
    assert Entry.objects.count() == size
    assert not Minutes.objects.exists()


def test_the_projector_follows_the_floor_and_hides_a_closed_part(world: w.World, login: w.SignIn) -> None:
    listed = _open_with_speaker(world)
    page = login(None).get(f"/meetings/sessions/{world.summit}/projector/")
    assert page.status_code == 200
    assert "Lukashenko" in page.text
    assert "Nobody has the floor" in page.text
    chair = login("arm.head")
    given = chair.post(f"/meetings/sessions/{world.summit}/console/floor/",
                       {"statement": str(listed.pk), "minutes": "3"})
    assert given.status_code == 302
    live = login(None).get(f"/meetings/sessions/{world.summit}/projector/live/")
    assert 'data-timer' in live.text
    assert 'data-seconds="180"' in live.text
    assert "Nobody has the floor" not in live.text
    # The closed part's speakers are not on anyone else's projector.
    assert w.CLOSED_TEXT not in live.text


def test_a_refused_floor_comes_back_with_what_was_typed_in_russian(world: w.World, login: w.SignIn) -> None:
    listed = _open_with_speaker(world)
    chair = login("arm.head")
    chair.post("/i18n/setlang/", {"language": "ru"})
    refused = chair.post(f"/meetings/sessions/{world.summit}/console/floor/",
                         {"statement": str(listed.pk), "minutes": "61"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert refused.status_code == 400
    assert 'value="61"' in refused.text
    assert "Время выступления" in refused.text


def test_the_minutes_page_circulates_takes_comments_and_approves(world: w.World, login: w.SignIn) -> None:
    _closed_summit(world)
    chair = login("arm.head")
    page = chair.get(f"/meetings/sessions/{world.summit}/minutes/")
    assert "a draft, not yet circulated" in page.text
    assert 'id="circulate-form"' in page.text
    refused = chair.post(f"/meetings/sessions/{world.summit}/minutes/circulate/",
                         {"comments_until_0": "1 January 2020", "comments_until_1": "10:00",
                          "comments_until_2": "UTC"})
    assert refused.status_code == 400
    assert 'value="1 January 2020"' in refused.text
    assert 'value="10:00"' in refused.text
    deadline = clock.now() + dt.timedelta(days=3)
    sent = chair.post(f"/meetings/sessions/{world.summit}/minutes/circulate/",
                      {"comments_until": f"{deadline:%Y-%m-%dT%H:%M}"})
    assert sent.status_code == 302
    delegate = login("kaz.delegate")
    assert 'id="comment-form"' in delegate.get(f"/meetings/sessions/{world.summit}/minutes/").text
    commented = delegate.post(f"/meetings/sessions/{world.summit}/minutes/comment/", {"text": "Agreed."})
    assert commented.status_code == 302
    shown = login(None).get(f"/meetings/sessions/{world.summit}/minutes/")
    assert "circulated to the participants for comments until" in shown.text
    assert "Agreed." in shown.text
    with clock.pinned(deadline + dt.timedelta(minutes=1)):
        page = chair.get(f"/meetings/sessions/{world.summit}/minutes/")
        assert 'id="approve-form"' in page.text
        assert "data-confirm" in page.text
        assert chair.post(f"/meetings/sessions/{world.summit}/minutes/approve/", {}).status_code == 302
    approved = login(None).get(f"/meetings/sessions/{world.summit}/minutes/")
    assert "Approved minutes" in approved.text
    assert "The record still reads as approved." in approved.text
    assert "Provisional minutes" not in approved.text


def test_the_api_runs_the_floor_and_the_minutes(world: w.World, login: w.SignIn) -> None:
    listed = _open_with_speaker(world)
    chair = login("arm.head")
    given = chair.post(f"/api/v1/meetings/statements/{listed.pk}/floor", {"seconds": 10},
                       content_type="application/json")
    assert given.status_code == 400
    assert given.json()["errors"][0]["field"] == "seconds"
    given = chair.post(f"/api/v1/meetings/statements/{listed.pk}/floor", {"seconds": 120},
                       content_type="application/json")
    assert given.status_code == 200
    spoken = [s for p in given.json()["parts"] for s in p["statements"] if s["id"] == listed.pk]
    assert spoken[0]["floor_seconds"] == 120
    assert spoken[0]["floor_ended_at"] is None
    assert chair.post(f"/api/v1/meetings/statements/{listed.pk}/floor/end").status_code == 200
    assert login(None).post(f"/api/v1/meetings/statements/{listed.pk}/floor/end").status_code in (401, 403)
    actions.close_session(actor=CONSOLE, session=world.summit)
    until = (clock.now() + dt.timedelta(days=2)).isoformat()
    circulated = chair.post(f"/api/v1/meetings/sessions/{world.summit}/minutes/circulate",
                            {"comments_until": until}, content_type="application/json")
    assert circulated.status_code == 200
    assert circulated.json()["state"] == "circulated"
    commented = login("kgz.head").post(f"/api/v1/meetings/sessions/{world.summit}/minutes/comments",
                                       {"text": "No objection."}, content_type="application/json")
    assert commented.status_code == 201
    assert commented.json()["comments"][0]["member"] == "KGZ"
    early = chair.post(f"/api/v1/meetings/sessions/{world.summit}/minutes/approve")
    assert early.status_code == 400
    hidden = login("arm.head").get(f"/api/v1/meetings/sessions/{world.secret_session}/minutes")
    missing = login("arm.head").get("/api/v1/meetings/sessions/987654/minutes")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
