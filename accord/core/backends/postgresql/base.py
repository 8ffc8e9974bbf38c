"""Django's PostgreSQL backend, whose pool checks a connection it hands out without a round trip when it can.

With CONN_HEALTH_CHECKS, Django's pool checks every connection it hands out by sending it an empty query
(psycopg_pool's `check_connection`). That keeps the outage check's promise: after the database restarted, or
terminated its backends, a dead connection is replaced before a request fails on it. But it is a round trip
to the server for every request, one in four of a kept answer's (the check, the session, the person, the
log's version), on a server that may share the machine's cores with the application.

A backend that the server ends (a restart, `pg_terminate_backend`, `idle_session_timeout`) tells its client
first: it sends its FATAL error and closes the socket, which the client's side then has to read. So a
connection whose socket has nothing to read was not ended by its server, and is handed out without a query;
one whose socket has something (the error, the end of the stream, or a notice) is checked by the empty query
as before, and replaced if that fails. What no check of an idle connection catches (a network that drops the
connection without a word) neither of them catches: the request that finds it fails and is answered 503 with
Retry-After (accord.core.outage), as before.
"""

from __future__ import annotations

import select
from typing import Any

import psycopg
from django.db.backends.base.base import NO_DB_ALIAS
from django.db.backends.postgresql import base
from psycopg_pool import ConnectionPool


def _has_something_to_read(connection: psycopg.Connection[Any]) -> bool:
    """Whether the connection's socket has bytes (or its end) waiting, without waiting for any."""
    poll = select.poll()
    poll.register(connection.pgconn.socket, select.POLLIN | select.POLLPRI)
    return bool(poll.poll(0))


def check(connection: psycopg.Connection[Any]) -> None:
    """The pool's check of a connection it hands out: raises when it is no longer usable (the module's
    docstring). A round trip only when the server may have said something since the connection was idle."""
    if connection.closed or connection.broken:
        raise psycopg.OperationalError("the connection is closed")
    if _has_something_to_read(connection):
        ConnectionPool.check_connection(connection)


class DatabaseWrapper(base.DatabaseWrapper):
    @property
    def pool(self) -> ConnectionPool | None:
        """Django's pool, made as Django makes it but with `check` as its check of each connection it hands
        out (when CONN_HEALTH_CHECKS asks for one)."""
        options = self.settings_dict["OPTIONS"].get("pool")
        pools = self._connection_pools  # type: ignore[attr-defined]  # Django's, not in the stubs
        if options and self.alias != NO_DB_ALIAS and self.alias not in pools:
            if self.settings_dict.get("CONN_MAX_AGE", 0) != 0:
                return super().pool  # type: ignore[no-any-return]  # Django's refusal of this setting
            connect = self.get_connection_params()
            connect["autocommit"] = True  # as Django's: it sets the mode itself later
            made = ConnectionPool(
                kwargs=connect, open=False,
                configure=self._configure_connection,  # type: ignore[attr-defined]  # Django's, not in the stubs
                check=check if self.settings_dict["CONN_HEALTH_CHECKS"] else None,
                **({} if options is True else options),
            )
            pools.setdefault(self.alias, made)  # the first made wins, as in Django's
        return super().pool  # type: ignore[no-any-return]
