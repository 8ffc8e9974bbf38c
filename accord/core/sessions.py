"""Django's database sessions, with the one read every signed-in request makes in SQL built once.

`django.contrib.sessions.backends.db` reads a request's session through the ORM (`objects.get`), which builds
and compiles the query again for every request; here the same SELECT, by the session's key and unexpired, is
built once per database. Everything else (saving, rotating, flushing, expiring) is Django's own.

The same statement reads the log's head too (`log_head`): every signed-in request that is tagged with the
log's version (accord.core.conditional) reads both, and on PostgreSQL each statement is a round trip to the
server. It is read with the session, before anything of the state the answer shows, as a version must be
(an answer may be newer than its tag, never older).
"""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import sync_to_async
from django.contrib.sessions.backends import db
from django.core.exceptions import SuspiciousOperation
from django.db import connections, router
from django.utils import timezone

from accord.ledger import log

_reads: dict[str, str] = {}  # the SELECT, by database alias


class SessionStore(db.SessionStore):
    # The log's head as read with the session (`log.head_of`), once it was read from the database.
    log_head: tuple[int, bytes] | None = None
    log_head_read = False

    def _get_session_from_db(self) -> Any:
        """The session's row, as Django's store reads it (its key, not expired), or None: then no key either."""
        model = self.model
        connection = connections[router.db_for_read(model)]
        sql = _reads.get(connection.alias)
        if sql is None:
            sql = _reads[connection.alias] = _read(model, connection)
        try:
            key = self.session_key
            with connection.cursor() as cursor:
                cursor.execute(sql, [key, connection.ops.adapt_datetimefield_value(timezone.now())])
                data, size, frontier = cursor.fetchone()
            self.log_head, self.log_head_read = log.head_of(size, frontier), True
        except SuspiciousOperation as error:
            logging.getLogger(f"django.security.{error.__class__.__name__}").warning(str(error))
            data = None
        if data is None or key is None:
            self._session_key = None
            return None
        return model(session_key=key, session_data=data)

    async def _aget_session_from_db(self) -> Any:
        """The same read from the loop (the live stream's), on a thread as Django's `aget` reads."""
        return await sync_to_async(self._get_session_from_db)()


def _read(model: Any, connection: Any) -> str:
    quote = connection.ops.quote_name
    meta = model._meta
    data, key, expires = (quote(meta.get_field(name).column) for name in ("session_data", "session_key",
                                                                          "expire_date"))
    table = quote(meta.db_table)
    # One row whether or not the session is there: its data (or NULL) and the log's head. Only the model's own
    # table and column names, quoted by the backend, and the log's constants; the values are parameters.
    return (f'SELECT {table}.{data}, {log.HEAD_COLUMNS} FROM (SELECT 1 AS "one") AS "one" '  # noqa: S608
            f"LEFT JOIN {table} ON {table}.{key} = %s AND {table}.{expires} > %s {log.HEAD_JOIN}")


def _read_with_session(request: Any) -> SessionStore | None:
    """The request's session store if it read the log's head with the session from the database, else None."""
    session = getattr(request, "session", None)
    return session if isinstance(session, SessionStore) and session.log_head_read else None


def version_read(request: Any) -> str | None:
    """The log's version (`log.version`) as read with the request's session, or None if the session was not read
    from the database."""
    session = _read_with_session(request)
    return None if session is None else log.version_of(session.log_head)


def size_read(request: Any) -> int | None:
    """The log's size as the request read it (with its session, or for its tag: `log_version`), or None if it did
    not: where a page's live stream begins (`<body data-log-size>`, accord/web/static/web/live.js)."""
    session = _read_with_session(request)
    if session is not None:
        head = session.log_head
    elif hasattr(request, "_accord_log_head"):
        head = request._accord_log_head
    else:
        return None
    return head[0] if head else 0


def log_version(request: Any) -> str:
    """The log's version (`log.version`), as read with the request's session if it was read from the database,
    else read now (and kept with the request, for `size_read`)."""
    read = version_read(request)
    if read is not None:
        return read
    head = request._accord_log_head = log.head()
    return log.version_of(head)
