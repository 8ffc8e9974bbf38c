"""The PostgreSQL pool's check of a connection it hands out (accord/core/backends/postgresql): no round trip
for a connection its server has said nothing on, the empty query for one it has, and a connection whose
backend was ended refused before any request uses it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from django.db import connection
from psycopg_pool import ConnectionPool

pytestmark = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL only")


def _connect() -> psycopg.Connection[Any]:
    settings = connection.settings_dict
    return psycopg.connect(host=settings["HOST"] or "127.0.0.1", port=settings["PORT"] or 5432,
                           user=settings["USER"], password=settings["PASSWORD"] or None,
                           dbname=settings["NAME"], autocommit=True)


@pytest.fixture
def idle() -> Iterator[psycopg.Connection[Any]]:
    with _connect() as made:
        made.execute("SELECT 1")
        yield made


@pytest.fixture
def queried(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The connections the check sent its empty query to."""
    sent: list[object] = []
    real = ConnectionPool.check_connection

    def recorded(checked: Any) -> None:
        sent.append(checked)
        real(checked)

    monkeypatch.setattr(ConnectionPool, "check_connection", staticmethod(recorded))
    return sent


def _end(pid: int) -> None:
    """The backend terminated by another session, and gone (its FATAL error sent to its client)."""
    with _connect() as other:
        assert other.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone() == (True,)
        for _wait in range(500):
            if other.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone() == (0,):
                return
            time.sleep(0.01)
    raise AssertionError(f"backend {pid} still there")


def test_the_served_pool_checks_with_accords_check() -> None:
    from accord.core.backends.postgresql.base import check

    pool = connection.pool  # type: ignore[attr-defined]  # the PostgreSQL backend's
    assert pool is not None
    assert pool._check is check


def test_an_idle_connection_is_handed_out_without_a_query(idle: psycopg.Connection[Any],
                                                          queried: list[object]) -> None:
    from accord.core.backends.postgresql.base import check

    check(idle)
    check(idle)
    assert queried == []
    assert idle.execute("SELECT 2").fetchone() == (2,)


def test_a_connection_whose_backend_was_ended_is_refused(idle: psycopg.Connection[Any],
                                                         queried: list[object]) -> None:
    from accord.core.backends.postgresql.base import check

    _end(idle.info.backend_pid)
    with pytest.raises(psycopg.OperationalError):
        check(idle)
    assert queried == [idle]
    # Once broken, it is refused at once.
    with pytest.raises(psycopg.OperationalError):
        check(idle)
    assert queried == [idle]


def test_a_connection_with_a_notice_waiting_is_queried_and_kept(idle: psycopg.Connection[Any],
                                                                queried: list[object]) -> None:
    from accord.core.backends.postgresql.base import check

    idle.execute("LISTEN accord_pool_check")
    with _connect() as other:
        other.execute("NOTIFY accord_pool_check, 'hello'")
    for _wait in range(500):
        check(idle)
        if queried:
            break
        time.sleep(0.01)
    assert queried == [idle]
    check(idle)
    assert queried == [idle]
    assert idle.execute("SELECT 3").fetchone() == (3,)
