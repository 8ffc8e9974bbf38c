"""The files attached to a thing served a page at a time by the API (`?limit=&offset=`, oldest first, with
`X-Total-Count` and `Link`): only the window's attachments are read in full, and the list costs the same
queries for few files or many."""

from __future__ import annotations

import meetings_world
import pytest
from files import PDF
from paging_checks import OUT_OF_BOUNDS, assert_refused_naming
from query_counts import assert_queries_do_not_grow

from accord.attachments import actions
from accord.core.acting import Actor

API = "/api/v1/attachments"


def _attach(target: int, start: int, count: int, on: str = "session") -> list[str]:
    """`count` files numbered from `start` attached to the thing; their names."""
    names = []
    for n in range(start, start + count):
        name = f"minutes-{n:03d}.pdf"
        actions.attach(actor=Actor.console(), on=on, target=target, name=name, content=PDF + f"% {n}\n".encode())
        names.append(name)
    return names


def _names(answer: object) -> list[str]:
    return [row["name"] for row in answer.json()]  # type: ignore[attr-defined]


def test_the_list_answers_a_window_oldest_first_and_says_where_the_rest_is(
        world: meetings_world.World, login: meetings_world.SignIn) -> None:
    _attach(world.summit, 0, 7)
    reader = login(None)
    asked = f"{API}?on=session&target={world.summit}"
    answer = reader.get(f"{asked}&limit=3&offset=2")
    assert answer.status_code == 200
    assert _names(answer) == ["minutes-002.pdf", "minutes-003.pdf", "minutes-004.pdf"]
    assert answer["X-Total-Count"] == "7"
    assert answer["Link"] == (f'<{asked}&limit=3&offset=5>; rel="next", '
                              f'<{asked}&limit=3&offset=0>; rel="prev"')
    last = reader.get(f"{asked}&limit=3&offset=5")
    assert _names(last) == ["minutes-005.pdf", "minutes-006.pdf"]
    assert last["Link"] == f'<{asked}&limit=3&offset=2>; rel="prev"'
    everything = reader.get(asked)
    assert len(_names(everything)) == 7
    assert "Link" not in everything


@pytest.mark.parametrize(("query", "field", "reason"), OUT_OF_BOUNDS)
def test_a_window_out_of_bounds_is_refused_naming_its_field(world: meetings_world.World,
                                                            login: meetings_world.SignIn, query: str, field: str,
                                                            reason: str) -> None:
    answer = login(None).get(f"{API}?on=session&target={world.summit}&{query}")
    assert_refused_naming(answer, field, reason)


def test_the_count_holds_only_the_files_still_attached_to_what_the_viewer_may_see(
        world: meetings_world.World, login: meetings_world.SignIn) -> None:
    _attach(world.summit, 0, 3)
    first = login("secretariat").get(f"{API}?on=session&target={world.summit}&limit=1").json()[0]
    assert login("secretariat").post(f"{API}/{first['id']}/withdraw").status_code == 200
    answer = login(None).get(f"{API}?on=session&target={world.summit}&limit=1")
    assert answer["X-Total-Count"] == "2"
    assert _names(answer) == ["minutes-001.pdf"]
    _attach(world.closed_item, 3, 2, on="item")
    assert login(None).get(f"{API}?on=item&target={world.closed_item}&limit=1").status_code == 404


def test_the_list_costs_the_same_queries_for_few_files_or_many(world: meetings_world.World,
                                                              login: meetings_world.SignIn) -> None:
    assert_queries_do_not_grow(login("secretariat"), [f"{API}?on=session&target={world.summit}"],
                               lambda start, count: _attach(world.summit, start, count))
