"""Who may act in meetings (accord.meetings.policies), each case as an attacker tried it.

No act is more open than the session it is on; nobody writes into what they may not see, and the refusal
is the one a missing object gets; only the chair in office (or the Secretariat) convenes as chair, from
its today on, and says "at a member's request" only for a request it can vouch for.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import meetings_world as w
import pytest

from accord.core.acting import Actor
from accord.core.errors import AccordError, InvalidInput, NotFound, NotPermitted
from accord.core.history import events_after
from accord.core.policy import ANONYMOUS, viewer_of
from accord.ledger import log
from accord.ledger.models import Entry
from accord.meetings import actions
from accord.meetings.models import AgendaItem, Attendance, Session, Statement
from accord.members import actions as registry
from accord.members.models import Person
from accord.members.queries import today

MARGIN_PLACE = "members-margin-place-8484"


def _actor(username: str) -> Actor:
    return Actor(person=Person.objects.get(username=username))


def _public_statement(seq: int) -> Any:
    return json.loads(Entry.objects.get(seq=seq).data)["statement"]


def _members_session() -> int:
    return next(s.pk for s in Session.objects.all() if s.title.get("en") == w.MEMBERS_SESSION)


# 2. An act on a thing is never less restricted than the thing.


@pytest.mark.usefixtures("before_the_summit")
def test_it_records_a_public_bilateral_inside_a_members_session_as_members_only(
        world: w.World, login: w.SignIn) -> None:
    asked = actions.request_bilateral(actor=_actor("rus.delegate"), session=_members_session(), counterpart="KAZ",
                                      starts_at="2022-05-25T13:00:00+00:00", ends_at="2022-05-25T13:30:00+00:00",
                                      place={"ru": MARGIN_PLACE, "en": MARGIN_PLACE}, classification="public")
    public = _public_statement(asked.entry_seq)
    assert public["classification"] == "members"
    assert MARGIN_PLACE not in json.dumps(public)
    assert MARGIN_PLACE not in login(None).get("/api/v1/log/entries?start=0&end=500").content.decode()
    stream = [json.dumps(e.for_viewer(ANONYMOUS)) for e in events_after(-1, limit=10_000)]
    assert MARGIN_PLACE not in "\n".join(stream)
    inside = [json.dumps(e.for_viewer(viewer_of(Person.objects.get(username="kaz.head"))))
              for e in events_after(-1, limit=10_000)]
    assert MARGIN_PLACE in "\n".join(inside)
    actions.answer_bilateral(actor=_actor("kaz.head"), bilateral=asked.pk, accept=True)
    assert _public_statement(log.size() - 1)["classification"] == "members"
    assert asked.pk not in {b["id"] for b in login(None).get("/api/v1/meetings/bilaterals").json()}
    shown = login("kaz.head").get("/api/v1/meetings/bilaterals").json()
    assert {b["id"]: b["classification"] for b in shown}[asked.pk] == "members"


@pytest.mark.usefixtures("before_the_summit")
def test_it_keeps_a_bilateral_inside_a_participants_session_to_that_sessions_participants(world: w.World) -> None:
    asked = actions.request_bilateral(actor=_actor("kaz.head"), session=world.secret_session, counterpart="RUS",
                                      starts_at="2022-05-20T09:00:00+00:00", ends_at="2022-05-20T09:30:00+00:00")
    public = _public_statement(asked.entry_seq)
    assert public["classification"] == "participants"
    assert "body" not in public
    with pytest.raises(InvalidInput) as refused:
        actions.request_bilateral(actor=_actor("kaz.head"), session=world.secret_session, counterpart="TJK",
                                  starts_at="2022-05-20T10:00:00+00:00", ends_at="2022-05-20T10:30:00+00:00")
    assert refused.value.field == "counterpart"
    assert "KGZ" not in refused.value.reason


@pytest.mark.usefixtures("before_the_summit")
def test_it_names_no_parties_of_a_hidden_meeting_a_slot_clashes_with(world: w.World) -> None:
    """The secret RUS–KGZ meeting at 14:00 is not TJK's to know of: the clash says only that time is taken."""
    with pytest.raises(InvalidInput) as refused:
        actions.request_bilateral(actor=_actor("tjk.head"), session=world.summit, counterpart="KGZ",
                                  starts_at="2022-05-16T14:00:00+00:00", ends_at="2022-05-16T14:15:00+00:00")
    assert refused.value.field == "starts_at"
    assert "is not available from 14:00 to 14:30 UTC" in refused.value.reason
    assert "RUS" not in refused.value.reason


# 3. Nobody writes into what they may not see; the refusal is a missing object's.


def _open_summit() -> None:
    actions.open_session(actor=Actor.console(), session=_summit_pk())


