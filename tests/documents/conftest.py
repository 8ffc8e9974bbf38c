"""Fixtures of the documents tests: the organization with every head's key."""

from __future__ import annotations

from collections.abc import Callable

import documents_org
import pytest
from django.test import Client
from nacl.signing import SigningKey


@pytest.fixture
def head_keys(db: None) -> dict[str, SigningKey]:
    return documents_org.build()


def _login(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=documents_org.PASSWORD)
    return client


@pytest.fixture
def login(head_keys: dict[str, SigningKey]) -> Callable[[str], Client]:
    return _login
