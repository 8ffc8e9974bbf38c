"""How each monitoring act is replayed from the log (see accord.core.replay)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from accord.core import replay
from accord.core.acting import Actor, Signed
from accord.core.replay import Body, Statement
from accord.core.replaying import ReplayRefused
from accord.monitoring import actions

# A theme's classification is the statement's, not a field of its body.
replay.declare("monitoring.theme_configured", lambda a, s, b, st: actions.configure_theme(
    actor=a, signed=s, name=b["name"], description=b["description"], kind=b["kind"], owner_body=b["owner_body"],
    classification=st["classification"]))

replay.declare("monitoring.followed", lambda a, s, b, st: actions.follow_theme(
    actor=a, signed=s, theme=b["theme"], member=b["member"], following=b["following"]))

# An entry written before assessments' and consultations' certainty was the act's provenance (migration 0006)
# says `certainty` in its body.
replay.declare("monitoring.assessed", lambda a, s, b, st: actions.assess_theme(
    actor=a, signed=s, theme=b["theme"], author=b["author"], level=b["level"], summary=b["summary"],
    changes=b["changes"], assessed_on=b["assessed_on"], sources=b["sources"], logged_certainty=b.get("certainty")))

replay.declare("monitoring.member_reported", lambda a, s, b, st: actions.report_on_theme(
    actor=a, signed=s, theme=b["theme"], member=b["member"], level=b["level"], summary=b["summary"],
    changes=b["changes"], assessed_on=b["assessed_on"], sources=b["sources"], logged_certainty=b.get("certainty")))

replay.declare("monitoring.statement_tagged", lambda a, s, b, st: actions.tag_statement(
    actor=a, signed=s, theme=b["theme"], statement=b["statement"]))

replay.declare("monitoring.indicator_defined", lambda a, s, b, st: actions.define_indicator(
    actor=a, signed=s, theme=b["theme"], name=b["name"], unit=b["unit"], frequency=b["frequency"],
    reporters=b["reporters"], warning=b["warning"], alert=b["alert"], classification=st["classification"]))

# An entry written before values' certainty was the act's provenance says `illustrative` in its body.
replay.declare("monitoring.value_reported", lambda a, s, b, st: actions.report_value(
    actor=a, signed=s, indicator=b["indicator"], member=b["member"], value=b["value"], as_of=b["as_of"],
    source=b["source"], corrects=b["corrects"], logged_illustrative=b.get("illustrative")))


def _no_alone(act_type: str) -> replay.Replayer:
    """An act recorded only as a step of another (an alert by the value that raised it): the act before it
    in the log records it again, so its own entry is never the start of an act."""
    def refuse(a: Actor, s: Signed | None, b: Body, st: Statement) -> None:
        raise ReplayRefused(None, f"{act_type} is recorded by the act before it, never alone")

    return refuse


replay.declare("monitoring.alert_raised", _no_alone("monitoring.alert_raised"))

replay.declare("monitoring.consultations_requested", lambda a, s, b, st: actions.request_consultations(
    actor=a, signed=s, theme=b["theme"], member=b["member"], kind=b["kind"], alert=b["alert"],
    grounds=b["grounds"], requested_on=b["requested_on"], logged_certainty=b.get("certainty")))

replay.declare("monitoring.consultations_acknowledged", lambda a, s, b, st: actions.acknowledge_consultations(
    actor=a, signed=s, consultation=b["consultation"]))

replay.declare("monitoring.consultations_scheduled", lambda a, s, b, st: actions.schedule_consultations(
    actor=a, signed=s, consultation=b["consultation"], form=b["form"], session=b["session"],
    written_until=b["written_until"]))

replay.declare("monitoring.consultations_concluded", lambda a, s, b, st: actions.conclude_consultations(
    actor=a, signed=s, consultation=b["consultation"], outcome=b["outcome"], text=b["text"],
    concluded_on=b["concluded_on"]))

replay.declare("monitoring.consultations_escalated", _no_alone("monitoring.consultations_escalated"))


def _filed_from_consultations(statements: Sequence[Statement]) -> bool:
    filed, escalated = (st.get("body") or {} for st in statements)
    return (escalated.get("consultation") is not None and filed.get("legal_basis") == "consultations"
            and statements[0].get("actor") == statements[1].get("actor"))


def _escalate(a: Actor, s: Signed | None, statements: Sequence[Statement]) -> Any:
    filed, escalated = (st.get("body") or {} for st in statements)
    return actions.escalate_consultations(actor=a, consultation=escalated["consultation"],
                                          happened=filed["happened"], area=filed["area"],
                                          asks_for=filed["asks_for"])


replay.declare_compound(("crises.request_filed", "monitoring.consultations_escalated"), _escalate,
                        _filed_from_consultations)

replay.declare("monitoring.alert_mail_chosen", lambda a, s, b, st: actions.choose_alert_mail(
    actor=a, signed=s, wanted=b["wanted"], address=b["address"]))
