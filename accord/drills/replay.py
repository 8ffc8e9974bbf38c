"""How each drills act is replayed from the log (see accord.core.replay)."""

from __future__ import annotations

from accord.core import replay
from accord.drills import actions

replay.declare("drills.planned", lambda a, s, b, st: actions.plan_drill(
    actor=a, signed=s, name=b["name"], scenario=b["scenario"], kind=b["kind"], starts_at=b["starts_at"],
    illustrative=b["illustrative"]))
replay.declare("drills.inject_scheduled", lambda a, s, b, st: actions.schedule_inject(
    actor=a, signed=s, drill=b["drill"], at=b["at"], kind=b["kind"], member=b["member"], text=b["text"]))
replay.declare("drills.inject_fired", lambda a, s, b, st: actions.fire_inject(
    actor=a, signed=s, inject=b["inject"], unattended=bool(b.get("unattended"))))
replay.declare("drills.ended", lambda a, s, b, st: actions.end_drill(actor=a, signed=s, drill=b["drill"]))
replay.declare("drills.target_set", lambda a, s, b, st: actions.set_target(
    actor=a, signed=s, figure=b["figure"], hours=b["hours"]))
