"""The demo's standing forces: the three of SCENARIO.md with their approximate sizes, nothing invented."""

from __future__ import annotations

from forces_world import call, page

from accord.demo.loader import load_demo
from accord.forces.models import Contribution, Force


def test_the_demo_holds_the_three_forces_with_their_sizes_and_no_invented_facts(db: None) -> None:
    load_demo()
    sizes = {force.name["en"]: force.size for force in Force.objects.all()}
    assert sizes == {"Collective Rapid Reaction Forces": 18_000, "Collective Peacekeeping Forces": 3_600,
                     "Collective Rapid Deployment Forces of the Central Asian region": 5_000}
    assert not Force.objects.filter(established_on__isnull=False).exists()
    assert not Contribution.objects.exists()
    assert len(call(None, "GET", "/forces").json()) == 3
    peacekeepers = Force.objects.get(size=3_600)
    body = page("observer", f"/forces/{peacekeepers.pk}/").content.decode()
    assert "day not known" in body
    assert "not given in the demo&#x27;s sources" in body
