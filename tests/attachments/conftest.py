"""Fixtures of the attachments tests: the meetings tests' summit (open and closed parts), a document, and a
store of files of each test's own."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from django.test import Client

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "meetings"))

import meetings_world


@pytest.fixture(autouse=True)
def own_store(settings: pytest.FixtureRequest, tmp_path: Path) -> Path:
    settings.VAR_DIR = tmp_path  # type: ignore[attr-defined]
    return tmp_path / "attachments"


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
