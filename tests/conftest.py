"""Settings every test shares: Argon2 still hashes the passwords, with small, fast parameters."""

from __future__ import annotations

import pytest
from django.conf import settings


def pytest_configure(config: pytest.Config) -> None:
    settings.PASSWORD_HASHERS = ["fast_hashing.FastArgon2PasswordHasher"]
