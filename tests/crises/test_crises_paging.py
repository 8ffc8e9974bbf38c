"""Requests served a page at a time, so that the list costs the same after a thousand as after ten: the list
page (`?page=`, filters kept) and the API list (`?limit=&offset=`, with `X-Total-Count` and `Link`), both
in the list's order (open requests first, newest first within each)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from crises_fixtures import REQUEST, T0, actor, call, signed_in
from paging_checks import OUT_OF_BOUNDS, assert_refused_naming
from query_counts import assert_queries_do_not_grow

from accord.core import paging
from accord.crises import actions

pytestmark = pytest.mark.usefixtures("organization")


def _file(start: int, count: int, *, by: str = "kaz.head", classification: str = "members") -> list[str]:
    """`count` requests numbered from `start`, each filed a day after the one before; their areas."""
    areas = []
    for n in range(start, start + count):
        area = f"District number {n:03d}"
        actions.file_request(actor=actor(by), legal_basis=REQUEST["legal_basis"], happened=REQUEST["happened"],
                             area=area, asks_for=REQUEST["asks_for"], classification=classification,
                             at=T0 + dt.timedelta(days=n))
        areas.append(area)
    return areas


def _areas(page: str) -> list[str]:
    return re.findall(r"District number \d{3}", page)


def _decline(area: str) -> None:
    crisis = actions.file_request(actor=actor("arm.head"), legal_basis=REQUEST["legal_basis"],
                                  happened=REQUEST["happened"], area=area, asks_for=REQUEST["asks_for"],
                                  at=T0 + dt.timedelta(days=100))
    actions.record_no_response(actor=actor("secretariat"), crisis=crisis.pk, outcome="declined",
                               at=T0 + dt.timedelta(days=101))


def test_the_list_page_shows_a_page_of_requests_open_first_newest_first_and_links_the_others(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 4)
    _file(0, 9)
    _decline("District number 099")  # the newest, but closed: after every open one
    reader = signed_in("arm.head")
    first = reader.get("/crises/").content.decode()
    assert _areas(first) == [f"District number {n:03d}" for n in (8, 7, 6, 5)]
    assert "10 results" in first
    assert "Page 1 of 3: rows 1 to 4" in first
    assert 'href="?page=2" rel="next"' in first
    assert 'rel="prev"' not in first
    last = reader.get("/crises/?page=3").content.decode()
    assert _areas(last) == ["District number 000", "District number 099"]
    assert 'href="?page=2" rel="prev"' in last
    assert 'rel="next"' not in last


def test_a_page_of_a_filtered_list_of_requests_keeps_its_filters_and_counts_what_matches(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    _file(0, 5)
    _file(5, 2, by="arm.head")
    _decline("District number 099")
    page = signed_in("arm.head").get("/crises/?status=awaiting&member=KAZ&page=2").content.decode()
    assert "5 results" in page
    assert _areas(page) == ["District number 002", "District number 001"]
    assert 'href="?status=awaiting&amp;member=KAZ&amp;page=3" rel="next"' in page
    closed = signed_in("arm.head").get("/crises/?status=closed").content.decode()
    assert "1 result" in closed
    assert _areas(closed) == ["District number 099"]


@pytest.mark.parametrize("asked", ["0", "4", "two", "-1", "1.5"])
def test_a_page_of_requests_that_is_not_there_is_not_found(monkeypatch: pytest.MonkeyPatch, asked: str) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    _file(0, 5)
    assert signed_in("arm.head").get(f"/crises/?page={asked}").status_code == 404


def test_the_pages_of_requests_are_in_russian_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    _file(0, 5)
    page = signed_in("arm.head", "ru").get("/crises/?page=2").content.decode()
    assert "Страница 2 из 3: строки с 3 по 4" in page
    assert "Предыдущая" in page
    assert "Следующая" in page
    assert 'aria-label="Страницы списка просьб"' in page


def test_the_crises_api_answers_a_window_and_says_where_the_rest_is() -> None:
    _file(0, 7)
    answer = call("arm.head", "GET", "/crises?limit=3&offset=2")
    assert answer.status_code == 200
    assert [c["area"]["ru"] for c in answer.json()] == [f"District number {n:03d}" for n in (4, 3, 2)]
    assert answer["X-Total-Count"] == "7"
    assert answer["Link"] == ('</api/v1/crises?limit=3&offset=5>; rel="next", '
                              '</api/v1/crises?limit=3&offset=0>; rel="prev"')
    last = call("arm.head", "GET", "/crises?limit=3&offset=5")
    assert [c["area"]["ru"] for c in last.json()] == ["District number 001", "District number 000"]
    assert last["Link"] == '</api/v1/crises?limit=3&offset=2>; rel="prev"'
    everything = call("arm.head", "GET", "/crises")
    assert len(everything.json()) == 7
    assert "Link" not in everything


@pytest.mark.parametrize(("query", "field", "reason"), OUT_OF_BOUNDS)
def test_a_crises_window_out_of_bounds_is_refused_naming_its_field(query: str, field: str, reason: str) -> None:
    answer = call("arm.head", "GET", f"/crises?{query}")
    assert_refused_naming(answer, field, reason)


def test_the_crises_count_and_window_hold_only_what_the_viewer_may_see(monkeypatch: pytest.MonkeyPatch) -> None:
    _file(0, 3, classification="public")
    _file(3, 2)  # for the members only
    for reader, total in (("arm.head", 5), (None, 3)):
        answer = call(reader, "GET", "/crises?limit=2")
        assert answer["X-Total-Count"] == str(total)
        assert len(answer.json()) == 2
    public = call(None, "GET", "/crises").json()
    assert [c["area"]["ru"] for c in public] == ["District number 002", "District number 001",
                                                 "District number 000"]
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    page = signed_in(None).get("/crises/").content.decode()
    assert "3 results" in page
    assert _areas(page) == ["District number 002", "District number 001"]


def test_the_crises_list_page_and_api_cost_the_same_queries_for_few_or_many() -> None:
    assert_queries_do_not_grow(signed_in("arm.head"), ["/crises/", "/api/v1/crises"], _file)
