"""Django's SQLite backend, whose connections a served request leaves open for the next one.

Under the ASGI server each request gets a database connection of its own (Django keeps connections per
request context), and Django closes it when the answer is sent. A new SQLite connection is cheap to open, but
its first statement reads and parses the whole schema and maps the WAL's index: 1.5 to 3 ms on the demo's
database, where answering a kept page took about 7 ms (docs/performance.md, "One crossing per request,
SQLite connections kept, a session's reads prepared"). So the connections of served requests (`reusing()`,
which accord.core.handler sets around each request it runs) are not closed but kept, at most
settings.SQLITE_CONNECTIONS_KEPT of them, the one kept last given first, and the next served request takes
one instead of opening its own. PostgreSQL has its pool
(settings.py); this is the same for SQLite, where no pool is offered.

A connection is kept only as it would be reused safely: not inside a transaction, not after a database error
(such a one is closed, as Django would), and only for the very file it was opened on: a database file
replaced under the running server (moved aside, restored by copying) is never answered from a connection to
the old one. A restore through `accord restore` empties the kept connections first (close_pool). Nothing else
is different: the command line, the tests' client and every request outside `reusing()` open and close their
connections as Django does.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import sqlite3
import threading
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db.backends.sqlite3 import base

_reusing: contextvars.ContextVar[bool] = contextvars.ContextVar("accord_sqlite_reusing", default=False)


@contextlib.contextmanager
def reusing() -> Iterator[None]:
    """Within this block (a served request), a connection opened is taken from the kept ones and kept after."""
    token = _reusing.set(True)
    try:
        yield
    finally:
        _reusing.reset(token)


def _file_of(path: str) -> tuple[int, int] | None:
    """The file's identity (device, inode), or None when there is no such file."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


class _Kept:
    """The idle connections of each database file, with the file each was opened on."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: dict[str, list[tuple[sqlite3.Connection, tuple[int, int]]]] = {}

    def take(self, path: str) -> tuple[sqlite3.Connection, tuple[int, int]] | None:
        file = _file_of(path)
        while True:
            with self._lock:
                idle = self._idle.get(path)
                if not idle:
                    return None
                connection, opened_on = idle.pop()
            if opened_on == file:
                return connection, opened_on
            connection.close()  # opened on a file since replaced or removed

    def give(self, path: str, connection: sqlite3.Connection, opened_on: tuple[int, int]) -> bool:
        with self._lock:
            idle = self._idle.setdefault(path, [])
            if len(idle) >= settings.SQLITE_CONNECTIONS_KEPT:
                return False
            idle.append((connection, opened_on))
            return True

    def close_all(self) -> None:
        with self._lock:
            idle = [connection for each in self._idle.values() for connection, _ in each]
            self._idle.clear()
        for connection in idle:
            connection.close()

    def count(self, path: str) -> int:
        with self._lock:
            return len(self._idle.get(path, ()))


kept = _Kept()


class DatabaseWrapper(base.DatabaseWrapper):
    # The file the open connection was opened on, when it is to be kept after (opened within reusing()).
    _kept_for: tuple[int, int] | None = None

    def get_new_connection(self, conn_params: dict[str, Any]) -> sqlite3.Connection:
        self._kept_for = None
        path = str(conn_params["database"])
        if not _reusing.get() or self.is_in_memory_db() or path.startswith("file:"):
            return super().get_new_connection(conn_params)  # type: ignore[no-any-return]
        found = kept.take(path)
        if found is not None:
            connection, self._kept_for = found
            return connection
        connection = super().get_new_connection(conn_params)
        self._kept_for = _file_of(path)
        return connection  # type: ignore[no-any-return]

    def _close(self) -> None:
        opened_on, self._kept_for = self._kept_for, None
        if (opened_on is not None and self.connection is not None and not self.errors_occurred
                and not self.connection.in_transaction
                and kept.give(str(self.settings_dict["NAME"]), self.connection, opened_on)):
            return
        super()._close()  # type: ignore[misc]  # not in the stubs of the SQLite backend

    def close_pool(self) -> None:
        """Every kept connection closed (before the database is replaced), as PostgreSQL closes its pool."""
        kept.close_all()
