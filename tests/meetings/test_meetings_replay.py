"""The meetings' small world replays from its log to the state it keeps (accord.core.audit).

Its members-only session has a bilateral asked for as public: the entry records it members-only (never
more open than the session), and the replay must still ask for what the delegation asked for.
"""

from __future__ import annotations

import meetings_world

from accord.core.audit import audit
from accord.meetings.models import Bilateral


def test_the_world_replays_to_the_state_it_keeps(world: meetings_world.World) -> None:
    assert Bilateral.objects.filter(classification="public", session__classification="members").exists()
    report = audit()
    assert report.refused is None
    assert report.differences == []
