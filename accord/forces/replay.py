"""How each standing forces act is replayed from the log (see accord.core.replay)."""

from __future__ import annotations

from accord.core import replay
from accord.forces import actions

# A force's classification is the statement's, not a field of its body.
replay.declare("forces.established", lambda a, s, b, st: actions.establish_force(
    actor=a, signed=s, name=b["name"], purpose=b["purpose"], size=b["size"],
    established_on=b["established_on"], proposal=b["proposal"], decision_reference=b["decision_reference"],
    source=b["source"], classification=st["classification"]))

replay.declare("forces.contribution_declared", lambda a, s, b, st: actions.declare_contribution(
    actor=a, signed=s, force=b["force"], member=b["member"], capability=b["capability"], units=b["units"],
    personnel=b["personnel"], equipment=b["equipment"], reported=b["reported"], note=b["note"],
    declared_on=b["declared_on"]))
