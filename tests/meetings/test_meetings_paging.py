"""Sessions and bilateral meetings served a page at a time, so that a list costs the same after a thousand as
after ten: the list page (`?page=`, newest first, filters kept) and the API lists (`?limit=&offset=`, earliest
first, with `X-Total-Count` and `Link`). The world's own three sessions (2022) come before the rounds made here
(2023) in time."""

from __future__ import annotations

import datetime as dt
import re

import meetings_world
import pytest
from paging_checks import OUT_OF_BOUNDS, assert_refused_naming
from query_counts import assert_queries_do_not_grow

from accord.core import paging
from accord.core.acting import Actor
from accord.meetings import actions

pytestmark = pytest.mark.usefixtures("world")
FIRST_DAY = dt.date(2023, 1, 1)


def _convene(start: int, count: int, *, classification: str = "public") -> list[str]:
    """`count` sessions numbered from `start`, each a day after the one before, in 2023; their titles."""
    titles = []
    for n in range(start, start + count):
        title = f"Round number {n:03d}"
        actions.convene_session(actor=Actor.console(), body="CSC", title={"ru": f"Раунд {n:03d}", "en": title},
                                kind="regular", mode="video", starts_on=FIRST_DAY + dt.timedelta(days=n),
                                classification=classification)
        titles.append(title)
    return titles


def _titles(page: str) -> list[str]:
    return re.findall(r"Round number \d{3}", page)


