"""The workflow's rules, property-tested over plain data and, through the real actions, in the database."""

from __future__ import annotations

import datetime as dt
from typing import Any

from crises_fixtures import REQUEST, T0, actor
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from accord.core.errors import InvalidInput
from accord.crises import actions, rules
from accord.crises.catalogue import PHASE_CODES
from accord.crises.models import Phase

HOURS = st.integers(min_value=0, max_value=24 * 20)
ATTEMPTS = st.lists(st.tuples(st.sampled_from(PHASE_CODES), HOURS), max_size=25)


Case = tuple[list[tuple[str, int]], bool, int | None]  # the attempts, the pledge accepted, the decision's hour


@st.composite
def _steered(draw: st.DrawFn) -> Case:
    """An accepted pledge, a decision, then the phases in their order from the decision on (mostly past the
    arrival), with a few random attempts among them, which the rules may refuse or let through."""
    decision = draw(HOURS)
    past_arrival = st.integers(min_value=PHASE_CODES.index("arrived") + 1, max_value=len(PHASE_CODES))
    reached = draw(st.one_of(past_arrival, st.integers(min_value=0, max_value=len(PHASE_CODES))))
    after = st.integers(min_value=decision, max_value=decision + 24 * 20)
    hours = sorted(draw(st.lists(after, min_size=reached, max_size=reached)))
    attempts = list(zip(PHASE_CODES[:reached], hours, strict=True))
    for noise in draw(st.lists(st.tuples(st.sampled_from(PHASE_CODES), HOURS), max_size=3)):
        attempts.insert(draw(st.integers(min_value=0, max_value=len(attempts))), noise)
    return attempts, True, decision


# Random cases almost never record a departure (none in a thousand examples), so the rules about
# deploying would never be put to the test: most cases (three branches in four) are steered, the others
# random. `--hypothesis-show-statistics` shows how often a contingent departs and arrives.
RANDOM_CASE = st.tuples(ATTEMPTS, st.booleans(), st.one_of(st.none(), HOURS))
CASES: st.SearchStrategy[Case] = st.one_of(_steered(), _steered(), _steered(), RANDOM_CASE)


def apply(attempts: list[tuple[str, int]], *, accepted: bool, decision_at: dt.datetime | None
          ) -> dict[str, dt.datetime]:
    """Apply each attempt the rules allow, as record_phase does."""
    actuals: dict[str, dt.datetime] = {}
    for phase, hours in attempts:
        at = T0 + dt.timedelta(hours=hours)
        if rules.phase_refusal(actuals, phase, at, accepted=accepted, decision_at=decision_at) is None:
            actuals[phase] = at
    return actuals


@given(CASES)
def test_phases_come_in_order_and_none_arrives_before_its_national_authorization(case: Case) -> None:
    attempts, accepted, decision_hours = case
    decision_at = None if decision_hours is None else T0 + dt.timedelta(hours=decision_hours)
    actuals = apply(attempts, accepted=accepted, decision_at=decision_at)
    reached = [phase for phase in PHASE_CODES if phase in actuals]
    assert reached == list(PHASE_CODES[:len(reached)])
    times = [actuals[phase] for phase in reached]
    assert times == sorted(times)
    event("arrived" if "arrived" in actuals else "not arrived")
    if "arrived" in actuals:
        assert actuals["authorized"] <= actuals["arrived"]


@given(CASES)
def test_no_deployment_without_an_adopted_decision_before_it(case: Case) -> None:
    attempts, accepted, decision_hours = case
    decision_at = None if decision_hours is None else T0 + dt.timedelta(hours=decision_hours)
    actuals = apply(attempts, accepted=accepted, decision_at=decision_at)
    event("departed" if "departed" in actuals else "not departed")
    if "departed" in actuals:
        assert accepted
        assert decision_at is not None
        assert decision_at <= actuals["departed"]


CONTINGENT = st.lists(HOURS, min_size=0, max_size=len(PHASE_CODES)).map(
    lambda hours: {phase: T0 + dt.timedelta(hours=h)
                   for phase, h in zip(PHASE_CODES, sorted(hours), strict=False)})


@given(st.lists(CONTINGENT, max_size=6))
def test_withdrawal_is_complete_only_when_every_contingent_that_set_out_is_home(
        contingents: list[dict[str, dt.datetime]]) -> None:
    expected = all("home" in c for c in contingents if "departed" in c)
    assert rules.every_contingent_home(contingents) is expected


ACKS = st.dictionaries(st.sampled_from(["ARM", "BLR", "KAZ", "RUS"]), HOURS)
DECISION = st.one_of(st.none(), HOURS)


def _at(hours: int) -> dt.datetime:
    return T0 + dt.timedelta(hours=hours)


