"""Helpers of the standing forces tests: the crisis tests' organization (every delegation signs in, an
observer, the councils) and a force recorded through the real action."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "crises"))

from crises_fixtures import actor, build_crisis_organization, call, page, signed_in

from accord.core.acting import Actor
from accord.forces import actions
from accord.forces.models import Force

__all__ = ["actor", "call", "page", "peacekeepers", "signed_in", "standing_forces"]

NAME = {"ru": "Коллективные миротворческие силы", "en": "Collective Peacekeeping Forces"}
PURPOSE = {"en": "Peacekeeping operations on a decision of the Council"}


@pytest.fixture
def standing_forces(db: None) -> None:
    build_crisis_organization()


def peacekeepers(classification: str = "public") -> Force:
    return actions.establish_force(actor=Actor.console(), name=NAME, purpose=PURPOSE, size=3600,
                                   decision_reference="Agreement on peacekeeping activities, 2007",
                                   classification=classification)