def _summit_pk() -> int:
    return next(s.pk for s in Session.objects.all() if s.title.get("en") == "Moscow summit")


def _unmarked(page: bytes, item: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.decode().replace(f"/{item}/", "/N/"))


@pytest.mark.parametrize("command", ["take-up", "outcome"])
def test_the_chairs_officials_cannot_move_a_closed_item_they_do_not_take_part_in(
        world: w.World, login: w.SignIn, command: str) -> None:
    """Armenia chairs the 2022 summit but is not a participant of its closed part."""
    _open_summit()
    console = login("arm.head")
    items = f"/meetings/sessions/{world.summit}/items"
    before = log.size()
    hidden = console.post(f"{items}/{world.closed_item}/{command}/", {"outcome": "adopted"})
    missing = console.post(f"{items}/999999/{command}/", {"outcome": "adopted"})
    assert hidden.status_code == missing.status_code == 404
    # The same page but for the address each was posted to (the language switcher's way back) and its token.
    assert _unmarked(hidden.content, str(world.closed_item)) == _unmarked(missing.content, "999999")
    assert w.CLOSED_ITEM not in hidden.content.decode()
    assert log.size() == before
    item = AgendaItem.objects.get(pk=world.closed_item)
    assert (item.outcome, Session.objects.get(pk=world.summit).current_item_id) == ("", None)
    assert console.post(f"{items}/{world.open_item}/take-up/").status_code == 302


def test_the_chairs_officials_cannot_record_attendance_in_a_closed_part_they_do_not_see(
        world: w.World, login: w.SignIn) -> None:
    _open_summit()
    client = login("arm.head")
    payload = {"member": "KAZ", "presence": "in_person"}
    hidden = client.post(f"/api/v1/meetings/parts/{world.closed_part}/attendance", payload,
                         content_type="application/json")
    missing = client.post("/api/v1/meetings/parts/999999/attendance", payload, content_type="application/json")
    assert hidden.status_code == missing.status_code == 404
    # The same page but for the address each was posted to (the language switcher's way back) and its token.
    assert _unmarked(hidden.content, str(world.closed_item)) == _unmarked(missing.content, "999999")
    for code in w.INSIDE:
        assert code not in hidden.content.decode()
    assert not Attendance.objects.filter(part_id=world.closed_part, member_id="KAZ").exists()
    page = client.get(f"/meetings/sessions/{world.summit}/console/").content.decode()
    assert f'<option value="{world.closed_part}">' not in page
    assert f'<option value="{world.open_part}">' in page


def test_only_the_speakers_own_delegation_or_the_secretariat_delivers_a_statement(
        world: w.World, login: w.SignIn) -> None:
    listed = actions.inscribe_speaker(actor=Actor.console(), part=world.open_part, delegation="KAZ",
                                      speaker="kaz.delegate")
    with pytest.raises(NotPermitted):
        actions.deliver_statement(actor=_actor("arm.delegate"), statement=listed.pk, language="ru",
                                  summary={"ru": "Words put in Kazakhstan's mouth",
                                           "en": "Words put in Kazakhstan's mouth"})
    _open_summit()
    page = login("arm.head").get(f"/meetings/sessions/{world.summit}/console/").content.decode()
    # The chair gives the floor to any listed speaker, but records only its own delegation's statements.
    delivering = page.split('id="deliver"')[1].split("</form>")[0] if 'id="deliver"' in page else ""
    assert f'<option value="{listed.pk}">' not in delivering
    assert f'<option value="{listed.pk}">' in page.split('id="floor"')[1].split("</form>")[0]
    own = actions.inscribe_speaker(actor=_actor("arm.head"), part=world.open_part, delegation="ARM",
                                   speaker="arm.head")
    assert actions.deliver_statement(actor=_actor("arm.delegate"), statement=own.pk, language="ru",
                                     summary={"ru": "Armenia's own words", "en": "Armenia's own words"}).delivered
    assert actions.deliver_statement(actor=_actor("kaz.delegate"), statement=listed.pk, language="ru",
                                     summary={"ru": "Kazakhstan's words", "en": "Kazakhstan's words"}).delivered
    assert Statement.objects.get(pk=listed.pk).summary["en"] == "Kazakhstan's words"


