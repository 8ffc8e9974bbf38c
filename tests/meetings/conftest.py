"""Fixtures of the meetings tests: the small organization with its summit, and signed-in clients."""

from __future__ import annotations

import meetings_world
import pytest
from django.test import Client


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