def _measured(contingents: list[dict[str, dt.datetime]], decision_hours: int | None = None,
              acks: dict[str, int] | None = None, *, shift: dt.timedelta = dt.timedelta(0)) -> rules.Metrics:
    """The metrics of a crisis requested at T0 (+ shift), every other time moved by the same shift."""
    return rules.metrics(
        requested_at=T0 + shift, decision_at=None if decision_hours is None else _at(decision_hours) + shift,
        contingents=[{phase: at + shift for phase, at in c.items()} for c in contingents],
        acknowledged={member: _at(h) + shift for member, h in (acks or {}).items()})


def _durations(found: rules.Metrics) -> tuple[object, ...]:
    return (found.to_decision, found.to_first_arrival, found.to_full_capability, found.to_withdrawal,
            [(s.phase, s.spread) for s in found.spreads], found.acknowledgements)


# The metrics' facts that hold whatever the implementation: how they answer to moving, reordering and
# adding contingents, and how they order among themselves. The worked examples below pin the numbers.


@given(st.lists(CONTINGENT, max_size=6), DECISION, ACKS, st.integers(min_value=-10_000, max_value=10_000))
def test_the_metrics_are_durations_since_the_request_so_moving_every_time_changes_none(
        contingents: list[dict[str, dt.datetime]], decision_hours: int | None, acks: dict[str, int],
        shift_hours: int) -> None:
    assert _durations(_measured(contingents, decision_hours, acks)) == _durations(
        _measured(contingents, decision_hours, acks, shift=dt.timedelta(hours=shift_hours)))


@given(st.lists(CONTINGENT, max_size=6), DECISION, ACKS, st.randoms(use_true_random=False))
def test_the_metrics_do_not_depend_on_the_order_of_the_contingents(
        contingents: list[dict[str, dt.datetime]], decision_hours: int | None, acks: dict[str, int],
        random: Any) -> None:
    shuffled = list(contingents)
    random.shuffle(shuffled)
    assert _durations(_measured(contingents, decision_hours, acks)) == _durations(
        _measured(shuffled, decision_hours, acks))


@given(st.lists(CONTINGENT, max_size=6), DECISION, ACKS)
def test_the_metrics_come_in_the_order_of_the_phases_and_none_is_negative(
        contingents: list[dict[str, dt.datetime]], decision_hours: int | None, acks: dict[str, int]) -> None:
    found = _measured(contingents, decision_hours, acks)
    durations = [found.to_first_arrival, found.to_full_capability, found.to_withdrawal]
    known = [d for d in durations if d is not None]
    assert all(d >= dt.timedelta(0) for d in known)
    assert known == sorted(known)
    # Capability is full before withdrawal is complete: a withdrawal never stands without it.
    assert found.to_withdrawal is None or found.to_full_capability is not None
    assert (found.to_decision is None) is (decision_hours is None)
    assert (found.to_first_arrival is None) is not any("arrived" in c for c in contingents)
    assert set(found.acknowledgements) == set(acks)
    assert [s.phase for s in found.spreads] == [p for p in PHASE_CODES if any(p in c for c in contingents)]
    assert all(s.spread >= dt.timedelta(0) for s in found.spreads)


@given(st.lists(CONTINGENT, max_size=6), DECISION, st.lists(HOURS, max_size=2))
def test_a_contingent_that_never_set_out_changes_no_deployment_measure(
        contingents: list[dict[str, dt.datetime]], decision_hours: int | None, hours: list[int]) -> None:
    before = _measured(contingents, decision_hours)
    stayed = {phase: _at(h) for phase, h in zip(("alerted", "authorized"), sorted(hours), strict=False)}
    after = _measured([*contingents, stayed], decision_hours)
    assert (after.to_first_arrival, after.to_full_capability, after.to_withdrawal) == (
        before.to_first_arrival, before.to_full_capability, before.to_withdrawal)


@given(st.lists(CONTINGENT, max_size=6), DECISION,
       st.integers(min_value=PHASE_CODES.index("departed"), max_value=PHASE_CODES.index("home") - 1), HOURS)
def test_a_contingent_still_abroad_leaves_the_withdrawal_incomplete(
        contingents: list[dict[str, dt.datetime]], decision_hours: int | None, reached: int, hours: int) -> None:
    abroad = {phase: _at(hours) for phase in PHASE_CODES[:reached + 1]}  # departed at least, not home
    assert _measured([*contingents, abroad], decision_hours).to_withdrawal is None


# Worked by hand. The request comes at T0 (12:00 UTC on 5 January 2022); the decision six hours later.
# Russia's contingent: alerted +1 h, authorized +2 h, departed +8 h, arrived +20 h, operational +26 h,
# handing over +200 h, withdrawing +250 h, home +300 h. Belarus's: alerted +3 h, authorized +5 h,
# departed +10 h, arrived +16 h (first to arrive), operational +30 h (the last to be), handing over +190 h,
# withdrawing +240 h, home +280 h. Kazakhstan's own alerted at +4 h and never left.
RUS = dict(zip(PHASE_CODES, map(_at, (1, 2, 8, 20, 26, 200, 250, 300)), strict=True))
BLR = dict(zip(PHASE_CODES, map(_at, (3, 5, 10, 16, 30, 190, 240, 280)), strict=True))
KAZ = {"alerted": _at(4)}
H = dt.timedelta(hours=1)


