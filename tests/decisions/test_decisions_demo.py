"""The demo's decisions: what SCENARIO.md records, loaded through the actions."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from pytest_django import Settings

from accord.core.policy import ANONYMOUS
from accord.decisions import queries
from accord.decisions.models import Decision, Procedure
from accord.demo import decisions as demo
from accord.ledger import log
from accord.ledger.sources import DatabaseSource
from accord_verify import verify


@pytest.fixture
def loaded(db: None, settings: Settings, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_yerevan_tabled_17_drafts_15_adopted_and_the_two_named_returned(loaded: None) -> None:
    yerevan = Decision.objects.filter(decided_on=demo.YEREVAN)
    assert Counter(d.outcome for d in yerevan) == {"adopted": 15, "returned": 2}
    returned = sorted(d.proposal.title["en"] for d in yerevan if d.outcome == "returned")
    assert returned == sorted(title for title, _ in demo.RETURNED)
    assert all("title not in the record" in d.proposal.title["en"] for d in yerevan if d.outcome == "adopted")


def test_the_anniversary_statement_is_identified_by_body_date_and_title(loaded: None) -> None:
    identifier = f"Collective Security Council, 16 May 2022, {demo.ANNIVERSARY_EN}"
    decision = queries.decision_by_identifier(identifier)
    assert decision is not None
    assert decision.outcome == "adopted"
    assert decision.procedure.positions.count() == 6


def test_armenia_did_not_join_the_2024_budget_decision(loaded: None) -> None:
    decision = next(d for d in Decision.objects.all()
                    if d.proposal.title["en"].startswith("Decision on the Organization's budget"))
    assert decision.outcome == "adopted_limited"
    assert decision.not_joined == ["ARM"]


def test_one_silence_procedure_is_open_with_a_future_deadline(loaded: None) -> None:
    ((_, state),), total = queries.open_procedures(ANONYMOUS)
    assert total == 1
    assert state.procedure.kind == "silence"
    assert state.procedure.deadline is not None
    assert state.procedure.deadline > timezone.now()
    assert "ARM" in state.result.not_answered
    assert Procedure.objects.filter(state="open").count() == 1


def test_the_demo_ledger_verifies(loaded: None) -> None:
    report = verify.verify(DatabaseSource())
    assert report.size == log.size()
    assert report.checkpoint_size == report.size


def test_the_documents_demo_ties_its_statement_to_this_decision(loaded: None) -> None:
    from accord.demo import documents as documents_demo

    decision = queries.decision_by_identifier(documents_demo.STATEMENT_DECISION)
    assert decision is not None
    assert decision.proposal.title["en"] == documents_demo.STATEMENT_EN
