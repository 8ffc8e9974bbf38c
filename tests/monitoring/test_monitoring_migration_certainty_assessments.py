"""The migration of an assessment's and a consultation's `certainty` column to its act's core provenance keeps
every mark the page showed: a certainty other than confirmed becomes the act's provenance of the assessment's
`summary` (the consultation's `grounds`) where the act carried none; back, the column says it again."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from migrating import kept_provenance, migrate

from accord.ledger.guard import acting

# Whatever a test leaves migrated, every app is at its latest migration after it.
pytestmark = pytest.mark.usefixtures("migrations_restored")

BEFORE = [("monitoring", "0005_value_series_index"), ("core", "0001_provenance")]
AFTER = [("monitoring", "0006_assessment_consultation_certainty_as_provenance")]
# Armenia's May 2021 request, as the demo recorded it: its day uncertain (the act's provenance), the column too.
DAY_UNCERTAIN = {"fields": {"requested_on": {"certainty": "uncertain", "note": {"en": "Only the month"}}}}


@pytest.mark.django_db(transaction=True)
def test_every_assessments_and_consultations_certainty_is_kept_as_its_acts_provenance_and_comes_back() -> None:
    old = migrate(BEFORE)
    with acting("test: rows as the old schema held them"):
        _old_rows(old)

    new = migrate(AFTER)
    assert kept_provenance(new) == {
        20: (20, {"fields": {"summary": {"certainty": "reported"}}}),
        21: (21, {"fields": {"summary": {"certainty": "illustrative"}}}),
        # 22: confirmed, marked nowhere
        30: (30, DAY_UNCERTAIN),  # its own provenance stands: the column stood in only without one
        31: (31, {"fields": {"grounds": {"certainty": "reported"}}}),
        # 32: confirmed
    }
    assert not hasattr(new.get_model("monitoring", "Assessment")(), "certainty")
    assert not hasattr(new.get_model("monitoring", "Consultation")(), "certainty")

    back = migrate(BEFORE)
    assessments = back.get_model("monitoring", "Assessment").objects.order_by("entry_seq")
    assert [(row.entry_seq, row.certainty) for row in assessments] == [
        (20, "reported"), (21, "illustrative"), (22, "confirmed")]
    consultations = back.get_model("monitoring", "Consultation").objects.order_by("entry_seq")
    assert [(row.entry_seq, row.certainty) for row in consultations] == [
        (30, "uncertain"), (31, "reported"), (32, "confirmed")]


def _old_rows(old: Any) -> None:
    model = old.get_model
    for code in ("ARM", "KGZ"):
        model("members", "Member").objects.create(code=code, official_name=[])
    theme = model("monitoring", "Theme").objects.create(name=[["en", "Sanctions"]], description=[],
                                                        kind="cross_cutting", entry_seq=1)
    for seq, certainty in ((20, "reported"), (21, "illustrative"), (22, "confirmed")):
        model("monitoring", "Assessment").objects.create(
            theme=theme, author="secretariat", level="low", summary=[["en", "Calm"]], changes=[],
            assessed_on=dt.date(2022, 5, 16), sources="" if certainty != "confirmed" else "A source",
            certainty=certainty, entry_seq=seq)
    for seq, member, certainty in ((30, "ARM", "uncertain"), (31, "KGZ", "reported"), (32, "KGZ", "confirmed")):
        model("monitoring", "Consultation").objects.create(
            theme=theme, kind="request", origin="theme", member_id=member, grounds=[["en", "A threat"]],
            requested_on=dt.date(2021, 5, 1), certainty=certainty, status="requested", outcome_text=[],
            entry_seq=seq)
    model("core", "Provenance").objects.create(entry_seq=30, recorded_seq=30, data=DAY_UNCERTAIN)
