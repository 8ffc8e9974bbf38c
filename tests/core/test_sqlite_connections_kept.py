"""SQLite: a served request takes a connection an earlier one left, instead of opening its own and reading the
whole schema again (accord.core.backends.sqlite3); only where that is safe, and only for served requests."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from sqlite3 import dbapi2
from typing import Any

import pytest
from django.db import connection
from django.test import Client, override_settings
from serving import asgi_get

from accord.core.backends.sqlite3.base import DatabaseWrapper, kept, reusing

# The scratch databases' wrappers are made here, not by Django's connections: `db` lets them connect.
pytestmark = [pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own (PostgreSQL has its pool)"),
              pytest.mark.usefixtures("db")]


@pytest.fixture(autouse=True)
def _none_kept() -> Iterator[None]:
    kept.close_all()
    yield
    kept.close_all()


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each database file a new SQLite connection was opened on, from here on."""
    found: list[str] = []
    connect = dbapi2.connect  # what Django's SQLite backend connects with

    def counted(*arguments: Any, **keywords: Any) -> sqlite3.Connection:
        found.append(str(keywords.get("database", arguments[0] if arguments else "")))
        opened: sqlite3.Connection = connect(*arguments, **keywords)
        return opened

    monkeypatch.setattr(dbapi2, "connect", counted)
    return found


def _test_database() -> str:
    return str(connection.settings_dict["NAME"])


@pytest.mark.usefixtures("transactional_db")  # the served requests read it from their own connections
def test_served_requests_share_one_kept_connection(opened: list[str]) -> None:
    for _ in range(3):
        status, _, _ = asgi_get("/api/v1/meetings/sessions")
        assert status == 200
    assert opened == [_test_database()]  # the first request's, kept for the two after
    assert kept.count(_test_database()) == 1


def test_the_test_client_keeps_nothing(opened: list[str]) -> None:
    Client().get("/api/v1/meetings/sessions")
    assert kept.count(_test_database()) == 0


def _scratch(path: Path) -> DatabaseWrapper:
    """A wrapper of its own on another database file, with the test database's settings otherwise."""
    return DatabaseWrapper({**connection.settings_dict, "NAME": str(path)}, alias="scratch")


def _tables(wrapper: DatabaseWrapper) -> list[str]:
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        return [row[0] for row in cursor.fetchall()]


def test_a_connection_is_given_again_to_the_next_served_request(tmp_path: Path) -> None:
    with reusing():
        first = _scratch(tmp_path / "a.sqlite3")
        first.ensure_connection()
        raw = first.connection
        first.close()
        second = _scratch(tmp_path / "a.sqlite3")
        second.ensure_connection()
        assert second.connection is raw
        second.close()


def test_a_connection_left_in_a_transaction_is_closed_not_kept(tmp_path: Path) -> None:
    with reusing():
        wrapper = _scratch(tmp_path / "a.sqlite3")
        wrapper.ensure_connection()
        raw = wrapper.connection
        raw.execute("BEGIN")
        raw.execute("CREATE TABLE t (x)")
        wrapper.close()
    assert kept.count(str(tmp_path / "a.sqlite3")) == 0
    with pytest.raises(sqlite3.ProgrammingError):
        raw.execute("SELECT 1")  # closed
    assert _tables(_scratch(tmp_path / "a.sqlite3")) == []  # and nothing of it committed


def test_a_connection_after_a_database_error_is_closed_not_kept(tmp_path: Path) -> None:
    with reusing():
        wrapper = _scratch(tmp_path / "a.sqlite3")
        with pytest.raises(Exception, match="no such table"), wrapper.cursor() as cursor:
            cursor.execute("SELECT * FROM nowhere")
        assert wrapper.errors_occurred
        wrapper.close()
    assert kept.count(str(tmp_path / "a.sqlite3")) == 0


def test_a_replaced_database_file_is_never_read_through_a_connection_to_the_old_one(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    with reusing():
        wrapper = _scratch(path)
        with wrapper.cursor() as cursor:
            cursor.execute("CREATE TABLE before_the_restore (x)")
        wrapper.close()
        assert kept.count(str(path)) == 1
        # The file replaced under the running server, as copying a backup over it would.
        path.rename(tmp_path / "aside.sqlite3")
        with sqlite3.connect(path) as replacement:
            replacement.execute("CREATE TABLE after_the_restore (x)")
        replacement.close()
        again = _scratch(path)
        assert _tables(again) == ["after_the_restore"]
        again.close()
    assert kept.count(str(path)) == 1  # the new file's connection; the old one's was closed


@override_settings(SQLITE_CONNECTIONS_KEPT=1)
def test_no_more_are_kept_than_the_setting(tmp_path: Path) -> None:
    with reusing():
        first, second = _scratch(tmp_path / "a.sqlite3"), _scratch(tmp_path / "a.sqlite3")
        first.ensure_connection()
        second.ensure_connection()
        extra = second.connection
        first.close()
        second.close()
    assert kept.count(str(tmp_path / "a.sqlite3")) == 1
    with pytest.raises(sqlite3.ProgrammingError):
        extra.execute("SELECT 1")


def test_a_restore_closes_every_kept_connection(tmp_path: Path) -> None:
    with reusing():
        wrapper = _scratch(tmp_path / "a.sqlite3")
        wrapper.ensure_connection()
        raw = wrapper.connection
        wrapper.close()
    wrapper.close_pool()  # as accord.core.backups does before it replaces the database
    assert kept.count(str(tmp_path / "a.sqlite3")) == 0
    with pytest.raises(sqlite3.ProgrammingError):
        raw.execute("SELECT 1")
