"""Exercises served a page at a time, so that the list costs the same after a thousand as after ten: the list
page (`?page=`, the latest year first, each year by planned start) and the API list (`?limit=&offset=`, by
planned start, with `X-Total-Count` and `Link`). Each costs the same queries for few rows or many."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from exercises_world import call, planned, signed_in
from paging_checks import OUT_OF_BOUNDS, assert_refused_naming
from query_counts import assert_queries_do_not_grow

from accord.core import paging

START = dt.date(2022, 1, 10)


def _plan(start: int, count: int, *, classification: str = "public", year: int = 2022) -> list[str]:
    """`count` exercises numbered from `start`, the later numbers planned later in `year`; their English names."""
    names = []
    for n in range(start, start + count):
        name = f"Exercise number {n:03d}"
        begins = START.replace(year=year) + dt.timedelta(days=n)
        planned(name={"ru": f"Учение {n:03d}", "en": name}, planned_start=begins.isoformat(),
                planned_end=(begins + dt.timedelta(days=2)).isoformat(), classification=classification)
        names.append(name)
    return names


def _listed(page: str) -> list[str]:
    """The names in the list's tables (a year's timeline names them too)."""
    return re.findall(r">(Exercise number \d{3})</span></a>", page)


def _numbered(*numbers: int) -> list[str]:
    return [f"Exercise number {n:03d}" for n in numbers]


def test_the_list_page_shows_a_page_of_exercises_and_links_the_others(
        exercises_organization: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 4)
    _plan(0, 10)
    reader = signed_in("arm.head")
    first = reader.get("/exercises/").content.decode()
    assert _listed(first) == _numbered(0, 1, 2, 3)
    assert "10 results" in first
    assert "Page 1 of 3: rows 1 to 4" in first
    assert 'href="?page=2" rel="next"' in first
    assert 'rel="prev"' not in first
    last = reader.get("/exercises/?page=3").content.decode()
    assert _listed(last) == _numbered(8, 9)
    assert 'href="?page=2" rel="prev"' in last
    assert 'rel="next"' not in last


def test_the_latest_year_comes_first_from_page_to_page(exercises_organization: int,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 3)
    _plan(0, 2, year=2021)
    _plan(2, 2, year=2022)
    reader = signed_in("arm.head")
    first = reader.get("/exercises/").content.decode()
    assert _listed(first) == _numbered(2, 3, 0)
    assert 'id="year-2022"' in first
    assert 'id="year-2021"' in first
    second = reader.get("/exercises/?page=2").content.decode()
    assert _listed(second) == _numbered(1)
    assert 'id="year-2022"' not in second
    # 2021 runs over both pages: its timeline is drawn whole on each, with the exercise of the other page.
    assert second.count('<svg class="exercise-timeline"') == 1
    assert "Exercise number 000" in second


def test_a_page_of_a_filtered_list_keeps_its_filters(exercises_organization: int,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    _plan(0, 5)
    _plan(5, 2, year=2021)
    page = signed_in("arm.head").get("/exercises/?year=2022&host=KGZ&page=2").content.decode()
    assert _listed(page) == _numbered(2, 3)
    assert "5 results" in page
    assert 'href="?year=2022&amp;host=KGZ&amp;page=3" rel="next"' in page


@pytest.mark.parametrize("asked", ["0", "4", "two", "-1", "1.5"])
def test_a_page_that_is_not_there_is_not_found(exercises_organization: int, monkeypatch: pytest.MonkeyPatch,
                                               asked: str) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    _plan(0, 5)
    assert signed_in("arm.head").get(f"/exercises/?page={asked}").status_code == 404


def test_the_pages_are_in_russian_too(exercises_organization: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    _plan(0, 5)
    page = signed_in("arm.head", "ru").get("/exercises/?page=2").content.decode()
    assert "Страница 2 из 3: строки с 3 по 4" in page
    assert "Предыдущая" in page
    assert "Следующая" in page
    assert 'aria-label="Страницы списка учений"' in page
    french = signed_in("arm.head", "fr").get("/exercises/?page=2").content.decode()
    assert 'aria-label="Pages des exercices"' in french


def test_the_api_answers_a_window_and_says_where_the_rest_is(exercises_organization: int) -> None:
    _plan(0, 7)
    answer = call("arm.head", "GET", "/exercises?limit=3&offset=2")
    assert answer.status_code == 200
    assert [row["name"]["en"] for row in answer.json()] == _numbered(2, 3, 4)
    assert answer["X-Total-Count"] == "7"
    assert answer["Link"] == ('</api/v1/exercises?limit=3&offset=5>; rel="next", '
                              '</api/v1/exercises?limit=3&offset=0>; rel="prev"')
    last = call("arm.head", "GET", "/exercises?limit=3&offset=5")
    assert [row["name"]["en"] for row in last.json()] == _numbered(5, 6)
    assert last["Link"] == '</api/v1/exercises?limit=3&offset=2>; rel="prev"'
    everything = call("arm.head", "GET", "/exercises")
    assert len(everything.json()) == 7
    assert "Link" not in everything


@pytest.mark.parametrize(("query", "field", "reason"), OUT_OF_BOUNDS)
def test_a_window_out_of_bounds_is_refused_naming_its_field(exercises_organization: int, query: str, field: str,
                                                            reason: str) -> None:
    answer = call("arm.head", "GET", f"/exercises?{query}")
    assert_refused_naming(answer, field, reason)


def test_the_count_and_the_window_hold_only_what_the_viewer_may_see(exercises_organization: int) -> None:
    _plan(0, 3)
    _plan(3, 2, classification="members")
    for reader, total in (("arm.head", 5), (None, 3)):
        answer = call(reader, "GET", "/exercises?limit=2")
        assert answer["X-Total-Count"] == str(total)
        assert len(answer.json()) == 2
    assert [row["name"]["en"] for row in call(None, "GET", "/exercises").json()] == _numbered(0, 1, 2)
    assert "3 results" in signed_in(None).get("/exercises/").content.decode()


def test_the_forces_exercised_are_read_once_for_the_window(exercises_organization: int) -> None:
    for n in range(3):
        planned(force=exercises_organization, name={"ru": f"Учение {n}", "en": f"Exercise number {n:03d}"})
    listed = call("arm.head", "GET", "/exercises").json()
    assert [row["forces_exercised"] for row in listed] == [[exercises_organization]] * 3


def test_the_list_page_and_the_api_cost_the_same_queries_for_few_or_many(exercises_organization: int) -> None:
    assert_queries_do_not_grow(signed_in("arm.head"), ["/exercises/", "/api/v1/exercises"], _plan)
