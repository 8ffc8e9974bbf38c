"""How each exercises act is replayed from the log (see accord.core.replay)."""

from __future__ import annotations

from accord.core import replay
from accord.exercises import actions

replay.declare("exercises.plan_adopted", lambda a, s, b, st: actions.adopt_plan(
    actor=a, signed=s, year=b["year"], proposal=b["proposal"], decision_reference=b["decision_reference"]))

# An exercise's classification is the statement's, not a field of its body.
replay.declare("exercises.planned", lambda a, s, b, st: actions.plan_exercise(
    actor=a, signed=s, name=b["name"], kind=b["kind"], host=b["host"], ground=b["ground"],
    planned_start=b["planned_start"], planned_end=b["planned_end"], forces_exercised=b["forces_exercised"],
    stages=b["stages"], scenario=b["scenario"], objectives=b["objectives"], lead=b["lead"],
    observers=b["observers"], classification=st["classification"]))

replay.declare("exercises.confirmed", lambda a, s, b, st: actions.confirm_exercise(
    actor=a, signed=s, exercise=b["exercise"], on=b["on"]))

replay.declare("exercises.held", lambda a, s, b, st: actions.record_held(
    actor=a, signed=s, exercise=b["exercise"], actual_start=b["actual_start"], actual_end=b["actual_end"]))

replay.declare("exercises.postponed", lambda a, s, b, st: actions.postpone_exercise(
    actor=a, signed=s, exercise=b["exercise"], planned_start=b["planned_start"], planned_end=b["planned_end"],
    reason=b["reason"], on=b["on"]))

replay.declare("exercises.moved", lambda a, s, b, st: actions.move_exercise(
    actor=a, signed=s, exercise=b["exercise"], host=b["host"], ground=b["ground"], reason=b["reason"], on=b["on"]))

replay.declare("exercises.cancelled", lambda a, s, b, st: actions.cancel_exercise(
    actor=a, signed=s, exercise=b["exercise"], reason=b["reason"], on=b["on"]))

replay.declare("exercises.participation_declared", lambda a, s, b, st: actions.declare_participation(
    actor=a, signed=s, exercise=b["exercise"], member=b["member"], participation=b["status"], force=b["force"],
    units=b["units"], personnel=b["personnel"], equipment=b["equipment"], reason=b["reason"], on=b["on"],
    acknowledged=b.get("acknowledged", False)))

replay.declare("exercises.date_claimed", lambda a, s, b, st: actions.record_date_claim(
    actor=a, signed=s, exercise=b["exercise"], source=b["source"], first=b["first"], last=b["last"],
    used=b["used"]))

replay.declare("exercises.objective_assessed", lambda a, s, b, st: actions.assess_objective(
    actor=a, signed=s, exercise=b["exercise"], objective=b["objective"], rating=b["rating"],
    findings=b["findings"]))

replay.declare("exercises.lesson_recorded", lambda a, s, b, st: actions.record_lesson(
    actor=a, signed=s, exercise=b["exercise"], text=b["text"]))
