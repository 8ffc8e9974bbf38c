"""How each monitoring act is replayed from the log (see accord.core.replay)."""

from __future__ import annotations

from accord.core import replay
from accord.monitoring import actions

# A theme's classification is the statement's, not a field of its body.
replay.declare("monitoring.theme_configured", lambda a, s, b, st: actions.configure_theme(
    actor=a, signed=s, name=b["name"], description=b["description"], kind=b["kind"], owner_body=b["owner_body"],
    classification=st["classification"]))

replay.declare("monitoring.followed", lambda a, s, b, st: actions.follow_theme(
    actor=a, signed=s, theme=b["theme"], member=b["member"], following=b["following"]))

replay.declare("monitoring.assessed", lambda a, s, b, st: actions.assess_theme(
    actor=a, signed=s, theme=b["theme"], author=b["author"], level=b["level"], summary=b["summary"],
    changes=b["changes"], assessed_on=b["assessed_on"], sources=b["sources"], certainty=b["certainty"]))

replay.declare("monitoring.member_reported", lambda a, s, b, st: actions.report_on_theme(
    actor=a, signed=s, theme=b["theme"], member=b["member"], level=b["level"], summary=b["summary"],
    changes=b["changes"], assessed_on=b["assessed_on"], sources=b["sources"], certainty=b["certainty"]))

replay.declare("monitoring.statement_tagged", lambda a, s, b, st: actions.tag_statement(
    actor=a, signed=s, theme=b["theme"], statement=b["statement"]))

replay.declare("monitoring.indicator_defined", lambda a, s, b, st: actions.define_indicator(
    actor=a, signed=s, theme=b["theme"], name=b["name"], unit=b["unit"], frequency=b["frequency"],
    reporters=b["reporters"], warning=b["warning"], alert=b["alert"], classification=st["classification"]))

replay.declare("monitoring.value_reported", lambda a, s, b, st: actions.report_value(
    actor=a, signed=s, indicator=b["indicator"], member=b["member"], value=b["value"], as_of=b["as_of"],
    source=b["source"], illustrative=b["illustrative"], corrects=b["corrects"]))
