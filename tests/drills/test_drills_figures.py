"""A drill with several requests is measured from its first: the figures are its first request's (by when it
was filed, not by when it was recorded), and a later request changes none of them."""

from __future__ import annotations

import datetime as dt

from drills_world import MARK, actor, planned, rehearsed, signed_in

from accord.core import drill, policy
from accord.crises import actions as crises
from accord.drills import queries
from accord.members.models import Person

H = dt.timedelta(hours=1)


def _viewer() -> policy.Viewer:
    return policy.viewer_of(Person.objects.get(username="secretariat"))


def _request(handle: str, found_drill: int, at: dt.datetime) -> int:
    with drill.scope(found_drill):
        return crises.file_request(actor=actor(handle), legal_basis="aggression", at=at,
                                   happened={"ru": f"Ещё {MARK}"}, area={"ru": f"Ош {MARK}"},
                                   asks_for={"ru": f"Помощь {MARK}"}).pk


def test_a_later_request_changes_none_of_the_figures(organization: None) -> None:
    found = planned()
    first = rehearsed(found)
    before = queries.figures_of(_viewer(), found)
    assert before is not None
    assert before.crisis is not None
    assert before.crisis.pk == first.pk
    second = _request("kgz.head", found.pk, found.starts_at + 5 * H)
    with drill.scope(found.pk):
        crises.acknowledge_request(actor=actor("rus.head"), crisis=second, at=found.starts_at + 6 * H)
    after = queries.figures_of(_viewer(), found)
    assert after is not None
    assert after.crisis is not None
    assert after.crisis.pk == first.pk
    assert after.values == before.values
    assert after.responses == before.responses
    assert after.values["to_decision"] is not None


def test_the_first_request_is_the_first_filed_not_the_first_recorded(organization: None) -> None:
    found = planned()
    rehearsed(found)  # Kazakhstan's request, filed at the drill's start
    earlier = _request("kgz.head", found.pk, found.starts_at - H)  # recorded after, filed an hour before
    figures = queries.figures_of(_viewer(), found)
    assert figures is not None
    assert figures.crisis is not None
    assert figures.crisis.pk == earlier
    assert figures.values["to_decision"] is None  # that request has no decision yet: nothing to measure


def test_the_drill_page_says_which_request_it_measures(organization: None) -> None:
    found = planned()
    rehearsed(found)
    _request("kgz.head", found.pk, found.starts_at + 5 * H)
    page = signed_in("secretariat").get(f"/drills/{found.pk}/").content.decode()
    assert "Measured from the drill's first request" in page
