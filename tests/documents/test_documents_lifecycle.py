"""Properties of the treaty status table: a pure function of the records and the day."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given
from hypothesis import strategies as st

from accord.documents.lifecycle import SignatureFact, StepFact, Treaty, status_table

MEMBERS = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")
days = st.dates(min_value=dt.date(1992, 1, 1), max_value=dt.date(2030, 12, 31))
signatures = st.lists(st.builds(SignatureFact, st.sampled_from(MEMBERS), days, st.booleans()), max_size=8)
KINDS = ["signed", "ratification", "accession", "provisional", "in_force", "denounced", "ceased"]
steps = st.lists(st.builds(StepFact, st.sampled_from(MEMBERS), st.sampled_from(KINDS), days), max_size=10)
rules = st.sampled_from(["on_signature", "after_instruments", "on_date", "on_deposit"])


def _treaty(rule: str, count: int, date: dt.date, signed: list[SignatureFact], taken: list[StepFact]) -> Treaty:
    return Treaty(signatories=MEMBERS, rule=rule, count=count, date=date, signatures=signed, steps=taken)


@given(rules, st.integers(1, 6), days, signatures, steps, days, st.randoms())
def test_the_table_never_depends_on_the_order_of_records(
        rule: str, count: int, date: dt.date, signed: list[SignatureFact], taken: list[StepFact], today: dt.date,
        rnd: random.Random) -> None:
    shuffled_signed, shuffled_taken = list(signed), list(taken)
    rnd.shuffle(shuffled_signed)
    rnd.shuffle(shuffled_taken)
    assert status_table(_treaty(rule, count, date, signed, taken), today) == \
        status_table(_treaty(rule, count, date, shuffled_signed, shuffled_taken), today)


@given(rules, st.integers(1, 6), days, signatures, steps, days)
def test_records_dated_after_today_change_nothing(
        rule: str, count: int, date: dt.date, signed: list[SignatureFact], taken: list[StepFact],
        today: dt.date) -> None:
    past = [s for s in signed if s.on <= today], [s for s in taken if s.on <= today]
    assert status_table(_treaty(rule, count, date, signed, taken), today) == \
        status_table(_treaty(rule, count, date, *past), today)


@given(st.integers(1, 6), signatures, steps, days)
def test_after_instruments_nobody_is_bound_before_the_nth_instrument(
        count: int, signed: list[SignatureFact], taken: list[StepFact], today: dt.date) -> None:
    taken = [s for s in taken if s.kind != "in_force"]  # the rule alone (a recorded entry into force stands)
    table = status_table(_treaty("after_instruments", count, today, signed, taken), today)
    if table.instruments < count:
        assert table.in_force_on is None
        assert all(row.in_force_on is None for row in table.rows)
    for row in table.rows:
        if row.in_force_on is not None:
            assert row.instrument_on is not None
            assert row.instrument_on <= row.in_force_on <= today


@given(rules, st.integers(1, 6), days, signatures, steps, days)
def test_a_ratification_treaty_binds_only_states_that_deposited(
        rule: str, count: int, date: dt.date, signed: list[SignatureFact], taken: list[StepFact],
        today: dt.date) -> None:
    if rule == "on_signature":
        return
    # ... or whose entry into force the depositary recorded (an instrument whose day the record lacks).
    recorded = {s.member for s in taken if s.kind == "in_force" and s.on <= today}
    for row in status_table(_treaty(rule, count, date, signed, taken), today).rows:
        assert row.in_force_on is None or row.instrument_on is not None or row.member in recorded


def test_the_collective_security_treaty_entered_into_force_on_its_date() -> None:
    treaty = Treaty(signatories=("RUS", "KAZ"), rule="on_date", date=dt.date(1994, 4, 20),
                    signatures=[SignatureFact("RUS", dt.date(1992, 5, 15)),
                                SignatureFact("KAZ", dt.date(1992, 5, 15))],
                    steps=[StepFact("RUS", "ratification", dt.date(1993, 1, 1))])
    before = status_table(treaty, dt.date(1994, 4, 19))
    after = status_table(treaty, dt.date(1994, 4, 20))
    assert [row.stage for row in before.rows] == ["instrument", "signed"]
    assert [row.stage for row in after.rows] == ["in_force", "signed"]


def test_a_state_that_did_not_extend_is_bound_no_more() -> None:
    treaty = Treaty(signatories=("AZE",), rule="on_date", date=dt.date(1994, 4, 20),
                    steps=[StepFact("AZE", "accession", dt.date(1993, 9, 24)),
                           StepFact("AZE", "ceased", dt.date(1999, 4, 20))])
    assert status_table(treaty, dt.date(1998, 1, 1)).rows[0].stage == "in_force"
    assert status_table(treaty, dt.date(1999, 4, 20)).rows[0].stage == "ceased"


def test_a_recorded_entry_into_force_binds_a_signatory_whose_instrument_is_not_in_the_record() -> None:
    treaty = Treaty(signatories=("RUS", "KAZ"), rule="on_date", date=dt.date(1994, 4, 20),
                    signatures=[SignatureFact("RUS", dt.date(1992, 5, 15)),
                                SignatureFact("KAZ", dt.date(1992, 5, 15))],
                    steps=[StepFact("RUS", "in_force", dt.date(1994, 4, 20)),
                           StepFact("KAZ", "in_force", dt.date(1994, 4, 20)),
                           StepFact("KAZ", "ceased", dt.date(1999, 4, 20))])
    assert [row.stage for row in status_table(treaty, dt.date(1994, 4, 19)).rows] == ["signed", "signed"]
    assert [row.stage for row in status_table(treaty, dt.date(1994, 4, 20)).rows] == ["in_force", "in_force"]
    assert [row.stage for row in status_table(treaty, dt.date(2022, 5, 16)).rows] == ["in_force", "ceased"]
