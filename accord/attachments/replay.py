"""How the attachments' acts are replayed from the log (see accord.core.replay).

An attached file is read back from the content-addressed store by the hash its entry names; when it is
missing, or its bytes no longer have that hash, the replay (and so `accord audit`) stops at that entry.
"""

from __future__ import annotations

from typing import Any

from accord.attachments import actions, store
from accord.core import replay
from accord.core.acting import Actor, Signed
from accord.core.replaying import ReplayRefused


def _attach(actor: Actor, signed: Signed | None, body: replay.Body, statement: replay.Statement) -> Any:
    del signed, statement  # an attachment is not a signed act; its classification is its target's
    check = store.check(str(body["sha256"]))
    if check.problem:
        raise ReplayRefused(None, f"the attached file {body['sha256']} ({body['name']}) is {check.problem}")
    content = store.read(str(body["sha256"]))
    assert content is not None
    return actions.attach(actor=actor, on=body["on"], target=body["target"], name=body["name"], content=content)


replay.declare("attachments.attached", _attach)
replay.declare("attachments.withdrawn", lambda a, s, b, st: actions.withdraw(actor=a, attachment=b["attachment"]))
