"""Helpers of the exercises tests: the crisis tests' organization (every delegation signs in, an observer,
the councils), the Joint Staff, a standing force, and an exercise planned through the real actions."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "crises"))

from crises_fixtures import actor, build_crisis_organization, call, page, signed_in

from accord.core.acting import Actor
from accord.exercises import actions
from accord.exercises.models import Exercise
from accord.forces import actions as forces
from accord.members import actions as registry

__all__ = ["actor", "call", "exercises_organization", "page", "planned", "signed_in"]

NAME = {"ru": "Нерушимое братство-2022", "en": "Indestructible Brotherhood-2022"}


@pytest.fixture
def exercises_organization(db: None) -> int:
    """The organization with the Joint Staff and the peacekeeping force; the force's id."""
    build_crisis_organization()
    console = Actor.console()
    registry.establish_body(actor=console, code="JS", name={"ru": "Объединённый штаб", "en": "Joint Staff"})
    return forces.establish_force(actor=console, name={"ru": "Миротворческие силы", "en": "Peacekeeping Forces"},
                                  size=3600, decision_reference="Decision of the Council").pk


def planned(force: int | None = None, **changes: Any) -> Exercise:
    given: dict[str, Any] = {
        "name": NAME, "kind": "peacekeeping", "host": "KGZ", "ground": "Balykchy",
        "planned_start": "2022-10-10", "planned_end": "2022-10-14", "lead": "JS",
        "forces_exercised": [force] if force else [], "classification": "public", **changes}
    return actions.plan_exercise(actor=actor("secretariat"), **given)
