"""The outsiders' world, built once for the module and rolled back after it; each test runs in a savepoint."""

from __future__ import annotations

from collections.abc import Iterator

import outsiders_world
import pytest
from django.db import transaction


@pytest.fixture(scope="module")
def outsiders(django_db_setup: None, django_db_blocker) -> Iterator[outsiders_world.World]:  # type: ignore[no-untyped-def]
    """Building the world through the real actions takes seconds; the test calls hundreds of routes on it.

    The actions open durable transactions, which Django allows only directly inside a test case's own
    atomic block: this outer block says it is one (as django.test.TestCase's are), and is rolled back.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer._from_testcase = True  # type: ignore[attr-defined]
        with outer:
            yield outsiders_world.build()
            transaction.set_rollback(True)
