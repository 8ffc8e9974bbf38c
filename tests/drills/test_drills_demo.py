"""The demo's tabletop drill: illustrative on every page, kept out of the real lists, its figures beside
Kazakhstan 2022 (request 5 January, decision 6 January: a day)."""

from __future__ import annotations

import datetime as dt

from drills_world import signed_in

from accord.core import drill
from accord.core.policy import viewer_of
from accord.crises.models import Crisis
from accord.demo.loader import load_demo
from accord.drills import queries
from accord.drills.models import Drill
from accord.members.models import Person


def test_the_demo_drill_is_illustrative_and_compared_with_kazakhstan_2022(db: None) -> None:
    load_demo()
    found = Drill.objects.get()
    assert found.illustrative
    assert not Crisis.objects.filter(requester_id="KGZ").exists()  # the drill's request is not a real one
    with drill.scope(found.pk):
        assert Crisis.objects.get().requester_id == "KGZ"
    viewer = viewer_of(Person.objects.get(username="kaz.head"))
    rows = queries.comparison(viewer, found)
    assert rows[0].kind == "drill"
    assert rows[0].values["to_decision"] == dt.timedelta(hours=11)
    assert rows[0].last is not None
    assert rows[0].last[0] == "ARM"
    kazakhstan = [row for row in rows if row.kind == "real"]
    assert [row.values["to_decision"] for row in kazakhstan] == [dt.timedelta(days=1)]
    for language, words in (("en", "illustrative"), ("ru", "иллюстратив")):
        client = signed_in("kaz.head", language)
        for path in (f"/drills/{found.pk}/", f"/drills/{found.pk}/run/", f"/drills/{found.pk}/run/crises/"):
            page = client.get(path)
            assert page.status_code == 200
            assert words in page.content.decode().lower()
        assert "Tabletop" not in client.get("/crises/").content.decode()
