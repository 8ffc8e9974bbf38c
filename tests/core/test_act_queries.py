"""What one signed act costs in queries, as POST /api/v1/acts runs it: each thing it needs read once.

Counted, not timed (bench/ledger.py times it): the signing key, the signer and the person it concerns, the
signer's standing, each read once in the act; the search entry written from what the act has read.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from nacl.signing import SigningKey as PrivateKey
from test_signed_acts import envelope, promote

from accord.ledger import log

pytestmark = pytest.mark.usefixtures("organization")


def _queries_of_one_act(key: PrivateKey) -> list[str]:
    payload = envelope(promote(), key)
    client = Client()
    with CaptureQueriesContext(connection) as captured:
        answer = client.post("/api/v1/acts", data=json.dumps(payload), content_type="application/json")
    assert answer.status_code == 201, answer.json()
    return [str(query["sql"]) for query in captured.captured_queries]


def _reads(queries: list[str]) -> Counter[str]:
    """How many SELECTs read each table (a subquery's table counted with its query)."""
    found: Counter[str] = Counter()
    for sql in queries:
        if sql.lstrip().upper().startswith("SELECT"):
            found.update({table for table in re.findall(r'FROM "(\w+)"', sql)})
    return found


def test_a_signed_act_reads_each_thing_once(keys: dict[str, Any]) -> None:
    _queries_of_one_act(keys["arm.head"])  # the first act warms what a process reads once
    size = log.size()
    queries = _queries_of_one_act(keys["arm.head"])
    assert log.size() == size + 1
    # The signing key with its person and member and the log's size, at the door (not again in the act:
    # nothing was recorded in between); the log's head, locked; the person whose role changes; the signer's
    # member's standing. Nothing else is read: the search entry is written from what the act has read.
    assert _reads(queries) == {"members_signingkey": 1, "ledger_head": 2, "members_person": 1,
                               "members_membershipevent": 1}, queries
    # A statement run for several rows at once is logged as "N times: <its SQL>".
    statements = [re.sub(r"^\d+ times: ", "", sql) for sql in queries]
    writes = [sql.split()[0].upper() + " " + sql.split()[2 if sql.startswith("INSERT") else 1].strip('"')
              for sql in statements if sql.split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    assert writes == ["UPDATE members_person", "INSERT ledger_entry", "INSERT ledger_node", "UPDATE ledger_head",
                      "INSERT ledger_checkpoint", "INSERT search_searchentry"], queries


def test_a_key_revoked_between_the_door_and_the_act_is_refused(keys: dict[str, Any]) -> None:
    """The act takes the key the door read only while the log has not grown since: a key revoked in between
    (an act, so the log grew) is read again in the act's transaction, and refused."""
    from accord.core import signed as signed_acts
    from accord.core.acting import Actor, Signed
    from accord.core.errors import SignatureRefused
    from accord.members import actions
    from accord.members.models import Person

    stmt = promote()
    line = envelope(stmt, keys["arm.head"])["signature"]
    signer = signed_acts.signer_of(stmt, line["key"], line["sig"])  # the door: the key is good now
    actions.revoke_key(actor=Actor.console(), key_id=line["key"], reason="lost")
    size = log.size()
    with pytest.raises(SignatureRefused):
        signed_acts.submit(Actor(person=signer), stmt, Signed(key=line["key"], sig=line["sig"],
                                                              nonce=stmt["nonce"], statement=stmt))
    assert log.size() == size
    assert Person.objects.get(username="arm.delegate").role != "liaison"
