"""Fixtures of the meetings tests: the small organization with its summit, and signed-in clients."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import meetings_world
import pytest
from django.test import Client

from accord.core import clock


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


@pytest.fixture
def before_the_summit(world: meetings_world.World) -> Iterator[dt.datetime]:
    """The clock on the eve of the 2022 summit, once the world is built: a delegation asks for meetings on
    its margins only before they take place."""
    with clock.pinned(dt.datetime(2022, 5, 15, 12, 0, tzinfo=dt.UTC)) as instant:
        yield instant
