"""Fixtures of the ledger tests: the small log of `ledger_acts`, in a test transaction or committed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The log's builder lives beside the tests, which import its helpers too.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ledger_acts import Acts, build


@pytest.fixture
def acts(db: None) -> Acts:
    return build()


@pytest.fixture
def committed_acts(transactional_db: None) -> Acts:
    """The same log, committed: for a server running in another thread to read."""
    return build()
