"""Documents served a page at a time, so that the list costs the same after a thousand as after ten: the list
page (`?page=`, filters kept) and the API list (`?limit=&offset=`, with `X-Total-Count` and `Link`). Each
costs the same queries for few documents or many."""

from __future__ import annotations

import re
from collections.abc import Callable

import documents_org as org
import pytest
from django.test import Client
from nacl.signing import SigningKey
from paging_checks import OUT_OF_BOUNDS, assert_refused_naming
from query_counts import assert_queries_do_not_grow

from accord.core import paging

Login = Callable[[str], Client]


def _draft(start: int, count: int, *, kind: str = "joint_statement", classification: str = "members",
           audience: list[str] | None = None) -> list[str]:
    """`count` documents numbered from `start` (the later numbers the newer); their English titles."""
    titles = []
    for n in range(start, start + count):
        title = f"Statement number {n:03d}"
        treaty = {"force_rule": "on_date", "force_date": "2022-07-01"} if kind == "agreement" else {}
        org.statement(kind=kind, title={"ru": f"Заявление {n:03d}", "en": title}, classification=classification,
                      audience=audience or (), **treaty)
        titles.append(title)
    return titles


def _titles(page: str) -> list[str]:
    return re.findall(r"Statement number \d{3}", page)


def test_the_list_page_shows_a_page_of_documents_newest_first_and_links_the_others(
        head_keys: dict[str, SigningKey], login: Login, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 4)
    _draft(0, 10)
    reader = login("arm.head")
    first = reader.get("/documents/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _titles(first) == [f"Statement number {n:03d}" for n in (9, 8, 7, 6)]
    assert "10 results" in first
    assert "Page 1 of 3: rows 1 to 4" in first
    assert 'href="?page=2" rel="next"' in first
    assert 'rel="prev"' not in first
    last = reader.get("/documents/?page=3", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _titles(last) == ["Statement number 001", "Statement number 000"]
    assert 'href="?page=2" rel="prev"' in last
    assert 'rel="next"' not in last


def test_a_page_of_a_filtered_list_keeps_its_filters_and_counts_what_matches(
        head_keys: dict[str, SigningKey], login: Login, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    _draft(0, 5)
    _draft(5, 2, kind="agreement")
    page = login("arm.head").get("/documents/?kind=joint_statement&status=draft&page=2",
                                 HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "5 results" in page
    assert _titles(page) == ["Statement number 002", "Statement number 001"]
    assert 'href="?kind=joint_statement&amp;status=draft&amp;page=3" rel="next"' in page


@pytest.mark.parametrize("asked", ["0", "4", "two", "-1", "1.5"])
def test_a_page_of_documents_that_is_not_there_is_not_found(
        head_keys: dict[str, SigningKey], login: Login, monkeypatch: pytest.MonkeyPatch, asked: str) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    _draft(0, 5)
    assert login("arm.head").get(f"/documents/?page={asked}").status_code == 404


def test_the_pages_of_documents_are_in_russian_too(
        head_keys: dict[str, SigningKey], login: Login, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    _draft(0, 5)
    reader = login("arm.head")
    reader.cookies.load({"django_language": "ru"})
    page = reader.get("/documents/?page=2").content.decode()
    assert "Страница 2 из 3: строки с 3 по 4" in page
    assert "Предыдущая" in page
    assert "Следующая" in page
    assert 'aria-label="Страницы списка документов"' in page


def test_the_documents_api_answers_a_window_and_says_where_the_rest_is(
        head_keys: dict[str, SigningKey], login: Login) -> None:
    _draft(0, 7)
    reader = login("arm.head")
    answer = reader.get("/api/v1/documents?limit=3&offset=2")
    assert answer.status_code == 200
    assert [d["title"]["en"] for d in answer.json()] == [f"Statement number {n:03d}" for n in (4, 3, 2)]
    assert answer["X-Total-Count"] == "7"
    assert answer["Link"] == ('</api/v1/documents?limit=3&offset=5>; rel="next", '
                              '</api/v1/documents?limit=3&offset=0>; rel="prev"')
    last = reader.get("/api/v1/documents?limit=3&offset=5")
    assert [d["title"]["en"] for d in last.json()] == ["Statement number 001", "Statement number 000"]
    assert last["Link"] == '</api/v1/documents?limit=3&offset=2>; rel="prev"'
    everything = reader.get("/api/v1/documents")
    assert len(everything.json()) == 7
    assert "Link" not in everything


@pytest.mark.parametrize(("query", "field", "reason"), OUT_OF_BOUNDS)
def test_a_documents_window_out_of_bounds_is_refused_naming_its_field(
        head_keys: dict[str, SigningKey], login: Login, query: str, field: str, reason: str) -> None:
    answer = login("arm.head").get(f"/api/v1/documents?{query}")
    assert_refused_naming(answer, field, reason)


def test_the_documents_count_and_window_hold_only_what_the_viewer_may_see(
        head_keys: dict[str, SigningKey], login: Login, monkeypatch: pytest.MonkeyPatch) -> None:
    _draft(0, 3)
    _draft(3, 2, classification="participants", audience=["KAZ"])
    for reader, total in (("kaz.head", 5), ("arm.head", 3)):
        answer = login(reader).get("/api/v1/documents?limit=2")
        assert answer["X-Total-Count"] == str(total)
        assert len(answer.json()) == 2
    hidden = login("arm.head").get("/api/v1/documents").json()
    assert [d["title"]["en"] for d in hidden] == ["Statement number 002", "Statement number 001",
                                                  "Statement number 000"]
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    page = login("arm.head").get("/documents/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "3 results" in page
    assert _titles(page) == ["Statement number 002", "Statement number 001"]


def test_the_documents_list_page_and_api_cost_the_same_queries_for_few_or_many(
        head_keys: dict[str, SigningKey], login: Login) -> None:
    def draft(start: int, count: int) -> list[str]:
        # Agreements too: whether one is in force is read for the page's treaties at once, not for each.
        return [*_draft(start, count - 1), *_draft(start + count - 1, 1, kind="agreement")]

    assert_queries_do_not_grow(login("arm.head"), ["/documents/", "/api/v1/documents"], draft)
