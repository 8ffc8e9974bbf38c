"""SQLite served by several processes (settings.FOLLOW_LOG, set by `accord serve --workers N`): each process
reads from the log the acts the others committed and hands them to its own live streams, once each.

The other process is a real one: a Python child on the test's own database file, committing an act through
its action. On PostgreSQL the processes hear each other by NOTIFY (tests/core/test_events.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from django.core.management import call_command
from django.db import connection
from pytest_django import Settings
from test_events import READ_TIMEOUT, Delivered, arrived, promote_delegate

from accord.core import events
from accord.core.history import event_for_entry
from accord.ledger import log

pytestmark = [
    pytest.mark.usefixtures("committed_organization"),
    pytest.mark.skipif("connection.vendor != 'sqlite'", reason="SQLite only: PostgreSQL's processes use NOTIFY"),
]

ANOTHER_PROCESS = """
import django
django.setup()
from accord.core.acting import Actor
from accord.members import actions
from accord.members.models import Person
head = Person.objects.select_related("member").get(username="arm.head")
actions.change_role(actor=Actor(person=head), person="arm.delegate", role="{role}")
"""


def act_in_another_process(role: str) -> int:
    """An act committed by another process on this test's database file; its sequence number."""
    env = {**os.environ, "ACCORD_DATABASE_URL": f"sqlite:///{connection.settings_dict['NAME']}",
           "DJANGO_SETTINGS_MODULE": "accord.settings"}
    subprocess.run([sys.executable, "-c", ANOTHER_PROCESS.format(role=role)], env=env, check=True,
                   timeout=120, capture_output=True)
    return log.size() - 1


@pytest.fixture
def following(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Delivered]:
    """What this process's broker hands to its streams, while it follows the log."""
    settings.FOLLOW_LOG = True
    seen = Delivered()
    first = log.size()
    monkeypatch.setattr(events.broker, "deliver", lambda event: seen.add(event) if event.id >= first else None)
    assert events.broker.listen(timeout=READ_TIMEOUT), "the follower did not start"
    yield seen
    events.broker.stop()


def followed_past(seq: int) -> None:
    """Wait until the follower has read the log up to `seq` (within READ_TIMEOUT)."""
    with events.broker.followed_to_changed:
        assert events.broker.followed_to_changed.wait_for(
            lambda: (events.broker.followed_to or -1) >= seq, timeout=READ_TIMEOUT), "the follower stopped"


def test_an_act_of_another_process_reaches_this_ones_streams(following: Delivered) -> None:
    seq = act_in_another_process("liaison")
    [event] = arrived(following, 1)
    assert event == event_for_entry(seq)
    assert (event.type, event.actor, event.body["role"]) == ("members.role_changed", "arm.head", "liaison")


def test_this_processs_own_acts_are_handed_over_once(following: Delivered) -> None:
    own = [promote_delegate() for _ in range(3)]
    followed_past(own[-1])
    assert [event.id for event in following] == own  # on commit, and not again when the follower read them


def test_acts_of_both_processes_arrive_each_once(following: Delivered) -> None:
    mine = promote_delegate()
    theirs = act_in_another_process("delegate")
    after = promote_delegate()
    followed_past(after)
    assert sorted(event.id for event in following) == [mine, theirs, after]


def test_a_follower_not_asked_for_reads_nothing(settings: Settings) -> None:
    settings.FOLLOW_LOG = False
    assert events.broker.listen(timeout=READ_TIMEOUT)  # nothing to wait for: one process hears its own acts
    assert events.broker.followed_to is None


def test_serving_several_processes_on_sqlite_has_each_follow_the_log(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: started.append(options))
    monkeypatch.setenv("ACCORD_FOLLOW_LOG", "off")  # restored afterwards, whatever the command sets
    call_command("serve", port=8125)
    assert os.environ["ACCORD_FOLLOW_LOG"] == "off"  # one process hears its own acts
    call_command("serve", port=8125, workers=2)
    assert os.environ["ACCORD_FOLLOW_LOG"] == "on"  # read by each worker's settings as it starts
    assert [options["workers"] for options in started] == [1, 2]
