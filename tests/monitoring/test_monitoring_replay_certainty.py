"""A log written while an assessment's and a consultation's certainty was a column of its own (before migration
0006) replays and audits sound: its entries say `certainty` in their bodies, and the replay keeps it as the act's
provenance, as the migration carried the column over."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.db import connection
from monitoring_world import actor, afghan_direction
from pytest_django import Settings

from accord.core import provenance
from accord.core.audit import audit
from accord.core.models import Provenance
from accord.ledger.models import Entry
from accord.monitoring import actions
from accord_verify import entries

pytestmark = pytest.mark.usefixtures("monitoring_organization")

SUMMARY = {"ru": "Вооружённые группы у границы", "en": "Armed groups near the border"}
MONTH_ONLY = {"fields": {"requested_on": {"certainty": "uncertain", "note": {"en": "Only the month"}}}}


def _as_written_before(seq: int, certainty: str) -> None:
    """The entry as it was written before 0006: `certainty` in its body, a provenance only where the act gave
    one of its own (not one its column stood in for)."""
    entry = Entry.objects.get(seq=seq)
    data = json.loads(entry.data)
    body = data["statement"]["body"]
    body["certainty"] = certainty
    if body.get("provenance") == {"fields": {"summary": {"certainty": certainty}}}:
        del body["provenance"]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE ledger_entry SET data = %s WHERE seq = %s",
                       [entries.canonical(data).decode(), seq])


def test_an_older_log_with_certainty_columns_replays_with_the_marks_as_provenance(
        settings: Settings, tmp_path: Path) -> None:
    theme = afghan_direction()
    with provenance.given({"fields": {"summary": "reported"}}):
        reported = actions.report_on_theme(actor=actor("kaz.head"), theme=theme.pk, member="KAZ", level="high",
                                           summary=SUMMARY, assessed_on="2022-05-16")
    confirmed = actions.assess_theme(actor=actor("secretariat"), theme=theme.pk, author="secretariat",
                                     level="low", summary=SUMMARY, sources="Joint Staff", assessed_on="2022-05-17")
    with provenance.given(MONTH_ONLY):
        armenia = actions.request_consultations(actor=actor("arm.head"), theme=theme.pk, member="ARM",
                                                grounds={"ru": "Вторжение", "en": "Incursion"},
                                                requested_on="2021-05-01")
    _as_written_before(reported.entry_seq, "reported")
    _as_written_before(confirmed.entry_seq, "confirmed")
    _as_written_before(armenia.entry_seq, "uncertain")
    # What migration 0006 leaves: the report's mark (carried over from its column), Armenia's own provenance.
    assert {row.entry_seq: row.data for row in Provenance.objects.all()} == {
        reported.entry_seq: {"fields": {"summary": {"certainty": "reported"}}},
        armenia.entry_seq: MONTH_ONLY}

    settings.VAR_DIR = tmp_path
    report = audit()

    assert report.refused is None
    assert report.differences == []