def test_a_statement_in_a_closed_part_is_missing_for_whoever_may_not_see_it(
        world: w.World, login: w.SignIn) -> None:
    listed = actions.inscribe_speaker(actor=Actor.console(), part=world.closed_part, delegation="KGZ",
                                      speaker="kgz.head")
    client = login("arm.head")
    payload = {"language": "ru", "text": "x"}
    hidden = client.post(f"/api/v1/meetings/statements/{listed.pk}/deliver", payload,
                         content_type="application/json")
    missing = client.post("/api/v1/meetings/statements/999999/deliver", payload, content_type="application/json")
    assert hidden.status_code == missing.status_code == 404
    # The same page but for the address each was posted to (the language switcher's way back) and its token.
    assert _unmarked(hidden.content, str(world.closed_item)) == _unmarked(missing.content, "999999")
    with pytest.raises(NotFound):
        actions.inscribe_speaker(actor=_actor("arm.head"), part=world.closed_part, delegation="ARM")
    assert actions.deliver_statement(actor=_actor("secretariat"), statement=listed.pk, language="ru",
                                     text="recorded by the secretariat").delivered


# 4. Only the chair in office, or the Secretariat, convenes as chair.


def _convene_json(**changes: str) -> dict[str, Any]:
    return {"body": "CSC", "title": {"ru": "С", "en": "Self-appointed"}, "kind": "extraordinary",
            "mode": "video", "starts_on": today().isoformat(), **changes}


def test_a_member_cannot_convene_a_backdated_session_naming_itself_chair_at_anothers_request(
        world: w.World, login: w.SignIn) -> None:
    before, count = log.size(), Session.objects.count()
    response = login("kaz.head").post("/api/v1/meetings/sessions", _convene_json(
        chair="KAZ", starts_on="2019-03-01", requested_by="RUS"), content_type="application/json")
    assert response.status_code == 403
    assert (log.size(), Session.objects.count()) == (before, count)


@pytest.fixture
def kazakhstan_chairs(world: w.World) -> dt.date:
    """The Council decided that Kazakhstan chairs now (a fixed chair whatever today's date is)."""
    day = today()
    registry.record_chair_override(actor=Actor.console(), member="KAZ", start=day - dt.timedelta(days=400),
                                   end=day + dt.timedelta(days=60), reason="For the tests")
    return day


def _convene(username: str, **changes: str) -> Session:
    return actions.convene_session(actor=_actor(username), **_convene_json(**changes))


def test_the_chair_in_office_convenes_as_chair_and_no_one_else_does(
        kazakhstan_chairs: dt.date, login: w.SignIn) -> None:
    day = kazakhstan_chairs
    made = _convene("kaz.head")
    assert made.chair_id == "KAZ"
    assert _convene("kaz.delegate", starts_on=(day + dt.timedelta(days=30)).isoformat()).chair_id == "KAZ"
    for username, changes in (("rus.head", {}), ("kaz.head", {"chair": "RUS"}), ("arm.delegate", {"chair": "ARM"}),
                              ("observer", {})):
        with pytest.raises(NotPermitted):
            _convene(username, **changes)
    with pytest.raises(NotPermitted):  # the override ends: the session falls in another's chairmanship
        _convene("kaz.head", starts_on=(day + dt.timedelta(days=90)).isoformat())
    assert login("kaz.head").get("/meetings/new/").status_code == 200


def test_the_chair_convenes_from_its_today_on_and_the_secretariat_records_the_past(
        kazakhstan_chairs: dt.date) -> None:
    day = kazakhstan_chairs
    with pytest.raises(InvalidInput) as refused:
        _convene("kaz.head", starts_on=(day - dt.timedelta(days=30)).isoformat())
    assert refused.value.field == "starts_on"
    assert _convene("kaz.head", starts_on=(day - dt.timedelta(days=1)).isoformat()).chair_id == "KAZ"
    assert _convene("secretariat", starts_on="2019-03-01", requested_by="RUS").chair_id == "KGZ"
    with pytest.raises(InvalidInput) as refused:
        _convene("secretariat", starts_on="1990-01-01")
    assert refused.value.field == "starts_on"
    with pytest.raises(InvalidInput) as refused:  # Uzbekistan was suspended in 2012
        _convene("secretariat", chair="UZB")
    assert refused.value.field == "chair"


def test_the_chair_says_at_a_members_request_only_of_its_own(kazakhstan_chairs: dt.date, login: w.SignIn) -> None:
    refused: pytest.ExceptionInfo[AccordError]
    with pytest.raises(NotPermitted) as refused:
        _convene("kaz.head", requested_by="RUS")
    assert refused.value.field == "requested_by"
    assert _convene("kaz.head", requested_by="KAZ").convened_by == "member_request"
    assert _convene("secretariat", requested_by="RUS").requested_by_id == "RUS"
    with pytest.raises(InvalidInput) as refused:
        _convene("secretariat", requested_by="UZB")
    assert refused.value.field == "requested_by"
    page = login("kaz.head").get("/meetings/new/").content.decode()
    options = re.search(r'<select name="requested_by" id="convene-requested_by".*?</select>', page, re.S)
    assert options is not None
    assert 'value="KAZ"' in options.group(0)
    assert 'value="RUS"' not in options.group(0)