def test_the_metrics_of_a_worked_example() -> None:
    found = _measured([RUS, BLR, KAZ], 6, {"ARM": 2, "KAZ": 0})
    assert found.to_decision == 6 * H
    assert found.to_first_arrival == 16 * H
    assert found.to_full_capability == 30 * H
    assert found.to_withdrawal == 300 * H
    assert [(s.phase, s.first, s.last, s.spread) for s in found.spreads] == [
        ("alerted", _at(1), _at(4), 3 * H), ("authorized", _at(2), _at(5), 3 * H),
        ("departed", _at(8), _at(10), 2 * H), ("arrived", _at(16), _at(20), 4 * H),
        ("operational", _at(26), _at(30), 4 * H), ("handing_over", _at(190), _at(200), 10 * H),
        ("withdrawing", _at(240), _at(250), 10 * H), ("home", _at(280), _at(300), 20 * H)]
    assert found.acknowledgements == {"ARM": 2 * H, "KAZ": 0 * H}


def test_the_metrics_while_one_contingent_is_still_on_its_way_and_another_abroad() -> None:
    # Belarus's contingent has departed (+10 h) but not arrived; Russia's is operational (+26 h), not home.
    on_its_way = {phase: BLR[phase] for phase in ("alerted", "authorized", "departed")}
    abroad = {phase: RUS[phase] for phase in PHASE_CODES[:5]}
    found = _measured([abroad, on_its_way], None)
    assert found.to_decision is None
    assert found.to_first_arrival == 20 * H
    assert found.to_full_capability is None  # Belarus's is deployed and not yet operational
    assert found.to_withdrawal is None
    assert [(s.phase, s.spread) for s in found.spreads] == [
        ("alerted", 2 * H), ("authorized", 3 * H), ("departed", 2 * H), ("arrived", 0 * H),
        ("operational", 0 * H)]


def test_the_metrics_before_anyone_set_out() -> None:
    found = _measured([KAZ], 6)
    assert (found.to_decision, found.to_first_arrival, found.to_full_capability, found.to_withdrawal) == (
        6 * H, None, None, None)
    assert [(s.phase, s.spread) for s in found.spreads] == [("alerted", 0 * H)]
    assert found.acknowledgements == {}


def test_the_force_gap_counts_what_is_pledged_accepted_and_deployed() -> None:
    rows = rules.force_gap({"infantry_company": 4}, [
        rules.PledgeFacts("infantry_company", 2, "accepted", True),
        rules.PledgeFacts("infantry_company", 1, "declined", False),
        rules.PledgeFacts("infantry_company", 1, "pledged", False),
        rules.PledgeFacts("medical_team", 1, "accepted", False),
    ])
    assert [(r.capability, r.required, r.pledged, r.accepted, r.deployed, r.gap) for r in rows] == [
        ("infantry_company", 4, 3, 2, 2, 2), ("medical_team", 0, 1, 1, 0, 0)]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ATTEMPTS, st.booleans())
def test_the_actions_keep_the_rules_in_the_database(organization: None, attempts: list[tuple[str, int]],
                                                    decided: bool) -> None:
    crisis = actions.file_request(actor=actor("kaz.head"), at=T0, **REQUEST)
    actions.choose_response(actor=actor("secretariat"), crisis=crisis.pk, response="operation", at=T0)
    actions.set_mandate(actor=actor("secretariat"), crisis=crisis.pk, purpose="Protect sites", area="Kazakhstan",
                        ends_at=T0 + dt.timedelta(days=30), commander="Commander", commander_body="CMD",
                        requirements={"infantry_company": 1},
                        decision_identifier="CSC decision" if decided else "",
                        decision_at=T0 + dt.timedelta(hours=5) if decided else None)
    pledge = actions.pledge_contingent(actor=actor("rus.head"), crisis=crisis.pk, capability="infantry_company",
                                       quantity=1, at=T0)
    actions.answer_pledge(actor=actor("kaz.head"), pledge=pledge.pk, accept=True, at=T0)
    refusals = []
    for phase, hours in attempts:
        try:
            actions.record_phase(actor=actor("rus.delegate"), pledge=pledge.pk, phase=phase,
                                 at=T0 + dt.timedelta(hours=hours))
        except InvalidInput as refused:
            refusals.append(refused.field)
    assert set(refusals) <= {"phase"}
    actuals = {row.phase: row.actual_at for row in Phase.objects.filter(pledge=pledge) if row.actual_at}
    if "arrived" in actuals:
        assert actuals["authorized"] <= actuals["arrived"]
    if "departed" in actuals:
        assert decided
        assert actuals["departed"] >= T0 + dt.timedelta(hours=5)
