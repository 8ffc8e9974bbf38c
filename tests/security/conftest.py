"""Fixtures of the security tests: the reference organization and the personas an attacker plays."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from django.test import Client

# The reference organization's builder lives beside the web tests, which share it; the small organization
# with its summit (meetings_world), which test_outsiders imports, beside the meetings tests. Both put here,
# before pytest imports any test module of this folder, so that each collects alone as in the full run.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "meetings"))

import reference_org


@pytest.fixture
def organization(db: None) -> None:
    reference_org.build()


@pytest.fixture
def anonymous(organization: None) -> Client:
    return Client()


@pytest.fixture
def officer(organization: None) -> Client:
    client = Client()
    assert client.login(username="secretariat", password=reference_org.PASSWORD)
    return client


@pytest.fixture
def delegate(organization: None) -> Client:
    """Kazakhstan's delegate, signed in."""
    client = Client()
    assert client.login(username="kaz.delegate", password=reference_org.PASSWORD)
    return client
