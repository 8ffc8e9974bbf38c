"""Fixtures of the decisions tests (their helpers live in decisions_helpers, named apart from others)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from decisions_helpers import decisions_build


@pytest.fixture
def decisions_org(db: None) -> None:
    decisions_build()
