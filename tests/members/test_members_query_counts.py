"""The registry's list pages and API lists cost the same queries however many rows they list."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from django.test import Client
from query_counts import assert_queries_do_not_grow

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

import reference_org

from accord.core.acting import Actor
from accord.members import actions
from accord.members.models import Person

# States not in the reference organization, in the order they accede.
NEW_STATES = ("MDA", "TKM", "MNG", "SRB", "IRN", "VNM")


@pytest.fixture
def secretariat(db: None) -> Client:
    reference_org.build()
    client = Client()
    client.force_login(Person.objects.get(username="secretariat"))
    return client


def test_the_members_cost_the_same_queries_for_few_or_many(secretariat: Client) -> None:
    def accede(start: int, count: int) -> list[str]:
        codes = NEW_STATES[start:start + count]
        for code in codes:
            actions.add_member(actor=Actor.console(), code=code, acceded_on="2020-01-01")
        return list(codes)

    assert_queries_do_not_grow(secretariat, ["/members/", "/api/v1/members"], accede)


def test_the_persons_cost_the_same_queries_for_few_or_many(secretariat: Client) -> None:
    def add(start: int, count: int) -> list[str]:
        names = [f"kaz.adviser{n}" for n in range(start, start + count)]
        for name in names:
            actions.add_person(actor=Actor.console(), username=name, full_name=f"Adviser {name}",
                               role="delegate", member="KAZ", password=reference_org.PASSWORD)
        return names

    assert_queries_do_not_grow(secretariat, ["/api/v1/persons"], add)


def test_the_bodies_cost_the_same_queries_for_few_or_many(secretariat: Client) -> None:
    def establish(start: int, count: int) -> list[str]:
        codes = [f"WG-{n}" for n in range(start, start + count)]
        for code in codes:
            body = actions.establish_body(actor=Actor.console(), code=code,
                                          name={"ru": f"Рабочая группа {code}", "en": f"Working group {code}"})
            actions.seat_person(actor=Actor.console(), body=body.code, person="kaz.head")
        return codes

    assert_queries_do_not_grow(secretariat, ["/bodies/", "/api/v1/bodies"], establish)
