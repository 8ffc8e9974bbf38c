"""The demo's exercises of 2022 as SCENARIO.md gives them: held, cancelled by the host, Armenia's declared
non-participation, the disagreeing date ranges told with their sources, and nothing the scenario does not give."""

from __future__ import annotations

import datetime as dt

from exercises_world import call, page

from accord.demo.loader import load_demo
from accord.exercises.models import Exercise, Participation, Plan


def test_the_demo_holds_the_autumn_2022_exercises(db: None) -> None:
    load_demo()
    found = {item.name["en"]: item for item in Exercise.objects.all()}
    assert set(found) == {"Cobalt-2022", "Interaction-2022", "Search-2022", "Echelon-2022", "Rubezh-2022",
                          "Indestructible Brotherhood-2022", "The joint exercises of 2023"}
    assert {(item.host_id, item.ground["en"], item.ground["ru"], item.state) for name, item in found.items()
            if name.endswith(("Interaction-2022", "Search-2022", "Echelon-2022"))} == {
        ("KAZ", "Matybulak", "Матыбулак", "held")}
    assert found["Interaction-2022"].actual_end == dt.date(2022, 10, 8)
    claims = [(dict(claim.source)["en"], claim.first, claim.last, claim.used)
              for claim in found["Search-2022"].date_claims.all()]
    assert claims == [("The Organization's record", dt.date(2022, 9, 26), dt.date(2022, 10, 8), True),
                      ("The CSTO press service", dt.date(2022, 9, 26), dt.date(2022, 10, 13), False)]
    assert "13 October" not in found["Search-2022"].stages["en"]
    brotherhood = found["Indestructible Brotherhood-2022"]
    assert (brotherhood.state, brotherhood.state_by, brotherhood.state_on) == ("cancelled", "KGZ",
                                                                               dt.date(2022, 10, 9))
    assert "border clashes" in brotherhood.state_reason["en"]
    assert "пограничные столкновения" in brotherhood.state_reason["ru"]
    assert (found["Rubezh-2022"].host_id, found["Rubezh-2022"].ground["en"]) == ("TJK", "Kharbmaidon")
    assert found["Cobalt-2022"].kind == "special"
    assert {item.kind for name, item in found.items() if name != "Cobalt-2022"} == {"not_recorded"}
    assert found["Rubezh-2022"].state_by == "secretariat"  # who recorded it held, not the host
    declared = Participation.objects.all()
    assert {(row.member_id, row.status) for row in declared} == {("ARM", "not_participating")}
    assert declared.count() == 3
    assert all(row.reason["en"].startswith("Reported") for row in declared)
    assert all(row.reason["ru"].startswith("По сообщениям") for row in declared)
    assert not Plan.objects.exists()
    assert len(call(None, "GET", "/exercises").json()) == 7
    body = page("observer", f"/exercises/{brotherhood.pk}/").content.decode()
    assert "Cancelled" in body
    assert "Kyrgyzstan" in body


def test_the_demo_tells_armenia_declining_to_host_2023_and_the_move_to_kyrgyzstan(db: None) -> None:
    load_demo()
    found = next(item for item in Exercise.objects.all() if item.name["en"] == "The joint exercises of 2023")
    assert (found.host_id, found.state, found.actual_start, found.actual_end) == (
        "KGZ", "held", dt.date(2023, 10, 9), dt.date(2023, 10, 13))
    moved = found.steps[0]
    assert (moved["state"], moved["on"], moved["by"], moved["host"]) == ("moved", "2023-01-10", "ARM", "KGZ")
    assert "declined to host" in moved["reason"]["en"]
    assert found.kind == "not_recorded"
    assert found.ground["en"] == "not given in the demo's sources"
    body = page("observer", f"/exercises/{found.pk}/").content.decode()
    assert "Armenia declined to host" in body
    assert "not given in the demo&#x27;s sources" in body or "not given in the demo's sources" in body
