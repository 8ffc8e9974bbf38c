"""Django's database sessions, with the one read every signed-in request makes in SQL built once.

`django.contrib.sessions.backends.db` reads a request's session through the ORM (`objects.get`), which builds
and compiles the query again for every request; here the same SELECT, by the session's key and unexpired, is
built once per database. Everything else (saving, rotating, flushing, expiring) is Django's own.
"""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import sync_to_async
from django.contrib.sessions.backends import db
from django.core.exceptions import SuspiciousOperation
from django.db import connections, router
from django.utils import timezone

_reads: dict[str, str] = {}  # the SELECT, by database alias


class SessionStore(db.SessionStore):
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
                row = cursor.fetchone()
        except SuspiciousOperation as error:
            logging.getLogger(f"django.security.{error.__class__.__name__}").warning(str(error))
            row = None
        if row is None or key is None:
            self._session_key = None
            return None
        return model(session_key=key, session_data=row[0])

    async def _aget_session_from_db(self) -> Any:
        """The same read from the loop (the live stream's), on a thread as Django's `aget` reads."""
        return await sync_to_async(self._get_session_from_db)()


def _read(model: Any, connection: Any) -> str:
    quote = connection.ops.quote_name
    meta = model._meta
    data, key, expires = (quote(meta.get_field(name).column) for name in ("session_data", "session_key",
                                                                          "expire_date"))
    # Only the model's own table and column names, quoted by the backend; the values are parameters.
    return f"SELECT {data} FROM {quote(meta.db_table)} WHERE {key} = %s AND {expires} > %s"  # noqa: S608
