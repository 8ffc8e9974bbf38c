"""A drill with several requests: each request has its own figures, computed from the drill's acts exactly as an
operation's (accord.crises.queries.metrics), and set beside the same targets, earlier drills and real operations
on the drill's page and in the API. The drill's own measure stays its first request's (by when it was filed,
not by when it was recorded): a later request changes none of it."""

from __future__ import annotations

import datetime as dt

from drills_world import MARK, MEMBERS, actor, call, planned, rehearsed, signed_in

from accord.core import drill, policy
from accord.crises import actions as crises
from accord.crises import queries as crises_queries
from accord.decisions import actions as decisions
from accord.drills import queries
from accord.drills.models import Drill
from accord.members.models import Person

H = dt.timedelta(hours=1)


def _viewer() -> policy.Viewer:
    return policy.viewer_of(Person.objects.get(username="secretariat"))


def _request(handle: str, found_drill: int, at: dt.datetime) -> int:
    with drill.scope(found_drill):
        return crises.file_request(actor=actor(handle), legal_basis="aggression", at=at,
                                   happened={"ru": f"Ещё {MARK}"}, area={"ru": f"Ош {MARK}"},
                                   asks_for={"ru": f"Помощь {MARK}"}).pk


def _second(found: Drill) -> int:
    """Kyrgyzstan asks five hours after the drill's first request: Russia acknowledges an hour later, Belarus
    three hours later, and the Council decides by the accelerated procedure on joint consultations."""
    second = _request("kgz.head", found.pk, found.starts_at + 5 * H)
    with drill.scope(found.pk):
        crises.acknowledge_request(actor=actor("rus.head"), crisis=second, at=found.starts_at + 6 * H)
        crises.acknowledge_request(actor=actor("blr.head"), crisis=second, at=found.starts_at + 8 * H)
        proposal = crises.open_accelerated_procedure(
            actor=actor("secretariat"), crisis=second, body="CSC", hours=6,
            title={"ru": f"Второй проект {MARK}", "en": f"Second draft {MARK}"}).proposal_id
        assert proposal is not None
        for code in MEMBERS:
            decisions.lodge_position(actor=actor(f"{code.lower()}.head"), proposal=proposal, member=code,
                                     stance="join")
        decisions.close_procedure(actor=actor("secretariat"), proposal=proposal)
        crises.choose_response(actor=actor("secretariat"), crisis=second, response="consultations")
    return second


def test_a_later_request_changes_none_of_the_first_requests_figures(organization: None) -> None:
    found = planned()
    first = rehearsed(found)
    before = queries.figures_of(_viewer(), found)
    assert before is not None
    assert before.crisis is not None
    assert before.crisis.pk == first.pk
    _second(found)
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


def test_each_request_has_its_own_figures_computed_as_an_operations(organization: None) -> None:
    found = planned()
    first = rehearsed(found)
    second = _second(found)
    requests = queries.requests_of(_viewer(), found)
    assert [row.crisis.pk for row in requests if row.crisis] == [first.pk, second]
    later = requests[1]
    with drill.scope(found.pk):
        crisis = crises_queries.crisis(_viewer(), second)
        views = crises_queries.pledges(crisis)
        measured = crises_queries.metrics(crisis, crises_queries.mandate_of(crisis), views)
    assert later.values == {"to_decision": measured.to_decision, "to_first_arrival": None,
                            "to_full_capability": None}
    assert later.values["to_decision"] is not None
    assert later.responses == [("RUS", H), ("BLR", 3 * H)]
    assert later.last == ("BLR", 3 * H)
    # Both requests stand beside the same earlier drills and real operations: every drill row comes first.
    kinds = [row.kind for row in queries.comparison(_viewer(), found)]
    assert kinds[:2] == ["drill", "drill"]
    assert "drill" not in kinds[2:]


def test_the_drill_page_gives_each_request_its_figures_in_every_language(organization: None) -> None:
    found = planned()
    first = rehearsed(found)
    second = _second(found)
    page = signed_in("secretariat").get(f"/drills/{found.pk}/").content.decode()
    assert "The drill has 2 requests: each is measured from its own filing" in page
    for crisis in (first.pk, second):
        assert f'data-request="{crisis}"' in page
        assert f'data-acknowledged="{crisis}"' in page
    assert "Kyrgyzstan</span>'s request, " in page
    assert "Each member's acknowledgement of <span lang=\"en\">Kyrgyzstan</span>'s request" in page
    later = page[page.index(f'data-acknowledged="{second}"'):]
    assert "answered last" in later[:later.index("</table>")]
    assert "Kyrgyzstan · Drill" in page  # the drawing's bars name the requesting state
    russian = signed_in("secretariat", "ru").get(f"/drills/{found.pk}/").content.decode()
    assert "В тренировке 2 просьбы" in russian
    assert russian.count("Просьба: ") == 2  # each request's row names its state and time
    assert russian.count("Подтверждение получения просьбы (") == 2


def test_a_drill_with_one_request_says_it_measures_that_request(organization: None) -> None:
    found = planned()
    rehearsed(found)
    page = signed_in("secretariat").get(f"/drills/{found.pk}/").content.decode()
    assert "Measured from the drill's request" in page
    assert "data-request=" in page
    assert "The drill has" not in page


def test_the_api_gives_each_request_its_figures(organization: None) -> None:
    found = planned()
    first = rehearsed(found)
    second = _second(found)
    figures = call("kaz.head", "GET", f"/drills/{found.pk}/figures").json()
    assert [row["crisis"] for row in figures["requests"]] == [first.pk, second]
    assert figures["drill"] == figures["requests"][0]
    later = figures["requests"][1]
    assert later["requester"] == "KGZ"
    assert later["kind"] == "drill"
    assert later["acknowledgements"] == {"RUS": 1.0, "BLR": 3.0}
    assert later["answered_last"] == "BLR"
    assert later["to_decision_hours"] is not None
    assert all(row["kind"] != "drill" for row in figures["compared"])
    assert call("observer", "GET", f"/drills/{found.pk}/figures").status_code == 404
