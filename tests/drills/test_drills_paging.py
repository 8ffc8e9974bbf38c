"""Drills and the organization's lessons served a page at a time, so that the lists cost the same after a
thousand as after ten: the drills' list page and the lessons' (`?page=`), and the API's drills
(`?limit=&offset=`, the latest first, with `X-Total-Count` and `Link`)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from drills_world import actor, call, signed_in
from paging_checks import OUT_OF_BOUNDS, assert_refused_naming
from query_counts import assert_queries_do_not_grow

from accord.core import clock, paging
from accord.crises import actions as crises
from accord.drills import actions

BEGINS = dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC)


def _plan(start: int, count: int) -> list[str]:
    """`count` drills numbered from `start`, the later numbers starting later; their English names."""
    names = []
    for n in range(start, start + count):
        name = f"Drill number {n:03d}"
        found = actions.plan_drill(actor=actor("secretariat"), name={"ru": f"Тренировка {n:03d}", "en": name},
                                   starts_at=BEGINS + dt.timedelta(days=n))
        actions.schedule_inject(actor=actor("secretariat"), drill=found.pk, at=found.starts_at, kind="request",
                                member="KAZ", text={"ru": f"Запрос {n:03d}", "en": f"Request {n:03d}"})
        names.append(name)
    return names


def _observe(start: int, count: int) -> list[str]:
    """`count` lessons numbered from `start`, each of a crisis of its own; their English texts."""
    texts = []
    for n in range(start, start + count):
        crisis = crises.file_request(actor=actor("kaz.head"), legal_basis="aggression", at=clock.now(),
                                     happened={"ru": f"Беспорядки {n}"}, area={"ru": f"Район {n}"},
                                     asks_for={"ru": "Миротворцы"})
        text = f"Lesson number {n:03d}"
        crises.record_lesson(actor=actor("secretariat"), crisis=crisis.pk,
                             text={"ru": f"Урок {n:03d}", "en": text})
        texts.append(text)
    return texts


def _names(page: str) -> list[str]:
    return re.findall(r"Drill number \d{3}", page)


def _lessons(page: str) -> list[str]:
    return re.findall(r"Lesson number \d{3}", page)


def _numbered(what: str, *numbers: int) -> list[str]:
    return [f"{what} number {n:03d}" for n in numbers]


def test_the_drills_page_shows_a_page_of_drills_the_latest_first(organization: None,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 4)
    _plan(0, 10)
    reader = signed_in("secretariat")
    first = reader.get("/drills/").content.decode()
    assert _names(first) == _numbered("Drill", 9, 8, 7, 6)
    assert "Page 1 of 3: rows 1 to 4" in first
    assert 'href="?page=2" rel="next"' in first
    last = reader.get("/drills/?page=3").content.decode()
    assert _names(last) == _numbered("Drill", 1, 0)
    assert 'href="?page=2" rel="prev"' in last
    assert 'rel="next"' not in last


@pytest.mark.parametrize("asked", ["0", "4", "two", "-1", "1.5"])
def test_a_page_that_is_not_there_is_not_found(organization: None, monkeypatch: pytest.MonkeyPatch,
                                               asked: str) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    _plan(0, 5)
    _observe(0, 5)
    assert signed_in("secretariat").get(f"/drills/?page={asked}").status_code == 404
    assert signed_in("secretariat").get(f"/drills/lessons/?page={asked}").status_code == 404


def test_the_lessons_page_shows_a_page_newest_first_and_keeps_its_filter(
        organization: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    _observe(0, 5)
    reader = signed_in("secretariat")
    first = reader.get("/drills/lessons/").content.decode()
    assert _lessons(first) == _numbered("Lesson", 4, 3)
    assert "5 results" in first
    filtered = reader.get("/drills/lessons/?source=crisis&page=2").content.decode()
    assert _lessons(filtered) == _numbered("Lesson", 2, 1)
    assert "5 results" in filtered
    assert 'href="?source=crisis&amp;page=3" rel="next"' in filtered
    assert 'href="?source=crisis&amp;page=1" rel="prev"' in filtered


def test_the_pages_are_in_russian_and_french_too(organization: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    _plan(0, 5)
    _observe(0, 5)
    drills = signed_in("secretariat", "ru").get("/drills/?page=2").content.decode()
    assert "Страница 2 из 3: строки с 3 по 4" in drills
    assert "Предыдущая" in drills
    assert 'aria-label="Страницы списка тренировок"' in drills
    lessons = signed_in("secretariat", "ru").get("/drills/lessons/?page=2").content.decode()
    assert 'aria-label="Страницы списка уроков"' in lessons
    french = signed_in("secretariat", "fr").get("/drills/lessons/").content.decode()
    assert 'aria-label="Pages des enseignements"' in french
    assert 'aria-label="Pages des exercices de simulation"' in signed_in("secretariat", "fr").get(
        "/drills/").content.decode()


def test_the_api_answers_a_window_and_says_where_the_rest_is(organization: None) -> None:
    _plan(0, 7)
    answer = call("kaz.head", "GET", "/drills?limit=3&offset=2")
    assert answer.status_code == 200
    assert [row["name"]["en"] for row in answer.json()] == _numbered("Drill", 4, 3, 2)
    assert [row["injects"][0]["text"]["en"] for row in answer.json()] == ["Request 004", "Request 003",
                                                                           "Request 002"]
    assert answer["X-Total-Count"] == "7"
    assert answer["Link"] == ('</api/v1/drills?limit=3&offset=5>; rel="next", '
                              '</api/v1/drills?limit=3&offset=0>; rel="prev"')
    last = call("kaz.head", "GET", "/drills?limit=3&offset=5")
    assert [row["name"]["en"] for row in last.json()] == _numbered("Drill", 1, 0)
    assert last["Link"] == '</api/v1/drills?limit=3&offset=2>; rel="prev"'
    everything = call("kaz.head", "GET", "/drills")
    assert len(everything.json()) == 7
    assert "Link" not in everything


@pytest.mark.parametrize(("query", "field", "reason"), OUT_OF_BOUNDS)
def test_a_window_out_of_bounds_is_refused_naming_its_field(organization: None, query: str, field: str,
                                                            reason: str) -> None:
    answer = call("kaz.head", "GET", f"/drills?{query}")
    assert_refused_naming(answer, field, reason)


def test_who_may_not_see_drills_is_told_of_none(organization: None) -> None:
    _plan(0, 3)
    answer = call(None, "GET", "/drills?limit=2")
    assert answer.status_code == 200
    assert answer.json() == []
    assert answer["X-Total-Count"] == "0"


def test_the_lists_cost_the_same_queries_for_few_or_many(organization: None) -> None:
    assert_queries_do_not_grow(signed_in("secretariat"), ["/drills/", "/api/v1/drills"], _plan)
    assert_queries_do_not_grow(signed_in("secretariat"), ["/drills/lessons/"], _observe)
