"""The workflow's rules, property-tested over plain data and, through the real actions, in the database."""

from __future__ import annotations

import datetime as dt

from crises_fixtures import REQUEST, T0, actor
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.core.errors import InvalidInput
from accord.crises import actions, rules
from accord.crises.catalogue import PHASE_CODES
from accord.crises.models import Phase

HOURS = st.integers(min_value=0, max_value=24 * 20)
ATTEMPTS = st.lists(st.tuples(st.sampled_from(PHASE_CODES), HOURS), max_size=25)


def apply(attempts: list[tuple[str, int]], *, accepted: bool, decision_at: dt.datetime | None
          ) -> dict[str, dt.datetime]:
    """Apply each attempt the rules allow, as record_phase does."""
    actuals: dict[str, dt.datetime] = {}
    for phase, hours in attempts:
        at = T0 + dt.timedelta(hours=hours)
        if rules.phase_refusal(actuals, phase, at, accepted=accepted, decision_at=decision_at) is None:
            actuals[phase] = at
    return actuals


@given(ATTEMPTS, st.booleans(), st.one_of(st.none(), HOURS))
def test_phases_come_in_order_and_none_arrives_before_its_national_authorization(
        attempts: list[tuple[str, int]], accepted: bool, decision_hours: int | None) -> None:
    decision_at = None if decision_hours is None else T0 + dt.timedelta(hours=decision_hours)
    actuals = apply(attempts, accepted=accepted, decision_at=decision_at)
    reached = [phase for phase in PHASE_CODES if phase in actuals]
    assert reached == list(PHASE_CODES[:len(reached)])
    times = [actuals[phase] for phase in reached]
    assert times == sorted(times)
    if "arrived" in actuals:
        assert actuals["authorized"] <= actuals["arrived"]


@given(ATTEMPTS, st.booleans(), st.one_of(st.none(), HOURS))
def test_no_deployment_without_an_adopted_decision_before_it(
        attempts: list[tuple[str, int]], accepted: bool, decision_hours: int | None) -> None:
    decision_at = None if decision_hours is None else T0 + dt.timedelta(hours=decision_hours)
    actuals = apply(attempts, accepted=accepted, decision_at=decision_at)
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


@given(st.lists(CONTINGENT, max_size=6), st.one_of(st.none(), HOURS),
       st.dictionaries(st.sampled_from(["ARM", "BLR", "KAZ", "RUS"]), HOURS))
def test_the_metrics_equal_what_the_acts_times_imply(contingents: list[dict[str, dt.datetime]],
                                                       decision_hours: int | None, acks: dict[str, int]) -> None:
    decision_at = None if decision_hours is None else T0 + dt.timedelta(hours=decision_hours)
    acknowledged = {member: T0 + dt.timedelta(hours=h) for member, h in acks.items()}
    found = rules.metrics(requested_at=T0, decision_at=decision_at, contingents=contingents,
                          acknowledged=acknowledged)
    assert found.to_decision == (None if decision_at is None else decision_at - T0)
    arrivals = [c["arrived"] for c in contingents if "arrived" in c]
    assert found.to_first_arrival == (min(arrivals) - T0 if arrivals else None)
    deployed = [c for c in contingents if "departed" in c]
    if deployed and all("operational" in c for c in deployed):
        assert found.to_full_capability == max(c["operational"] for c in deployed) - T0
    else:
        assert found.to_full_capability is None
    if deployed and all("home" in c for c in deployed):
        assert found.to_withdrawal == max(c["home"] for c in deployed) - T0
    else:
        assert found.to_withdrawal is None
    for spread in found.spreads:
        times = [c[spread.phase] for c in contingents if spread.phase in c]
        assert spread.spread == max(times) - min(times)
    assert found.acknowledgements == {m: at - T0 for m, at in acknowledged.items()}


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
