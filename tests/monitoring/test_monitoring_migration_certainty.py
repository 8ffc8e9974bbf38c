"""The migration of a value's `illustrative` column to its act's core provenance keeps every mark: an
illustrative value's entry gets the certainty of its `value` (added to a provenance its act carried), the
others none; back, the column says it again."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from migrating import kept_provenance, migrate

from accord.ledger.guard import acting

# Whatever a test leaves migrated, every app is at its latest migration after it.
pytestmark = pytest.mark.usefixtures("migrations_restored")

BEFORE = [("monitoring", "0003_alerts_consultations"), ("core", "0001_provenance")]
AFTER = [("monitoring", "0004_value_certainty_as_provenance")]
SOURCED = {"sources": [{"title": "National statistics", "fields": ["source"]}],
           "fields": {"source": {"certainty": "confirmed"}}}


@pytest.mark.django_db(transaction=True)
def test_every_illustrative_value_keeps_its_mark_as_its_acts_provenance_and_gets_it_back() -> None:
    old = migrate(BEFORE)
    with acting("test: rows as the old schema held them"):
        _old_rows(old)

    new = migrate(AFTER)
    assert kept_provenance(new) == {
        10: (10, {"fields": {"value": {"certainty": "illustrative"}}}),
        # The act's own provenance, its source's certainty kept, the value's added.
        11: (11, {**SOURCED, "fields": {"source": {"certainty": "confirmed"},
                                        "value": {"certainty": "illustrative"}}}),
        12: (12, SOURCED),  # a fact: nothing added
    }
    assert not hasattr(new.get_model("monitoring", "Value")(), "illustrative")

    back = migrate(BEFORE)
    values = back.get_model("monitoring", "Value").objects.order_by("entry_seq")
    assert [(row.entry_seq, row.illustrative) for row in values] == [
        (10, True), (11, True), (12, False), (13, False)]


def _old_rows(old: Any) -> None:
    model = old.get_model
    model("members", "Member").objects.create(code="KGZ", official_name=[])
    theme = model("monitoring", "Theme").objects.create(name=[["en", "Sanctions"]], description=[],
                                                        kind="cross_cutting", entry_seq=1)
    indicator = model("monitoring", "Indicator").objects.create(
        theme=theme, name=[["en", "Prices"]], unit="%", frequency="monthly", reporters=["KGZ"], entry_seq=2)
    provenance = model("core", "Provenance").objects
    for seq, illustrative in ((10, True), (11, True), (12, False), (13, False)):
        model("monitoring", "Value").objects.create(
            indicator=indicator, member_id="KGZ", value="1.5", as_of=dt.date(2022, 5, 1), source="",
            illustrative=illustrative, reported_on=dt.date(2022, 5, 2), entry_seq=seq)
    provenance.create(entry_seq=11, recorded_seq=11, data=SOURCED)
    provenance.create(entry_seq=12, recorded_seq=12, data=SOURCED)
