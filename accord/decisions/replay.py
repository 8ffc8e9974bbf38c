"""How each decisions act is replayed from the log (see accord.core.replay)."""

from __future__ import annotations

from accord.core import replay
from accord.core.translations import legacy_texts
from accord.decisions import actions

replay.declare_signed("decisions.position_lodged", "decisions.acceded")

replay.declare("decisions.scheme_configured", lambda a, s, b, st: actions.configure_identifiers(
    actor=a, signed=s, scheme=b["scheme"], number_format=b["number_format"]))

# A proposal's classification and audience are the statement's, not fields of its body; its title is
# `title` ({language: text}), or `title_en`/`title_ru` in entries written before.
replay.declare("decisions.proposed", lambda a, s, b, st: actions.propose(
    actor=a, signed=s, title=legacy_texts(b, "title"), text=b["text"], document=b["document"],
    body=b["body"], sponsors=b["sponsors"], classification=st["classification"], audience=st.get("audience")))

replay.declare("decisions.procedure_opened", lambda a, s, b, st: actions.open_procedure(
    actor=a, signed=s, proposal=b["proposal"], kind=b["kind"], deadline=b["deadline"], opened_at=b["opened_at"],
    quorum=b["quorum"], threshold=b["threshold"], session=b["session"]))

replay.declare("decisions.closed", lambda a, s, b, st: actions.close_procedure(
    actor=a, signed=s, proposal=b["proposal"], on=b["on"], returned_for_revision=b["outcome"] == "returned",
    reason=b["reason"]))

replay.declare("decisions.revised", lambda a, s, b, st: actions.revise(
    actor=a, signed=s, proposal=b["proposal"], text=b["text"], reason=b["reason"]))

replay.declare("decisions.withdrawn", lambda a, s, b, st: actions.withdraw(
    actor=a, signed=s, proposal=b["proposal"], reason=b["reason"]))
