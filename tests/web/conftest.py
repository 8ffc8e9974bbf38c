"""Fixtures of the web tests: the reference organization and its personas' browsers."""

from __future__ import annotations

import pytest
import reference_org
from django.test import Client


@pytest.fixture
def organization(db: None) -> None:
    reference_org.build()


@pytest.fixture
def public(organization: None) -> Client:
    """Someone who has not signed in."""
    return Client()


@pytest.fixture
def delegate(organization: None) -> Client:
    """Armenia's delegate, signed in."""
    client = Client()
    assert client.login(username="arm.delegate", password=reference_org.PASSWORD)
    return client


@pytest.fixture
def russian(client: Client) -> Client:
    client.cookies["django_language"] = "ru"
    return client