def test_the_list_page_shows_a_page_of_sessions_newest_first_and_links_the_others(
        login: meetings_world.SignIn, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 4)
    _convene(0, 10)
    reader = login("secretariat")
    first = reader.get("/meetings/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _titles(first) == [f"Round number {n:03d}" for n in (9, 8, 7, 6)]
    assert "13 results" in first  # and the world's three
    assert "Page 1 of 4: rows 1 to 4" in first
    assert 'href="?page=2" rel="next"' in first
    assert 'rel="prev"' not in first
    third = reader.get("/meetings/?page=3", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _titles(third) == ["Round number 001", "Round number 000"]
    assert meetings_world.MEMBERS_SESSION in third
    last = reader.get("/meetings/?page=4", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _titles(last) == []
    assert "Moscow summit" in last
    assert 'href="?page=3" rel="prev"' in last
    assert 'rel="next"' not in last


def test_a_page_of_a_filtered_list_of_sessions_keeps_its_filters_and_counts_what_matches(
        login: meetings_world.SignIn, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    _convene(0, 5)
    page = login("secretariat").get("/meetings/?year=2023&status=convened&page=2",
                                    HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "5 results" in page
    assert _titles(page) == ["Round number 002", "Round number 001"]
    assert 'href="?year=2023&amp;status=convened&amp;page=3" rel="next"' in page


@pytest.mark.parametrize("asked", ["0", "5", "two", "-1", "1.5"])
def test_a_page_of_sessions_that_is_not_there_is_not_found(
        login: meetings_world.SignIn, monkeypatch: pytest.MonkeyPatch, asked: str) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    _convene(0, 5)  # with the world's three, four pages
    assert login("secretariat").get(f"/meetings/?page={asked}").status_code == 404


def test_the_pages_of_sessions_are_in_russian_too(login: meetings_world.SignIn,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    _convene(0, 5)
    reader = login("secretariat")
    reader.cookies.load({"django_language": "ru"})
    page = reader.get("/meetings/?page=2").content.decode()
    assert "Страница 2 из 4: строки с 3 по 4" in page
    assert "Предыдущая" in page
    assert "Следующая" in page
    assert 'aria-label="Страницы списка сессий"' in page


def test_the_sessions_api_answers_a_window_earliest_first_and_says_where_the_rest_is(
        login: meetings_world.SignIn) -> None:
    _convene(0, 7)
    reader = login(None)  # the public: the summit and the seven rounds
    answer = reader.get("/api/v1/meetings/sessions?limit=3&offset=2")
    assert answer.status_code == 200
    assert [s["title"]["en"] for s in answer.json()] == [f"Round number {n:03d}" for n in (1, 2, 3)]
    assert answer["X-Total-Count"] == "8"
    assert answer["Link"] == ('</api/v1/meetings/sessions?limit=3&offset=5>; rel="next", '
                              '</api/v1/meetings/sessions?limit=3&offset=0>; rel="prev"')
    last = reader.get("/api/v1/meetings/sessions?limit=3&offset=5")
    assert [s["title"]["en"] for s in last.json()] == [f"Round number {n:03d}" for n in (4, 5, 6)]
    assert last["Link"] == '</api/v1/meetings/sessions?limit=3&offset=2>; rel="prev"'
    everything = reader.get("/api/v1/meetings/sessions")
    assert len(everything.json()) == 8
    assert "Link" not in everything


def _meet(summit: int, start: int, count: int, *, classification: str = "public") -> list[str]:
    """`count` meetings of Armenia and Belarus at the summit numbered from `start`, each half an hour after the
    one before; their places."""
    places = []
    for n in range(start, start + count):
        place = f"Meeting room {n:03d}"
        starts = dt.datetime(2022, 5, 16, 15, tzinfo=dt.UTC) + dt.timedelta(minutes=30 * n)
        actions.request_bilateral(actor=Actor.console(), session=summit, requester="ARM",
                                  counterpart="BLR", starts_at=starts, ends_at=starts + dt.timedelta(minutes=20),
                                  place={"ru": place, "en": place}, classification=classification)
        places.append(place)
    return places


def test_the_bilaterals_api_answers_a_window_of_what_the_viewer_may_see(
        world: meetings_world.World, login: meetings_world.SignIn) -> None:
    _meet(world.summit, 0, 3)
    _meet(world.summit, 3, 2, classification="participants")  # for Armenia, Belarus and the secretariat only
    for reader, total in (("arm.head", 5), ("kaz.head", 3)):
        answer = login(reader).get("/api/v1/meetings/bilaterals?member=ARM&limit=2")
        assert answer["X-Total-Count"] == str(total)
        assert [b["place"]["en"] for b in answer.json()] == ["Meeting room 000", "Meeting room 001"]
        assert answer["Link"] == '</api/v1/meetings/bilaterals?member=ARM&limit=2&offset=2>; rel="next"'
    rest = login("arm.head").get("/api/v1/meetings/bilaterals?member=ARM&limit=2&offset=2")
    assert [b["place"]["en"] for b in rest.json()] == ["Meeting room 002", "Meeting room 003"]
    assert login("kaz.head").get("/api/v1/meetings/bilaterals?member=ARM&offset=2").json()[0]["place"]["en"] \
        == "Meeting room 002"


@pytest.mark.parametrize("path", ["/api/v1/meetings/sessions", "/api/v1/meetings/bilaterals"])
@pytest.mark.parametrize(("query", "field", "reason"), OUT_OF_BOUNDS)
def test_a_meetings_window_out_of_bounds_is_refused_naming_its_field(
        login: meetings_world.SignIn, path: str, query: str, field: str, reason: str) -> None:
    answer = login("kaz.head").get(f"{path}?{query}")
    assert_refused_naming(answer, field, reason)


def test_the_sessions_count_and_window_hold_only_what_the_viewer_may_see(
        login: meetings_world.SignIn, monkeypatch: pytest.MonkeyPatch) -> None:
    _convene(0, 3)
    _convene(3, 2, classification="members")
    for reader, total in (("secretariat", 8), (None, 4)):
        answer = login(reader).get("/api/v1/meetings/sessions?limit=2")
        assert answer["X-Total-Count"] == str(total)
        assert len(answer.json()) == 2
    public = login(None).get("/api/v1/meetings/sessions").json()
    assert [s["title"]["en"] for s in public] == ["Moscow summit", "Round number 000", "Round number 001",
                                                  "Round number 002"]
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    page = login(None).get("/meetings/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "4 results" in page
    assert _titles(page) == ["Round number 002", "Round number 001"]


def test_the_meetings_lists_cost_the_same_queries_for_few_or_many(world: meetings_world.World,
                                                                  login: meetings_world.SignIn) -> None:
    reader = login("arm.head")
    assert_queries_do_not_grow(reader, ["/meetings/", "/api/v1/meetings/sessions"], _convene)
    assert_queries_do_not_grow(reader, ["/api/v1/meetings/bilaterals?member=ARM"],
                               lambda start, count: _meet(world.summit, start, count))
