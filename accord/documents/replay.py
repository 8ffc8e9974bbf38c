"""How each documents act is replayed from the log (see accord.core.replay)."""

from __future__ import annotations

from accord.core import replay
from accord.core.translations import legacy_texts
from accord.documents import actions

# A document's classification and audience are the statement's, not fields of its body. Its title is an
# object by language, or, in entries written before, the `title_en`, `title_ru` pair.
replay.declare("documents.created", lambda a, s, b, st: actions.create_document(
    actor=a, kind=b["kind"], title=legacy_texts(b, "title"), texts=b["texts"],
    authentic=b["authentic"], classification=st["classification"], audience=st.get("audience", []),
    signatories=b["signatories"], force_rule=b["force_rule"], force_count=b["force_count"],
    force_date=b["force_date"]))
replay.declare("documents.version_added", lambda a, s, b, st: actions.add_version(
    actor=a, document=b["document"], texts=b["texts"], authentic=b["authentic"], note=b["note"]))
replay.declare("documents.amendment_proposed", lambda a, s, b, st: actions.propose_amendment(
    actor=a, document=b["document"], version=b["version"], language=b["language"], paragraph=b["paragraph"],
    text=b["text"], reason=b["reason"]))
replay.declare("documents.amendment_accepted", lambda a, s, b, st: actions.accept_amendment(
    actor=a, amendment=b["amendment"]))
replay.declare("documents.amendment_rejected", lambda a, s, b, st: actions.reject_amendment(
    actor=a, amendment=b["amendment"], reason=b["reason"]))
replay.declare("documents.adopted", lambda a, s, b, st: actions.adopt_version(
    actor=a, document=b["document"], version=b["version"], decision=b["decision"], adopted_on=b["adopted_on"]))
# A head's signature over the adopted version's hash is in the body: the action checks it again. Its place
# is an object by language, or, in entries written before, a plain text (the default language's).
replay.declare("documents.signed", lambda a, s, b, st: actions.sign_document(
    actor=a, document=b["document"], version=b["version"], key_id=b["key"], signature=b["signature"],
    signed_on=b["signed_on"], place=legacy_texts(b, "place"), reservations=b["reservations"]))
# A treaty step's reference and a notification's subject and text: an object by language, or a plain text
# (in the organization's default language) in entries written before.
replay.declare("documents.step_recorded", lambda a, s, b, st: actions.record_step(
    actor=a, document=b["document"], member=b["member"], kind=b["kind"], on=b["on"],
    reference=legacy_texts(b, "reference")))
replay.declare("documents.notified", lambda a, s, b, st: actions.notify(
    actor=a, document=b["document"], on=b["on"], subject=legacy_texts(b, "subject"),
    text=legacy_texts(b, "text")))
