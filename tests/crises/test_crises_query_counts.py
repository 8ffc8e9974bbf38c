"""The crises' list page and API list cost the same queries however many crises they list."""

from __future__ import annotations

import datetime as dt

import pytest
from crises_fixtures import REQUEST, actor
from django.test import Client
from query_counts import assert_queries_do_not_grow

from accord.core import clock
from accord.crises import actions
from accord.members.models import Person

pytestmark = pytest.mark.usefixtures("organization")
FILERS = ("kaz.head", "arm.head", "rus.head", "blr.head", "kgz.head", "tjk.head")


def test_the_crises_cost_the_same_queries_for_few_or_many() -> None:
    def file(start: int, count: int) -> list[str]:
        areas = []
        for n in range(start, start + count):
            area = f"District number {n}"
            crisis = actions.file_request(actor=actor(FILERS[n]), legal_basis=REQUEST["legal_basis"],
                                          happened=REQUEST["happened"], area=area, asks_for=REQUEST["asks_for"])
            actions.acknowledge_request(actor=actor(FILERS[(n + 1) % len(FILERS)]), crisis=crisis.pk)
            if n % 2:  # every other crisis has a mandate, which the API lists with it
                actions.choose_response(actor=actor("secretariat"), crisis=crisis.pk, response="operation")
                actions.set_mandate(actor=actor("secretariat"), crisis=crisis.pk, purpose="Protect sites",
                                    area=area, ends_at=clock.now() + dt.timedelta(days=30), commander="Commander",
                                    commander_body="CMD", requirements={"infantry_company": 1})
            areas.append(area)
        return areas

    def api_mandate_areas() -> list[str | None]:
        return [None if crisis["mandate"] is None else crisis["mandate"]["area"]["ru"]
                for crisis in client.get("/api/v1/crises").json()]

    client = Client()
    client.force_login(Person.objects.get(username="secretariat"))
    assert_queries_do_not_grow(client, ["/crises/", "/api/v1/crises"], file)
    # The mandates read with the crises are each crisis's own.
    assert api_mandate_areas() == [f"District number {n}" if n % 2 else None for n in reversed(range(6))]
