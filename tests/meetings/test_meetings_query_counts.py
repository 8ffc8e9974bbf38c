"""The meetings' list page and API lists cost the same queries however many sessions they list."""

from __future__ import annotations

from collections.abc import Callable

import meetings_world
from django.test import Client
from query_counts import assert_queries_do_not_grow

from accord.core.acting import Actor
from accord.meetings import actions


def test_the_sessions_and_bilaterals_cost_the_same_queries_for_few_or_many(
        world: meetings_world.World, login: Callable[[str | None], Client]) -> None:
    def convene(start: int, count: int) -> list[str]:
        titles = []
        for n in range(start, start + count):
            title = f"Consultations round {n}"
            day = f"2022-06-{10 + n:02d}"
            session = actions.convene_session(actor=Actor.console(), body="CSC", title={"ru": title, "en": title},
                                              kind="regular", mode="video", starts_on=day)
            actions.request_bilateral(actor=Actor.console(), session=session.pk, requester="ARM",
                                      counterpart="KAZ", starts_at=f"{day}T09:00:00+00:00",
                                      ends_at=f"{day}T09:30:00+00:00", place={"ru": f"Room {n}"})
            titles.append(title)
        return titles

    assert_queries_do_not_grow(login("kaz.head"), ["/meetings/", "/api/v1/meetings/sessions"], convene)


def test_the_bilaterals_cost_the_same_queries_for_few_or_many(
        world: meetings_world.World, login: Callable[[str | None], Client]) -> None:
    def meet(start: int, count: int) -> list[str]:
        places = []
        for n in range(start, start + count):
            place = f"Meeting room {n}"
            actions.request_bilateral(actor=Actor.console(), session=world.summit, requester="ARM",
                                      counterpart="KAZ", starts_at=f"2022-05-16T{15 + n:02d}:00:00+00:00",
                                      ends_at=f"2022-05-16T{15 + n:02d}:30:00+00:00", place={"ru": place,
                                                                                             "en": place})
            places.append(place)
        return places

    # The full session too: its bilaterals' provenance is read in one query, not one a bilateral.
    assert_queries_do_not_grow(login("kaz.head"), ["/api/v1/meetings/bilaterals",
                                                   f"/api/v1/meetings/sessions/{world.summit}"], meet)
