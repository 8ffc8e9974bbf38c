"""Filters on the list pages: GET parameters in the URL, applied to what the viewer may see, with a count."""

from __future__ import annotations

import re

import meetings_world as w
from django.test import Client

from accord.core import filters


def _count(page: str) -> str:
    found = re.search(r'class="filters__count" role="status">\s*([^<·]+)', page)
    assert found is not None
    return " ".join(found.group(1).split())


def _titles(page: str) -> list[str]:
    return re.findall(r'class="session-list__title"><a href="[^"]+">(?:<span[^>]*>)?([^<]+)', page)


def test_it_filters_sessions_by_year_status_and_body_kept_in_the_url(world: w.World, login: w.SignIn) -> None:
    client = login("secretariat")
    everything = client.get("/meetings/").content.decode()
    assert _count(everything) == "3 results"
    assert "Clear filters" not in everything
    page = client.get("/meetings/", {"year": "2022", "status": "convened", "body": "CSC"}).content.decode()
    assert _count(page) == "3 results"
    assert '<option value="2022" selected>2022</option>' in page
    assert 'href="/meetings/">Clear filters</a>' in page
    closed = client.get("/meetings/", {"status": "closed"}).content.decode()
    assert _count(closed) == "0 results"
    assert "No session you may see matches these filters." in closed


def test_its_choices_come_from_what_the_viewer_may_see(world: w.World, login: w.SignIn) -> None:
    # The public sees the summit only: the other sessions' years and bodies are not offered, and asking for a
    # value not offered is refused beside its field, by its label, like any value nobody offers.
    public = login(None).get("/meetings/").content.decode()
    assert _count(public) == "1 result"
    assert w.SECRET_SESSION not in public
    refused = login(None).get("/meetings/", {"year": "1999"}).content.decode()
    assert "Year: Select a valid choice. 1999 is not one of the available choices." in refused
    assert _count(refused) == "1 result"


def test_a_refused_filter_speaks_the_pages_language(world: w.World) -> None:
    client = Client(headers={"accept-language": "ru"})
    page = client.get("/meetings/", {"year": "1999"}).content.decode()
    assert "Год: " in page
    assert "1 результат" in page
    assert "Сбросить фильтры" in page


def test_the_ledgers_member_filter_never_finds_an_act_sealed_to_it(world: w.World, login: w.SignIn) -> None:
    inside = _count(login("rus.head").get("/ledger/", {"member": "RUS"}).content.decode())
    outside = _count(login("arm.head").get("/ledger/", {"member": "RUS"}).content.decode())
    # The closed part's acts name Russia (its attendance, its statement): read inside, sealed outside.
    assert int(inside.split()[0]) > int(outside.split()[0])
    by_type = login(None).get("/ledger/", {"type": "meetings.session_convened"}).content.decode()
    assert _count(by_type) == "3 results"
    wrong = login(None).get("/ledger/", {"since": "2030-01-02", "until": "2030-01-01"}).content.decode()
    assert "To: is before the first day" in wrong


def test_every_list_takes_its_filters(world: w.World, login: w.SignIn) -> None:
    client = login("secretariat")
    for path, query in (("/decisions/", {"status": "adopted", "year": ""}), ("/documents/", {"kind": "agreement"}),
                        ("/crises/", {"status": "closed"}), ("/exercises/", {"status": "held"}),
                        ("/ledger/", {"until": "2000-01-01"})):
        page = client.get(path, query)
        assert page.status_code == 200, path
        assert _count(page.content.decode()) == "0 results", path
        assert f'href="{path}">Clear filters</a>' in page.content.decode()


def test_narrow_keeps_the_rows_that_pass_every_chosen_filter() -> None:
    rows = [{"y": 2021, "s": "a"}, {"y": 2022, "s": "a"}, {"y": 2022, "s": "b"}]
    tests = {"y": lambda row, v: str(row["y"]) == v, "s": lambda row, v: row["s"] == v}
    assert filters.narrow(rows, {"y": "2022", "s": "a"}, tests) == [{"y": 2022, "s": "a"}]
    assert filters.narrow(rows, {}, tests) == rows
    assert filters.years([None]) == []
