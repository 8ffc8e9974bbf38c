"""Settings every test shares: Argon2 still hashes the passwords, with small, fast parameters."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings


def pytest_configure(config: pytest.Config) -> None:
    settings.PASSWORD_HASHERS = ["fast_hashing.FastArgon2PasswordHasher"]
    # No thread of its own submitting checkpoints behind a test's back: the witness tests submit
    # through `witnessing.submit_latest`, as the background worker does.
    settings.WITNESS_SUBMISSION = "manual"
    # Tests serve the app (browser tests) under the demo's default log origin, as `make run` does.
    settings.DEMO = True


@pytest.fixture(scope="session", autouse=True)
def _live_listener_stops_before_the_test_database_goes(django_db_setup: None) -> Iterator[None]:
    """On PostgreSQL the live-event listener holds a connection, which would keep the test database."""
    yield
    from accord.core.events import broker

    broker.stop()


@pytest.fixture(autouse=True)
def _each_test_starts_in_the_default_language() -> Iterator[None]:
    """A request in Russian leaves Russian active in its thread; the next test must not inherit it."""
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)
