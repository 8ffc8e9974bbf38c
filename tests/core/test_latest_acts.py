"""Reading the latest acts back from the log: page after page, each a query with LIMIT, never the whole log
(the dashboard under load, reliability/check_load.py)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.core import history
from accord.core.acting import Actor
from accord.ledger import log
from accord.members import actions

pytestmark = pytest.mark.usefixtures("organization")


def more_entries(count: int) -> None:
    for n in range(count):
        actions.add_person(actor=Actor.console(), username=f"history{n}", full_name=f"Observer {n}",
                           role="observer")


def entry_reads(captured: CaptureQueriesContext) -> list[str]:
    return [str(q["sql"]) for q in captured.captured_queries if '"ledger_entry"' in str(q["sql"])]


def test_the_latest_acts_are_read_with_a_limit_not_a_cursor_over_the_log() -> None:
    more_entries(30)
    with CaptureQueriesContext(connection) as captured:
        latest = history.latest_events(5)
    size = log.size()
    assert [event.id for event in latest] == list(range(size - 1, size - 6, -1))
    reads = entry_reads(captured)
    assert len(reads) == 1
    assert "LIMIT 5" in reads[0]
    assert "DECLARE" not in reads[0].upper()


def test_acts_out_of_scope_are_skipped_page_after_page(monkeypatch: pytest.MonkeyPatch) -> None:
    more_entries(30)
    monkeypatch.setattr(history, "BATCH", 4)
    # Only every third act in scope (as a drill's acts are out of the real pages' scope).
    monkeypatch.setattr(history, "in_scope", lambda event: event.id % 3 == 0)
    size = log.size()
    every = [seq for seq in range(size) if seq % 3 == 0]
    assert [event.id for event in history.latest_events(6)] == sorted(every, reverse=True)[:6]
    assert [event.id for event in history.events_after(2, limit=5)] == [seq for seq in every if seq > 2][:5]
    assert [event.id for event in history.events_after(size - 8, limit=50, before=size - 1)] == [
        seq for seq in every if size - 8 < seq < size - 1]
