"""Fixtures of the search tests: the meetings tests' summit (with its closed part), and signed-in clients."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from django.test import Client

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "meetings"))

import meetings_world


@pytest.fixture
def world(db: None) -> meetings_world.World:
    return meetings_world.build()


@pytest.fixture
def login() -> meetings_world.SignIn:
    def sign_in(username: str | None) -> Client:
        client = Client()
        if username is not None:
            assert client.login(username=username, password=meetings_world.PASSWORD)
        return client

    return sign_in
