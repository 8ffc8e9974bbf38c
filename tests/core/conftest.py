"""Fixtures of the write-path tests: the reference organization, its personas and their private keys."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db.backends.signals import connection_created
from nacl.signing import SigningKey as PrivateKey

# The reference organization's builder lives beside the web tests, which share it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

import reference_org

from accord.core.acting import Actor
from accord.members import actions
from accord_verify import entries

# Personas who sign: each gets a private key of its own, registered through the real action.
SIGNERS = ("secretariat", "arm.head", "arm.delegate", "kaz.head", "kaz.delegate")


def private_key(handle: str, label: str = "") -> PrivateKey:
    """A fixed private key per persona (and label), so that a failing test can be replayed."""
    return PrivateKey(hashlib.sha256(f"accord test key {handle} {label}".encode()).digest())


def public_key_of(key: PrivateKey) -> str:
    return entries.b64(bytes(key.verify_key))


def _build() -> None:
    reference_org.build()
    for handle in SIGNERS:
        actions.register_key(actor=Actor.console(), person=handle,
                             public_key=public_key_of(private_key(handle)), label="test")


@pytest.fixture
def organization(db: None) -> None:
    """The reference organization, and a registered key for every persona who signs."""
    _build()


@pytest.fixture
def committed_organization(transactional_db: None) -> None:
    """The same, committed: for tests of what happens when an act commits (live events)."""
    _build()


@pytest.fixture
def keys() -> dict[str, PrivateKey]:
    """The personas' private keys, as they keep them on their own machines."""
    return {handle: private_key(handle) for handle in SIGNERS}


# The connection tests' (a stream's, an error page's): every database connection opened from here on, on any
# thread.
@pytest.fixture
def opened() -> Iterator[list[Any]]:
    found: list[Any] = []

    def note(sender: Any, connection: Any, **kwargs: Any) -> None:
        found.append(connection)

    connection_created.connect(note)
    yield found
    connection_created.disconnect(note)
