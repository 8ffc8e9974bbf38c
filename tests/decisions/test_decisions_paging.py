"""Proposals served a page at a time, so that a list costs the same after a thousand as after ten: the list
page (`?page=`), the API list (`?limit=&offset=`, with `X-Total-Count` and `Link`), and the dashboard's open
procedures (the nearest deadlines, and how many more). Each costs the same queries for few rows or many."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from decisions_helpers import decisions_actor, decisions_client
from paging_checks import OUT_OF_BOUNDS, assert_refused_naming
from query_counts import assert_queries_do_not_grow

from accord.core import clock, paging
from accord.decisions import actions, panels

pytestmark = pytest.mark.usefixtures("decisions_org")


def _table(start: int, count: int, *, classification: str = "members", audience: list[str] | None = None
           ) -> list[str]:
    """`count` proposals numbered from `start`, each under a written procedure whose deadline is `n` days
    away (the later numbers the later deadlines); their English titles."""
    titles = []
    for n in range(start, start + count):
        title = f"Draft number {n:03d}"
        proposal = actions.propose(actor=decisions_actor("secretariat"), title={"ru": f"Проект {n:03d}",
                                   "en": title}, body="CSC", classification=classification, audience=audience)
        actions.open_procedure(actor=decisions_actor("secretariat"), proposal=proposal.pk, kind="written",
                               deadline=clock.now() + dt.timedelta(days=n + 1))
        titles.append(title)
    return titles


def _titles(page: str) -> list[str]:
    return re.findall(r"Draft number \d{3}", page)


def test_the_list_page_shows_a_page_of_proposals_newest_first_and_links_the_others(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 4)
    _table(0, 10)
    reader = decisions_client("arm.head")
    first = reader.get("/decisions/").content.decode()
    assert _titles(first) == [f"Draft number {n:03d}" for n in (9, 8, 7, 6)]
    assert "10 results" in first
    assert "Page 1 of 3: rows 1 to 4" in first
    assert 'href="?page=2" rel="next"' in first
    assert 'rel="prev"' not in first
    last = reader.get("/decisions/?page=3").content.decode()
    assert _titles(last) == ["Draft number 001", "Draft number 000"]
    assert 'href="?page=2" rel="prev"' in last
    assert 'rel="next"' not in last


def test_a_page_of_a_filtered_list_keeps_its_filters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    _table(0, 5)
    asked = f"/decisions/?body=CSC&year={clock.now().year}&page=2"
    page = decisions_client("arm.head").get(asked).content.decode()
    assert _titles(page) == ["Draft number 002", "Draft number 001"]
    assert f'href="?body=CSC&amp;year={clock.now().year}&amp;page=3" rel="next"' in page


@pytest.mark.parametrize("asked", ["0", "4", "two", "-1", "1.5"])
def test_a_page_that_is_not_there_is_not_found(monkeypatch: pytest.MonkeyPatch, asked: str) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    _table(0, 5)
    assert decisions_client("arm.head").get(f"/decisions/?page={asked}").status_code == 404


def test_the_pages_are_in_russian_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    _table(0, 5)
    reader = decisions_client("arm.head")
    reader.cookies.load({"django_language": "ru"})
    page = reader.get("/decisions/?page=2").content.decode()
    assert "Страница 2 из 3: строки с 3 по 4" in page
    assert "Предыдущая" in page
    assert "Следующая" in page
    assert "Первая" in page
    assert "Последняя" in page
    assert 'aria-label="Страницы списка предложений"' in page


def test_the_api_answers_a_window_and_says_where_the_rest_is() -> None:
    _table(0, 7)
    reader = decisions_client("arm.head")
    answer = reader.get("/api/v1/decisions?limit=3&offset=2")
    assert answer.status_code == 200
    assert [p["title"]["en"] for p in answer.json()] == [f"Draft number {n:03d}" for n in (4, 3, 2)]
    assert answer["X-Total-Count"] == "7"
    assert answer["Link"] == ('</api/v1/decisions?limit=3&offset=5>; rel="next", '
                              '</api/v1/decisions?limit=3&offset=0>; rel="prev"')
    last = reader.get("/api/v1/decisions?limit=3&offset=5")
    assert [p["title"]["en"] for p in last.json()] == ["Draft number 001", "Draft number 000"]
    assert last["Link"] == '</api/v1/decisions?limit=3&offset=2>; rel="prev"'
    everything = reader.get("/api/v1/decisions")
    assert len(everything.json()) == 7
    assert "Link" not in everything


@pytest.mark.parametrize(("query", "field", "reason"), OUT_OF_BOUNDS)
def test_a_window_out_of_bounds_is_refused_naming_its_field(query: str, field: str, reason: str) -> None:
    answer = decisions_client("arm.head").get(f"/api/v1/decisions?{query}")
    assert_refused_naming(answer, field, reason)


def test_the_count_and_the_window_hold_only_what_the_viewer_may_see() -> None:
    _table(0, 3)
    _table(3, 2, classification="participants", audience=["KAZ"])
    for reader, total in (("kaz.head", 5), ("arm.head", 3)):
        answer = decisions_client(reader).get("/api/v1/decisions?limit=2")
        assert answer["X-Total-Count"] == str(total)
        assert len(answer.json()) == 2
    hidden = decisions_client("arm.head").get("/api/v1/decisions").json()
    assert [p["title"]["en"] for p in hidden] == ["Draft number 002", "Draft number 001", "Draft number 000"]


def test_the_dashboard_shows_the_nearest_deadlines_and_how_many_more(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(panels, "OPEN_SHOWN", 3)
    _table(0, 5)
    page = decisions_client("arm.head").get("/").content.decode()
    listed = page.split('id="open-procedures-heading"')[1].split("</section>")[0]
    assert _titles(listed) == ["Draft number 000", "Draft number 001", "Draft number 002"]
    assert "2 more open procedures, with later deadlines, are on the decisions list." in listed
    live = decisions_client("arm.head").get("/decisions/open/").content.decode()
    assert _titles(live) == _titles(listed)
    assert "2 more open procedures" in live


def test_the_list_page_the_api_and_the_dashboard_cost_the_same_queries_for_few_or_many() -> None:
    reader = decisions_client("arm.head")
    assert_queries_do_not_grow(reader, ["/decisions/", "/api/v1/decisions", "/", "/decisions/open/"], _table)


def test_a_status_filter_counts_and_pages_only_what_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    _table(0, 3)
    for n in range(3, 6):  # tabled: no procedure opened yet
        actions.propose(actor=decisions_actor("secretariat"), title={"ru": f"Проект {n:03d}",
                        "en": f"Draft number {n:03d}"}, body="CSC", classification="members")
    reader = decisions_client("arm.head")
    first = reader.get("/decisions/?status=tabled").content.decode()
    assert "3 results" in first
    assert _titles(first) == ["Draft number 005", "Draft number 004"]
    assert 'href="?status=tabled&amp;page=2" rel="next"' in first
    assert _titles(reader.get("/decisions/?status=tabled&page=2").content.decode()) == ["Draft number 003"]
