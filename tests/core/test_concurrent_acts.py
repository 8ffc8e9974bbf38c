"""Two acts at once: each reads the state its own entry follows, so that the replay decides as it did.

Found by the crash campaign (reliability/check_crash.py, docs/reliability.md): on PostgreSQL two speakers
inscribed at the same moment both took the same place on the list, and `accord ledger audit` then found
that the replay records the second one's place differently.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from accord.core.acting import Actor, action, record
from accord.ledger import log
from accord.members.models import Person

pytestmark = pytest.mark.usefixtures("committed_organization")
WAIT = 3  # seconds: a bound on how long the first act waits for the second to read, never a measurement


def actor(handle: str) -> Actor:
    return Actor(person=Person.objects.select_related("member").get(username=handle))


def test_an_act_reads_the_state_only_once_the_act_before_it_has_committed() -> None:
    first_inside, second_read = threading.Event(), threading.Event()
    seen: dict[str, int] = {}

    @action
    def first_act(*, actor: Actor) -> None:
        first_inside.set()
        # Were the second act free to read now, it would tell us so before this one commits.
        second_read.wait(timeout=WAIT)
        record(type="test.first", actor=actor, body={})

    @action
    def second_act(*, actor: Actor) -> None:
        seen["size"] = log.size()  # what an action decides from: the state as it reads it
        second_read.set()
        record(type="test.second", actor=actor, body={"after": seen["size"]})

    def in_a_thread(act: object) -> threading.Thread:
        def run() -> None:
            try:
                act(actor=actor("secretariat"))  # type: ignore[operator]
            finally:
                connection.close()

        thread = threading.Thread(target=run)
        thread.start()
        return thread

    before = log.size()
    one = in_a_thread(first_act)
    assert first_inside.wait(timeout=WAIT)
    two = in_a_thread(second_act)
    one.join()
    two.join()
    # The second act read the state only after the first had committed its entry.
    assert seen["size"] == before + 1
    assert log.size() == before + 2
